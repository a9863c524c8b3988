"""Synthetic datasets of any size: the demo's Academy in ``n_gminas`` invented gminas.

:func:`synthesize` builds ``n_gminas`` gminas with unique TERYT codes and every other
table at the demo's density (the Academy of :mod:`toolkit.examples._academy`), with
vectorised numpy code: all 2 479 gminas of Poland take about a second. Gmina, powiat,
people's and organisations' names are drawn from pools of Polish name parts; the same
arguments always give the same tables.
"""

from __future__ import annotations

import operator

import numpy as np
import pandas as pd

from .. import config
from . import _academy as academy
from ._academy import (
    ADOPTED,
    IN_PROGRESS,
    NOT_SELECTED,
    PLANNED,
    REC_STATUSES,
    RECOMMENDATIONS,
    SUPPORT_PLAN,
)
from ._build import (
    ABSENT,
    EXCUSED,
    LATE,
    PRESENT,
    default_index_areas_table,
    fmt_dates,
    fmt_ids,
    random_days,
    table,
)
from ._pools import (
    FEMALE_FIRST_NAMES,
    MALE_FIRST_NAMES,
    QUOTED_NAMES,
    SURNAMES,
    SURNAMES_F,
)

__all__ = ["synthesize", "VOIVODESHIPS", "POWIAT_NAMES"]

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

# Village names in the locative case, for "Koło Gospodyń Wiejskich w …" and the like.
_VILLAGES_LOCATIVE: tuple[str, ...] = (
    "Woli", "Porębie", "Zagórzu", "Lipnicy", "Dąbrowie", "Jodłowniku", "Kamionce",
    "Brzeziu", "Zalesiu", "Łazach", "Łękach", "Zielonkach", "Bukowcu", "Jabłonce",
    "Rudniku", "Podgórzu", "Borku", "Gródku", "Białce", "Olszynach",
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

# 16 voivodeships x 99 powiats x 99 gminas: the most codes the TERYT layout allows when
# each (voivodeship, powiat, gmina number) is used once.
_MAX_GMINAS = len(VOIVODESHIPS) * 99 * 99

# ---------------------------------------------------------------------------------------
# Gminas, participants, attendance
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
    quoted = np.array(QUOTED_NAMES, dtype=object)[rng.integers(0, len(QUOTED_NAMES), n)]
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
    last = np.where(female, np.array(SURNAMES_F, dtype=object)[s_idx],
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
        "participant_id": fmt_ids("P", np.arange(1, n + 1)),
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
    sess = academy.session_arrays()
    n_s = sess["hours"].size
    # Most people attend reliably; some miss a day now and then; a few drop out often.
    p_miss = rng.choice(np.array([0.03, 0.12, 0.4]), size=n_people, p=[0.75, 0.19, 0.06])
    u = rng.random((n_people, n_s))
    missed = u < p_miss[:, None]
    status = np.full((n_people, n_s), PRESENT)
    status[missed] = np.where(rng.random(int(missed.sum())) < 0.35, EXCUSED, ABSENT)
    late = ~missed & (rng.random((n_people, n_s)) < 0.05)
    status[late] = LATE
    hours = np.full((n_people, n_s), np.nan)
    with_hours = late & (rng.random((n_people, n_s)) < 0.6)
    short = rng.choice(np.array([0.5, 1.0, 1.5, 2.0]), size=(n_people, n_s))
    session_hours = np.broadcast_to(sess["hours"], (n_people, n_s))
    hours[with_hours] = (session_hours - short)[with_hours]
    return status, hours


# ---------------------------------------------------------------------------------------
# Recommendations and support
# ---------------------------------------------------------------------------------------


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

    status = np.full((n_g, n_r), NOT_SELECTED)
    status[rows, primary] = ADOPTED
    # Secondary picks: the first is adopted (reaching 4), the rest adopted or under way.
    sec_status = np.where(rng.random((n_g, 3)) < 0.5, ADOPTED,
                          np.where(rng.random((n_g, 3)) < 0.5, IN_PROGRESS, PLANNED))
    sec_status[:, 0] = ADOPTED
    sec_status[~sec_chosen] = NOT_SELECTED
    status[np.repeat(rows, 3, axis=1), secondary] = sec_status

    not_done = np.where(rng.random((n_g, n_r)) < 0.6, IN_PROGRESS, PLANNED)
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
    m = mode_plane[:, None] & in_plane & (status != NOT_SELECTED)
    status[m] = not_done[m]
    return status


def _recommendations_table(gmina_ids: np.ndarray, status: np.ndarray,
                           rng: np.random.Generator) -> pd.DataFrame:
    n_g, n_r = status.shape
    chosen = status != NOT_SELECTED
    g_row, r_col = np.nonzero(chosen)
    codes = status[chosen]
    n_types = np.array([len(RECOMMENDATIONS[r][3]) for r in range(n_r)])[r_col]
    pick = (rng.random(r_col.size) * n_types).astype(int)
    doc = np.array([RECOMMENDATIONS[r][3][i] for r, i in zip(r_col, pick)], dtype=object)
    adopted_on = np.where(codes == ADOPTED,
                          fmt_dates(random_days(rng, "2015-03-02", "2015-09-30", codes.size)),
                          "").astype(object)
    rec_ids, planes, titles = (np.array(col, dtype=object)
                               for col in list(zip(*RECOMMENDATIONS))[:3])
    return table("recommendations", {
        "gmina_id": gmina_ids[g_row],
        "recommendation_id": rec_ids[r_col],
        "plane": planes[r_col],
        "title": titles[r_col],
        "document_type": doc,
        "status": REC_STATUSES[codes],
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
    tables = {"gminas": table("gminas", gm)}
    tables.update(academy.people_tables(people, status, hours, rng))
    tables["index_areas"] = default_index_areas_table()
    tables["index_scores"] = academy.index_scores_table(gm["gmina_id"], rng)
    tables["recommendations"] = _recommendations_table(
        gm["gmina_id"], _synth_recommendation_status(n, rng), rng)
    tables["support"] = academy.support_table(gm["gmina_id"], _synth_support_delivered(n, rng))
    return tables
