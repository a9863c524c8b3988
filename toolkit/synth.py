"""Fictitious but valid datasets: the shipped demo and synthetic programmes of any size.

Two generators share one set of table builders:

- :func:`demo_dataset` is the four gminas of "Współpraca na medal" (Miechów, Bukowina
  Tatrzańska, Gorlice, Krynica-Zdrój) with 17 invented participants. The facts that the
  trainers' and evaluators' views should show are fixed by hand (two participants miss the
  diploma, three have exactly 7 of 8 days, one gmina misses its commitment, support falls
  short in two gminas); only the questionnaire answers and LIJW scores come from the
  random generator.
- :func:`synthesize` builds ``n_gminas`` gminas with unique TERYT codes and every other
  table at the demo's density, with vectorised numpy code (all 2 479 gminas of Poland in
  about a second).

Every table has exactly the columns of SPEC §2 in SPEC order and every value is text
(``""`` when empty), as it would be read from a CSV file: TERYT codes keep their leading
zero, numbers are written plainly (``"8"``, ``"7.5"``), dates ``YYYY-MM-DD`` and
``submitted_at`` ``YYYY-MM-DD HH:MM:SS``. :func:`write_dataset` writes the tables as a
dataset folder. The same arguments always give byte-identical output.
"""

from __future__ import annotations

import operator
import os
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .config import DEFAULT_INDEX_AREAS

__all__ = ["demo_dataset", "synthesize", "write_dataset"]

# ---------------------------------------------------------------------------------------
# Contract (SPEC §2)
# ---------------------------------------------------------------------------------------

_TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "gminas": ("gmina_id", "name", "powiat", "wojewodztwo"),
    "participants": ("participant_id", "gmina_id", "sector", "organisation", "first_name",
                     "last_name", "gender", "group"),
    "sessions": ("session_id", "zjazd", "day", "date", "hours", "plane", "topic", "group"),
    "attendance": ("participant_id", "session_id", "status", "hours"),
    "items": ("item_id", "instrument", "text", "kind", "scale", "construct", "correct",
              "source"),
    "responses": ("response_id", "instrument", "item_id", "answer", "participant_id",
                  "gmina_id", "submitted_at"),
    "index_areas": ("area_id", "plane", "name", "scale_min", "scale_max"),
    "index_scores": ("gmina_id", "wave", "date", "area_id", "score"),
    "recommendations": ("gmina_id", "recommendation_id", "plane", "title", "document_type",
                        "status", "adopted_on"),
    "support": ("gmina_id", "activity", "unit", "planned", "delivered"),
}

# ---------------------------------------------------------------------------------------
# Geography
# ---------------------------------------------------------------------------------------

#: TERYT voivodeship codes (even numbers 02..32) and names.
VOIVODESHIPS: tuple[tuple[str, str], ...] = tuple(config.VOIVODESHIPS.items())

#: Powiat names (adjective form, as in "powiat miechowski").
POWIAT_NAMES: tuple[str, ...] = (
    "bocheński", "brzeski", "chrzanowski", "dąbrowski", "gorlicki", "krakowski",
    "limanowski", "miechowski", "myślenicki", "nowosądecki", "nowotarski", "olkuski",
    "oświęcimski", "proszowicki", "suski", "tarnowski", "tatrzański", "wadowicki",
    "wielicki", "bolesławiecki", "dzierżoniowski", "głogowski", "jaworski", "kłodzki",
    "lubiński", "lwówecki", "milicki", "oleśnicki", "oławski", "polkowicki", "strzeliński",
    "średzki", "świdnicki", "trzebnicki", "wołowski", "ząbkowicki", "zgorzelecki",
    "złotoryjski", "aleksandrowski", "brodnicki", "chełmiński", "golubsko-dobrzyński",
    "inowrocławski", "lipnowski", "mogileński", "nakielski", "radziejowski", "rypiński",
    "sępoleński", "świecki", "tucholski", "wąbrzeski", "żniński", "biłgorajski",
    "chełmski", "hrubieszowski", "janowski", "krasnostawski", "kraśnicki", "lubartowski",
    "łęczyński", "łukowski", "parczewski", "puławski", "rycki", "tomaszowski",
    "włodawski", "zamojski", "międzyrzecki", "nowosolski", "słubicki", "sulęciński",
    "świebodziński", "wschowski", "żagański", "żarski", "bełchatowski", "kutnowski",
    "łaski", "łęczycki", "łowicki", "opoczyński", "pabianicki", "pajęczański",
    "poddębicki", "radomszczański", "rawski", "sieradzki", "wieluński", "wieruszowski",
    "zduńskowolski", "zgierski", "ciechanowski", "garwoliński", "gostyniński", "grójecki",
    "kozienicki", "legionowski", "łosicki", "makowski", "miński", "mławski",
    "ostrołęcki", "otwocki", "piaseczyński", "płoński", "przasnyski", "pułtuski",
    "sochaczewski", "węgrowski", "wyszkowski", "żuromiński", "żyrardowski", "brzozowski",
    "jarosławski", "jasielski", "kolbuszowski", "leski", "leżajski", "lubaczowski",
    "łańcucki", "mielecki", "niżański", "przeworski", "ropczycko-sędziszowski",
    "sanocki", "stalowowolski", "strzyżowski", "augustowski", "bielski", "grajewski",
    "hajnowski", "kolneński", "moniecki", "sejneński", "siemiatycki", "sokólski",
    "wysokomazowiecki", "zambrowski", "bytowski", "chojnicki", "człuchowski",
    "kartuski", "kościerski", "kwidzyński", "lęborski", "malborski", "pucki",
    "starogardzki", "sztumski", "będziński", "bieruńsko-lędziński", "cieszyński",
    "częstochowski", "kłobucki", "lubliniecki", "mikołowski", "myszkowski", "pszczyński",
    "raciborski", "rybnicki", "tarnogórski", "wodzisławski", "zawierciański", "żywiecki",
    "buski", "jędrzejowski", "kazimierski", "kielecki", "konecki", "opatowski",
    "pińczowski", "sandomierski", "skarżyski", "starachowicki", "staszowski",
    "włoszczowski", "bartoszycki", "braniewski", "działdowski", "giżycki", "iławski",
    "kętrzyński", "lidzbarski", "mrągowski", "nidzicki", "olecki", "piski", "szczycieński",
    "chodzieski", "czarnkowsko-trzcianecki", "gnieźnieński", "gostyński", "jarociński",
    "kępiński", "kolski", "krotoszyński", "leszczyński", "międzychodzki", "obornicki",
    "ostrzeszowski", "pleszewski", "rawicki", "słupecki", "szamotulski", "śremski",
    "turecki", "wągrowiecki", "wrzesiński", "złotowski", "białogardzki", "choszczeński",
    "drawski", "goleniowski", "gryficki", "gryfiński", "kamieński", "kołobrzeski",
    "koszaliński", "łobeski", "myśliborski", "policki", "pyrzycki", "sławieński",
    "stargardzki", "szczecinecki", "świdwiński", "wałecki", "brzeski", "głubczycki",
    "kędzierzyńsko-kozielski", "kluczborski", "krapkowicki", "namysłowski", "nyski",
    "oleski", "prudnicki", "strzelecki",
)

# Gmina name parts. Base names carry a grammatical gender so that qualifiers agree:
# f = feminine, m = masculine, n = neuter, p = plural.
_GMINA_BASES: tuple[tuple[str, str], ...] = (
    ("Dąbrowa", "f"), ("Wola", "f"), ("Lipnica", "f"), ("Olszyna", "f"), ("Jodłowa", "f"),
    ("Wierzbica", "f"), ("Kamionka", "f"), ("Poręba", "f"), ("Huta", "f"), ("Sucha", "f"),
    ("Jabłonka", "f"), ("Leśnica", "f"), ("Bukowina", "f"), ("Zielonka", "f"),
    ("Sośnica", "f"), ("Kłodawa", "f"), ("Bystrzyca", "f"), ("Białka", "f"),
    ("Rokietnica", "f"), ("Łososina", "f"), ("Brzozowa", "f"), ("Grabownica", "f"),
    ("Krzemienica", "f"), ("Topola", "f"), ("Borowa", "f"), ("Trzcianka", "f"),
    ("Mszana", "f"), ("Wieś", "f"), ("Łęka", "f"), ("Rudka", "f"),
    ("Kamień", "m"), ("Borek", "m"), ("Gródek", "m"), ("Jasień", "m"), ("Lipnik", "m"),
    ("Grabów", "m"), ("Jodłownik", "m"), ("Bukowiec", "m"), ("Rudnik", "m"),
    ("Dębnik", "m"), ("Zagórz", "m"), ("Jawor", "m"), ("Brzostek", "m"), ("Lubień", "m"),
    ("Skrzyszów", "m"), ("Bodzanów", "m"), ("Modrzew", "m"), ("Olszanik", "m"),
    ("Sieniawiec", "m"), ("Targ", "m"), ("Dwór", "m"), ("Brzeg", "m"),
    ("Brzezie", "n"), ("Podgórze", "n"), ("Zalesie", "n"), ("Lipie", "n"), ("Dębno", "n"),
    ("Bukowsko", "n"), ("Osielsko", "n"), ("Sierakowo", "n"), ("Dobrzyniewo", "n"),
    ("Zagórze", "n"), ("Zabłocie", "n"), ("Bystre", "n"), ("Gniewkowo", "n"),
    ("Miasto", "n"), ("Siedlisko", "n"), ("Pole", "n"), ("Łęczno", "n"),
    ("Zielonki", "p"), ("Brzeziny", "p"), ("Łęki", "p"), ("Jabłonki", "p"),
    ("Kobylany", "p"), ("Łazy", "p"), ("Porąbki", "p"), ("Niwiska", "p"), ("Olszyny", "p"),
    ("Budy", "p"), ("Racławice", "p"), ("Michałowice", "p"), ("Gorzyce", "p"),
    ("Bolesławice", "p"), ("Skawinki", "p"), ("Krzeczowice", "p"), ("Dobczyce", "p"),
    ("Wierzchosławice", "p"), ("Łapanów", "m"), ("Niedźwiedź", "m"), ("Żegocina", "f"),
    ("Łącko", "n"), ("Źródła", "p"), ("Ślęza", "f"),
)

# Qualifiers per gender: (before the base, after the base).
_GMINA_PREFIXES: dict[str, tuple[str, ...]] = {
    "f": ("Nowa", "Stara", "Wielka", "Mała"),
    "m": ("Nowy", "Stary", "Wielki", "Mały"),
    "n": ("Nowe", "Stare", "Wielkie", "Małe"),
    "p": ("Nowe", "Stare", "Wielkie", "Małe"),
}
_GMINA_SUFFIXES: dict[str, tuple[str, ...]] = {
    "f": ("Górna", "Dolna", "Królewska", "Szlachecka", "Kościelna", "Podlaska",
          "Mazowiecka", "Śląska"),
    "m": ("Górny", "Dolny", "Królewski", "Szlachecki", "Kościelny", "Podlaski",
          "Mazowiecki", "Śląski"),
    "n": ("Górne", "Dolne", "Królewskie", "Szlacheckie", "Kościelne", "Podlaskie",
          "Mazowieckie", "Śląskie"),
    "p": ("Górne", "Dolne", "Królewskie", "Szlacheckie", "Kościelne", "Podlaskie",
          "Mazowieckie", "Śląskie"),
}
_GMINA_RIVERS: tuple[str, ...] = (
    "nad Wisłą", "nad Sanem", "nad Bugiem", "nad Wartą", "nad Pilicą", "nad Notecią",
    "nad Dunajcem", "nad Odrą", "nad Nidą", "nad Narwią", "nad Drwęcą", "nad Bobrem",
)

#: Gmina types (last TERYT digit): 1 urban, 2 rural, 3 urban-rural, with rough frequencies.
_GMINA_TYPES = np.array([1, 2, 3])
_GMINA_TYPE_P = np.array([0.12, 0.62, 0.26])

# ---------------------------------------------------------------------------------------
# People and organisations
# ---------------------------------------------------------------------------------------

FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
    "Elżbieta", "Zofia", "Magdalena", "Joanna", "Aleksandra", "Monika", "Teresa", "Danuta",
    "Natalia", "Karolina", "Marta", "Beata", "Dorota", "Jadwiga", "Halina", "Justyna",
    "Paulina", "Grażyna", "Iwona", "Bożena", "Urszula", "Jolanta", "Renata", "Żaneta",
    "Łucja", "Wiesława", "Stanisława", "Agata",
)
MALE_FIRST_NAMES: tuple[str, ...] = (
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin",
    "Stanisław", "Jakub", "Adam", "Marek", "Łukasz", "Grzegorz", "Mateusz", "Wojciech",
    "Mariusz", "Dariusz", "Zbigniew", "Jerzy", "Maciej", "Rafał", "Robert", "Kamil",
    "Józef", "Janusz", "Przemysław", "Sławomir", "Bogusław", "Zdzisław", "Jacek",
    "Wiesław", "Radosław", "Bartłomiej", "Szymon", "Ryszard",
)
#: Surnames in the masculine form; feminine forms are derived (-ski → -ska, -cki → -cka).
SURNAMES: tuple[str, ...] = (
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
    "Wojciechowski", "Kwiatkowski", "Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski",
    "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel",
    "Nowakowski", "Majewski", "Olszewski", "Stępień", "Malinowski", "Jaworski",
    "Adamczyk", "Dudek", "Nowicki", "Pawlak", "Górski", "Witkowski", "Walczak", "Sikora",
    "Baran", "Rutkowski", "Michalak", "Szewczyk", "Ostrowski", "Tomaszewski", "Pietrzak",
    "Marciniak", "Wróblewski", "Zalewski", "Jakubowski", "Jasiński", "Zawadzki",
    "Sadowski", "Bąk", "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki",
    "Sokołowski", "Urbański", "Kubiak", "Maciejewski", "Szczepański", "Kucharski", "Wilk",
    "Kalinowski", "Lis", "Mazurek", "Wysocki", "Adamski", "Kaźmierczak", "Wasilewski",
    "Sobczak", "Czerwiński", "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski",
    "Kołodziej", "Sikorski", "Krajewski", "Gajewski", "Szymczak", "Szulc", "Baranowski",
    "Laskowski", "Brzeziński", "Makowski", "Ziółkowski", "Przybylski", "Gąsienica", "Żak",
    "Ślusarczyk", "Kędzierski", "Gołębiowski", "Łaś", "Bachleda", "Chowaniec", "Kępa",
)


def _feminine_surname(surname: str) -> str:
    """Return the feminine form of a Polish surname (adjectival ones change -i to -a)."""
    if surname.endswith(("ski", "cki", "dzki")):
        return surname[:-1] + "a"
    return surname


_SURNAMES_F: tuple[str, ...] = tuple(_feminine_surname(s) for s in SURNAMES)

# Village names in the locative case, for "Koło Gospodyń Wiejskich w …" and the like.
_VILLAGES_LOCATIVE: tuple[str, ...] = (
    "Woli", "Porębie", "Zagórzu", "Lipnicy", "Dąbrowie", "Jodłowniku", "Kamionce",
    "Brzeziu", "Zalesiu", "Łazach", "Łękach", "Zielonkach", "Bukowcu", "Jabłonce",
    "Rudniku", "Podgórzu", "Borku", "Gródku", "Białce", "Olszynach",
)
_QUOTED_NAMES: tuple[str, ...] = (
    "„Razem dla Wsi”", "„Zielony Most”", "„Dobre Sąsiedztwo”", "„Nasza Gmina”",
    "„Źródło”", "„Pod Lipami”", "„Kuźnia Inicjatyw”", "„Tęcza”", "„Wspólna Sprawa”",
    "„Ślad”",
)
# NGO name templates; {g} = gmina name (nominative), {v} = a village (locative),
# {q} = a quoted proper name.
_NGO_TEMPLATES: tuple[str, ...] = (
    "Stowarzyszenie Rozwoju Gminy {g}", "Stowarzyszenie Przyjaciół Gminy {g}",
    "Fundacja Rozwoju Gminy {g}", "Koło Gospodyń Wiejskich w {v}",
    "Ochotnicza Straż Pożarna w {v}", "Stowarzyszenie {q}", "Fundacja {q}",
    "Uczniowski Klub Sportowy {q}", "Ludowy Klub Sportowy {q}",
    "Towarzystwo Miłośników Gminy {g}", "Klub Seniora {q}",
    "Stowarzyszenie Kobiet Aktywnych Gminy {g}",
)
_JST_UNIT_TEMPLATES: tuple[str, ...] = (
    "Ośrodek Pomocy Społecznej Gminy {g}", "Centrum Kultury Gminy {g}",
    "Biblioteka Publiczna Gminy {g}",
)
_OTHER_TEMPLATES: tuple[str, ...] = (
    "Spółdzielnia Socjalna {q}", "Parafia Rzymskokatolicka w {v}",
    "Bank Spółdzielczy w {v}", "Lokalna Grupa Działania {q}",
)
# Office of the gmina by TERYT type digit 1..3.
_OFFICE_BY_TYPE: tuple[str, ...] = ("Urząd Miasta", "Urząd Gminy", "Urząd Miasta i Gminy")

# ---------------------------------------------------------------------------------------
# The Academy: sessions, questionnaires, knowledge test
# ---------------------------------------------------------------------------------------

# (zjazd, day, date, hours, plane, topic)
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
_N_ZJAZDY = 4

# Meeting questionnaire (one instrument per zjazd): (text, kind, scale, construct).
# Items 1-5 are those of samples/items_google.csv, so a Google Forms export of the
# questionnaire imports into the demo dataset.
_MEETING_ITEMS: tuple[tuple[str, str, str, str], ...] = (
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
_LIKERT_POS = np.array([i for i, it in enumerate(_MEETING_ITEMS) if it[1] == "likert"])
_OPEN_POS = next(i for i, it in enumerate(_MEETING_ITEMS) if it[1] == "open")
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
_KNOWLEDGE_TEST = "test_wiedzy"
# Item difficulty on the logit scale (positive = easier).
_KNOWLEDGE_EASE = np.array([0.9, 0.2, 0.0, -0.4, 0.5, -0.7, -0.3, 0.3])
_LETTERS = np.array(["a", "b", "c", "d"])

#: Polish labels of the Likert scales (value 1..5), as in SPEC §2.
LIKERT_LABELS: dict[str, tuple[str, ...]] = {
    "agree5": ("zdecydowanie nie", "raczej nie", "ani tak, ani nie", "raczej tak",
               "zdecydowanie tak"),
    "rating5": ("bardzo źle", "źle", "średnio", "dobrze", "bardzo dobrze"),
}
_NON_ANSWERS = np.array(["trudno powiedzieć", "Trudno powiedzieć", "nie wiem", ""])

_OPEN_COMMENTS: tuple[str, ...] = (
    "Więcej przykładów z innych gmin, mniej teorii",
    "Za mało czasu na pracę w grupach",
    "Sala za mała; catering ok, ale kawa „zimna”",
    "Materiały wysłać wcześniej mailem",
    "Przydałyby się wzory dokumentów (uchwał, regulaminów)",
    "Dłuższe przerwy",
    "Więcej czasu na pytania do trenerów",
    "Bardzo dobre zajęcia, nic bym nie zmieniał",
    "Lepsza komunikacja o terminach zjazdów",
    "Zajęcia zaczynały się za wcześnie – trudny dojazd",
    "Więcej o konsultacjach społecznych w praktyce",
    "Prezentacje były nieczytelne z końca sali",
    "Warto zaprosić radnych",
    "Mniej wykładu, więcej warsztatu",
    "Dobrze byłoby mieć listę kontaktów do innych uczestników",
    "Za dużo treści jak na jeden dzień",
)

# ---------------------------------------------------------------------------------------
# LIJW, recommendations, support
# ---------------------------------------------------------------------------------------

#: The default LIJW area ids (SPEC §6), as shipped in ``resources/index_areas.csv``.
_AREA_IDS: tuple[str, ...] = tuple(pd.read_csv(DEFAULT_INDEX_AREAS, dtype=str)["area_id"])
# Typical level of each area relative to the gmina's mean (financial cooperation is
# usually the most developed, joint evaluation of policies the least).
_AREA_SHIFT = np.array([-0.1, 0.0, -0.2, -0.45, 0.6, 0.05, 0.1, 0.0])
_WAVES = ("baseline", "follow-up")

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
_REC_STATUSES = np.array(["planned", "in_progress", "adopted"])
_NOT_SELECTED, _PLANNED, _IN_PROGRESS, _ADOPTED = -1, 0, 1, 2

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

# Attendance status codes.
_STATUSES = np.array(["present", "late", "excused", "absent"])
_PRESENT, _LATE, _EXCUSED, _ABSENT = 0, 1, 2, 3

# 16 voivodeships x 99 powiats x 99 gminas: the most codes the TERYT layout allows when
# each (voivodeship, powiat, gmina number) is used once.
_MAX_GMINAS = len(VOIVODESHIPS) * 99 * 99

# ---------------------------------------------------------------------------------------
# The demo: "Współpraca na medal" (2014-2015)
# ---------------------------------------------------------------------------------------

# (gmina_id, name, powiat). Krynica-Zdrój's code is illustrative, not verified.
_DEMO_GMINAS: tuple[tuple[str, str, str], ...] = (
    ("1208053", "Miechów", "miechowski"),
    ("1217032", "Bukowina Tatrzańska", "tatrzański"),
    ("1205042", "Gorlice", "gorlicki"),
    ("1210073", "Krynica-Zdrój", "nowosądecki"),
)
# (participant_id, gmina_id, sector, organisation, first_name, last_name, gender)
_DEMO_PARTICIPANTS: tuple[tuple[str, ...], ...] = (
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
_DEMO_ATTENDANCE_EXCEPTIONS: tuple[tuple[str, str, str, str], ...] = (
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
_DEMO_RECOMMENDATIONS: tuple[tuple[str, str, str, str, str], ...] = (
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
_DEMO_INDEX_CHANGES: tuple[tuple[str, str, float], ...] = (
    ("1205042", "III_2", -0.3),
    ("1210073", "I_4", 0.0),
)
# Support delivered where it differs from the plan: (gmina_id, activity, delivered).
_DEMO_SUPPORT_DELIVERED: tuple[tuple[str, str, float], ...] = (
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
# Small helpers
# ---------------------------------------------------------------------------------------


def _frame(name: str, columns: dict[str, object]) -> pd.DataFrame:
    """Build table ``name`` from column arrays, in SPEC order, every value as text."""
    order = _TABLE_COLUMNS[name]
    data = {col: np.asarray(columns[col], dtype=object) for col in order}
    return pd.DataFrame(data, columns=list(order)).astype(str)


def _fmt_numbers(values, decimals: int = 2) -> np.ndarray:
    """Write numbers plainly: at most ``decimals`` decimals, no trailing zeros, NaN → ""."""
    values = np.asarray(values, dtype=float)
    out = np.full(values.shape, "", dtype=object)
    ok = ~np.isnan(values)
    out[ok] = [
        f"{v:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{v:.0f}"
        for v in np.round(values[ok], decimals) + 0.0
    ]
    return out


def _fmt_ids(prefix: str, numbers: np.ndarray, min_width: int = 4) -> np.ndarray:
    """Zero-padded text ids (``P0001``) wide enough for the largest number."""
    numbers = np.asarray(numbers)
    width = max(min_width, len(str(int(numbers.max())))) if numbers.size else min_width
    return np.array([f"{prefix}{int(i):0{width}d}" for i in numbers], dtype=object)


def _fmt_dates(days: np.ndarray) -> np.ndarray:
    """``datetime64[D]`` → ``YYYY-MM-DD`` text."""
    return np.datetime_as_string(np.asarray(days, dtype="datetime64[D]"), unit="D").astype(object)


def _fmt_timestamps(seconds: np.ndarray) -> np.ndarray:
    """``datetime64[s]`` → ``YYYY-MM-DD HH:MM:SS`` text."""
    text = np.datetime_as_string(np.asarray(seconds, dtype="datetime64[s]"), unit="s")
    return np.char.replace(text, "T", " ").astype(object)


def _random_days(rng: np.random.Generator, first: str, last: str, size: int) -> np.ndarray:
    """Uniform random dates between ``first`` and ``last`` (inclusive)."""
    start = np.datetime64(first, "D")
    span = int((np.datetime64(last, "D") - start).astype(int)) + 1
    return start + rng.integers(0, span, size=size).astype("timedelta64[D]")


def _session_arrays() -> dict[str, np.ndarray]:
    """The Academy's sessions as arrays (zjazd, day, date, hours)."""
    zjazd = np.array([s[0] for s in _SESSIONS])
    return {
        "session_id": np.array([f"Z{s[0]}D{s[1]}" for s in _SESSIONS], dtype=object),
        "zjazd": zjazd,
        "date": np.array([s[2] for s in _SESSIONS], dtype="datetime64[D]"),
        "hours": np.array([float(s[3]) for s in _SESSIONS]),
    }


# ---------------------------------------------------------------------------------------
# Fixed tables
# ---------------------------------------------------------------------------------------


def _sessions_table() -> pd.DataFrame:
    cols = list(zip(*_SESSIONS))
    return _frame("sessions", {
        "session_id": [f"Z{z}D{d}" for z, d, *_ in _SESSIONS],
        "zjazd": [str(v) for v in cols[0]],
        "day": [str(v) for v in cols[1]],
        "date": cols[2],
        "hours": cols[3],
        "plane": cols[4],
        "topic": cols[5],
        "group": [""] * len(_SESSIONS),
    })


def _meeting_instrument(zjazd: int) -> str:
    return f"ocena_zjazd{zjazd}"


def _items_table() -> pd.DataFrame:
    rows: list[tuple[str, ...]] = []
    for z in range(1, _N_ZJAZDY + 1):
        instrument = _meeting_instrument(z)
        for k, (text, kind, scale, construct) in enumerate(_MEETING_ITEMS, start=1):
            source = f"{_MEETING_FORM_TITLE} [{text}]" if kind == "likert" else text
            rows.append((f"{instrument}_{k}", instrument, text, kind, scale, construct, "",
                         source))
    for wave in ("pre", "post"):
        instrument = f"{_KNOWLEDGE_TEST}_{wave}"
        for q, (text, correct) in enumerate(_KNOWLEDGE_ITEMS, start=1):
            rows.append((f"{instrument}_{q}", instrument, text, "knowledge", "", "",
                         correct, ""))
    return _frame("items", dict(zip(_TABLE_COLUMNS["items"], map(list, zip(*rows)))))


def _index_areas_table() -> pd.DataFrame:
    """The toolkit's default areas (SPEC §6), as text, without their source column."""
    areas = pd.read_csv(DEFAULT_INDEX_AREAS, dtype=str, keep_default_na=False)
    return _frame("index_areas", {c: areas[c].tolist() for c in _TABLE_COLUMNS["index_areas"]})


# ---------------------------------------------------------------------------------------
# Gminas and participants (synthetic)
# ---------------------------------------------------------------------------------------


def _gmina_name_pool() -> tuple[np.ndarray, np.ndarray]:
    """Every gmina name the parts can form, with sampling weights (plain names likelier)."""
    names: list[str] = []
    weights: list[float] = []
    for base, gender in _GMINA_BASES:
        names.append(base)
        weights.append(6.0)
        for prefix in _GMINA_PREFIXES[gender]:
            names.append(f"{prefix} {base}")
            weights.append(1.5)
        for suffix in _GMINA_SUFFIXES[gender]:
            names.append(f"{base} {suffix}")
            weights.append(1.0)
        for river in _GMINA_RIVERS:
            names.append(f"{base} {river}")
            weights.append(0.5)
    w = np.array(weights)
    return np.array(names, dtype=object), w / w.sum()


def _synth_gminas(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Unique TERYT codes and names for ``n`` gminas, sorted by code."""
    n_woj = len(VOIVODESHIPS)
    # Real powiat numbers rarely exceed ~40 and gmina numbers ~20; grow only when needed.
    n_pow, n_gm = 30, 20
    while n_woj * n_pow * n_gm < n:
        if n_pow < 99:
            n_pow = min(99, n_pow + 10)
        else:
            n_gm = min(99, n_gm + 10)
    slots = np.sort(rng.choice(n_woj * n_pow * n_gm, size=n, replace=False))
    woj = slots // (n_pow * n_gm)
    powiat = (slots // n_gm) % n_pow + 1
    number = slots % n_gm + 1
    gtype = rng.choice(_GMINA_TYPES, size=n, p=_GMINA_TYPE_P)
    woj_codes = np.array([c for c, _ in VOIVODESHIPS], dtype=object)
    woj_names = np.array([v for _, v in VOIVODESHIPS], dtype=object)
    codes = (woj_codes[woj]
             + np.char.zfill(powiat.astype(str), 2).astype(object)
             + np.char.zfill(number.astype(str), 2).astype(object)
             + gtype.astype(str).astype(object))

    pool, weights = _gmina_name_pool()
    if n <= pool.size:
        names = pool[rng.choice(pool.size, size=n, replace=False, p=weights)]
    else:  # more gminas than distinct names: every name once, then repeats
        extra = rng.choice(pool.size, size=n - pool.size, p=weights)
        names = pool[rng.permutation(np.concatenate([np.arange(pool.size), extra]))]

    # Powiat names: a different permutation of the pool in each voivodeship, so that the
    # powiats of one voivodeship have distinct names.
    powiat_pool = np.array(POWIAT_NAMES, dtype=object)
    perms = np.argsort(rng.random((n_woj, powiat_pool.size)), axis=1)
    powiat_names = powiat_pool[perms[woj, (powiat - 1) % powiat_pool.size]]
    return {"gmina_id": codes, "name": names, "powiat": powiat_names,
            "wojewodztwo": woj_names[woj], "type": gtype}


def _fill_templates(templates: np.ndarray, gmina: np.ndarray,
                    rng: np.random.Generator) -> np.ndarray:
    """Fill organisation name templates (``{g}``, ``{v}``, ``{q}``) element-wise."""
    n = templates.size
    villages = np.array(_VILLAGES_LOCATIVE, dtype=object)[
        rng.integers(0, len(_VILLAGES_LOCATIVE), n)]
    quoted = np.array(_QUOTED_NAMES, dtype=object)[rng.integers(0, len(_QUOTED_NAMES), n)]
    return np.array([t.format(g=g, v=v, q=q)
                     for t, g, v, q in zip(templates, gmina, villages, quoted)], dtype=object)


def _synth_participants(gm: dict[str, np.ndarray], rng: np.random.Generator
                        ) -> dict[str, np.ndarray]:
    """3-6 participants per gmina: a JST and an NGO person first, then a mix."""
    n_g = gm["gmina_id"].size
    counts = rng.integers(3, 7, size=n_g)
    g_idx = np.repeat(np.arange(n_g), counts)
    n = g_idx.size
    rank = np.arange(n) - np.repeat(np.cumsum(counts) - counts, counts)
    sector = rng.choice(np.array(["JST", "NGO", "other"], dtype=object), size=n,
                        p=[0.4, 0.5, 0.1])
    sector[rank == 0] = "JST"
    sector[rank == 1] = "NGO"

    female = rng.random(n) < 0.6
    first = np.where(
        female,
        np.array(FEMALE_FIRST_NAMES, dtype=object)[rng.integers(0, len(FEMALE_FIRST_NAMES), n)],
        np.array(MALE_FIRST_NAMES, dtype=object)[rng.integers(0, len(MALE_FIRST_NAMES), n)],
    )
    s_idx = rng.integers(0, len(SURNAMES), n)
    last = np.where(female, np.array(_SURNAMES_F, dtype=object)[s_idx],
                    np.array(SURNAMES, dtype=object)[s_idx])

    gname = gm["name"][g_idx]
    office = np.array(_OFFICE_BY_TYPE, dtype=object)[gm["type"][g_idx] - 1]
    templates = np.empty(n, dtype=object)
    is_jst, is_ngo, is_other = sector == "JST", sector == "NGO", sector == "other"
    jst_unit = rng.random(n) < 0.25
    templates[is_jst] = "{office}"
    unit_rows = is_jst & jst_unit & (rank > 0)
    templates[unit_rows] = np.array(_JST_UNIT_TEMPLATES, dtype=object)[
        rng.integers(0, len(_JST_UNIT_TEMPLATES), int(unit_rows.sum()))]
    templates[is_ngo] = np.array(_NGO_TEMPLATES, dtype=object)[
        rng.integers(0, len(_NGO_TEMPLATES), int(is_ngo.sum()))]
    templates[is_other] = np.array(_OTHER_TEMPLATES, dtype=object)[
        rng.integers(0, len(_OTHER_TEMPLATES), int(is_other.sum()))]
    templates = np.where(templates == "{office}", office + " {g}", templates)
    organisation = _fill_templates(templates, gname, rng)

    return {
        "participant_id": _fmt_ids("P", np.arange(1, n + 1)),
        "gmina_idx": g_idx,
        "gmina_id": gm["gmina_id"][g_idx],
        "sector": sector,
        "organisation": organisation,
        "first_name": first,
        "last_name": last,
        "gender": np.where(female, "K", "M").astype(object),
    }


def _synth_attendance(n_people: int, rng: np.random.Generator
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Status codes (people × sessions) and hours (NaN unless a late arrival's hours)."""
    sess = _session_arrays()
    n_s = sess["hours"].size
    # Most people attend reliably; some miss a day now and then; a few drop out often.
    p_miss = rng.choice(np.array([0.03, 0.12, 0.4]), size=n_people, p=[0.75, 0.19, 0.06])
    u = rng.random((n_people, n_s))
    missed = u < p_miss[:, None]
    status = np.full((n_people, n_s), _PRESENT)
    status[missed] = np.where(rng.random(int(missed.sum())) < 0.35, _EXCUSED, _ABSENT)
    late = ~missed & (rng.random((n_people, n_s)) < 0.05)
    status[late] = _LATE
    hours = np.full((n_people, n_s), np.nan)
    with_hours = late & (rng.random((n_people, n_s)) < 0.6)
    short = rng.choice(np.array([0.5, 1.0, 1.5, 2.0]), size=(n_people, n_s))
    session_hours = np.broadcast_to(sess["hours"], (n_people, n_s))
    hours[with_hours] = (session_hours - short)[with_hours]
    return status, hours


# ---------------------------------------------------------------------------------------
# Tables derived from people and attendance
# ---------------------------------------------------------------------------------------


def _attendance_table(pids: np.ndarray, status: np.ndarray, hours: np.ndarray) -> pd.DataFrame:
    sess = _session_arrays()
    n_p, n_s = status.shape
    return _frame("attendance", {
        "participant_id": np.repeat(pids, n_s),
        "session_id": np.tile(sess["session_id"], n_p),
        "status": _STATUSES[status.ravel()],
        "hours": _fmt_numbers(hours.ravel(), 2),
    })


def _likert_answers(values: np.ndarray, scales: np.ndarray,
                    rng: np.random.Generator) -> np.ndarray:
    """Write Likert values 1..5 as digits, Polish labels in varying case, or non-answers."""
    n = values.size
    labels = np.array([[[lab, lab.capitalize(), lab.upper()] for lab in LIKERT_LABELS[s]]
                       for s in ("agree5", "rating5")], dtype=object)
    digits = np.array(["1", "2", "3", "4", "5"], dtype=object)
    u = rng.random(n)
    case = rng.choice(3, size=n, p=[0.6, 0.3, 0.1])
    scale_i = (scales == "rating5").astype(int)
    out = digits[values - 1]
    as_label = (u >= 0.8) & (u < 0.96)
    out[as_label] = labels[scale_i[as_label], values[as_label] - 1, case[as_label]]
    non = u >= 0.96
    out[non] = _NON_ANSWERS[rng.integers(0, _NON_ANSWERS.size, int(non.sum()))]
    return out


def _submission_times(rng: np.random.Generator, days: np.ndarray, start_hour: int,
                      span_hours: int, late_mask: np.ndarray) -> np.ndarray:
    """Times on ``days`` between start_hour and start_hour+span; ``late_mask`` rows are
    filled in online 1-6 days later at any time of day."""
    n = days.size
    secs = start_hour * 3600 + rng.integers(0, span_hours * 3600, size=n)
    later = rng.integers(1, 7, size=n)
    late_secs = 8 * 3600 + rng.integers(0, 14 * 3600, size=n)
    secs = np.where(late_mask, later * 86400 + late_secs, secs)
    return days.astype("datetime64[s]") + secs.astype("timedelta64[s]")


def _responses_table(people: dict[str, np.ndarray], status: np.ndarray,
                     rng: np.random.Generator) -> pd.DataFrame:
    """Questionnaire answers, long format, one row per answered item.

    Knowledge tests before and after the Academy for every participant; the meeting
    questionnaire of a zjazd for most of those who attended it (some anonymously).
    """
    sess = _session_arrays()
    n_p = status.shape[0]
    pids = people["participant_id"]
    gids = people["gmina_id"]
    attended = (status == _PRESENT) | (status == _LATE)
    # Person-level traits: knowledge ability, gain from the Academy, Likert leniency.
    ability = rng.normal(0.0, 0.8, n_p)
    gain = rng.normal(1.2, 0.5, n_p)
    leniency = rng.normal(0.0, 0.45, n_p)

    blocks: list[dict[str, np.ndarray]] = []  # one per instrument, in submission order

    def knowledge_block(wave: str, session: int, start_hour: int, logit: np.ndarray):
        instrument = f"{_KNOWLEDGE_TEST}_{wave}"
        n_q = len(_KNOWLEDGE_ITEMS)
        correct_idx = np.array([ord(c) - ord("a") for _, c in _KNOWLEDGE_ITEMS])
        p = 1.0 / (1.0 + np.exp(-(logit[:, None] + _KNOWLEDGE_EASE[None, :])))
        right = rng.random((n_p, n_q)) < p
        wrong_letter = (correct_idx[None, :] + rng.integers(1, 4, (n_p, n_q))) % 4
        answer = _LETTERS[np.where(right, correct_idx[None, :], wrong_letter)].astype(object)
        answer[rng.random((n_p, n_q)) < 0.03] = ""
        ts = _submission_times(rng, np.repeat(sess["date"][session], n_p), start_hour, 1,
                               ~attended[:, session])
        blocks.append({
            "instrument": np.full(n_p * n_q, instrument, dtype=object),
            "item_id": np.tile(np.array([f"{instrument}_{q}" for q in range(1, n_q + 1)],
                                        dtype=object), n_p),
            "answer": answer.ravel(),
            "participant_id": np.repeat(pids, n_q),
            "gmina_id": np.repeat(gids, n_q),
            "submitted_at": np.repeat(_fmt_timestamps(ts), n_q),
            "n_submissions": np.array(n_p),
            "submission": np.repeat(np.arange(n_p), n_q),
        })

    first_session = int(np.flatnonzero((sess["zjazd"] == 1))[0])
    last_session = int(np.flatnonzero((sess["zjazd"] == _N_ZJAZDY))[-1])
    knowledge_block("pre", first_session, 9, ability)

    n_items = len(_MEETING_ITEMS)
    item_scale = np.array([it[2] for it in _MEETING_ITEMS], dtype=object)
    for z in range(1, _N_ZJAZDY + 1):
        instrument = _meeting_instrument(z)
        days = np.flatnonzero(sess["zjazd"] == z)
        came = attended[:, days].any(axis=1)
        who = np.flatnonzero(came & (rng.random(n_p) < 0.9))
        n_sub = who.size
        # The questionnaire is handed out on the last day the person attended.
        came_on = attended[np.ix_(who, days)]
        last_day = days[days.size - 1 - np.argmax(came_on[:, ::-1], axis=1)]
        ts = _submission_times(rng, sess["date"][last_day], 15, 3, rng.random(n_sub) < 0.1)
        anonymous = rng.random(n_sub) < 0.15

        n_lik = _LIKERT_POS.size
        latent = (4.05 + _ZJAZD_SHIFT[(z - 1) % _ZJAZD_SHIFT.size] + leniency[who][:, None]
                  + rng.normal(0.0, 0.25, (n_sub, 1)) + _LIKERT_ITEM_SHIFT[None, :n_lik]
                  + rng.normal(0.0, 0.7, (n_sub, n_lik)))
        values = np.clip(np.rint(latent), 1, 5).astype(int)
        answers = np.empty((n_sub, n_items), dtype=object)
        answers[:, _LIKERT_POS] = _likert_answers(
            values.ravel(), np.tile(item_scale[_LIKERT_POS], n_sub), rng).reshape(n_sub, n_lik)
        comments = np.array(_OPEN_COMMENTS, dtype=object)[
            rng.integers(0, len(_OPEN_COMMENTS), n_sub)]
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
            "submitted_at": _fmt_timestamps(ts)[sub_of_row],
            "n_submissions": np.array(n_sub),
            "submission": sub_of_row,
        })

    knowledge_block("post", last_session, 14, ability + gain)

    offsets = np.cumsum([0] + [int(b["n_submissions"]) for b in blocks])
    sub_numbers = np.concatenate([b["submission"] + off for b, off in zip(blocks, offsets)])
    columns = {col: np.concatenate([b[col] for b in blocks])
               for col in ("instrument", "item_id", "answer", "participant_id", "gmina_id",
                           "submitted_at")}
    columns["response_id"] = _fmt_ids("R", np.arange(1, offsets[-1] + 1), min_width=5)[sub_numbers]
    return _frame("responses", columns)


# ---------------------------------------------------------------------------------------
# LIJW scores, recommendations, support
# ---------------------------------------------------------------------------------------


def _index_scores_table(gmina_ids: np.ndarray, rng: np.random.Generator,
                        fixed_changes: tuple[tuple[int, int, float], ...] = ()
                        ) -> pd.DataFrame:
    """Two LIJW waves per gmina; ``fixed_changes`` = (gmina index, area index, change)."""
    n_g, n_a = gmina_ids.size, len(_AREA_IDS)
    level = rng.normal(2.0, 0.35, n_g)
    baseline = (level[:, None] + _AREA_SHIFT[None, :] + rng.normal(0.0, 0.3, (n_g, n_a)))
    change = rng.normal(0.85, 0.25, n_g)[:, None] + rng.normal(0.0, 0.25, (n_g, n_a))
    u = rng.random((n_g, n_a))
    change[u < 0.07] = 0.0                                         # unchanged
    drop = (u >= 0.07) & (u < 0.12)
    change[drop] = -rng.uniform(0.1, 0.5, int(drop.sum()))         # worse
    for g, a, value in fixed_changes:
        change[g, a] = value
    baseline = np.clip(np.round(baseline, 2), 0.0, 5.0)
    follow = np.clip(np.round(baseline + change, 2), 0.0, 5.0)
    dates = np.stack([_random_days(rng, "2014-10-13", "2014-11-28", n_g),
                      _random_days(rng, "2015-06-01", "2015-06-30", n_g)], axis=1)
    scores = np.stack([baseline, follow], axis=1)                  # gmina × wave × area
    n_w = len(_WAVES)
    return _frame("index_scores", {
        "gmina_id": np.repeat(gmina_ids, n_w * n_a),
        "wave": np.tile(np.repeat(np.array(_WAVES, dtype=object), n_a), n_g),
        "date": np.repeat(_fmt_dates(dates.ravel()), n_a),
        "area_id": np.tile(np.array(_AREA_IDS, dtype=object), n_g * n_w),
        "score": _fmt_numbers(scores.ravel(), 2),
    })


def _synth_recommendation_status(n_g: int, rng: np.random.Generator) -> np.ndarray:
    """Status code per gmina × recommendation (-1 = not chosen).

    Every gmina chooses 4-6 recommendations, at least one per plane. About 85 % meet the
    commitment (>= 4 adopted, >= 1 per plane); the others adopt only 3 or leave one
    plane without an adopted document.
    """
    n_r = len(RECOMMENDATIONS)
    rows = np.arange(n_g)[:, None]
    # The plane's first pick and its alternative (recommendations come in plane pairs).
    pick = rng.integers(0, 2, (n_g, 3))
    primary = 2 * np.arange(3)[None, :] + pick
    secondary = 2 * np.arange(3)[None, :] + 1 - pick
    k = rng.choice(np.array([4, 5, 6]), size=n_g, p=[0.5, 0.3, 0.2])
    order = np.argsort(rng.random((n_g, 3)), axis=1)
    secondary = np.take_along_axis(secondary, order, axis=1)
    sec_chosen = np.arange(3)[None, :] < (k - 3)[:, None]

    status = np.full((n_g, n_r), _NOT_SELECTED)
    status[rows, primary] = _ADOPTED
    # Secondary picks: the first is adopted (reaching 4), the rest adopted or under way.
    sec_status = np.where(rng.random((n_g, 3)) < 0.5, _ADOPTED,
                          np.where(rng.random((n_g, 3)) < 0.5, _IN_PROGRESS, _PLANNED))
    sec_status[:, 0] = _ADOPTED
    sec_status[~sec_chosen] = _NOT_SELECTED
    status[np.repeat(rows, 3, axis=1), secondary] = sec_status

    not_done = np.where(rng.random((n_g, n_r)) < 0.6, _IN_PROGRESS, _PLANNED)
    fails = rng.random(n_g) < 0.15
    mode_three = fails & (rng.random(n_g) < 0.5)
    mode_plane = fails & ~mode_three
    # Mode 1: only the three plane picks adopted, every other choice still under way.
    sec_mask = np.zeros((n_g, n_r), dtype=bool)
    sec_mask[np.repeat(rows, 3, axis=1), secondary] = sec_chosen
    m = mode_three[:, None] & sec_mask
    status[m] = not_done[m]
    # Mode 2: one plane has nothing adopted.
    plane = rng.integers(0, 3, n_g)
    in_plane = (np.arange(n_r)[None, :] // 2) == plane[:, None]
    m = mode_plane[:, None] & in_plane & (status != _NOT_SELECTED)
    status[m] = not_done[m]
    return status


def _recommendations_table(gmina_ids: np.ndarray, status: np.ndarray,
                           rng: np.random.Generator) -> pd.DataFrame:
    n_g, n_r = status.shape
    chosen = status != _NOT_SELECTED
    g_row, r_col = np.nonzero(chosen)
    codes = status[chosen]
    n_types = np.array([len(RECOMMENDATIONS[r][3]) for r in range(n_r)])[r_col]
    pick = (rng.random(r_col.size) * n_types).astype(int)
    doc = np.array([RECOMMENDATIONS[r][3][i] for r, i in zip(r_col, pick)], dtype=object)
    adopted_on = np.where(codes == _ADOPTED,
                          _fmt_dates(_random_days(rng, "2015-03-02", "2015-09-30", codes.size)),
                          "").astype(object)
    rec_ids, planes, titles = (np.array(col, dtype=object)
                               for col in list(zip(*RECOMMENDATIONS))[:3])
    return _frame("recommendations", {
        "gmina_id": gmina_ids[g_row],
        "recommendation_id": rec_ids[r_col],
        "plane": planes[r_col],
        "title": titles[r_col],
        "document_type": doc,
        "status": _REC_STATUSES[codes],
        "adopted_on": adopted_on,
    })


def _synth_support_delivered(n_g: int, rng: np.random.Generator) -> np.ndarray:
    """Delivered amounts (gmina × activity): mostly as planned, some short, some above."""
    planned = np.array([p for _, _, p in SUPPORT_PLAN], dtype=float)
    units = np.array([u for _, u, _ in SUPPORT_PLAN], dtype=object)
    n_a = planned.size
    u = rng.random((n_g, n_a))
    short = u < 0.15
    above = u >= 0.9
    delivered = np.broadcast_to(planned, (n_g, n_a)).copy()
    frac = rng.uniform(0.3, 0.95, (n_g, n_a))
    extra = rng.uniform(1.05, 1.4, (n_g, n_a))
    factor = np.where(short, frac, np.where(above, extra, 1.0))
    raw = delivered * factor
    step = np.where(units == "PLN", 10.0, np.where(units == "h", 0.5, 1.0))[None, :]
    rounded = np.where(short, np.floor(raw / step), np.ceil(raw / step)) * step
    return np.where(short | above, rounded, delivered)


def _support_table(gmina_ids: np.ndarray, delivered: np.ndarray) -> pd.DataFrame:
    n_g = gmina_ids.size
    n_a = len(SUPPORT_PLAN)
    acts, units, planned = zip(*SUPPORT_PLAN)
    return _frame("support", {
        "gmina_id": np.repeat(gmina_ids, n_a),
        "activity": np.tile(np.array(acts, dtype=object), n_g),
        "unit": np.tile(np.array(units, dtype=object), n_g),
        "planned": np.tile(_fmt_numbers(planned, 2), n_g),
        "delivered": _fmt_numbers(delivered.ravel(), 2),
    })


def _people_tables(people: dict[str, np.ndarray], status: np.ndarray, hours: np.ndarray,
                   rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    n = people["participant_id"].size
    participants = _frame("participants", {**people, "group": np.full(n, "", dtype=object)})
    return {
        "participants": participants,
        "sessions": _sessions_table(),
        "attendance": _attendance_table(people["participant_id"], status, hours),
        "items": _items_table(),
        "responses": _responses_table(people, status, rng),
    }


# ---------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------


def synthesize(n_gminas: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Build a valid fictitious dataset of ``n_gminas`` gminas.

    Every gmina gets a unique TERYT code, 3-6 participants of the 8-day Academy
    (4 zjazdy × 2 days), their attendance and questionnaires, two LIJW waves,
    4-6 recommendations and the planned and delivered support.

    Parameters
    ----------
    n_gminas : int
        Number of gminas, from 1 to 156 816 (16 voivodeships × 99 powiats × 99 gminas;
        Poland has 2 479).
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`. The same arguments always give the
        same tables.

    Returns
    -------
    dict of str to pandas.DataFrame
        The ten tables of SPEC §2 (``gminas``, ``participants``, ``sessions``,
        ``attendance``, ``items``, ``responses``, ``index_areas``, ``index_scores``,
        ``recommendations``, ``support``), each with exactly the SPEC columns in SPEC
        order and every value as text (``""`` when empty).

    Raises
    ------
    ValueError
        If ``n_gminas`` is below 1 or above the number of codes available.
    TypeError
        If ``n_gminas`` is not an integer.

    Notes
    -----
    Densities: about 4.5 participants per gmina; per participant 8 attendance rows and
    about 37 response rows (2 knowledge tests of 8 questions, 4 meeting questionnaires of
    6 Likert items and an optional comment, answered by ~90 % of those who attended);
    per gmina 16 index scores, 4-6 recommendations (~85 % meet the commitment) and 10
    support rows. All 2 479 gminas take about a second.

    Examples
    --------
    >>> tables = synthesize(20, seed=1)
    >>> len(tables["gminas"])
    20
    """
    try:
        n = operator.index(n_gminas)
    except TypeError:
        raise TypeError(f"n_gminas must be an integer, got {n_gminas!r}") from None
    if isinstance(n_gminas, bool) or not 1 <= n <= _MAX_GMINAS:
        raise ValueError(
            f"n_gminas must be between 1 and {_MAX_GMINAS} (unique TERYT codes available), "
            f"got {n_gminas!r}")
    rng = np.random.default_rng(seed)
    gm = _synth_gminas(n, rng)
    people = _synth_participants(gm, rng)
    status, hours = _synth_attendance(people["participant_id"].size, rng)
    tables = {"gminas": _frame("gminas", gm)}
    tables.update(_people_tables(people, status, hours, rng))
    tables["index_areas"] = _index_areas_table()
    tables["index_scores"] = _index_scores_table(gm["gmina_id"], rng)
    tables["recommendations"] = _recommendations_table(
        gm["gmina_id"], _synth_recommendation_status(n, rng), rng)
    tables["support"] = _support_table(gm["gmina_id"], _synth_support_delivered(n, rng))
    return tables


def demo_dataset(seed: int = 2014) -> dict[str, pd.DataFrame]:
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
        The ten tables of SPEC §2, as in :func:`synthesize`, then ``programme`` and
        ``labels`` and ``conclusions`` (from :mod:`toolkit.examples.demo_meta`).

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
    gmina_ids = np.array([g[0] for g in _DEMO_GMINAS], dtype=object)
    gminas = _frame("gminas", {
        "gmina_id": gmina_ids,
        "name": [g[1] for g in _DEMO_GMINAS],
        "powiat": [g[2] for g in _DEMO_GMINAS],
        "wojewodztwo": ["małopolskie"] * len(_DEMO_GMINAS),
    })
    cols = list(zip(*_DEMO_PARTICIPANTS))
    keys = ("participant_id", "gmina_id", "sector", "organisation", "first_name",
            "last_name", "gender")
    people = {k: np.array(v, dtype=object) for k, v in zip(keys, cols)}

    sess = _session_arrays()
    pid_pos = {p: i for i, p in enumerate(people["participant_id"])}
    sid_pos = {s: j for j, s in enumerate(sess["session_id"])}
    status = np.full((len(pid_pos), len(sid_pos)), _PRESENT)
    hours = np.full(status.shape, np.nan)
    code_of = {s: i for i, s in enumerate(_STATUSES)}
    for pid, sid, st, h in _DEMO_ATTENDANCE_EXCEPTIONS:
        status[pid_pos[pid], sid_pos[sid]] = code_of[st]
        if h:
            hours[pid_pos[pid], sid_pos[sid]] = float(h)

    tables = {"gminas": gminas}
    tables.update(_people_tables(people, status, hours, rng))
    tables["index_areas"] = _index_areas_table()
    area_pos = {a: j for j, a in enumerate(_AREA_IDS)}
    gmina_pos = {g: i for i, g in enumerate(gmina_ids)}
    tables["index_scores"] = _index_scores_table(gmina_ids, rng, tuple(
        (gmina_pos[g], area_pos[a], change) for g, a, change in _DEMO_INDEX_CHANGES))

    rec_info = {r[0]: r for r in RECOMMENDATIONS}
    recs = _DEMO_RECOMMENDATIONS
    tables["recommendations"] = _frame("recommendations", {
        "gmina_id": [r[0] for r in recs],
        "recommendation_id": [r[1] for r in recs],
        "plane": [rec_info[r[1]][1] for r in recs],
        "title": [rec_info[r[1]][2] for r in recs],
        "document_type": [r[2] for r in recs],
        "status": [r[3] for r in recs],
        "adopted_on": [r[4] for r in recs],
    })

    activity_pos = {a: j for j, (a, _, _) in enumerate(SUPPORT_PLAN)}
    delivered = np.tile(np.array([p for _, _, p in SUPPORT_PLAN], dtype=float),
                        (gmina_ids.size, 1))
    for gid, activity, amount in _DEMO_SUPPORT_DELIVERED:
        delivered[gmina_pos[gid], activity_pos[activity]] = amount
    tables["support"] = _support_table(gmina_ids, delivered)
    from .examples.demo_meta import demo_conclusions, demo_labels, demo_programme

    tables["programme"] = demo_programme()
    tables["labels"] = demo_labels()
    tables["conclusions"] = demo_conclusions()
    return tables


def write_dataset(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write tables as a dataset folder: one ``<table>.csv`` per table.

    Files are UTF-8, comma-separated, with a header, ``\\n`` line ends and no index.
    Each file is written to a temporary name in ``out_dir`` and then moved into place
    with :func:`os.replace`, so a reader never sees a half-written table.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Table name → frame, e.g. the result of :func:`synthesize` or
        :func:`demo_dataset`. Names must be plain file names (no path separators).
    out_dir : str or pathlib.Path
        Folder to write into; created (with parents) if missing. Existing files of the
        same names are replaced; other files are left alone.

    Returns
    -------
    list of pathlib.Path
        The written files, in the order of ``tables``.

    Raises
    ------
    ValueError
        If a table name is empty, starts with a dot or contains a path separator.
    TypeError
        If a table is not a DataFrame.
    """
    out = Path(out_dir)
    for name, frame in tables.items():
        if (not isinstance(name, str) or not name or name.startswith(".")
                or any(sep in name for sep in ("/", "\\", os.sep))):
            raise ValueError(f"table name must be a plain file name, got {name!r}")
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"table {name!r} must be a pandas DataFrame, "
                            f"got {type(frame).__name__}")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, frame in tables.items():
        target = out / f"{name}.csv"
        tmp = out / f".{name}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
        try:
            with open(tmp, "x", encoding="utf-8", newline="") as fh:
                frame.to_csv(fh, index=False, lineterminator="\n")
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        written.append(target)
    return written
