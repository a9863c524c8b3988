"""Builders shared by the example datasets: text frames, people, attendance, questionnaires.

The example generators describe one programme each as data (gminas, people, meetings,
plans); the functions here turn that description into the tables of SPEC §2 with
:mod:`toolkit.synth`'s own formatting helpers, so that every example is written exactly
like the demo: every value text, numbers plain, dates ``YYYY-MM-DD``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import synth
from ..synth import (
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    SURNAMES,
    _feminine_surname,
    _fmt_dates,
    _fmt_ids,
    _fmt_numbers,
    _fmt_timestamps,
    _likert_answers,
    _random_days,
    _submission_times,
)

__all__ = [
    "COLUMNS", "Meeting", "table", "programme_table", "labels_table", "people",
    "sessions_table", "attendance_table", "items_table", "meeting_responses",
    "index_scores_table", "ATTENDED", "NOT_EXPECTED",
]

#: Column order of every table (SPEC §2): synth's ten tables plus the programme's own.
COLUMNS: dict[str, tuple[str, ...]] = {
    **synth._TABLE_COLUMNS,
    "programme": ("key", "value"),
    "labels": ("kind", "id", "label", "label_en"),
    "actions": ("gmina_id", "action_id", "area", "title", "status", "due", "done_on", "path"),
}

#: Status codes of :func:`attendance_table` (those of synth) and "not expected".
PRESENT, LATE, EXCUSED, ABSENT = synth._PRESENT, synth._LATE, synth._EXCUSED, synth._ABSENT
NOT_EXPECTED = -1
ATTENDED = (PRESENT, LATE)


def table(name: str, columns: dict[str, object], extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Table ``name`` from column arrays, in SPEC order (then ``extra``), every value text."""
    order = COLUMNS[name] + tuple(extra)
    data = {col: np.asarray(columns[col], dtype=object) for col in order}
    return pd.DataFrame(data, columns=list(order)).astype(str)


def programme_table(rows: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The ``programme`` table from ``(key, value)`` pairs, in the order given."""
    return table("programme", {"key": [k for k, _ in rows], "value": [v for _, v in rows]})


def labels_table(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """The ``labels`` table from ``(kind, id, label, label_en)`` rows, in the order given."""
    return table("labels", dict(zip(COLUMNS["labels"], map(list, zip(*rows)))))


# ---------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------


def people(n: int, rng: np.random.Generator, p_female: float = 0.6
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n`` fictitious Polish people with distinct full names: first, last, gender (K/M)."""
    female = rng.random(n) < p_female
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    seen: set[tuple[str, str]] = set()
    for i in range(n):
        while True:
            pool = FEMALE_FIRST_NAMES if female[i] else MALE_FIRST_NAMES
            f = pool[int(rng.integers(0, len(pool)))]
            s = SURNAMES[int(rng.integers(0, len(SURNAMES)))]
            s = _feminine_surname(s) if female[i] else s
            if (f, s) not in seen:
                break
        seen.add((f, s))
        first[i], last[i] = f, s
    return first, last, np.where(female, "K", "M").astype(object)


# ---------------------------------------------------------------------------------------
# Meetings and attendance
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """One training day: a session of SPEC §2 with its group (``""`` = everybody)."""

    session_id: str
    zjazd: int
    day: int
    date: str
    hours: float
    plane: str
    topic: str
    group: str = ""


def sessions_table(meetings: tuple[Meeting, ...]) -> pd.DataFrame:
    """The ``sessions`` table of ``meetings``, in their order."""
    return table("sessions", {
        "session_id": [m.session_id for m in meetings],
        "zjazd": [str(m.zjazd) for m in meetings],
        "day": [str(m.day) for m in meetings],
        "date": [m.date for m in meetings],
        "hours": _fmt_numbers([m.hours for m in meetings], 2),
        "plane": [m.plane for m in meetings],
        "topic": [m.topic for m in meetings],
        "group": [m.group for m in meetings],
    })


def expected(groups: np.ndarray, meetings: tuple[Meeting, ...]) -> np.ndarray:
    """People × sessions: True where the person is expected (SPEC §2 group rule)."""
    session_group = np.array([m.group for m in meetings], dtype=object)
    return (session_group[None, :] == "") | (session_group[None, :] == groups[:, None])


def random_attendance(expect: np.ndarray, rng: np.random.Generator,
                      p_miss=(0.02, 0.08), p_unreliable: float = 0.15
                      ) -> np.ndarray:
    """Status codes (people × sessions): mostly present, some misses, a few late arrivals."""
    n_p, n_s = expect.shape
    miss = np.where(rng.random(n_p) < p_unreliable, p_miss[1], p_miss[0])
    u = rng.random((n_p, n_s))
    status = np.full((n_p, n_s), PRESENT)
    missed = u < miss[:, None]
    status[missed] = np.where(rng.random(int(missed.sum())) < 0.35, EXCUSED, ABSENT)
    late = ~missed & (rng.random((n_p, n_s)) < 0.03)
    status[late] = LATE
    status[~expect] = NOT_EXPECTED
    return status


def attendance_table(pids: np.ndarray, meetings: tuple[Meeting, ...], status: np.ndarray,
                     hours: np.ndarray) -> pd.DataFrame:
    """One row per expected (person, session), person by person."""
    sids = np.array([m.session_id for m in meetings], dtype=object)
    rows, cols = np.nonzero(status != NOT_EXPECTED)
    return table("attendance", {
        "participant_id": pids[rows],
        "session_id": sids[cols],
        "status": synth._STATUSES[status[rows, cols]],
        "hours": _fmt_numbers(hours[rows, cols], 2),
    })


# ---------------------------------------------------------------------------------------
# Questionnaires
# ---------------------------------------------------------------------------------------


def items_table(instruments: list[str], questions: tuple[tuple[str, str, str, str], ...],
                form_title: str) -> pd.DataFrame:
    """The same ``questions`` (text, kind, scale, construct) in each of ``instruments``."""
    rows: list[tuple[str, ...]] = []
    for instrument in instruments:
        for k, (text, kind, scale, construct) in enumerate(questions, start=1):
            source = f"{form_title} [{text}]" if kind == "likert" else text
            rows.append((f"{instrument}_{k}", instrument, text, kind, scale, construct, "",
                         source))
    return table("items", dict(zip(COLUMNS["items"], map(list, zip(*rows)))))


def meeting_responses(pids: np.ndarray, gids: np.ndarray, groups: np.ndarray,
                      meetings: tuple[Meeting, ...], status: np.ndarray,
                      forms: list[tuple[str, str, int]],
                      questions: tuple[tuple[str, str, str, str], ...],
                      comments: tuple[str, ...], rng: np.random.Generator,
                      mean: float = 4.0, p_answer: float = 0.9,
                      p_anonymous: float = 0.15) -> pd.DataFrame:
    """Answers to the questionnaire handed out after each meeting, one row per answer.

    Parameters
    ----------
    pids, gids, groups : numpy.ndarray
        Participant ids, their gminas and groups.
    meetings, status
        The sessions and the status codes (people × sessions) of :func:`attendance_table`.
    forms : list of (instrument, group, zjazd)
        Which instrument is filled in after which group's zjazd (group ``""``: everybody).
    questions : tuple of (text, kind, scale, construct)
        The items of every instrument (kinds ``likert`` and ``open``).
    comments : tuple of str
        Open answers to draw from.
    rng : numpy.random.Generator
    mean, p_answer, p_anonymous : float
        Typical Likert level, share of attendees who answer, share answering anonymously.

    Returns
    -------
    pandas.DataFrame
        The ``responses`` table.
    """
    kinds = np.array([q[1] for q in questions], dtype=object)
    scales = np.array([q[2] for q in questions], dtype=object)
    lik = np.flatnonzero(kinds == "likert")
    opn = np.flatnonzero(kinds == "open")
    n_items = len(questions)
    attended = np.isin(status, ATTENDED)
    dates = np.array([m.date for m in meetings], dtype="datetime64[D]")
    m_group = np.array([m.group for m in meetings], dtype=object)
    m_zjazd = np.array([m.zjazd for m in meetings])
    leniency = rng.normal(0.0, 0.45, pids.size)
    item_shift = rng.normal(0.0, 0.2, lik.size)

    parts: list[dict[str, np.ndarray]] = []
    n_before = 0
    for instrument, group, zjazd in forms:
        days = np.flatnonzero((m_zjazd == zjazd) & ((m_group == group) | (group == "")))
        came = attended[:, days].any(axis=1)
        who = np.flatnonzero(came & (rng.random(pids.size) < p_answer))
        n_sub = who.size
        came_on = attended[np.ix_(who, days)]
        last_day = days[days.size - 1 - np.argmax(came_on[:, ::-1], axis=1)]
        ts = _submission_times(rng, dates[last_day], 14, 3, rng.random(n_sub) < 0.1)
        anonymous = rng.random(n_sub) < p_anonymous
        latent = (mean + leniency[who][:, None] + rng.normal(0.0, 0.25, (n_sub, 1))
                  + item_shift[None, :] + rng.normal(0.0, 0.7, (n_sub, lik.size)))
        values = np.clip(np.rint(latent), 1, 5).astype(int)
        answers = np.full((n_sub, n_items), "", dtype=object)
        answers[:, lik] = _likert_answers(values.ravel(), np.tile(scales[lik], n_sub),
                                          rng).reshape(n_sub, lik.size)
        for j in opn:
            drawn = np.array(comments, dtype=object)[rng.integers(0, len(comments), n_sub)]
            answers[:, j] = np.where(rng.random(n_sub) < 0.35, drawn, "")
        keep = np.ones((n_sub, n_items), dtype=bool)
        keep[:, opn] = answers[:, opn] != ""  # an empty comment is not a row
        sub_of_row = np.repeat(np.arange(n_sub), n_items)[keep.ravel()]
        item_ids = np.array([f"{instrument}_{k}" for k in range(1, n_items + 1)], dtype=object)
        parts.append({
            "instrument": np.full(sub_of_row.size, instrument, dtype=object),
            "item_id": np.tile(item_ids, n_sub)[keep.ravel()],
            "answer": answers.ravel()[keep.ravel()],
            "participant_id": np.where(anonymous, "", pids[who]).astype(object)[sub_of_row],
            "gmina_id": gids[who][sub_of_row],
            "submitted_at": _fmt_timestamps(ts)[sub_of_row],
            "response": sub_of_row + n_before,
        })
        n_before += n_sub
    columns = {c: np.concatenate([p[c] for p in parts]) for c in parts[0]}
    columns["response_id"] = _fmt_ids("R", np.arange(1, n_before + 1), min_width=5)[
        columns.pop("response")]
    return table("responses", columns)


# ---------------------------------------------------------------------------------------
# LIJW
# ---------------------------------------------------------------------------------------


def index_scores_table(gmina_ids: np.ndarray, area_ids: tuple[str, ...],
                       waves: tuple[tuple[str, str, str], ...], rng: np.random.Generator,
                       level: float = 1.9, gain: float = 0.7,
                       area_shift: np.ndarray | None = None,
                       fixed_changes: tuple[tuple[str, str, float], ...] = ()) -> pd.DataFrame:
    """LIJW scores (0-5, two decimals) per gmina, wave and area.

    ``waves`` are ``(wave, first day, last day)``: each gmina's group meets once per wave,
    on a day of that window. Later waves add a gain that varies by gmina and area;
    ``fixed_changes`` ``(gmina_id, area_id, change)`` set a change from the first wave.
    """
    n_g, n_a, n_w = gmina_ids.size, len(area_ids), len(waves)
    shift = np.zeros(n_a) if area_shift is None else np.asarray(area_shift, dtype=float)
    base = (rng.normal(level, 0.35, n_g)[:, None] + shift[None, :]
            + rng.normal(0.0, 0.3, (n_g, n_a)))
    scores = np.empty((n_g, n_w, n_a))
    scores[:, 0] = np.clip(np.round(base, 2), 0.0, 5.0)
    for w in range(1, n_w):
        change = rng.normal(gain, 0.25, n_g)[:, None] + rng.normal(0.0, 0.25, (n_g, n_a))
        if w == n_w - 1:
            g_pos = {g: i for i, g in enumerate(gmina_ids)}
            a_pos = {a: j for j, a in enumerate(area_ids)}
            for g, a, value in fixed_changes:
                change[g_pos[g], a_pos[a]] = value
        scores[:, w] = np.clip(np.round(scores[:, 0] + change, 2), 0.0, 5.0)
    dates = np.stack([_random_days(rng, first, last, n_g) for _, first, last in waves], axis=1)
    return table("index_scores", {
        "gmina_id": np.repeat(gmina_ids, n_w * n_a),
        "wave": np.tile(np.repeat(np.array([w for w, _, _ in waves], dtype=object), n_a), n_g),
        "date": np.repeat(_fmt_dates(dates.ravel()), n_a),
        "area_id": np.tile(np.array(area_ids, dtype=object), n_g * n_w),
        "score": _fmt_numbers(scores.ravel(), 2),
    })
