"""Example dataset of the PROBUS shape (seed 003): 100 people in 4 groups, powiat zgorzelecki.

"Model współpracy – standardem działań NGO i JST" (January 2014 – April 2015), run by
Fundacja Wspierania Inicjatyw Lokalnych PROBUS with Fundacja Integracji Społecznej ABRAMIS
and the Starostwo Powiatowe: 80 people of NGOs and 20 of local government (JST), each in
one of four training groups; each group meets three times (*zjazdy*), one meeting per plane
of the Model; the trainings are residential (*wyjazdowe*), so each meeting is two days. A
local LIJW is built on the six areas that seed 003 names (two per plane) and scored at the
start and at the end.

Everything about people, attendance, answers, scores and adopted documents is invented.
Facts fixed by hand for the trainers' view (diploma by hours, 80 % of 45 h = 36 h):

- P0007 (group A) and P0033 (group B) attend exactly 36 of 45 hours: exactly at the
  threshold, so eligible;
- P0058 (group C), P0081 and P0090 (group D) attend 30 of 45 hours: below it; P0081's
  second absence is excused.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _build as b
from ._build import Meeting, fmt_dates, fmt_ids, random_days
from ._pools import OPEN_COMMENTS, QUOTED_NAMES

__all__ = ["probus_dataset", "GMINAS", "GROUPS", "SEED"]

SEED = 2014

#: (gmina_id, name, powiat, wojewodztwo). Zgorzelec (rural gmina) 0225072 is verified
#: (SPEC §6); the other codes are illustrative, not verified.
GMINAS: tuple[tuple[str, str, str, str], ...] = (
    ("0225033", "Bogatynia", "zgorzelecki", "dolnośląskie"),
    ("0225043", "Pieńsk", "zgorzelecki", "dolnośląskie"),
    ("0225052", "Sulików", "zgorzelecki", "dolnośląskie"),
    ("0225063", "Węgliniec", "zgorzelecki", "dolnośląskie"),
    ("0225072", "Zgorzelec", "zgorzelecki", "dolnośląskie"),
)
#: NGO participants per gmina (80 in all); each gmina sends 4 JST people (20 in all).
_NGO_PER_GMINA = (22, 14, 12, 18, 14)
_JST_PER_GMINA = 4

GROUPS: tuple[str, ...] = ("A", "B", "C", "D")

# Local government: the office and its units, per gmina (in the order of GMINAS).
_JST_UNITS: tuple[tuple[str, ...], ...] = (
    ("Urząd Miasta i Gminy Bogatynia", "Ośrodek Pomocy Społecznej w Bogatyni",
     "Bogatyński Ośrodek Kultury"),
    ("Urząd Miasta i Gminy Pieńsk", "Miejsko-Gminny Ośrodek Pomocy Społecznej w Pieńsku",
     "Miejsko-Gminna Biblioteka Publiczna w Pieńsku"),
    ("Urząd Gminy Sulików", "Gminny Ośrodek Pomocy Społecznej w Sulikowie",
     "Gminny Ośrodek Kultury w Sulikowie"),
    ("Urząd Gminy i Miasta Węgliniec", "Ośrodek Pomocy Społecznej w Węglińcu",
     "Gminne Centrum Kultury w Węglińcu"),
    ("Urząd Gminy Zgorzelec", "Gminny Ośrodek Pomocy Społecznej w Zgorzelcu",
     "Gminna Biblioteka Publiczna w Jędrzychowicach"),
)
# Per gmina: the land's name (genitive) and villages (locative) for NGO names.
_LAND: tuple[str, ...] = ("Ziemi Bogatyńskiej", "Ziemi Pieńskiej", "Gminy Sulików",
                          "Ziemi Węglinieckiej", "Gminy Zgorzelec")
_VILLAGES: tuple[tuple[str, ...], ...] = (
    ("Porajowie", "Opolnie-Zdroju", "Działoszynie", "Markocicach", "Wyszkowie"),
    ("Bielawie Dolnej", "Stojanowie", "Lasowie", "Żarkach Średnich"),
    ("Mikulowej", "Wielichowie", "Radzimowie", "Studniskach"),
    ("Czerwonej Wodzie", "Ruszowie", "Jagodzinie", "Zielonce", "Piasecznie"),
    ("Jędrzychowicach", "Żarskiej Wsi", "Łagowie", "Gozdaninie", "Koźlicach"),
)
_NGO_TEMPLATES: tuple[str, ...] = (
    "Stowarzyszenie Przyjaciół {land}", "Koło Gospodyń Wiejskich w {v}",
    "Ochotnicza Straż Pożarna w {v}", "Stowarzyszenie {q}", "Fundacja {q}",
    "Uczniowski Klub Sportowy {q}", "Ludowy Klub Sportowy {q}",
    "Stowarzyszenie na rzecz Rozwoju {land}", "Towarzystwo Miłośników {land}",
    "Stowarzyszenie Mieszkańców Wsi w {v}", "Klub Seniora {q}",
    "Polski Związek Emerytów, Rencistów i Inwalidów – koło w {v}",
)

# Each group's three meetings (one per plane, two days each), on its own dates.
_GROUP_DATES: dict[str, tuple[str, str, str]] = {
    "A": ("2014-03-06", "2014-04-03", "2014-05-08"),
    "B": ("2014-05-22", "2014-06-12", "2014-09-11"),
    "C": ("2014-09-25", "2014-10-16", "2014-11-13"),
    "D": ("2014-11-27", "2015-01-15", "2015-02-19"),
}
_DAY_HOURS = (8.0, 7.0)
# (plane, topic of day 1, topic of day 2), seed 003.
_PLANE_TOPICS: tuple[tuple[str, str, str], ...] = (
    ("I", "Konsultowanie założeń projektów i aktów normatywnych",
     "Współpraca przy diagnozowaniu lokalnych problemów i wyzwań"),
    ("II", "Realizacja zadań publicznych z wykorzystaniem form finansowych – dotacje, "
           "projekty, rozliczenia",
     "Partnerstwa projektowe w realizacji zadań publicznych"),
    ("III", "System wspierania inicjatyw obywatelskich i organizacji pozarządowych",
     "Partnerstwo lokalne – zawiązywanie i zarządzanie partnerstwami"),
)

# Attendance fixed by hand: (participant_id, session_id, status, hours or "").
_ATTENDANCE_FACTS: tuple[tuple[str, str, str, str], ...] = (
    ("P0007", "A-Z2D2", "absent", ""),    # 45 - 7 - 2 = 36 h: exactly 80 %
    ("P0007", "A-Z3D1", "late", "6"),
    ("P0033", "B-Z1D1", "absent", ""),    # 45 - 8 - 1 = 36 h: exactly 80 %
    ("P0033", "B-Z2D1", "late", "7"),
    ("P0058", "C-Z3D1", "absent", ""),    # 30 h: below
    ("P0058", "C-Z3D2", "absent", ""),
    ("P0081", "D-Z1D1", "absent", ""),    # 30 h: below (one absence excused)
    ("P0081", "D-Z2D2", "excused", ""),
    ("P0090", "D-Z3D1", "absent", ""),    # 30 h: below (missed the third meeting)
    ("P0090", "D-Z3D2", "absent", ""),
)

_INSTRUMENT = "ankieta_zjazd{}"
_FORM_TITLE = "Ankieta po zjeździe"
_QUESTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("Przydatność zajęć w mojej pracy", "likert", "agree5", "przydatnosc"),
    ("Praca trenerów", "likert", "rating5", "organizacja"),
    ("Materiały szkoleniowe", "likert", "rating5", "organizacja"),
    ("Organizacja zjazdu (nocleg, wyżywienie, sala)", "likert", "rating5", "organizacja"),
    ("Wykorzystam zdobytą wiedzę we współpracy samorządu i organizacji w mojej gminie",
     "likert", "agree5", "przydatnosc"),
    ("Zajęcia pomogły mi poznać przedstawicieli drugiego sektora", "likert", "agree5",
     "integracja"),
    ("Co należy poprawić?", "open", "", ""),
)
_COMMENTS: tuple[str, ...] = OPEN_COMMENTS + (
    "Dojazd na zajęcia wyjazdowe trwał zbyt długo",
    "Więcej czasu na rozmowy z urzędnikami z innych gmin",
    "Przykłady partnerstw z Niemiec i Czech byłyby ciekawe",
)

#: The local LIJW: the six areas of seed 003 (two per plane), 0-5.
AREAS: tuple[tuple[str, str, str, str], ...] = (
    ("I_a", "I", "konsultowanie założeń projektów i aktów normatywnych oraz zasad realizacji "
                 "innych przedsięwzięć",
     "consulting draft legal acts and the rules of other undertakings"),
    ("I_b", "I", "współpraca samorządu terytorialnego i organizacji pozarządowych przy "
                 "diagnozowaniu lokalnych problemów i wyzwań",
     "cooperation of local government and NGOs in diagnosing local problems and challenges"),
    ("II_a", "II", "realizacja zadań publicznych z wykorzystaniem form finansowych",
     "delivering public tasks through financial forms"),
    ("II_b", "II", "partnerstwa projektowe w realizacji zadań publicznych",
     "project partnerships in delivering public tasks"),
    ("III_a", "III", "system wspierania inicjatyw obywatelskich i organizacji pozarządowych",
     "a system supporting civic initiatives and NGOs"),
    ("III_b", "III", "partnerstwo lokalne", "local partnership"),
)
_WAVES: tuple[tuple[str, str, str], ...] = (
    ("baseline", "2014-02-03", "2014-02-28"),
    ("follow-up", "2015-03-02", "2015-04-17"),
)

# Recommendations proposed to the gminas (seed 003's areas and the local index):
# (recommendation_id, plane, title, document types).
_RECOMMENDATIONS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("I.1", "I", "Regulamin konsultacji społecznych z organizacjami pozarządowymi",
     ("uchwała", "regulamin")),
    ("I.2", "I", "Cykliczna ocena współpracy lokalnym Indeksem Jakości Współpracy",
     ("zarządzenie", "procedura")),
    ("II.1", "II", "Zasady otwartych konkursów ofert i rozliczania dotacji",
     ("zarządzenie", "regulamin")),
    ("II.2", "II", "Zasady partnerstwa projektowego gminy z organizacjami pozarządowymi",
     ("zarządzenie", "procedura")),
    ("III.1", "III", "Lokalny system wspierania inicjatyw obywatelskich i organizacji "
                     "pozarządowych", ("uchwała", "zarządzenie")),
    ("III.2", "III", "Zasady tworzenia i działania partnerstwa lokalnego",
     ("regulamin", "decyzja")),
)

PROGRAMME: tuple[tuple[str, str], ...] = (
    ("name", "Model współpracy – standardem działań NGO i JST"),
    ("title", "Model współpracy – standardem działań NGO i JST"),
    ("operator", "Fundacja Wspierania Inicjatyw Lokalnych PROBUS"),
    ("partners", "Fundacja Integracji Społecznej ABRAMIS; Starostwo Powiatowe w Zgorzelcu"),
    ("region", "powiat zgorzelecki"),
    ("start", "2014-01-01"),
    ("end", "2015-04-30"),
    ("funding", "współfinansowany ze środków Unii Europejskiej"),
    ("academy_name", "Cykl szkoleń wyjazdowych z Modelu współpracy"),
    ("diploma_threshold", "0.8"),
    ("diploma_basis", "hours"),
    ("diploma_excused", "absent"),
    ("diploma_prefix", "PROBUS"),
    ("diploma_place", "Zgorzelec"),
    ("as_of", "2015-04-30"),
)


def _meetings() -> tuple[Meeting, ...]:
    out = []
    for group in GROUPS:
        for z, (first, (plane, *topics)) in enumerate(zip(_GROUP_DATES[group], _PLANE_TOPICS),
                                                      start=1):
            for d, (hours, topic) in enumerate(zip(_DAY_HOURS, topics), start=1):
                date = str(np.datetime64(first) + np.timedelta64(d - 1, "D"))
                out.append(Meeting(f"{group}-Z{z}D{d}", z, d, date, hours, plane, topic,
                                   group))
    return tuple(out)


def _participants(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """100 people: per group 5 JST (one per gmina) and 20 NGO, ids by group."""
    n_g = len(GMINAS)
    jst_g = np.repeat(np.arange(n_g), _JST_PER_GMINA)
    jst_group = np.tile(np.arange(len(GROUPS)), n_g)          # one per gmina and group
    ngo_g = np.repeat(np.arange(n_g), _NGO_PER_GMINA)
    ngo_group = rng.permutation(np.repeat(np.arange(len(GROUPS)), ngo_g.size // len(GROUPS)))
    g_idx = np.concatenate([jst_g, ngo_g])
    group = np.concatenate([jst_group, ngo_group])
    sector = np.array(["JST"] * jst_g.size + ["NGO"] * ngo_g.size, dtype=object)
    order = np.lexsort((rng.random(g_idx.size), group))      # by group, shuffled within
    g_idx, group, sector = g_idx[order], group[order], sector[order]
    n = g_idx.size

    organisation = np.empty(n, dtype=object)
    for i in range(n):
        g = g_idx[i]
        if sector[i] == "JST":
            units = _JST_UNITS[g]
            organisation[i] = units[0] if rng.random() < 0.6 else units[
                int(rng.integers(1, len(units)))]
        else:
            template = _NGO_TEMPLATES[int(rng.integers(0, len(_NGO_TEMPLATES)))]
            organisation[i] = template.format(
                land=_LAND[g], v=_VILLAGES[g][int(rng.integers(0, len(_VILLAGES[g])))],
                q=QUOTED_NAMES[int(rng.integers(0, len(QUOTED_NAMES)))])
    first, last, gender = b.people(n, rng)
    gmina_ids = np.array([gm[0] for gm in GMINAS], dtype=object)
    return {
        "participant_id": fmt_ids("P", np.arange(1, n + 1)),
        "gmina_id": gmina_ids[g_idx],
        "sector": sector,
        "organisation": organisation,
        "first_name": first,
        "last_name": last,
        "gender": gender,
        "group": np.array(GROUPS, dtype=object)[group],
    }


def _recommendations(rng: np.random.Generator) -> pd.DataFrame:
    """Each gmina takes on 4-5 recommendations, at least one per plane; most adopt them."""
    rows = []
    for gid, *_ in GMINAS:
        chosen = [2 * p + int(rng.integers(0, 2)) for p in range(3)]
        others = [r for r in range(len(_RECOMMENDATIONS)) if r not in chosen]
        chosen += list(rng.choice(others, size=int(rng.integers(1, 3)), replace=False))
        for r in sorted(chosen):
            rec_id, plane, title, docs = _RECOMMENDATIONS[r]
            u = rng.random()
            status = "adopted" if u < 0.7 else ("in_progress" if u < 0.9 else "planned")
            adopted_on = (str(fmt_dates(random_days(rng, "2014-06-02", "2015-04-24", 1))[0])
                          if status == "adopted" else "")
            rows.append((gid, rec_id, plane, title, docs[int(rng.integers(0, len(docs)))],
                         status, adopted_on))
    return b.table("recommendations", dict(zip(b.COLUMNS["recommendations"],
                                               map(list, zip(*rows)))))


def _labels(items: pd.DataFrame) -> pd.DataFrame:
    rows: list[tuple[str, str, str, str]] = [
        ("group", g, f"Grupa {g}", f"Group {g}") for g in GROUPS]
    planes = {z: p for z, (p, *_) in enumerate(_PLANE_TOPICS, start=1)}
    for z in range(1, len(_PLANE_TOPICS) + 1):
        rows.append(("instrument", _INSTRUMENT.format(z),
                     f"Ankieta po {z}. zjeździe (płaszczyzna {planes[z]})",
                     f"Questionnaire after meeting {z} (plane {planes[z]})"))
    constructs = {
        "przydatnosc": ("Przydatność", "Usefulness"),
        "organizacja": ("Organizacja i prowadzenie zajęć", "Organisation and delivery"),
        "integracja": ("Poznanie drugiego sektora", "Getting to know the other sector"),
    }
    used = dict.fromkeys(x for x in items["construct"] if x)
    rows += [("construct", k, *constructs[k]) for k in used]
    rows += [("wave", "baseline", "diagnoza wstępna (2014)", "baseline (2014)"),
             ("wave", "follow-up", "diagnoza końcowa (2015)", "follow-up (2015)")]
    rows += [("area", a, name, en) for a, _, name, en in AREAS]
    return b.labels_table(rows)


def probus_dataset(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The PROBUS-shaped example: 5 gminas of powiat zgorzelecki, 100 people, 4 groups.

    Parameters
    ----------
    seed : int, default 2014
        Seed of the parts left to chance (people, groups, attendance noise, answers,
        scores, recommendations). The hand-fixed attendance facts hold for every seed.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``gminas``, ``participants``, ``sessions``, ``attendance``, ``items``,
        ``responses``, ``index_areas``, ``index_scores``, ``recommendations``,
        ``programme`` and ``labels``; every value text.
    """
    rng = np.random.default_rng(seed)
    gminas = b.table("gminas", dict(zip(b.COLUMNS["gminas"], map(list, zip(*GMINAS)))))
    people = _participants(rng)
    meetings = _meetings()
    expect = b.expected(people["group"], meetings)
    status = b.random_attendance(expect, rng, p_miss=(0.01, 0.06))
    hours = np.full(status.shape, np.nan)
    # Nobody drawn at random falls below the threshold: the hand-fixed facts are the cases.
    day_hours = np.array([m.hours for m in meetings])
    attended_hours = np.where(np.isin(status, b.ATTENDED), day_hours, 0.0).sum(axis=1)
    pos = {p: i for i, p in enumerate(people["participant_id"])}
    reset = attended_hours < 0.8 * day_hours[expect[0]].sum()
    reset[[pos[pid] for pid, *_ in _ATTENDANCE_FACTS]] = True
    status[reset] = np.where(expect[reset], b.PRESENT, b.NOT_EXPECTED)
    sid = {m.session_id: j for j, m in enumerate(meetings)}
    code = {s: i for i, s in enumerate(b.STATUSES)}
    for pid, session, st, h in _ATTENDANCE_FACTS:
        status[pos[pid], sid[session]] = code[st]
        if h:
            hours[pos[pid], sid[session]] = float(h)

    forms = [(_INSTRUMENT.format(z), g, z) for z in range(1, 4) for g in GROUPS]
    instruments = [_INSTRUMENT.format(z) for z in range(1, 4)]
    items = b.items_table(instruments, _QUESTIONS, _FORM_TITLE)
    responses = b.meeting_responses(
        people["participant_id"], people["gmina_id"], people["group"], meetings, status,
        forms, _QUESTIONS, _COMMENTS, rng)
    area_ids = tuple(a for a, *_ in AREAS)
    tables = {
        "gminas": gminas,
        "participants": b.table("participants", people),
        "sessions": b.sessions_table(meetings),
        "attendance": b.attendance_table(people["participant_id"], meetings, status, hours),
        "items": items,
        "responses": responses,
        "index_areas": b.table("index_areas", {
            "area_id": area_ids, "plane": [a[1] for a in AREAS], "name": [a[2] for a in AREAS],
            "scale_min": ["0"] * len(AREAS), "scale_max": ["5"] * len(AREAS)}),
        "index_scores": b.index_scores_table(
            gminas["gmina_id"].to_numpy(dtype=object), area_ids, _WAVES, rng, level=1.8,
            gain=0.6, area_shift=np.array([-0.1, -0.2, 0.5, 0.0, -0.1, 0.1]),
            fixed_changes=(("0225052", "III_b", -0.25), ("0225063", "I_a", 0.0))),
        "recommendations": _recommendations(rng),
        "programme": b.programme_table(PROGRAMME),
    }
    tables["labels"] = _labels(items)
    return tables
