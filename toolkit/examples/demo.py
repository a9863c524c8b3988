"""The demo dataset: four gminas of "Współpraca na medal" (2014-2015), seeds 002 and 004.

Miechów, Bukowina Tatrzańska, Gorlice (rural gmina) and Krynica-Zdrój with 17 invented
participants of the Academy (:mod:`toolkit.examples._academy`). The facts that the
trainers' and evaluators' views should show are fixed by hand here (two participants miss
the diploma, three have exactly 7 of 8 days, one gmina misses its commitment, support
falls short in two gminas); only the questionnaire answers and LIJW scores come from the
random generator. The ``programme``, ``labels`` and ``conclusions`` tables describe the
programme: every id a reader of its reports sees gets a Polish and an English label, taken
from the Academy's own constants, so a new id without a label fails loudly here
(``KeyError``) rather than showing up raw in a report.

Committed as ``data/demo`` (``python -m toolkit synth --demo --out data/demo``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _academy as academy
from ._build import (
    AREA_IDS,
    AREA_LABELS_EN,
    PRESENT,
    STATUSES,
    default_index_areas_table,
    labels_table,
    programme_table,
    table,
)

__all__ = ["demo_dataset", "demo_programme", "demo_labels", "demo_conclusions", "PROGRAMME",
           "CONCLUSIONS", "SEED"]

#: Seed of the parts left to chance in the committed files.
SEED = 2014

# ---------------------------------------------------------------------------------------
# Facts fixed by hand
# ---------------------------------------------------------------------------------------

# (gmina_id, name, powiat). Krynica-Zdrój's code is illustrative, not verified.
_GMINAS: tuple[tuple[str, str, str], ...] = (
    ("1208053", "Miechów", "miechowski"),
    ("1217032", "Bukowina Tatrzańska", "tatrzański"),
    ("1205042", "Gorlice", "gorlicki"),
    ("1210073", "Krynica-Zdrój", "nowosądecki"),
)
# (participant_id, gmina_id, sector, organisation, first_name, last_name, gender)
_PARTICIPANTS: tuple[tuple[str, ...], ...] = (
    ("P0001", "1208053", "JST", "Urząd Gminy i Miasta Miechów", "Anna", "Wójcik", "K"),
    ("P0002", "1208053", "NGO", "Stowarzyszenie Przyjaciół Ziemi Miechowskiej", "Jan",
     "Kamiński", "M"),
    ("P0003", "1208053", "NGO", "Fundacja „Miechowskie Inicjatywy”", "Małgorzata",
     "Zielińska", "K"),
    ("P0004", "1208053", "JST", "Ośrodek Pomocy Społecznej w Miechowie", "Tomasz", "Nowak",
     "M"),
    ("P0005", "1208053", "NGO", "Koło Gospodyń Wiejskich w Zagorzycach", "Zofia", "Mazur",
     "K"),
    ("P0006", "1217032", "JST", "Urząd Gminy Bukowina Tatrzańska", "Łukasz", "Gąsienica",
     "M"),
    ("P0007", "1217032", "NGO", "Stowarzyszenie Twórców Ludowych Podhala", "Jadwiga",
     "Bachleda", "K"),
    ("P0008", "1217032", "NGO", "Ochotnicza Straż Pożarna w Białce Tatrzańskiej",
     "Stanisław", "Chowaniec", "M"),
    ("P0009", "1217032", "JST", "Gminny Ośrodek Kultury w Bukowinie Tatrzańskiej",
     "Katarzyna", "Kępa", "K"),
    ("P0010", "1205042", "JST", "Urząd Gminy Gorlice", "Krzysztof", "Wiśniewski", "M"),
    ("P0011", "1205042", "NGO", "Stowarzyszenie „Razem dla Gminy Gorlice”", "Elżbieta",
     "Kowalczyk", "K"),
    ("P0012", "1205042", "NGO", "Koło Gospodyń Wiejskich w Dominikowicach", "Barbara",
     "Dudek", "K"),
    ("P0013", "1205042", "other", "Spółdzielnia Socjalna „Pogórze”", "Paweł", "Stępień",
     "M"),
    ("P0014", "1210073", "JST", "Urząd Miejski w Krynicy-Zdroju", "Agnieszka", "Wróbel",
     "K"),
    ("P0015", "1210073", "NGO", "Fundacja Rozwoju Ziemi Krynickiej", "Piotr", "Kaczmarek",
     "M"),
    ("P0016", "1210073", "NGO", "Uczniowski Klub Sportowy „Jaworzyna”", "Ewa", "Jaworska",
     "K"),
    ("P0017", "1210073", "JST", "Centrum Kultury w Krynicy-Zdroju", "Grzegorz", "Pawlak",
     "M"),
)
# Everybody is present except: (participant_id, session_id, status, hours or "").
_ATTENDANCE_EXCEPTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("P0003", "Z3D1", "absent", ""),      # 5 of 8 days: no diploma
    ("P0003", "Z3D2", "absent", ""),
    ("P0003", "Z4D1", "excused", ""),
    ("P0011", "Z2D2", "absent", ""),      # 6 of 8 days: no diploma
    ("P0011", "Z4D2", "absent", ""),
    ("P0007", "Z2D1", "excused", ""),     # 7 of 8 days, one excused absence
    ("P0008", "Z1D1", "late", ""),        # 7 of 8 days
    ("P0008", "Z4D2", "absent", ""),
    ("P0015", "Z4D1", "absent", ""),      # 7 of 8 days
    ("P0014", "Z1D2", "late", "6"),       # late, 6 of 7.5 hours
    ("P0016", "Z3D1", "late", "7"),       # late, 7 of 8 hours
    ("P0013", "Z2D2", "late", ""),
)
# (gmina_id, recommendation_id, document_type, status, adopted_on). Krynica-Zdrój adopts
# only 3 recommendations and so misses the commitment (>= 4, >= 1 per plane).
_RECOMMENDATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("1208053", "I.1", "uchwała", "adopted", "2015-04-29"),
    ("1208053", "I.2", "zarządzenie", "adopted", "2015-06-15"),
    ("1208053", "II.3", "zarządzenie", "adopted", "2015-03-20"),
    ("1208053", "III.5", "zarządzenie", "adopted", "2015-05-11"),
    ("1208053", "III.6", "uchwała", "in_progress", ""),
    ("1217032", "I.1", "uchwała", "adopted", "2015-06-26"),
    ("1217032", "II.3", "regulamin", "adopted", "2015-04-08"),
    ("1217032", "II.4", "zarządzenie", "adopted", "2015-07-14"),
    ("1217032", "III.6", "uchwała", "adopted", "2015-09-24"),
    ("1205042", "I.1", "regulamin", "adopted", "2015-05-27"),
    ("1205042", "I.2", "procedura", "adopted", "2015-08-31"),
    ("1205042", "II.3", "zarządzenie", "adopted", "2015-03-16"),
    ("1205042", "II.4", "decyzja", "planned", ""),
    ("1205042", "III.5", "zarządzenie", "adopted", "2015-06-01"),
    ("1205042", "III.6", "uchwała", "adopted", "2015-09-29"),
    ("1210073", "I.1", "uchwała", "adopted", "2015-07-22"),
    ("1210073", "II.3", "zarządzenie", "adopted", "2015-04-17"),
    ("1210073", "II.4", "procedura", "in_progress", ""),
    ("1210073", "III.5", "zarządzenie", "adopted", "2015-06-30"),
)
# LIJW changes fixed by hand (gmina_id, area_id, follow-up minus baseline): one area
# unchanged, one worse, so that the demo's reports show both.
_INDEX_CHANGES: tuple[tuple[str, str, float], ...] = (
    ("1205042", "III_2", -0.3),
    ("1210073", "I_4", 0.0),
)
# Support delivered where it differs from the plan: (gmina_id, activity, delivered).
_SUPPORT_DELIVERED: tuple[tuple[str, str, float], ...] = (
    ("1208053", "konsultacje COP", 34),
    ("1208053", "ankiety telefoniczne", 27),
    ("1217032", "doradztwo", 16.5),
    ("1205042", "szkolenia COP", 1),
    ("1205042", "ankiety telefoniczne", 19),
    ("1210073", "doradztwo", 11),
    ("1210073", "spotkania GWD", 2),
    ("1210073", "dofinansowanie wydarzenia", 4200),
)


# ---------------------------------------------------------------------------------------
# The programme: programme, labels, conclusions
# ---------------------------------------------------------------------------------------

#: Seed 002 (project plan) and seed 004 (Miechów news, 2015). The seed's schedule runs from
#: July 2014 (the process advisor's support) to June 2015 (advisory, NGO centres,
#: integration events); the diploma place is illustrative (the Academy met near Kraków,
#: seed 002). Seed 002 names no funder, so ``funding`` is left out.
PROGRAMME: tuple[tuple[str, str], ...] = (
    ("name", "Współpraca na medal"),
    ("title", "Model Współpracy – Współpraca na medal. Wdrażanie standardów współpracy "
              "JST-NGO w Małopolsce"),
    ("operator", "Fundacja Biuro Inicjatyw Społecznych"),
    ("partners", "Województwo Małopolskie"),
    ("region", "małopolskie"),
    ("start", "2014-07-01"),
    ("end", "2015-06-30"),
    ("academy_name", "Akademia Współpracy"),
    ("diploma_threshold", "0.8"),
    ("diploma_basis", "days"),
    ("diploma_excused", "absent"),
    ("diploma_prefix", "AW"),
    ("diploma_place", "Kraków"),
    ("commitment_min_total", "4"),
    ("commitment_min_per_plane", "1"),
)

_CONSTRUCTS: dict[str, tuple[str, str]] = {
    "przydatnosc": ("Przydatność", "Usefulness"),
    "organizacja": ("Organizacja i prowadzenie zajęć", "Organisation and delivery"),
}
_WAVE_LABELS: dict[str, tuple[str, str]] = {
    "baseline": ("diagnoza wstępna (2014)", "baseline (2014)"),
    "follow-up": ("diagnoza końcowa (2015)", "follow-up (2015)"),
}
_ACTIVITIES: dict[str, tuple[str, str]] = {
    "doradztwo": ("Doradztwo specjalistyczne", "Specialist advisory"),
    "spotkania GWD": ("Spotkania Grupy Wymiany Doświadczeń",
                      "Experience-exchange group meetings"),
    "szkolenia COP": ("Szkolenia w Centrum Organizacji Pozarządowych", "NGO centre trainings"),
    "seminaria COP": ("Seminaria w Centrum Organizacji Pozarządowych", "NGO centre seminars"),
    "konsultacje COP": ("Konsultacje w Centrum Organizacji Pozarządowych",
                        "NGO centre consultations"),
    "wywiady grupowe": ("Wywiady grupowe z organizacjami", "Group interviews with NGOs"),
    "wywiady pogłębione": ("Indywidualne wywiady pogłębione", "In-depth interviews"),
    "ankiety telefoniczne": ("Ankiety telefoniczne z organizacjami", "Telephone survey of NGOs"),
    "wydarzenie integracyjne": ("Impreza integracyjna dla organizacji",
                                "Integration event for NGOs"),
    "dofinansowanie wydarzenia": ("Dofinansowanie imprezy integracyjnej",
                                  "Integration event grant"),
}

def demo_programme() -> pd.DataFrame:
    """The demo's ``programme`` table (key, value)."""
    return programme_table(PROGRAMME)


def demo_labels() -> pd.DataFrame:
    """The demo's ``labels`` table: every id a reader of its reports would see."""
    rows: list[tuple[str, str, str, str]] = []
    for z in range(1, academy.N_ZJAZDY + 1):
        rows.append(("instrument", academy.meeting_instrument(z), f"Ankieta po {z}. zjeździe",
                     f"Questionnaire after meeting {z}"))
    test = academy.KNOWLEDGE_TEST
    rows += [
        ("instrument", test, "Test wiedzy", "Knowledge test"),
        ("instrument", f"{test}_pre", "Test wiedzy przed Akademią",
         "Knowledge test before the Academy"),
        ("instrument", f"{test}_post", "Test wiedzy po Akademii",
         "Knowledge test after the Academy"),
    ]
    constructs = dict.fromkeys(c for *_, c in academy.MEETING_ITEMS if c)
    rows += [("construct", c, *_CONSTRUCTS[c]) for c in constructs]
    rows += [("wave", w, *_WAVE_LABELS[w]) for w in academy.WAVES]
    rows += [("activity", a, *_ACTIVITIES[a]) for a, _, _ in academy.SUPPORT_PLAN]
    areas = default_index_areas_table()
    rows += [("area", a, name, AREA_LABELS_EN[a])
             for a, name in zip(areas["area_id"], areas["name"])]
    return labels_table(rows)


#: The evaluator's own words in the demo (illustrative, invented): a few gminas' sections
#: and the programme as a whole (``ALL``), in Polish, as Markdown.
CONCLUSIONS: tuple[tuple[str, str, str], ...] = (
    ("ALL", "summary",
     "Program osiągnął swoje główne cele: większość gmin spełniła zobowiązanie, a wiedza "
     "uczestników o *Modelu współpracy* wyraźnie wzrosła. Uwagi wymaga utrzymanie "
     "współpracy po zakończeniu wsparcia."),
    ("1208053", "summary",
     "Miechów wykorzystał Akademię najpełniej: zespół JST i organizacji pracował razem "
     "na wszystkich zjazdach."),
    ("1208053", "index",
     "Wzrost indeksu w płaszczyźnie II potwierdzają wywiady: gmina po raz pierwszy "
     "zawarła **partnerstwo projektowe** z organizacją."),
    ("1210073", "recommendations",
     "Gmina przyjęła trzy rekomendacje; czwarta (regulamin konsultacji) czeka na sesję "
     "rady. Warto sprawdzić jej przyjęcie w kolejnym roku."),
    ("1210073", "recommendations_evaluator",
     "- Przyjąć regulamin konsultacji społecznych.\n"
     "- Powołać gminną radę działalności pożytku publicznego."),
)


def demo_conclusions() -> pd.DataFrame:
    """The demo's ``conclusions`` table (gmina_id, section, text)."""
    return pd.DataFrame({"gmina_id": [g for g, _, _ in CONCLUSIONS],
                         "section": [s for _, s, _ in CONCLUSIONS],
                         "text": [x for *_, x in CONCLUSIONS]}, dtype=object).astype(str)


# ---------------------------------------------------------------------------------------
# The dataset
# ---------------------------------------------------------------------------------------


def demo_dataset(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The demo dataset: the four gminas of "Współpraca na medal" (2014-2015).

    Miechów, Bukowina Tatrzańska, Gorlice (rural gmina) and Krynica-Zdrój, all in
    małopolskie, with 17 fictitious participants (JST, NGO and one from a social
    cooperative).

    Parameters
    ----------
    seed : int, default 2014
        Seed for the parts left to chance: questionnaire answers and times, and the
        LIJW scores. The facts below hold for every seed.

    Returns
    -------
    dict of str to pandas.DataFrame
        The ten tables of SPEC §2, as in :func:`toolkit.examples.synthetic.synthesize`,
        then ``programme``, ``labels`` and ``conclusions``.

    Notes
    -----
    Fixed by hand so that every view has something to show:

    - attendance: P0003 (5 of 8 days) and P0011 (6 of 8) miss the diploma; P0007
      (one excused absence), P0008 and P0015 have exactly 7 of 8 days; P0014 and P0016
      arrive late with their hours recorded (6 of 7.5, 7 of 8);
    - recommendations: Krynica-Zdrój (``1210073``) adopts only 3 and misses the
      commitment; the three others meet it;
    - LIJW: scores rise between the waves, except Gorlice's "partnerstwo lokalne"
      (``III_2``, lower) and Krynica-Zdrój's ``I_4`` (unchanged);
    - support: Gorlice and Krynica-Zdrój fall short of the plan in some activities,
      Miechów and Bukowina Tatrzańska exceed it in some;
    - every participant takes the knowledge test before and after the Academy.

    The TERYT code of Krynica-Zdrój (``1210073``) is illustrative, not verified.
    """
    rng = np.random.default_rng(seed)
    gmina_ids = np.array([g[0] for g in _GMINAS], dtype=object)
    gminas = table("gminas", {
        "gmina_id": gmina_ids,
        "name": [g[1] for g in _GMINAS],
        "powiat": [g[2] for g in _GMINAS],
        "wojewodztwo": ["małopolskie"] * len(_GMINAS),
    })
    cols = list(zip(*_PARTICIPANTS))
    keys = ("participant_id", "gmina_id", "sector", "organisation", "first_name",
            "last_name", "gender")
    people = {k: np.array(v, dtype=object) for k, v in zip(keys, cols)}

    sess = academy.session_arrays()
    pid_pos = {p: i for i, p in enumerate(people["participant_id"])}
    sid_pos = {s: j for j, s in enumerate(sess["session_id"])}
    status = np.full((len(pid_pos), len(sid_pos)), PRESENT)
    hours = np.full(status.shape, np.nan)
    code_of = {s: i for i, s in enumerate(STATUSES)}
    for pid, sid, st, h in _ATTENDANCE_EXCEPTIONS:
        status[pid_pos[pid], sid_pos[sid]] = code_of[st]
        if h:
            hours[pid_pos[pid], sid_pos[sid]] = float(h)

    tables = {"gminas": gminas}
    tables.update(academy.people_tables(people, status, hours, rng))
    tables["index_areas"] = default_index_areas_table()
    area_pos = {a: j for j, a in enumerate(AREA_IDS)}
    gmina_pos = {g: i for i, g in enumerate(gmina_ids)}
    tables["index_scores"] = academy.index_scores_table(gmina_ids, rng, tuple(
        (gmina_pos[g], area_pos[a], change) for g, a, change in _INDEX_CHANGES))

    rec_info = {r[0]: r for r in academy.RECOMMENDATIONS}
    recs = _RECOMMENDATIONS
    tables["recommendations"] = table("recommendations", {
        "gmina_id": [r[0] for r in recs],
        "recommendation_id": [r[1] for r in recs],
        "plane": [rec_info[r[1]][1] for r in recs],
        "title": [rec_info[r[1]][2] for r in recs],
        "document_type": [r[2] for r in recs],
        "status": [r[3] for r in recs],
        "adopted_on": [r[4] for r in recs],
    })

    activity_pos = {a: j for j, (a, _, _) in enumerate(academy.SUPPORT_PLAN)}
    delivered = np.tile(np.array([p for _, _, p in academy.SUPPORT_PLAN], dtype=float),
                        (gmina_ids.size, 1))
    for gid, activity, amount in _SUPPORT_DELIVERED:
        delivered[gmina_pos[gid], activity_pos[activity]] = amount
    tables["support"] = academy.support_table(gmina_ids, delivered)
    tables["programme"] = demo_programme()
    tables["labels"] = demo_labels()
    tables["conclusions"] = demo_conclusions()
    return tables
