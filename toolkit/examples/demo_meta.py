"""The demo's ``programme`` and ``labels`` tables ("Współpraca na medal", seeds 002 and 004).

The demo's other tables come from :func:`toolkit.synth.demo_dataset`, which adds these two.
Every id the demo's tables use where a reader would see it (instruments, the knowledge
test, constructs, LIJW waves, support activities, LIJW areas) gets a Polish label and an
English one; the ids are taken from :mod:`toolkit.synth`'s own constants, so a new id
without a label fails loudly here (``KeyError``) rather than showing up raw in a report.
"""

from __future__ import annotations

import pandas as pd

from .. import synth
from ..config import DEFAULT_INDEX_AREAS
from ._common import labels_table, programme_table

__all__ = ["PROGRAMME", "demo_programme", "demo_labels", "demo_conclusions", "AREA_LABELS_EN",
           "CONCLUSIONS"]

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
_WAVES: dict[str, tuple[str, str]] = {
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
#: English names of the default LIJW areas (their Polish names are in index_areas).
AREA_LABELS_EN: dict[str, str] = {
    "I_1": "consulting draft legal acts and the rules of other undertakings",
    "I_2": "cooperation in diagnosing local problems and challenges",
    "I_3": "co-creating strategies and programmes of public policy",
    "I_4": "NGOs taking part in assessing policies and programmes",
    "II_1": "delivering public tasks through financial forms",
    "II_2": "project partnerships in delivering public tasks",
    "III_1": "a system supporting civic initiatives and NGOs",
    "III_2": "local partnership",
}


def demo_programme() -> pd.DataFrame:
    """The demo's ``programme`` table (key, value)."""
    return programme_table(PROGRAMME)


def demo_labels() -> pd.DataFrame:
    """The demo's ``labels`` table: every id a reader of its reports would see."""
    rows: list[tuple[str, str, str, str]] = []
    for z in range(1, synth._N_ZJAZDY + 1):
        rows.append(("instrument", synth._meeting_instrument(z), f"Ankieta po {z}. zjeździe",
                     f"Questionnaire after meeting {z}"))
    test = synth._KNOWLEDGE_TEST
    rows += [
        ("instrument", test, "Test wiedzy", "Knowledge test"),
        ("instrument", f"{test}_pre", "Test wiedzy przed Akademią",
         "Knowledge test before the Academy"),
        ("instrument", f"{test}_post", "Test wiedzy po Akademii",
         "Knowledge test after the Academy"),
    ]
    constructs = dict.fromkeys(c for *_, c in synth._MEETING_ITEMS if c)
    rows += [("construct", c, *_CONSTRUCTS[c]) for c in constructs]
    rows += [("wave", w, *_WAVES[w]) for w in synth._WAVES]
    rows += [("activity", a, *_ACTIVITIES[a]) for a, _, _ in synth.SUPPORT_PLAN]
    areas = pd.read_csv(DEFAULT_INDEX_AREAS, dtype=str, keep_default_na=False)
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
