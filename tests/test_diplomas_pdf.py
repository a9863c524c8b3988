"""Diploma PDFs (``diplomas --pdf DIR``): content, page size, fonts, one file per eligible."""

from __future__ import annotations

import io

import pandas as pd
import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

from toolkit import config  # noqa: E402
from toolkit.diplomas_pdf import (  # noqa: E402
    TEMPLATE_DIR,
    diploma_order,
    format_attendance,
    format_period,
    render_diploma,
    write_diplomas,
)

GMINAS = pd.DataFrame({
    "gmina_id": ["1208053", "0201011", "1217032"],
    "name": ["Miechów", "Bolesławiec", "Bukowina Tatrzańska"],
    "powiat": ["miechowski", "bolesławiecki", "tatrzański"],
    "wojewodztwo": ["małopolskie", "dolnośląskie", "małopolskie"],
})
SESSIONS = pd.DataFrame({
    "session_id": [f"S{i}" for i in range(1, 9)],
    "date": pd.to_datetime(["2014-11-20", "2014-11-21", "2014-12-11", "2014-12-12",
                            "2015-01-22", "2015-01-23", "2015-03-05", "2015-03-06"]),
})
COLUMNS = ["participant_id", "gmina_id", "first_name", "last_name", "sector", "organisation",
           "attended", "possible", "share", "eligible", "can_still_miss",
           "max_reachable_share", "status"]


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _person(pid, gmina, first, last, attended, possible=8, org=None, threshold=0.8):
    share = attended / possible
    ok = share >= threshold
    return [pid, gmina, first, last, "NGO", org, attended, possible, share, ok, 0,
            share, "eligible" if ok else "ineligible"]


def _text(pdf: bytes) -> str:
    """The PDF's text, whitespace normalised (``\\xa0`` and line breaks become spaces)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _render(name=("Żaneta", "Ślęzak-Gąsienica"), lang="pl", attended=None, **person):
    first, last = name
    return render_diploma(
        {"first_name": first, "last_name": last, "gmina_name": "Miechów",
         "organisation": "Urząd Gminy i Miasta Miechów", **person},
        number="AW/2015/007", programme="Współpraca na medal", academy="Akademia Współpracy",
        first_date="2014-11-20", last_date=pd.Timestamp("2015-03-06"),
        attended=attended or format_attendance(7, 8, lang=lang), lang=lang)


@pytest.fixture(scope="module")
def polish_pdf() -> bytes:
    return _render()


def test_diploma_content_in_polish(polish_pdf):
    assert polish_pdf.startswith(b"%PDF")
    text = _text(polish_pdf)
    for expected in ["DYPLOM", "ukończenia Akademii Współpracy", "Żaneta Ślęzak-Gąsienica",
                     "Urząd Gminy i Miasta Miechów", "Gmina Miechów", "AW/2015/007",
                     "Współpraca na medal", "Akademia Współpracy",
                     "20 listopada 2014 – 6 marca 2015",
                     "obecność: 7 z 8 dni szkoleniowych (88 %)", "podpis"]:
        assert expected in text, expected


def test_diploma_is_one_a4_page_with_own_fonts(polish_pdf):
    reader = pypdf.PdfReader(io.BytesIO(polish_pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    size = sorted([float(box.width), float(box.height)])
    assert size == pytest.approx([595, 842], abs=1)
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(f.get_object()["/BaseFont"]) for f in fonts.values()}
    # only the @font-face families (DejaVu files from matplotlib), subset and embedded
    assert names and all("+Diploma-" in n for n in names), names


def test_english_wording():
    text = _text(_render(lang="en"))
    for expected in ["DIPLOMA", "awarded to", "Żaneta Ślęzak-Gąsienica", "Gmina Miechów",
                     "20 November 2014 – 6 March 2015", "attendance: 7 of 8 training days (88%)",
                     "Diploma no.", "AW/2015/007", "signature"]:
        assert expected in text, expected
    assert "obecność" not in text and "DYPLOM" not in text


def test_names_are_html_escaped():
    pdf = _render(name=("Ala", "<b>Nowak</b> & Syn"), organisation="Fundacja <i>Razem</i>")
    text = _text(pdf)
    assert "Ala <b>Nowak</b> & Syn" in text
    assert "Fundacja <i>Razem</i>" in text


def test_long_name_stays_on_one_page():
    pdf = _render(name=("Małgorzata", "Gąsienica-Roj-Wojciechowska"),
                  organisation="Stowarzyszenie na Rzecz Rozwoju Przedsiębiorczości, Kultury i "
                               "Sportu oraz Ochrony Dziedzictwa Ziemi Miechowskiej „Nasza Gmina”")
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "Małgorzata Gąsienica-Roj-Wojciechowska" in _text(pdf)


@pytest.mark.parametrize("args, expected", [
    ((7, 8, "days", "pl"), "obecność: 7 z 8 dni szkoleniowych (88 %)"),
    ((1, 1, "days", "pl"), "obecność: 1 z 1 dnia szkoleniowego (100 %)"),
    ((52.5, 60.0, "hours", "pl"), "obecność: 52,5 z 60 godzin (88 %)"),
    ((52.5, 60.0, "hours", "en"), "attendance: 52.5 of 60 hours (88%)"),
    ((7, 8, "days", "en"), "attendance: 7 of 8 training days (88%)"),
    ((1, 1, "days", "en"), "attendance: 1 of 1 training day (100%)"),
    ((21, 22, "days", "pl"), "obecność: 21 z 22 dni szkoleniowych (95 %)"),
    ((7.5, 7.5, "hours", "pl"), "obecność: 7,5 z 7,5 godziny (100 %)"),
    ((0.5, 1, "hours", "en"), "attendance: 0.5 of 1 hour (50%)"),
])
def test_format_attendance(args, expected):
    attended, possible, basis, lang = args
    got = format_attendance(attended, possible, basis=basis, lang=lang)
    assert " ".join(got.split()) == expected


def test_format_period():
    assert format_period("2014-11-20", "2015-03-06") == "20 listopada 2014 – 6 marca 2015"
    assert format_period("2015-03-06", "2015-03-06", "en") == "6 March 2015"


def test_order_is_gmina_then_polish_alphabetical_names():
    frame = _frame([
        _person("P9", "1208053", "Michał", "Łaś", 8),
        _person("P1", "1208053", "Zuzanna", "Lis", 7),
        _person("P5", "1208053", "Ewa", "Zając", 8),
        _person("P2", "1208053", "Adam", "Lis", 8),
        _person("P7", "0201011", "Ewa", "Kowalska", 7),
        _person("P3", "0201011", "Jan", "Nowak", 5),  # ineligible
    ])
    frame["eligible"] = frame["eligible"].map({True: "True", False: "False"})  # as read from CSV
    assert diploma_order(frame)["participant_id"].tolist() == ["P7", "P2", "P1", "P9", "P5"]


@pytest.fixture(scope="module")
def three_people():
    return _frame([
        _person("P2", "1208053", "Michał", "Łaś", 7, org="Fundacja Miechowska"),
        _person("P1", "1208053", "Żaneta", "Ślęzak", 6),  # 6 of 8: not eligible
        _person("P3", "0201011", "Zuzanna", "Gąsienica-Roj", 8),
    ])


def test_write_diplomas_one_file_per_eligible(tmp_path, three_people):
    out = tmp_path / "new" / "pdf"
    (out).mkdir(parents=True)
    stale = out / "P1.pdf"  # from an earlier run, when P1 was still eligible
    stale.write_bytes(b"%PDF-old")
    other = out / "notes.txt"
    other.write_text("keep me", encoding="utf-8")

    paths = write_diplomas(three_people, out, gminas=GMINAS, sessions=SESSIONS)

    # numbering order: gmina 0201011 first, then 1208053
    assert paths == [out / "P3.pdf", out / "P2.pdf"]
    assert sorted(p.name for p in out.glob("*.pdf")) == ["P1.pdf", "P2.pdf", "P3.pdf"]
    assert stale.read_bytes() == b"%PDF-old" and other.read_text(encoding="utf-8") == "keep me"
    assert not list(out.glob(".*.tmp"))

    texts = [_text(p.read_bytes()) for p in paths]
    assert "Zuzanna Gąsienica-Roj" in texts[0] and "Gmina Bolesławiec" in texts[0]
    assert "Michał Łaś" in texts[1] and "Fundacja Miechowska" in texts[1]
    assert "Gmina Miechów" in texts[1] and "obecność: 7 z 8 dni szkoleniowych" in texts[1]
    assert "DYP/2015/001" in texts[0] and "DYP/2015/002" in texts[1]
    numbers = [t.split("DYP/")[1].split()[0] for t in texts]
    assert numbers == ["2015/001", "2015/002"] and len(set(numbers)) == len(numbers)
    assert all("20 listopada 2014 – 6 marca 2015" in t for t in texts)
    assert all("Żaneta" not in t for t in texts)


def test_write_diplomas_hours_basis_english_and_empty(tmp_path, three_people):
    hours = three_people.iloc[[0]].copy()
    hours[["attended", "possible", "share"]] = [52.5, 60.0, 0.875]
    [path] = write_diplomas(hours, tmp_path / "h", gminas=GMINAS, sessions=SESSIONS,
                            basis="hours")
    assert "obecność: 52,5 z 60 godzin (88 %)" in _text(path.read_bytes())

    nobody = three_people.assign(eligible=False)
    assert write_diplomas(nobody, tmp_path / "none", gminas=GMINAS, sessions=SESSIONS) == []
    assert (tmp_path / "none").is_dir() and not list((tmp_path / "none").iterdir())


def test_write_diplomas_rejects_bad_options(tmp_path, three_people):
    with pytest.raises(ValueError):
        write_diplomas(three_people, tmp_path, gminas=GMINAS, sessions=SESSIONS, basis="weeks")
    with pytest.raises(ValueError):
        write_diplomas(three_people, tmp_path, gminas=GMINAS, sessions=SESSIONS, lang="de")


def test_template_is_package_data():
    # pyproject: package-data "templates/*/*" — files exactly one folder below templates/
    assert TEMPLATE_DIR == config.PACKAGE_DIR / "templates" / "diploma"
    names = {p.name for p in TEMPLATE_DIR.iterdir() if p.is_file()}
    assert {"diploma.html.j2", "diploma.css"} <= names
    assert not [p for p in TEMPLATE_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"]
