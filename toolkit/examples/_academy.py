"""The Academy that the demo and the synthetic datasets share ("Współpraca na medal").

Eight training days (4 zjazdy × 2 days), a questionnaire after each zjazd, a knowledge
test before and after, two LIJW waves on the default areas, the six recommendations and
the support planned per gmina (seed 002). :func:`toolkit.examples.demo.demo_dataset` fixes
its four gminas' facts by hand; :func:`toolkit.examples.synthetic.synthesize` draws any
number of gminas; both write the Academy's tables with the functions here, over
:mod:`toolkit.examples._build`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._build import (
    AREA_IDS,
    AREA_SHIFT,
    COLUMNS,
    LATE,
    PRESENT,
    Meeting,
    attendance_table,
    fmt_dates,
    fmt_ids,
    fmt_numbers,
    fmt_timestamps,
    likert_answers,
    random_days,
    sessions_table,
    submission_times,
    table,
)
from ._pools import OPEN_COMMENTS

__all__ = [
    "MEETINGS", "N_ZJAZDY", "MEETING_ITEMS", "KNOWLEDGE_TEST", "WAVES", "RECOMMENDATIONS",
    "REC_STATUSES", "SUPPORT_PLAN", "session_arrays", "meeting_instrument", "items_table",
    "responses_table", "index_scores_table", "support_table", "people_tables",
]

# The training days: (zjazd, day, date, hours, plane, topic).
_SESSIONS: tuple[tuple[int, int, str, str, str, str], ...] = (
    (1, 1, "2014-11-20", "8", "I",
     "Model współpracy administracji publicznej i organizacji pozarządowych – wprowadzenie"),
    (1, 2, "2014-11-21", "7.5", "I", "Konsultacje społeczne i diagnozowanie problemów lokalnych"),
    (2, 1, "2014-12-11", "8", "II", "Zlecanie zadań publicznych i otwarte konkursy ofert"),
    (2, 2, "2014-12-12", "7.5", "II", "Pozafinansowe formy współpracy i partnerstwa projektowe"),
    (3, 1, "2015-01-22", "8", "III", "System wspierania inicjatyw obywatelskich"),
    (3, 2, "2015-01-23", "7.5", "III",
     "Partnerstwo lokalne i Centrum Organizacji Pozarządowych"),
    (4, 1, "2015-03-05", "8", "I", "Lokalny Indeks Jakości Współpracy w praktyce"),
    (4, 2, "2015-03-06", "6", "II", "Plan wdrożenia rekomendacji Modelu współpracy"),
)
#: Number of zjazdy (two-day meetings) of the Academy.
N_ZJAZDY = 4

# Meeting questionnaire (one instrument per zjazd): (text, kind, scale, construct).
# Items 1-5 are those of samples/items_google.csv, so a Google Forms export of the
# questionnaire imports into the demo dataset.
MEETING_ITEMS: tuple[tuple[str, str, str, str], ...] = (
    ("Przydatność zajęć w mojej pracy", "likert", "agree5", "przydatnosc"),
    ("Praca trenerów", "likert", "rating5", "organizacja"),
    ("Materiały szkoleniowe", "likert", "rating5", "organizacja"),
    ("Organizacja zjazdu", "likert", "rating5", "organizacja"),
    ("Co należy poprawić?", "open", "", ""),
    ("Wykorzystam zdobytą wiedzę we współpracy JST–NGO w mojej gminie", "likert", "agree5",
     "przydatnosc"),
    ("Tematyka zjazdu odpowiadała potrzebom mojej gminy", "likert", "agree5",
     "przydatnosc"),
)
_MEETING_FORM_TITLE = "Oceń zjazd"
_LIKERT_POS = np.array([i for i, it in enumerate(MEETING_ITEMS) if it[1] == "likert"])
_OPEN_POS = next(i for i, it in enumerate(MEETING_ITEMS) if it[1] == "open")
# Mean shift of each item (by position among the likert items) and of each zjazd.
_LIKERT_ITEM_SHIFT = np.array([0.05, 0.25, -0.2, 0.1, -0.05, -0.15])
_ZJAZD_SHIFT = np.array([0.0, 0.1, -0.15, 0.15])

# Knowledge test: the same questions before and after the Academy: (text, correct letter).
_KNOWLEDGE_ITEMS: tuple[tuple[str, str], ...] = (
    ("Ile płaszczyzn współpracy opisuje Model współpracy administracji publicznej "
     "i organizacji pozarządowych?", "c"),
    ("Która ustawa reguluje zlecanie zadań publicznych organizacjom pozarządowym?", "a"),
    ("Kto uchwala roczny program współpracy gminy z organizacjami pozarządowymi?", "b"),
    ("Czym jest inicjatywa lokalna?", "d"),
    ("Która forma współpracy należy do form pozafinansowych?", "b"),
    ("Co mierzy Lokalny Indeks Jakości Współpracy?", "a"),
    ("Która zasada współpracy oznacza, że samorząd powierza zadania podmiotom "
     "najbliższym obywatelom?", "d"),
    ("W jakim trybie zwykle zleca się organizacjom realizację zadania publicznego?", "c"),
)
#: Instrument id stem of the knowledge test (``_pre``, ``_post``).
KNOWLEDGE_TEST = "test_wiedzy"
# Item difficulty on the logit scale (positive = easier).
_KNOWLEDGE_EASE = np.array([0.9, 0.2, 0.0, -0.4, 0.5, -0.7, -0.3, 0.3])
_LETTERS = np.array(["a", "b", "c", "d"])

#: The two LIJW waves.
WAVES = ("baseline", "follow-up")

#: The six recommendations proposed by the programme (seed 002):
#: (recommendation_id, plane, title, document types it may be adopted as).
RECOMMENDATIONS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("I.1", "I", "Regulamin konsultacji społecznych", ("uchwała", "regulamin")),
    ("I.2", "I", "Cykliczna ocena jakości współpracy metodą Lokalnego Indeksu Jakości "
                 "Współpracy", ("regulamin", "zarządzenie", "procedura", "decyzja")),
    ("II.3", "II", "Zasady i system otwartych konkursów ofert",
     ("regulamin", "zarządzenie", "procedura", "decyzja")),
    ("II.4", "II", "Procedura wykorzystania mienia gminy do realizacji zadań publicznych",
     ("regulamin", "zarządzenie", "procedura", "decyzja")),
    ("III.5", "III", "Zakres kompetencji koordynatora współpracy z organizacjami "
                     "pozarządowymi", ("regulamin", "zarządzenie", "procedura", "decyzja")),
    ("III.6", "III", "Coroczne spotkania integrujące organizacje pozarządowe w Programie "
                     "Współpracy", ("uchwała", "regulamin", "zarządzenie", "procedura")),
)
#: Recommendation statuses; a code is the position here (-1: not chosen).
REC_STATUSES = np.array(["planned", "in_progress", "adopted"])
NOT_SELECTED, PLANNED, IN_PROGRESS, ADOPTED = -1, 0, 1, 2

#: Support planned per gmina (seed 002): (activity, unit, planned).
SUPPORT_PLAN: tuple[tuple[str, str, float], ...] = (
    ("doradztwo", "h", 15),
    ("spotkania GWD", "count", 3),
    ("szkolenia COP", "count", 2),
    ("seminaria COP", "count", 2),
    ("konsultacje COP", "h", 30),
    ("wywiady grupowe", "count", 3),
    ("wywiady pogłębione", "count", 3),
    ("ankiety telefoniczne", "count", 25),
    ("wydarzenie integracyjne", "count", 1),
    ("dofinansowanie wydarzenia", "PLN", 4500),
)

#: The Academy's training days, in order.
MEETINGS: tuple[Meeting, ...] = tuple(
    Meeting(f"Z{z}D{d}", z, d, date, float(hours), plane, topic)
    for z, d, date, hours, plane, topic in _SESSIONS)


def session_arrays() -> dict[str, np.ndarray]:
    """The Academy's sessions as arrays (session_id, zjazd, date, hours)."""
    return {
        "session_id": np.array([m.session_id for m in MEETINGS], dtype=object),
        "zjazd": np.array([m.zjazd for m in MEETINGS]),
        "date": np.array([m.date for m in MEETINGS], dtype="datetime64[D]"),
        "hours": np.array([m.hours for m in MEETINGS]),
    }


def meeting_instrument(zjazd: int) -> str:
    """Instrument id of the questionnaire after zjazd ``zjazd``."""
    return f"ocena_zjazd{zjazd}"


def items_table() -> pd.DataFrame:
    """The meeting questionnaires (one per zjazd) and the knowledge test (pre and post)."""
    rows: list[tuple[str, ...]] = []
    for z in range(1, N_ZJAZDY + 1):
        instrument = meeting_instrument(z)
        for k, (text, kind, scale, construct) in enumerate(MEETING_ITEMS, start=1):
            source = f"{_MEETING_FORM_TITLE} [{text}]" if kind == "likert" else text
            rows.append((f"{instrument}_{k}", instrument, text, kind, scale, construct, "",
                         source))
    for wave in ("pre", "post"):
        instrument = f"{KNOWLEDGE_TEST}_{wave}"
        for q, (text, correct) in enumerate(_KNOWLEDGE_ITEMS, start=1):
            rows.append((f"{instrument}_{q}", instrument, text, "knowledge", "", "",
                         correct, ""))
    return table("items", dict(zip(COLUMNS["items"], map(list, zip(*rows)))))


def responses_table(people: dict[str, np.ndarray], status: np.ndarray,
                    rng: np.random.Generator) -> pd.DataFrame:
    """Questionnaire answers, long format, one row per answered item.

    Knowledge tests before and after the Academy for every participant; the meeting
    questionnaire of a zjazd for most of those who attended it (some anonymously).
    """
    sess = session_arrays()
    n_p = status.shape[0]
    pids = people["participant_id"]
    gids = people["gmina_id"]
    attended = (status == PRESENT) | (status == LATE)
    # Person-level traits: knowledge ability, gain from the Academy, Likert leniency.
    ability = rng.normal(0.0, 0.8, n_p)
    gain = rng.normal(1.2, 0.5, n_p)
    leniency = rng.normal(0.0, 0.45, n_p)

    blocks: list[dict[str, np.ndarray]] = []  # one per instrument, in submission order

    def knowledge_block(wave: str, session: int, start_hour: int, logit: np.ndarray):
        instrument = f"{KNOWLEDGE_TEST}_{wave}"
        n_q = len(_KNOWLEDGE_ITEMS)
        correct_idx = np.array([ord(c) - ord("a") for _, c in _KNOWLEDGE_ITEMS])
        p = 1.0 / (1.0 + np.exp(-(logit[:, None] + _KNOWLEDGE_EASE[None, :])))
        right = rng.random((n_p, n_q)) < p
        wrong_letter = (correct_idx[None, :] + rng.integers(1, 4, (n_p, n_q))) % 4
        answer = _LETTERS[np.where(right, correct_idx[None, :], wrong_letter)].astype(object)
        answer[rng.random((n_p, n_q)) < 0.03] = ""
        ts = submission_times(rng, np.repeat(sess["date"][session], n_p), start_hour, 1,
                               ~attended[:, session])
        blocks.append({
            "instrument": np.full(n_p * n_q, instrument, dtype=object),
            "item_id": np.tile(np.array([f"{instrument}_{q}" for q in range(1, n_q + 1)],
                                        dtype=object), n_p),
            "answer": answer.ravel(),
            "participant_id": np.repeat(pids, n_q),
            "gmina_id": np.repeat(gids, n_q),
            "submitted_at": np.repeat(fmt_timestamps(ts), n_q),
            "n_submissions": np.array(n_p),
            "submission": np.repeat(np.arange(n_p), n_q),
        })

    first_session = int(np.flatnonzero((sess["zjazd"] == 1))[0])
    last_session = int(np.flatnonzero((sess["zjazd"] == N_ZJAZDY))[-1])
    knowledge_block("pre", first_session, 9, ability)

    n_items = len(MEETING_ITEMS)
    item_scale = np.array([it[2] for it in MEETING_ITEMS], dtype=object)
    for z in range(1, N_ZJAZDY + 1):
        instrument = meeting_instrument(z)
        days = np.flatnonzero(sess["zjazd"] == z)
        came = attended[:, days].any(axis=1)
        who = np.flatnonzero(came & (rng.random(n_p) < 0.9))
        n_sub = who.size
        # The questionnaire is handed out on the last day the person attended.
        came_on = attended[np.ix_(who, days)]
        last_day = days[days.size - 1 - np.argmax(came_on[:, ::-1], axis=1)]
        ts = submission_times(rng, sess["date"][last_day], 15, 3, rng.random(n_sub) < 0.1)
        anonymous = rng.random(n_sub) < 0.15

        n_lik = _LIKERT_POS.size
        latent = (4.05 + _ZJAZD_SHIFT[(z - 1) % _ZJAZD_SHIFT.size] + leniency[who][:, None]
                  + rng.normal(0.0, 0.25, (n_sub, 1)) + _LIKERT_ITEM_SHIFT[None, :n_lik]
                  + rng.normal(0.0, 0.7, (n_sub, n_lik)))
        values = np.clip(np.rint(latent), 1, 5).astype(int)
        answers = np.empty((n_sub, n_items), dtype=object)
        answers[:, _LIKERT_POS] = likert_answers(
            values.ravel(), np.tile(item_scale[_LIKERT_POS], n_sub), rng).reshape(n_sub, n_lik)
        comments = np.array(OPEN_COMMENTS, dtype=object)[
            rng.integers(0, len(OPEN_COMMENTS), n_sub)]
        answers[:, _OPEN_POS] = np.where(rng.random(n_sub) < 0.3, comments, "")
        keep = np.ones((n_sub, n_items), dtype=bool)
        keep[:, _OPEN_POS] = answers[:, _OPEN_POS] != ""  # empty comments are not rows
        sub_of_row = np.repeat(np.arange(n_sub), n_items)[keep.ravel()]
        item_ids = np.array([f"{instrument}_{k}" for k in range(1, n_items + 1)], dtype=object)
        blocks.append({
            "instrument": np.full(sub_of_row.size, instrument, dtype=object),
            "item_id": np.tile(item_ids, n_sub)[keep.ravel()],
            "answer": answers.ravel()[keep.ravel()],
            "participant_id": np.where(anonymous, "", pids[who]).astype(object)[sub_of_row],
            "gmina_id": gids[who][sub_of_row],
            "submitted_at": fmt_timestamps(ts)[sub_of_row],
            "n_submissions": np.array(n_sub),
            "submission": sub_of_row,
        })

    knowledge_block("post", last_session, 14, ability + gain)

    offsets = np.cumsum([0] + [int(b["n_submissions"]) for b in blocks])
    sub_numbers = np.concatenate([b["submission"] + off for b, off in zip(blocks, offsets)])
    columns = {col: np.concatenate([b[col] for b in blocks])
               for col in ("instrument", "item_id", "answer", "participant_id", "gmina_id",
                           "submitted_at")}
    columns["response_id"] = fmt_ids("R", np.arange(1, offsets[-1] + 1), min_width=5)[sub_numbers]
    return table("responses", columns)


def index_scores_table(gmina_ids: np.ndarray, rng: np.random.Generator,
                       fixed_changes: tuple[tuple[int, int, float], ...] = ()
                       ) -> pd.DataFrame:
    """Two LIJW waves per gmina; ``fixed_changes`` = (gmina index, area index, change)."""
    n_g, n_a = gmina_ids.size, len(AREA_IDS)
    level = rng.normal(2.0, 0.35, n_g)
    baseline = (level[:, None] + AREA_SHIFT[None, :] + rng.normal(0.0, 0.3, (n_g, n_a)))
    change = rng.normal(0.85, 0.25, n_g)[:, None] + rng.normal(0.0, 0.25, (n_g, n_a))
    u = rng.random((n_g, n_a))
    change[u < 0.07] = 0.0                                         # unchanged
    drop = (u >= 0.07) & (u < 0.12)
    change[drop] = -rng.uniform(0.1, 0.5, int(drop.sum()))         # worse
    for g, a, value in fixed_changes:
        change[g, a] = value
    baseline = np.clip(np.round(baseline, 2), 0.0, 5.0)
    follow = np.clip(np.round(baseline + change, 2), 0.0, 5.0)
    dates = np.stack([random_days(rng, "2014-10-13", "2014-11-28", n_g),
                      random_days(rng, "2015-06-01", "2015-06-30", n_g)], axis=1)
    scores = np.stack([baseline, follow], axis=1)                  # gmina × wave × area
    n_w = len(WAVES)
    return table("index_scores", {
        "gmina_id": np.repeat(gmina_ids, n_w * n_a),
        "wave": np.tile(np.repeat(np.array(WAVES, dtype=object), n_a), n_g),
        "date": np.repeat(fmt_dates(dates.ravel()), n_a),
        "area_id": np.tile(np.array(AREA_IDS, dtype=object), n_g * n_w),
        "score": fmt_numbers(scores.ravel(), 2),
    })


def support_table(gmina_ids: np.ndarray, delivered: np.ndarray) -> pd.DataFrame:
    """Support planned (:data:`SUPPORT_PLAN`) and ``delivered`` (gmina × activity)."""
    n_g = gmina_ids.size
    n_a = len(SUPPORT_PLAN)
    acts, units, planned = zip(*SUPPORT_PLAN)
    return table("support", {
        "gmina_id": np.repeat(gmina_ids, n_a),
        "activity": np.tile(np.array(acts, dtype=object), n_g),
        "unit": np.tile(np.array(units, dtype=object), n_g),
        "planned": np.tile(fmt_numbers(planned, 2), n_g),
        "delivered": fmt_numbers(delivered.ravel(), 2),
    })


def people_tables(people: dict[str, np.ndarray], status: np.ndarray, hours: np.ndarray,
                  rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """The tables about people: participants, sessions, attendance, items, responses.

    ``status`` and ``hours`` are people × sessions (status codes of
    :data:`~toolkit.examples._build.STATUSES`; hours NaN unless recorded).
    """
    n = people["participant_id"].size
    participants = table("participants", {**people, "group": np.full(n, "", dtype=object)})
    return {
        "participants": participants,
        "sessions": sessions_table(MEETINGS),
        "attendance": attendance_table(people["participant_id"], MEETINGS, status, hours),
        "items": items_table(),
        "responses": responses_table(people, status, rng),
    }

