"""Academy diplomas as PDF files (``diplomas --pdf DIR``, SPEC §3).

One A4 landscape page per eligible participant, rendered by WeasyPrint from the Jinja2
template ``templates/diploma/diploma.html.j2`` and its stylesheet ``diploma.css``.
Fonts never come from the system: the DejaVu Serif/Sans TTF files that ship inside
matplotlib are declared with ``@font-face`` (``file://`` URLs), so Polish diacritics
always render and the text stays extractable.

The stylesheet, the fonts and the WeasyPrint ``FontConfiguration`` are prepared once per
process and reused for every diploma.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from . import config
from .diploma_register import format_diploma_number
from .io.files import atomic_write
from .programme import Programme
from .text import check_lang, t, format_date, format_number, format_period, format_share, tn

__all__ = [
    "render_diploma",
    "write_diplomas",
    "diploma_order",
    "format_attendance",
    "TEMPLATE_DIR",
]

#: Folder of the diploma template (``diploma.html.j2``) and stylesheet (``diploma.css``).
TEMPLATE_DIR = config.PACKAGE_DIR / "templates" / "diploma"

# Largest and smallest font size (pt) of the participant's name, and the width (pt)
# it may take on the page (the inner frame is about 640 pt wide).
_NAME_MAX_PT = 40.0
_NAME_MIN_PT = 17.0
_NAME_WIDTH_PT = 600.0


# --------------------------------------------------------------------------- wording

def _academy_genitive(academy: str) -> str:
    """``Akademia Liderów`` → ``Akademii Liderów`` (Polish genitive of the first word)."""
    first, _, rest = academy.partition(" ")
    if first.lower() == "akademia":
        return f"{first[:-1]}i {rest}".strip()
    return t("diploma_training_of", "pl", academy=academy)


def _subtitle(academy: str, lang: str) -> str:
    if lang == "pl":
        return t("diploma_subtitle_academy", "pl", academy=_academy_genitive(academy))
    return t("diploma_subtitle_academy", lang, academy=academy)


def _possible(possible: float, basis: str, lang: str) -> str:
    """N and its noun after "z" / "of", in the CLDR plural form (genitive in Polish:
    ``z 1 dnia szkoleniowego``, ``z 8 dni szkoleniowych``, ``z 7,5 godziny``)."""
    return tn("n_training_days_of" if basis == "days" else "n_hours_of", possible, lang)


def format_attendance(attended, possible, *, basis: str = "days", lang: str = "pl",
                      share: float | None = None) -> str:
    """The attendance line of a diploma.

    Parameters
    ----------
    attended, possible : int or float
        Days (``basis="days"``) or hours (``basis="hours"``).
    basis : {"days", "hours"}
        What ``attended`` and ``possible`` count.
    lang : {"pl", "en"}
        Wording and number format (decimal comma in Polish).
    share : float, optional
        ``attended / possible``; computed when not given.

    Returns
    -------
    str
        ``obecność: 7 z 8 dni szkoleniowych (88 %)``, ``obecność: 52,5 z 60 godzin (88 %)``,
        ``attendance: 7 of 8 training days (88%)``.
    """
    check_lang(lang)
    if basis not in ("days", "hours"):
        raise ValueError(f"basis must be 'days' or 'hours'; got {basis!r}")
    if share is None or pd.isna(share):
        share = float(attended) / float(possible) if float(possible) else 0.0
    digits = 0 if basis == "days" else 2
    return t("diploma_attendance", lang, attended=format_number(attended, lang, digits=digits),
             possible=_possible(possible, basis, lang), share=format_share(share, lang))


# --------------------------------------------------------------------------- rendering

def _font_paths() -> dict[str, Path]:
    import matplotlib

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return {
        "serif": ttf / "DejaVuSerif.ttf",
        "serif-bold": ttf / "DejaVuSerif-Bold.ttf",
        "sans": ttf / "DejaVuSans.ttf",
        "sans-bold": ttf / "DejaVuSans-Bold.ttf",
    }


def _font_face_css() -> str:
    fonts = _font_paths()
    missing = [str(p) for p in fonts.values() if not p.is_file()]
    if missing:
        raise FileNotFoundError("diploma fonts not found (matplotlib's DejaVu): " + ", ".join(missing))
    rules = []
    for family, key in (("Diploma Serif", "serif"), ("Diploma Sans", "sans")):
        for weight, suffix in (("normal", ""), ("bold", "-bold")):
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-style: normal; '
                f'font-weight: {weight}; src: url("{fonts[key + suffix].as_uri()}"); }}'
            )
    return "\n".join(rules) + "\n"


class _NameWidth:
    """Advance widths (em) of the name font, to fit a long name on one line."""

    def __init__(self, path: Path):
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True)
        self._cmap = font.getBestCmap()
        self._advance = {name: adv for name, (adv, _) in font["hmtx"].metrics.items()}
        self._upem = font["head"].unitsPerEm
        self._fallback = self._advance.get("M", self._upem * 0.8)

    def em(self, text: str) -> float:
        return sum(self._advance.get(self._cmap.get(ord(c), ""), self._fallback)
                   for c in text) / self._upem


class _Renderer:
    """Template, stylesheet and fonts parsed once; renders diplomas one at a time."""

    def __init__(self):
        import jinja2
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self._base_url = TEMPLATE_DIR.as_uri() + "/"
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.template = env.get_template("diploma.html.j2")
        self.font_config = FontConfiguration()
        css = _font_face_css() + (TEMPLATE_DIR / "diploma.css").read_text(encoding="utf-8")
        self.stylesheet = CSS(string=css, base_url=self._base_url, font_config=self.font_config)
        self.name_width = _NameWidth(_font_paths()["serif-bold"])
        self._lock = threading.Lock()  # one FontConfiguration: render one page at a time

    def name_size(self, name: str) -> float:
        width_em = max(self.name_width.em(name), 1e-6)
        size = min(_NAME_MAX_PT, _NAME_WIDTH_PT / width_em)
        return max(_NAME_MIN_PT, math.floor(size * 2) / 2)  # a very long name wraps

    def render(self, context: Mapping) -> bytes:
        from weasyprint import HTML

        html = self.template.render(**context)
        with self._lock:
            document = HTML(string=html, base_url=self._base_url).render(
                stylesheets=[self.stylesheet], font_config=self.font_config)
            if len(document.pages) != 1:
                raise RuntimeError(f"diploma layout overflowed to {len(document.pages)} pages")
            return document.write_pdf()


@functools.lru_cache(maxsize=1)
def _renderer() -> _Renderer:
    return _Renderer()


def _text(value) -> str:
    """A cell as clean text: missing values (None, NaN, NA) become ``""``."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return " ".join(str(value).split())


def _gmina_line(name: str, lang: str) -> str:
    """``Miechów`` → ``Gmina Miechów``; a name that already says ``Gmina …``/``Miasto …`` is kept."""
    if not name:
        return ""
    if name.split(" ", 1)[0].casefold() in {"gmina", "miasto"}:
        return name
    return t("diploma_gmina", lang, name=name)


def render_diploma(person: Mapping, *, number: str, programme: str | None, academy: str,
                   first_date, last_date, attended: str, lang: str = "pl",
                   place: str | None = None, issued_on=None) -> bytes:
    """One A4 diploma as PDF bytes.

    Parameters
    ----------
    person : Mapping
        ``first_name``, ``last_name`` (required); ``organisation`` (optional, left out
        when empty); ``gmina_name`` — or ``gmina`` — the gmina's name (``Miechów``), else
        ``gmina_id`` is shown.
    number : str
        The diploma number, e.g. ``AW/2015/001``.
    programme : str or None
        The programme's name (``None``: neutral wording, no name).
    academy : str
        The Academy's name.
    first_date, last_date : date, datetime, pandas.Timestamp or ISO string
        The participant's first and last session dates.
    attended : str
        The attendance line, as made by :func:`format_attendance`.
    lang : {"pl", "en"}
        Wording and date format.
    place, issued_on : str and date, optional
        Place and date of issue (``issued_on`` defaults to today).

    Returns
    -------
    bytes
        A one-page PDF (A4 landscape). Every value is HTML-escaped.
    """
    check_lang(lang)
    first, last = _text(person.get("first_name")), _text(person.get("last_name"))
    name = f"{first} {last}".strip()
    if not name:
        raise ValueError("a diploma needs the participant's first_name or last_name")
    gmina_name = (_text(person.get("gmina_name")) or _text(person.get("gmina"))
                  or _text(person.get("gmina_id")))
    renderer = _renderer()
    issued = format_date(issued_on or dt.date.today(), lang)
    words = {key: t(f"diploma_{key}", lang) for key in ("doc_title", "title", "awarded_to",
                                                        "number_label", "signature")}
    context = {
        "lang": lang,
        "text": {
            **words,
            "subtitle": _subtitle(academy, lang),
            "programme_line": (t("diploma_programme_line", lang, programme=programme)
                               if programme else ""),
            "body": (t("diploma_body", lang, programme=programme) if programme
                     else t("diploma_body_neutral", lang)),
            "issued": (t("diploma_issued", lang, place=place, date=issued) if place
                       else t("diploma_issued_no_place", lang, date=issued)),
        },
        "name": name,
        "name_size": renderer.name_size(name),
        "organisation": _text(person.get("organisation")),
        "gmina": _gmina_line(gmina_name, lang),
        "programme": programme or "",
        "academy": academy,
        "dates": format_period(first_date, last_date, lang),
        "attended": attended,
        "number": number,
    }
    return renderer.render(context)


# --------------------------------------------------------------------------- a run

_POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoóprsśtuvwxyzźż"
_LETTER_RANK = {c: i for i, c in enumerate(_POLISH_ALPHABET)}


def _polish_key(text: str) -> tuple:
    """Sort key in Polish alphabetical order (Ł after L, Ś after S), case-insensitive."""
    low = text.casefold()
    return (tuple(_LETTER_RANK.get(c, 100 + ord(c)) for c in low), text)


def _is_true(value) -> bool:
    if isinstance(value, str):
        return value.strip().casefold() in {"true", "1", "tak", "yes", "t", "y"}
    try:
        return bool(value) and not pd.isna(value)
    except (TypeError, ValueError):
        return False


def diploma_order(diplomas: pd.DataFrame) -> pd.DataFrame:
    """The eligible rows of ``diplomas`` in numbering order.

    Rows with ``eligible`` true, sorted by ``gmina_id``, then ``last_name``, then
    ``first_name`` (both in Polish alphabetical order, case-insensitive), then
    ``participant_id``.
    """
    missing = [c for c in ("participant_id", "gmina_id", "first_name", "last_name", "eligible")
               if c not in diplomas.columns]
    if missing:
        raise ValueError(f"diplomas frame lacks column(s): {', '.join(missing)}")
    rows = diplomas.loc[diplomas["eligible"].map(_is_true).to_numpy(dtype=bool)].copy()
    keys = [(_text(r.gmina_id), _polish_key(_text(r.last_name)), _polish_key(_text(r.first_name)),
             _text(r.participant_id)) for r in rows.itertuples(index=False)]
    order = sorted(range(len(rows)), key=keys.__getitem__)
    return rows.iloc[order].reset_index(drop=True)


_UNSAFE = re.compile(r"[^\w.\-]+")


def _file_name(participant_id: str) -> str:
    stem = _UNSAFE.sub("_", participant_id).strip("._") or "_"
    return f"{stem}.pdf"


def write_diplomas(diplomas: pd.DataFrame, out_dir: str | Path, *, gminas: pd.DataFrame,
                   programme: Programme | None = None, sessions: pd.DataFrame | None = None,
                   basis: str = "days", lang: str = "pl") -> list[Path]:
    """One PDF per ELIGIBLE row of ``diplomas`` (rows with eligible == True); none for anyone else.

    Parameters
    ----------
    diplomas : pandas.DataFrame
        The diploma list (:func:`toolkit.diplomas.diploma_list`): ``participant_id``,
        ``gmina_id``, ``first_name``, ``last_name``, ``attended``, ``possible``,
        ``share``, ``eligible``, and optionally ``organisation``; ``first_date`` and
        ``last_date`` (the participant's own sessions), ``diploma_number`` and
        ``issued_on`` (from the register, :func:`toolkit.diplomas.number_diplomas`).
    out_dir : str or Path
        Folder for ``<participant_id>.pdf`` files; created if missing. Other files in it
        (e.g. diplomas of an earlier run for people no longer eligible) are left alone.
    gminas : pandas.DataFrame
        ``gmina_id``, ``name``: the gmina shown on each diploma.
    programme : Programme, optional
        The programme, its Academy, the number prefix and the place of issue (neutral
        wording without one).
    sessions : pandas.DataFrame, optional
        ``date``: used for rows without their own ``first_date``/``last_date``.
    basis : {"days", "hours"}
        What ``attended`` and ``possible`` count.
    lang : {"pl", "en"}
        Diploma wording.

    Returns
    -------
    list of Path
        The files written, in numbering order (see :func:`diploma_order`). A row without
        a ``diploma_number`` is numbered ``PREFIX/<year>/NNN`` by its position in this run
        (numbers for good come from the register).
    """
    check_lang(lang)
    if basis not in ("days", "hours"):
        raise ValueError(f"basis must be 'days' or 'hours'; got {basis!r}")
    programme = programme or Programme()
    rows = diploma_order(diplomas)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if rows.empty:
        return []
    if "first_date" not in rows or "last_date" not in rows:
        if sessions is None or "date" not in sessions:
            raise ValueError("diplomas need each participant's first_date and last_date, "
                             "or sessions with a 'date' column")
        dates = pd.to_datetime(sessions["date"], errors="coerce").dropna()
        if dates.empty:
            raise ValueError("no session dates: the diplomas' dates and numbers need them")
        rows = rows.assign(first_date=dates.min(), last_date=dates.max())

    ids = rows["participant_id"].map(_text)
    names = ids.map(_file_name)
    clash = names[names.duplicated(keep=False)]
    if not clash.empty:
        raise ValueError("participant_id values give the same diploma file name: "
                         + ", ".join(sorted(set(ids[clash.index]))))

    gmina_names = {_text(g): _text(n) for g, n in zip(gminas["gmina_id"], gminas["name"])}
    unknown = sorted({_text(g) for g in rows["gmina_id"]} - set(gmina_names))
    if unknown:
        warnings.warn("gmina_id not in gminas, shown as a code on diplomas: " + ", ".join(unknown),
                      stacklevel=2)

    academy = programme.academy(lang)
    today = dt.date.today()
    paths: list[Path] = []
    for position, (row, file_name) in enumerate(zip(rows.to_dict("records"), names), start=1):
        gid = _text(row["gmina_id"])
        person = dict(row, gmina_name=gmina_names.get(gid, gid))
        attended = format_attendance(row["attended"], row["possible"], basis=basis, lang=lang,
                                     share=row.get("share"))
        last_date = pd.Timestamp(row["last_date"])
        number = _text(row.get("diploma_number")) or format_diploma_number(
            programme.diploma_prefix, last_date.year, position)
        issued = _text(row.get("issued_on"))
        pdf = render_diploma(person, number=number, programme=programme.name, academy=academy,
                             first_date=row["first_date"], last_date=last_date,
                             attended=attended, lang=lang, place=programme.diploma_place,
                             issued_on=dt.date.fromisoformat(issued) if issued else today)
        path = out_dir / file_name
        atomic_write(path, pdf)
        paths.append(path)
    return paths
