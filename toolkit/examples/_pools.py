"""Word pools of the example generators: Polish names, organisation names, answers.

Plain data that every generator draws from (:mod:`toolkit.examples.synthetic`, the demo,
PROBUS, MOWES2): first names and surnames (with the feminine surname form), quoted proper
names for organisations, the Polish labels of the built-in Likert scales, the ways people
write "no answer", and open comments on a training day. Everything here is invented or
generic; no programme's facts.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "FEMALE_FIRST_NAMES", "MALE_FIRST_NAMES", "SURNAMES", "SURNAMES_F", "feminine_surname",
    "QUOTED_NAMES", "LIKERT_LABELS", "NON_ANSWERS", "OPEN_COMMENTS",
]

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


def feminine_surname(surname: str) -> str:
    """Return the feminine form of a Polish surname (adjectival ones change -i to -a)."""
    if surname.endswith(("ski", "cki", "dzki")):
        return surname[:-1] + "a"
    return surname


SURNAMES_F: tuple[str, ...] = tuple(feminine_surname(s) for s in SURNAMES)

#: Quoted proper names of organisations (as in Stowarzyszenie „Tęcza”).
QUOTED_NAMES: tuple[str, ...] = (
    "„Razem dla Wsi”", "„Zielony Most”", "„Dobre Sąsiedztwo”", "„Nasza Gmina”",
    "„Źródło”", "„Pod Lipami”", "„Kuźnia Inicjatyw”", "„Tęcza”", "„Wspólna Sprawa”",
    "„Ślad”",
)

#: Polish labels of the Likert scales (value 1..5), as in SPEC §2.
LIKERT_LABELS: dict[str, tuple[str, ...]] = {
    "agree5": ("zdecydowanie nie", "raczej nie", "ani tak, ani nie", "raczej tak",
               "zdecydowanie tak"),
    "rating5": ("bardzo źle", "źle", "średnio", "dobrze", "bardzo dobrze"),
}
#: How people write "no answer" (as read, in varying case).
NON_ANSWERS = np.array(["trudno powiedzieć", "Trudno powiedzieć", "nie wiem", ""])

#: Open answers to "what should be improved?" after a training day.
OPEN_COMMENTS: tuple[str, ...] = (
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
