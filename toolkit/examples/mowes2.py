"""Example dataset of the MOWES2 shape (seeds 000-001): support paths and action plans.

"MOWES2 – Małopolski Ośrodek Wsparcia Ekonomii Społecznej – Małopolska Zachodnia" (2021,
Fundacja Biuro Inicjatyw Społecznych) supports gminas of four powiaty (oświęcimski,
wadowicki, chrzanowski, olkuski) on one or more **paths**: 3a local community, 3b social
clauses, 3c social and vocational reintegration. On path 3a the gmina writes an action plan
(*Plan Działania*) with animators that works in three **areas**: cooperation with the JST,
with NGOs and with informal groups of residents. There is no Academy and no diploma.

The data describe 30 November 2021 (``as_of``), mid-way: action plans with every status
and some actions overdue; trainings for JST staff and a course for local leaders (NGO and
informal groups), with questionnaires after each meeting; one LIJW diagnosis in the path-3a
gminas (on the toolkit's default areas, so no ``index_areas`` table ships); support
delivered so far against the plan, by form.

Fixed by hand: the gminas, their paths and every action; Klucze's plan has no action in the
informal-groups area. People, attendance, answers, scores and amounts delivered are drawn
from the seed. All TERYT codes here are illustrative, not verified; people are fictitious.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _build as b
from ._build import AREA_IDS, AREA_LABELS_EN, AREA_SHIFT, Meeting, fmt_ids, fmt_numbers
from ._pools import QUOTED_NAMES

__all__ = ["mowes2_dataset", "GMINAS", "ACTIONS", "AS_OF", "SEED"]

SEED = 2021
AS_OF = "2021-11-30"

#: (gmina_id, name, powiat, wojewodztwo, path). Codes illustrative, not verified.
GMINAS: tuple[tuple[str, str, str, str, str], ...] = (
    ("1203022", "Babice", "chrzanowski", "małopolskie", "3a"),
    ("1203033", "Chrzanów", "chrzanowski", "małopolskie", "3a;3b"),
    ("1212032", "Klucze", "olkuski", "małopolskie", "3a"),
    ("1212043", "Olkusz", "olkuski", "małopolskie", "3a;3c"),
    ("1213023", "Brzeszcze", "oświęcimski", "małopolskie", "3b"),
    ("1213052", "Osiek", "oświęcimski", "małopolskie", "3a"),
    ("1218013", "Andrychów", "wadowicki", "małopolskie", "3c"),
    ("1218042", "Lanckorona", "wadowicki", "małopolskie", "3a"),
)

#: Action plans: (gmina_id, area, title, status, due, done_on, path). Overdue as of
#: AS_OF: due before it and neither done nor dropped.
ACTIONS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("1203022", "JST", "Konsultacje projektu programu współpracy z organizacjami na 2022 r.",
     "done", "2021-10-31", "2021-10-28", "3a"),
    ("1203022", "JST", "Mikrogranty dla grup mieszkańców – zasady i nabór",
     "in_progress", "2022-03-31", "", "3a"),
    ("1203022", "NGO", "Spotkanie organizacji z gminy – diagnoza potrzeb",
     "done", "2021-09-30", "2021-09-23", "3a"),
    ("1203022", "informal", "Warsztaty dla liderów grup mieszkańców",
     "planned", "2022-02-28", "", "3a"),
    ("1203022", "informal", "Mapa zasobów społeczności lokalnej",
     "in_progress", "2021-11-15", "", "3a"),
    ("1203033", "JST", "Zasady inicjatywy lokalnej – projekt uchwały",
     "in_progress", "2021-12-31", "", "3a"),
    ("1203033", "JST", "Klauzule społeczne w zamówieniu na usługi cateringowe",
     "done", "2021-11-30", "2021-11-19", "3b"),
    ("1203033", "JST", "Wewnętrzna procedura stosowania klauzul społecznych",
     "planned", "2021-10-31", "", "3b"),
    ("1203033", "NGO", "Powołanie Rady Działalności Pożytku Publicznego",
     "in_progress", "2022-01-31", "", "3a"),
    ("1203033", "NGO", "Wspólny kalendarz wydarzeń organizacji",
     "dropped", "2021-10-15", "", "3a"),
    ("1203033", "informal", "Budżet obywatelski – konsultacje z mieszkańcami osiedli",
     "done", "2021-10-15", "2021-10-20", "3a"),
    ("1212032", "JST", "Konsultacje rocznego programu współpracy na 2022 r.",
     "done", "2021-11-15", "2021-11-10", "3a"),
    ("1212032", "JST", "Regranting – zasady i ogłoszenie konkursu",
     "planned", "2022-04-30", "", "3a"),
    ("1212032", "NGO", "Szkolenie dla organizacji z rozliczania dotacji",
     "in_progress", "2021-11-20", "", "3a"),
    ("1212032", "NGO", "Fundusz wkładów własnych dla organizacji",
     "planned", "2022-05-31", "", "3a"),
    ("1212043", "JST", "Aktualizacja zasad otwartych konkursów ofert",
     "done", "2021-10-31", "2021-10-29", "3a"),
    ("1212043", "JST", "Partnerstwo na rzecz reintegracji: ośrodek pomocy społecznej, "
                       "urząd pracy i podmioty ekonomii społecznej",
     "in_progress", "2022-03-31", "", "3c"),
    ("1212043", "NGO", "Koncepcja Centrum Organizacji Pozarządowych wypracowana z organizacjami",
     "in_progress", "2022-06-30", "", "3a"),
    ("1212043", "NGO", "Zlecenie usług reintegracyjnych spółdzielni socjalnej",
     "planned", "2021-11-25", "", "3c"),
    ("1212043", "informal", "Cykl edukacyjny dla liderów grup mieszkańców",
     "in_progress", "2021-12-15", "", "3a"),
    ("1212043", "informal", "Mikrogranty na inicjatywy mieszkańców",
     "planned", "2022-04-30", "", "3a"),
    ("1213023", "JST", "Przegląd zamówień gminy pod kątem klauzul społecznych",
     "done", "2021-09-30", "2021-10-05", "3b"),
    ("1213023", "JST", "Zamówienie zastrzeżone dla podmiotów ekonomii społecznej – pilotaż",
     "in_progress", "2021-11-30", "", "3b"),
    ("1213023", "NGO", "Spotkanie informacyjne o zamówieniach dla podmiotów ekonomii "
                       "społecznej", "planned", "2021-10-31", "", "3b"),
    ("1213052", "JST", "Diagnoza współpracy metodą Modelu współpracy – raport",
     "done", "2021-10-15", "2021-10-12", "3a"),
    ("1213052", "JST", "Rada Seniorów – projekt statutu", "planned", "2022-03-31", "", "3a"),
    ("1213052", "NGO", "Wspólny projekt partnerski organizacji z gminy",
     "in_progress", "2022-02-28", "", "3a"),
    ("1213052", "informal", "Spotkania animacyjne z mieszkańcami sołectw",
     "done", "2021-11-30", "2021-11-26", "3a"),
    ("1213052", "informal", "Założenie stowarzyszenia przez grupę mieszkańców",
     "dropped", "2021-11-30", "", "3a"),
    ("1218013", "JST", "Diagnoza potrzeb w zakresie reintegracji społecznej i zawodowej",
     "done", "2021-10-31", "2021-11-08", "3c"),
    ("1218013", "JST", "Porozumienie o współpracy z Centrum Integracji Społecznej",
     "planned", "2021-11-15", "", "3c"),
    ("1218013", "NGO", "Staże w podmiotach ekonomii społecznej dla osób zagrożonych "
                       "wykluczeniem", "planned", "2022-05-31", "", "3c"),
    ("1218042", "JST", "Inicjatywa lokalna – uchwała o trybie i kryteriach",
     "in_progress", "2022-01-31", "", "3a"),
    ("1218042", "JST", "Szkolenie pracowników urzędu z konsultacji społecznych",
     "done", "2021-10-31", "2021-10-21", "3a"),
    ("1218042", "NGO", "Program współpracy na 2022 r. z nowymi zadaniami publicznymi",
     "done", "2021-11-30", "2021-11-24", "3a"),
    ("1218042", "informal", "Szlak turystyczny przygotowany z grupą mieszkańców",
     "in_progress", "2022-06-30", "", "3a"),
    ("1218042", "informal", "Mapa zasobów i potrzeb mieszkańców",
     "planned", "2021-11-10", "", "3a"),
)

# People: the office and a unit per gmina; villages (locative) for NGO names.
_JST_UNITS: dict[str, tuple[str, str]] = {
    "1203022": ("Urząd Gminy Babice", "Gminny Ośrodek Pomocy Społecznej w Babicach"),
    "1203033": ("Urząd Miejski w Chrzanowie", "Miejski Ośrodek Pomocy Społecznej w Chrzanowie"),
    "1212032": ("Urząd Gminy Klucze", "Gminny Ośrodek Kultury w Kluczach"),
    "1212043": ("Urząd Miasta i Gminy Olkusz",
                "Miejsko-Gminny Ośrodek Pomocy Społecznej w Olkuszu"),
    "1213023": ("Urząd Gminy Brzeszcze", "Ośrodek Pomocy Społecznej w Brzeszczach"),
    "1213052": ("Urząd Gminy Osiek", "Gminny Ośrodek Kultury w Osieku"),
    "1218013": ("Urząd Miejski w Andrychowie", "Ośrodek Pomocy Społecznej w Andrychowie"),
    "1218042": ("Urząd Gminy Lanckorona", "Gminny Ośrodek Pomocy Społecznej w Lanckoronie"),
}
_VILLAGES: dict[str, tuple[str, ...]] = {
    "1203022": ("Mętkowie", "Olszynach", "Zagórzu", "Wygiełzowie"),
    "1203033": ("Kościelcu", "Płazie", "Pogorzycach", "Balinie"),
    "1212032": ("Bogucinie Dużym", "Jaroszowcu", "Rodakach", "Chechle"),
    "1212043": ("Zedermanie", "Witeradowie", "Sieniczne", "Osieku"),
    "1213023": ("Jawiszowicach", "Przecieszynie", "Skidziniu", "Zasolu"),
    "1213052": ("Głębowicach", "Grojcu", "Osieku", "Bielanach"),
    "1218013": ("Inwałdzie", "Roczynach", "Sułkowicach", "Zagórniku"),
    "1218042": ("Izdebniku", "Skawinkach", "Jastrzębiu", "Podchybiu"),
}
_NGO_TEMPLATES: tuple[str, ...] = (
    "Koło Gospodyń Wiejskich w {v}", "Ochotnicza Straż Pożarna w {v}",
    "Stowarzyszenie {q}", "Fundacja {q}", "Uczniowski Klub Sportowy {q}",
    "Stowarzyszenie Rozwoju Gminy {g}", "Klub Seniora {q}",
)
_INFORMAL_TEMPLATES: tuple[str, ...] = (
    "Grupa nieformalna {q}", "Grupa mieszkańców w {v}", "Inicjatywa sąsiedzka w {v}", "",
)
_GROUPS: dict[str, tuple[str, str]] = {
    "kadry_jst": ("Szkolenie dla pracowników JST", "Training for local government staff"),
    "liderzy": ("Szkoła liderów lokalnych", "Local leaders' course"),
}
_MEETINGS: tuple[Meeting, ...] = (
    Meeting("L1", 1, 1, "2021-09-16", 5, "III",
            "Diagnoza potrzeb społeczności lokalnej – mapa zasobów", "liderzy"),
    Meeting("J1", 1, 1, "2021-10-07", 6, "I",
            "Program współpracy i otwarte konkursy ofert po pandemii", "kadry_jst"),
    Meeting("L2", 2, 1, "2021-10-21", 5, "III",
            "Od pomysłu do inicjatywy: planowanie działań mieszkańców", "liderzy"),
    Meeting("J2", 2, 1, "2021-11-04", 6, "II",
            "Nowe formy współpracy: regranting, mikrogranty, inicjatywa lokalna", "kadry_jst"),
    Meeting("L3", 3, 1, "2021-11-18", 5, "III",
            "Inicjatywa lokalna i budżet obywatelski – jak z nich korzystać", "liderzy"),
)
_FORM_TITLE = "Ocena spotkania"
_QUESTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("Przydatność szkolenia w mojej pracy lub działalności", "likert", "agree5",
     "przydatnosc"),
    ("Praca trenerki lub trenera", "likert", "rating5", "organizacja"),
    ("Materiały szkoleniowe", "likert", "rating5", "organizacja"),
    ("Organizacja spotkania", "likert", "rating5", "organizacja"),
    ("Wiem, jak wykorzystać zdobytą wiedzę w mojej gminie", "likert", "agree5",
     "przydatnosc"),
    ("Czego zabrakło na spotkaniu?", "open", "", ""),
)
_COMMENTS: tuple[str, ...] = (
    "Więcej przykładów z gmin Małopolski Zachodniej",
    "Przydałyby się wzory regulaminów mikrograntów",
    "Za mało czasu na rozmowę z animatorką",
    "Spotkanie stacjonarne lepsze niż online",
    "Więcej o tym, jak założyć stowarzyszenie",
    "Materiały wysłać po spotkaniu mailem",
    "Warto zaprosić sołtysów i radnych",
    "Za dużo teorii, za mało warsztatu",
    "Więcej o klauzulach społecznych w praktyce",
)
# (activity, unit, planned per path 3a, 3b, 3c): a gmina's plan is the sum over its paths.
_SUPPORT: tuple[tuple[str, str, tuple[float, float, float]], ...] = (
    ("spotkania z animatorem", "h", (20, 0, 0)),
    ("doradztwo specjalistyczne", "h", (10, 8, 8)),
    ("spotkania z doradcą kluczowym", "h", (0, 10, 12)),
    ("szkolenia", "count", (3, 2, 2)),
    ("wizyty studyjne", "count", (1, 0, 1)),
    ("konsultacje społeczne", "count", (1, 0, 0)),
)
_ACTIVITY_LABELS: dict[str, tuple[str, str]] = {
    "spotkania z animatorem": ("Spotkania z animatorem", "Meetings with an animator"),
    "doradztwo specjalistyczne": ("Doradztwo specjalistyczne", "Specialist advisory"),
    "spotkania z doradcą kluczowym": ("Spotkania z doradcą kluczowym",
                                      "Meetings with a key advisor"),
    "szkolenia": ("Szkolenia", "Trainings"),
    "wizyty studyjne": ("Wizyty studyjne", "Study visits"),
    "konsultacje społeczne": ("Konsultacje społeczne", "Public consultations"),
}
_PATHS = ("3a", "3b", "3c")
_PATH_LABELS: dict[str, tuple[str, str]] = {
    "3a": ("Ścieżka 3a: społeczność lokalna", "Path 3a: local community"),
    "3b": ("Ścieżka 3b: klauzule społeczne", "Path 3b: social clauses"),
    "3c": ("Ścieżka 3c: reintegracja społeczna i zawodowa",
           "Path 3c: social and vocational reintegration"),
}
_AREA_LABELS: dict[str, tuple[str, str]] = {
    "JST": ("współpraca z JST", "cooperation with local government"),
    "NGO": ("współpraca z organizacjami pozarządowymi", "cooperation with NGOs"),
    "informal": ("współpraca z grupami nieformalnymi", "cooperation with informal groups"),
}

PROGRAMME: tuple[tuple[str, str], ...] = (
    ("name", "MOWES2"),
    ("title", "MOWES2 – Małopolski Ośrodek Wsparcia Ekonomii Społecznej – Małopolska "
              "Zachodnia"),
    ("operator", "Fundacja Biuro Inicjatyw Społecznych"),
    ("region", "Małopolska Zachodnia (powiaty: oświęcimski, wadowicki, chrzanowski, "
               "olkuski)"),
    ("actions_min_per_area", "1"),
    ("as_of", AS_OF),
)


def _instrument(meeting: Meeting) -> str:
    return f"ocena_{meeting.group}_{meeting.zjazd}"


def _participants(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Per gmina: 2 JST people (office, unit), 2 NGO people, 1-2 from informal groups."""
    rows: list[tuple[str, str, str, str]] = []  # gmina_id, sector, organisation, group
    quoted = QUOTED_NAMES
    for gid, name, *_ in GMINAS:
        villages = _VILLAGES[gid]
        for unit in _JST_UNITS[gid]:
            rows.append((gid, "JST", unit, "kadry_jst"))
        n_informal = int(rng.integers(1, 3))
        for sector, templates, n in (("NGO", _NGO_TEMPLATES, 2),
                                     ("informal", _INFORMAL_TEMPLATES, n_informal)):
            for _ in range(n):
                template = templates[int(rng.integers(0, len(templates)))]
                rows.append((gid, sector, template.format(
                    g=name, v=villages[int(rng.integers(0, len(villages)))],
                    q=quoted[int(rng.integers(0, len(quoted)))]), "liderzy"))
    n = len(rows)
    first, last, gender = b.people(n, rng)
    cols = [np.array(col, dtype=object) for col in zip(*rows)]
    return {
        "participant_id": fmt_ids("P", np.arange(1, n + 1)),
        "gmina_id": cols[0], "sector": cols[1], "organisation": cols[2],
        "first_name": first, "last_name": last, "gender": gender, "group": cols[3],
    }


def _support(rng: np.random.Generator) -> pd.DataFrame:
    """Planned by the gmina's paths; delivered so far (mid-way: mostly part of the plan)."""
    rows = []
    for gid, *_, paths in GMINAS:
        on = np.array([p in paths.split(";") for p in _PATHS])
        for activity, unit, per_path in _SUPPORT:
            planned = float(np.dot(on, per_path))
            if planned == 0:
                continue
            step = 0.5 if unit == "h" else 1.0
            delivered = np.floor(planned * rng.uniform(0.3, 1.15) / step) * step
            rows.append((gid, activity, unit, planned, delivered))
    cols = list(zip(*rows))
    return b.table("support", {
        "gmina_id": cols[0], "activity": cols[1], "unit": cols[2],
        "planned": fmt_numbers(cols[3], 2), "delivered": fmt_numbers(cols[4], 2),
    })


def _labels(items: pd.DataFrame) -> pd.DataFrame:
    rows: list[tuple[str, str, str, str]] = []
    rows += [("path", p, *_PATH_LABELS[p]) for p in _PATHS]
    rows += [("area", a, *_AREA_LABELS[a]) for a in _AREA_LABELS]
    rows += [("group", g, *_GROUPS[g]) for g in _GROUPS]
    for m in _MEETINGS:
        group_pl, group_en = _GROUPS[m.group]
        rows.append(("instrument", _instrument(m), f"Ankieta po {m.zjazd}. spotkaniu "
                     f"({group_pl})", f"Questionnaire after meeting {m.zjazd} ({group_en})"))
    constructs = {"przydatnosc": ("Przydatność", "Usefulness"),
                  "organizacja": ("Organizacja i prowadzenie zajęć",
                                  "Organisation and delivery")}
    rows += [("construct", k, *constructs[k])
             for k in dict.fromkeys(x for x in items["construct"] if x)]
    rows.append(("wave", "baseline", "diagnoza (2021)", "diagnosis (2021)"))
    rows += [("activity", a, *_ACTIVITY_LABELS[a]) for a, _, _ in _SUPPORT]
    areas = b.default_index_areas_table()
    rows += [("area", a, name, AREA_LABELS_EN[a])
             for a, name in zip(areas["area_id"], areas["name"])]
    return b.labels_table(rows)


def mowes2_dataset(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The MOWES2-shaped example: 8 gminas on paths 3a-3c, action plans, as of 2021-11-30.

    Parameters
    ----------
    seed : int, default 2021
        Seed of the parts left to chance (people, attendance, answers, LIJW scores,
        support delivered). Gminas, paths and action plans are fixed.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``gminas`` (with ``path``), ``participants``, ``sessions``, ``attendance``,
        ``items``, ``responses``, ``index_scores``, ``support``, ``actions``,
        ``programme`` and ``labels``; every value text.
    """
    rng = np.random.default_rng(seed)
    gminas = b.table("gminas", dict(zip(b.COLUMNS["gminas"] + ("path",),
                                        map(list, zip(*GMINAS)))), extra=("path",))
    people = _participants(rng)
    expect = b.expected(people["group"], _MEETINGS)
    status = b.random_attendance(expect, rng, p_miss=(0.05, 0.3), p_unreliable=0.2)
    hours = np.full(status.shape, np.nan)
    forms = [(_instrument(m), m.group, m.zjazd) for m in _MEETINGS]
    items = b.items_table([f for f, _, _ in forms], _QUESTIONS, _FORM_TITLE)
    responses = b.meeting_responses(
        people["participant_id"], people["gmina_id"], people["group"], _MEETINGS, status,
        forms, _QUESTIONS, _COMMENTS, rng, mean=4.1)
    in_3a = gminas.loc[gminas["path"].str.split(";").map(lambda p: "3a" in p), "gmina_id"]
    actions = pd.DataFrame(list(ACTIONS), columns=["gmina_id", "area", "title", "status",
                                                   "due", "done_on", "path"])
    actions.insert(1, "action_id", fmt_ids("PD", np.arange(1, len(actions) + 1), 3))
    tables = {
        "gminas": gminas,
        "participants": b.table("participants", people),
        "sessions": b.sessions_table(_MEETINGS),
        "attendance": b.attendance_table(people["participant_id"], _MEETINGS, status, hours),
        "items": items,
        "responses": responses,
        "index_scores": b.index_scores_table(
            in_3a.to_numpy(dtype=object), AREA_IDS,
            (("baseline", "2021-09-06", "2021-10-29"),), rng, level=2.1,
            area_shift=AREA_SHIFT),
        "support": _support(rng),
        "actions": b.table("actions", {k: actions[k].tolist() for k in b.COLUMNS["actions"]}),
        "programme": b.programme_table(PROGRAMME),
    }
    tables["labels"] = _labels(items)
    return tables
