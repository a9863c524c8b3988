"""Academy attendance and the diploma rules (SPEC §3 ``diplomas``).

Pure functions: frames in, frames out. The arithmetic is exact: shares are compared
with the threshold as integer fractions, never as floating-point numbers, so 7 of 8 days
is eligible at 0.8 and hours that sum to exactly 80 % are eligible. Hours are counted in
thousandths of an hour.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from . import config

__all__ = [
    "DiplomaRules",
    "expected_sessions",
    "attendance_records",
    "diploma_table",
    "participant_periods",
    "attendance_by_plane",
    "DIPLOMA_COLUMNS",
    "STATUSES",
]

#: The columns of the diploma list, in order (SPEC §3); extra columns follow them.
DIPLOMA_COLUMNS = [
    "participant_id", "gmina_id", "first_name", "last_name", "sector", "attended", "possible",
    "share", "eligible", "can_still_miss", "max_reachable_share", "status",
]
#: Diploma statuses, from best to worst.
STATUSES = ("eligible", "on_track", "at_risk", "ineligible")

BASES = ("days", "hours")
EXCUSED_POLICIES = ("absent", "exclude", "present")
_UNITS_PER_HOUR = 1000  # hours are counted exactly to 0.001 h


@dataclass(frozen=True)
class DiplomaRules:
    """How attendance turns into a diploma.

    Parameters
    ----------
    threshold
        Share of the possible attendance needed (0–1], 0.8 by default.
    basis
        ``"days"``: a session counts 1 when present or late; ``"hours"``: hours attended.
    excused
        ``"absent"`` counts an excused absence as absent, ``"exclude"`` removes that
        session from the participant's possible total, ``"present"`` counts it attended.
    as_of
        Sessions dated after this day have not happened yet; ``None``: all have.
    """

    threshold: float = config.DIPLOMA_THRESHOLD
    basis: str = config.DIPLOMA_BASIS
    excused: str = config.DIPLOMA_EXCUSED
    as_of: dt.date | None = None

    def __post_init__(self):
        if not 0 < float(self.threshold) <= 1:
            raise ValueError(f"threshold must be in (0, 1]; got {self.threshold!r}")
        if self.basis not in BASES:
            raise ValueError(f"basis must be one of {', '.join(BASES)}; got {self.basis!r}")
        if self.excused not in EXCUSED_POLICIES:
            raise ValueError(
                f"excused must be one of {', '.join(EXCUSED_POLICIES)}; got {self.excused!r}")
        if self.as_of is not None and not isinstance(self.as_of, dt.date):
            raise ValueError(f"as_of must be a date or None; got {self.as_of!r}")

    @property
    def fraction(self) -> Fraction:
        """The threshold as an exact fraction (``0.8`` → 4/5)."""
        return Fraction(str(self.threshold)).limit_denominator(10**6)


def expected_sessions(participants: pd.DataFrame, sessions: pd.DataFrame) -> pd.DataFrame:
    """Every (participant, session) pair at which the participant is expected.

    A participant of a ``group`` is expected at that group's sessions and at sessions
    with no group; a participant with no group is expected at every session (SPEC §2).

    Returns
    -------
    pandas.DataFrame
        Columns ``participant_id``, ``session_id``, in participant then session order.
    """
    people = participants[["participant_id"]].copy()
    people["_pgroup"] = participants["group"] if "group" in participants else None
    slots = sessions[["session_id"]].copy()
    slots["_sgroup"] = sessions["group"] if "group" in sessions else None
    pairs = people.merge(slots, how="cross")
    keep = pairs["_pgroup"].isna() | pairs["_sgroup"].isna() | (pairs["_pgroup"] == pairs["_sgroup"])
    return pairs.loc[keep.to_numpy(dtype=bool), ["participant_id", "session_id"]].reset_index(drop=True)


def attendance_records(participants: pd.DataFrame, sessions: pd.DataFrame,
                       attendance: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """One row per expected (participant, session): what happened there.

    Returns
    -------
    pandas.DataFrame
        ``participant_id``, ``session_id``, ``zjazd``, ``day``, ``date``,
        ``session_hours``, ``status`` (``absent`` where the row is missing),
        ``hours`` (as given, NaN when not), ``missing`` (no attendance row),
        ``happened`` (the session is dated on or before ``as_of``), ``group`` and
        ``plane`` (the session's, NaN when it has none).
    """
    expected = expected_sessions(participants, sessions)
    session_info = sessions.drop_duplicates("session_id").set_index("session_id")
    records = expected.merge(
        attendance.drop_duplicates(["participant_id", "session_id"])
        .reindex(columns=["participant_id", "session_id", "status", "hours"]),
        on=["participant_id", "session_id"], how="left")
    records["missing"] = records["status"].isna()
    records["status"] = records["status"].fillna("absent")
    records["hours"] = pd.to_numeric(records["hours"], errors="coerce").astype(float)
    for column in ("zjazd", "day", "date", "group", "plane"):
        records[column] = (records["session_id"].map(session_info[column])
                           if column in session_info else np.nan)
    records["session_hours"] = records["session_id"].map(session_info["hours"]).astype(float)
    if as_of is None:
        records["happened"] = True
    else:
        records["happened"] = (records["date"] <= pd.Timestamp(as_of)).to_numpy(dtype=bool)
    return records[["participant_id", "session_id", "zjazd", "day", "date", "session_hours",
                    "status", "hours", "missing", "happened", "group", "plane"]]


def participant_periods(participants: pd.DataFrame, sessions: pd.DataFrame) -> pd.DataFrame:
    """Each participant's own Academy: their group, first and last expected session.

    Returns
    -------
    pandas.DataFrame
        One row per participant (in the order of ``participants``): ``participant_id``,
        ``group`` (NaN without one), ``sessions`` (expected sessions), ``first_date``,
        ``last_date`` (NaT when no session is expected).
    """
    people = participants.drop_duplicates("participant_id")
    expected = expected_sessions(people, sessions)
    dates = pd.to_datetime(sessions.drop_duplicates("session_id").set_index("session_id")["date"])
    expected = expected.assign(date=expected["session_id"].map(dates))
    span = expected.groupby("participant_id", sort=False)["date"].agg(["size", "min", "max"])
    span = span.reindex(people["participant_id"])
    return pd.DataFrame({
        "participant_id": people["participant_id"].to_numpy(),
        "group": people["group"].to_numpy() if "group" in people else np.nan,
        "sessions": span["size"].fillna(0).astype(np.int64).to_numpy(),
        "first_date": span["min"].to_numpy(),
        "last_date": span["max"].to_numpy(),
    })


def attendance_by_plane(records: pd.DataFrame) -> pd.DataFrame:
    """Attendance at the sessions of each plane (sessions tagged with a ``plane``).

    Parameters
    ----------
    records
        :func:`attendance_records` (held sessions count; ``late`` counts as present).

    Returns
    -------
    pandas.DataFrame
        ``plane``, ``expected`` (participant-sessions held), ``attended`` (present or
        late), ``share`` = attended / expected; one row per plane present, in plane order.
    """
    held = records[records["happened"] & records["plane"].notna()]
    came = held["status"].isin(["present", "late"])
    out = (held.assign(came=came).groupby("plane")["came"].agg(expected="size", attended="sum")
           .reindex([p for p in config.PLANES if p in set(held["plane"])]))
    out = out.rename_axis("plane").reset_index()
    out["attended"] = out["attended"].astype(np.int64)
    out["share"] = out["attended"] / out["expected"]
    return out


def _units(hours: pd.Series) -> np.ndarray:
    return np.rint(hours.to_numpy(dtype=float) * _UNITS_PER_HOUR).astype(np.int64)


def diploma_table(participants: pd.DataFrame, sessions: pd.DataFrame, attendance: pd.DataFrame,
                  rules: DiplomaRules = DiplomaRules()) -> pd.DataFrame:
    """Who has earned the Academy diploma, who can still earn it, and how.

    Parameters
    ----------
    participants, sessions, attendance
        The dataset's tables (SPEC §2).
    rules
        Threshold, basis, excused policy and as-of date.

    Returns
    -------
    pandas.DataFrame
        One row per participant, in the order of ``participants``, with
        :data:`DIPLOMA_COLUMNS` then ``organisation``, ``remaining`` and ``missing_rows``:

        - ``attended``, ``possible``: days (int) or hours (float);
        - ``share`` = attended / possible (NaN when nothing is possible);
        - ``eligible``: share ≥ threshold, compared exactly;
        - ``can_still_miss``: days or hours that may still be missed and the threshold
          still reached, of those still to come (0 ≤ can_still_miss ≤ remaining);
        - ``max_reachable_share``: the share if every remaining session is attended;
        - ``status``: ``eligible``, ``on_track``, ``at_risk`` or ``ineligible``;
        - ``remaining``: days or hours not yet held (``as_of``);
        - ``missing_rows``: held sessions with no attendance row (counted absent).

    Notes
    -----
    With ``need = ⌈threshold × possible⌉`` (in days or thousandths of an hour):
    eligible ⇔ attended ≥ need;
    ``can_still_miss = min(remaining, max(0, attended + remaining − need))`` — one cannot
    miss more than is still to come, so it is 0 when nothing remains (SPEC §3);
    ``eligible`` first, then ``ineligible`` when attended + remaining < need, ``on_track``
    when can_still_miss > 0, ``at_risk`` otherwise (reachable only by attending every
    remaining session).

    Examples
    --------
    7 of 8 days at 0.8: need = ⌈6.4⌉ = 7, so eligible; 6 of 8 is not. After the Academy
    (no ``as_of``) 8 of 8 days can still miss 0 days: nothing is left to miss.
    """
    records = attendance_records(participants, sessions, attendance, rules.as_of)
    days = rules.basis == "days"
    slot = np.ones(len(records), dtype=np.int64) if days else _units(records["session_hours"])
    given = records["hours"].notna().to_numpy()
    own = np.where(given, _units(records["hours"].fillna(0)), slot) if not days else slot

    status = records["status"].to_numpy(dtype=object)
    happened = records["happened"].to_numpy(dtype=bool)
    came = np.isin(status, ["present", "late"])
    excused = status == "excused"
    if rules.excused == "present":
        came |= excused
    counts = ~(happened & excused) if rules.excused == "exclude" else np.ones(len(records), bool)

    frame = pd.DataFrame({
        "participant_id": records["participant_id"],
        "attended": np.where(happened & came, own, 0),
        "possible": np.where(counts, slot, 0),
        "remaining": np.where(~happened, slot, 0),
        "missing_rows": (records["missing"].to_numpy(dtype=bool) & happened).astype(np.int64),
    })
    sums = frame.groupby("participant_id", sort=False).sum()
    people = participants.drop_duplicates("participant_id").set_index("participant_id")
    sums = sums.reindex(people.index, fill_value=0)

    attended = sums["attended"].to_numpy(dtype=np.int64)
    possible = sums["possible"].to_numpy(dtype=np.int64)
    remaining = sums["remaining"].to_numpy(dtype=np.int64)
    num, den = rules.fraction.numerator, rules.fraction.denominator
    need = -((-num * possible) // den)  # ⌈num·possible/den⌉ in integers
    reach = attended + remaining
    has_sessions = possible > 0
    eligible = has_sessions & (attended >= need)
    can_miss = np.where(has_sessions, np.minimum(np.maximum(reach - need, 0), remaining), 0)
    state = np.select(
        [eligible, ~has_sessions | (reach < need), can_miss > 0],
        ["eligible", "ineligible", "on_track"], default="at_risk")

    scale = 1 if days else _UNITS_PER_HOUR
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(has_sessions, attended / np.where(has_sessions, possible, 1), np.nan)
        max_share = np.where(has_sessions, reach / np.where(has_sessions, possible, 1), np.nan)

    def amount(values):
        return values if days else values / scale

    out = pd.DataFrame({
        "participant_id": people.index,
        "gmina_id": people["gmina_id"].to_numpy(),
        # Names are absent from the evaluation reports' data (SPEC §5); trainers have them.
        "first_name": people["first_name"].to_numpy() if "first_name" in people else None,
        "last_name": people["last_name"].to_numpy() if "last_name" in people else None,
        "sector": people["sector"].to_numpy(),
        "attended": amount(attended),
        "possible": amount(possible),
        "share": share,
        "eligible": eligible,
        "can_still_miss": amount(can_miss),
        "max_reachable_share": max_share,
        "status": state,
        "organisation": people["organisation"].to_numpy() if "organisation" in people else None,
        "remaining": amount(remaining),
        "missing_rows": sums["missing_rows"].to_numpy(dtype=np.int64),
    })
    return out.reset_index(drop=True)
