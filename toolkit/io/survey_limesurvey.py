"""LimeSurvey exports: system and timing columns in every heading mode, answer codes.

LimeSurvey writes its response table with one of three heading modes:

* question codes: ``id``, ``submitdate``, ``lastpage``, ``startlanguage``, ``seed``,
  ``startdate``, ``datestamp``, ``ipaddr``, ``refurl``, ``token``; timings
  ``interviewtime``, ``groupTime12``, ``Q1Time``; questions ``Z1[SQ001]``;
* full question texts, in the export's language: "Response ID", "Date submitted",
  "Last page", "Start language", "Seed", "Date started", "Date last action",
  "IP address", "Referrer URL", "Total time", "Group time: …", "Question time: …";
* "code. text": ``id. Response ID``, ``submitdate. Date submitted``,
  ``Z1[SQ001]. Question text [Subquestion]``.

The system columns' texts are known in English, Polish, Spanish, Dutch, German, French,
Italian and Portuguese. Whatever the language, LimeSurvey writes ``id`` and
``submitdate`` as its first two columns: when the first column holds unique whole numbers
and the second is not recognised by its header but holds only dates and times (or nothing), it is
taken as ``submitdate`` (see :func:`by_position`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .survey_google import GOOGLE_TIME

__all__ = ["system_role", "answer_code", "is_limesurvey", "code_of", "by_position",
           "UNDATED"]

#: ``submitdate`` of a finished response in a survey that keeps no dates ("Date stamp" off).
UNDATED = "1980-01-01 00:00:00"

# Keys as compared (see survey_match.fixed_key): case-folded, "_" as a space, no final ":".
_ID = {
    "id", "response id", "id odpowiedzi", "identyfikator odpowiedzi", "id de respuesta",
    "id de la respuesta", "respuesta id", "antwoord id", "antwoord-id", "respons id",
    "antwort id", "antwort-id", "id de la réponse", "id réponse", "id della risposta",
    "id risposta", "id da resposta", "id de resposta",
}
_SUBMITDATE = {
    "submitdate", "date submitted", "data wysłania", "data przesłania", "fecha de envío",
    "fecha de envio", "fecha enviada", "fecha de envió", "datum verstuurd",
    "datum ingediend", "datum verzonden", "datum abgeschickt", "datum abgesendet",
    "date de soumission", "date d'envoi", "data di invio", "data invio",
    "data de submissão", "data de envio", "data de submissao",
}
# Columns of the participants' table LimeSurvey may add (a Google form may ask them too:
# never evidence of a LimeSurvey export).
_PERSONAL = {
    "token", "firstname", "lastname", "email", "emailstatus", "language", "completed",
    "optout", "tid", "validfrom", "validuntil", "sent", "access code", "first name",
    "last name", "email address", "código de acceso", "toegangscode", "zugangscode",
    "kod dostępu",
}
_SYSTEM = {
    "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl",
    "interviewtime",
    # English
    "last page", "start language", "date started", "date last action", "ip address",
    "referrer url", "total time",
    # Polish
    "ostatnia strona", "język początkowy", "ziarno", "data rozpoczęcia",
    "data ostatniej akcji", "adres ip", "odsyłający url", "url odsyłający",
    "całkowity czas", "czas całkowity",
    # Spanish
    "última página", "ultima pagina", "idioma inicial", "lenguaje inicial",
    "idioma de inicio", "semilla", "fecha de inicio", "fecha de comienzo",
    "fecha de la última acción", "fecha de última acción", "fecha última acción",
    "dirección ip", "direccion ip", "url de referencia", "url de referencia (referrer)",
    "tiempo total",
    # Dutch
    "laatste pagina", "starttaal", "zaadje", "startdatum", "datum gestart",
    "datum laatste actie", "laatste actie", "ip-adres", "ip adres", "verwijzende url",
    "verwijzings-url", "totale tijd",
    # German
    "letzte seite", "start-sprache", "startsprache", "zufallsstartwert",
    "datum gestartet", "datum letzte aktivität", "ip-adresse", "referrer-url",
    "weiterleitungs-url", "gesamtzeit",
    # French, Italian, Portuguese
    "dernière page", "langue de départ", "graine", "date de début",
    "date de la dernière action", "adresse ip", "url de référence", "temps total",
    "ultima pagina", "lingua iniziale", "data di inizio", "data ultima azione",
    "indirizzo ip", "url di provenienza", "tempo totale", "última página",
    "idioma inicial", "semente", "data de início", "data da última ação",
    "endereço ip", "url de referência", "tempo total",
}
# Timing columns: codes, and "Group time: …" / "Question time: …" in full-text mode.
_TIMING_CODE = re.compile(r"(?i)interviewtime|grouptime\d+|\S+time")
_TIMING_TEXT = re.compile(
    r"(?i)(?:group time|question time|czas grupy|czas pytania|tiempo de grupo|"
    r"tiempo del grupo|tiempo de pregunta|tiempo de la pregunta|groep ?tijd|vraag ?tijd|"
    r"groepstijd|gruppenzeit|fragenzeit|temps du groupe|temps de groupe|"
    r"temps de la question|temps de question|tempo del gruppo|tempo della domanda|"
    r"tempo do grupo|tempo da pergunta)\s*:.*")
_ATTRIBUTE = re.compile(r"(?i)attribute[ _]\d+")
# "code. text": a code (no spaces) followed by ". " and the text.
_CODE_TEXT = re.compile(r"(?s)([^\s.][^\s]*?)\.\s+(\S.*)")
_SQ_CODE = re.compile(r"(?i)(?:sq|a|ao)0*(\d{1,3})")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,8})*")
_INTEGER = re.compile(r"\d+")


def _key(text: str) -> str:
    return " ".join(str(text).casefold().replace("_", " ").rstrip(":").split())


def code_of(header: str) -> str | None:
    """The question code of a "code. text" header (``Z1[SQ001]. Text`` → ``Z1[SQ001]``)."""
    found = _CODE_TEXT.fullmatch(" ".join(str(header).split()))
    return found.group(1) if found else None


def _role_of_key(key: str) -> str | None:
    if key in _ID:
        return "id"
    if key in _SUBMITDATE:
        return "submitdate"
    if key in _SYSTEM or _ATTRIBUTE.fullmatch(key) or _TIMING_TEXT.fullmatch(key):
        return "system"
    if key in _PERSONAL:
        return "personal"
    if " " not in key and _TIMING_CODE.fullmatch(key):
        return "timing"
    return None


def system_role(header: str) -> str | None:
    """What a LimeSurvey column is by its header, in any heading mode.

    Returns
    -------
    str or None
        ``"id"`` (the response id), ``"submitdate"``, ``"system"`` (another system
        column), ``"personal"`` (the participant's name, e-mail, token), ``"timing"``
        (a timing column named by a code ending in ``time``, which a question code can
        also do: match items first), or ``None``.
    """
    key = _key(header)
    role = _role_of_key(key)
    if role is not None:
        return role
    code = code_of(header)
    if code is not None:
        role = _role_of_key(_key(code))
        if role is not None:
            return "system" if role == "timing" else role
    return None


@lru_cache(maxsize=4096)
def answer_code(value: str) -> str:
    """A LimeSurvey answer code as its number (``A4``, ``A04``, ``AO04``, ``SQ004`` → ``4``).

    Any other text is returned unchanged.
    """
    found = _SQ_CODE.fullmatch(value.strip())
    return str(int(found.group(1))) if found else value


def _looks_like_times(values: list[str], parse) -> bool:
    filled = [v for v in values if v]
    return all(parse(v) is not None for v in filled)


def is_limesurvey(header: list[str], columns: list[list[str]], parse_time) -> bool:
    """Whether an export is LimeSurvey's, judged from its columns.

    ``submitdate`` with the response id or another system column, or two system columns
    (in any heading mode; not the participants' name, e-mail or token, which a Google form
    may ask too) make it LimeSurvey's; so does
    the shape LimeSurvey always writes first: a column of unique whole numbers (the
    id), then one of dates and times or nothing (submitdate), a page number, a language
    code.
    """
    roles = [system_role(h) for h in header]
    if header and _key(header[0]) in GOOGLE_TIME:  # Google Forms' first column
        return False
    strong = sum(r in ("submitdate", "system") for r in roles)
    if strong >= 2 or strong and "id" in roles:
        return True
    if len(header) < 4 or not columns or not columns[0]:
        return False
    ids = columns[0]
    if not (all(_INTEGER.fullmatch(v) for v in ids) and len(set(ids)) == len(ids)):
        return False
    # id, submitdate, lastpage, startlanguage; older versions write the token second.
    for first in _SUBMITDATE_AT:
        if len(columns) < first + 2:
            continue
        dates, pages, langs = columns[first - 1:first + 2]
        if (_looks_like_times(dates, parse_time)
                and all(not v or _INTEGER.fullmatch(v) for v in pages)
                and all(not v or _LANGUAGE.fullmatch(v) for v in langs) and any(langs)):
            return True
    return False


#: Where ``submitdate`` may be (1-based): second, or third after an older version's token.
_SUBMITDATE_AT = (2, 3)


def by_position(header: list[str], columns: list[list[str]], parse_time) -> int | None:
    """The column of ``submitdate`` told by its place and values, or None.

    For a header in a language this module does not know: LimeSurvey writes the response
    id first (unique whole numbers) and ``submitdate`` second — third when an older
    version writes the token second — (dates and times, or empty for an unfinished
    response). Used only when no ``submitdate`` header is recognised.
    """
    if len(header) < 2 or len(columns) < 2:
        return None
    ids = columns[0]
    if not (ids and all(_INTEGER.fullmatch(v) for v in ids) and len(set(ids)) == len(ids)):
        return None
    for n in _SUBMITDATE_AT:
        if n > min(len(header), len(columns)):
            break
        if (system_role(header[n - 1]) in (None, "submitdate") and any(columns[n - 1])
                and _looks_like_times(columns[n - 1], parse_time)):
            return n
    return None
