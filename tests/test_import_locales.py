"""``import survey`` on exports in further languages (SPEC §3 "Real exports import as
exported", SPEC §2 ``scales``).

A Spanish Google form answers with Spanish labels ("Totalmente de acuerdo"): a scale may
declare them in a ``labels_XX`` column (``labels_es``), read like ``labels`` and
``labels_en``. Every export is written by the test; the expected numbers are the labels'
places on the scale, counted by hand.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import SAMPLES
from toolkit import DataError, load_dataset
from toolkit.cli import main
from toolkit.io.survey import import_survey
from toolkit.scales import scales_from_table

MIECHOW = "1208053"

ITEMS = """item_id,instrument,text,kind,scale,construct,correct,source
es_1,curso,Contenido,likert,acuerdo,,,Valore la formación [El contenido fue útil]
es_2,curso,Formadores,likert,acuerdo,,,Valore la formación [Los formadores estaban preparados]
es_3,curso,Global,likert,,,,Valoración global
"""

ES = "totalmente en desacuerdo;en desacuerdo;ni de acuerdo ni en desacuerdo;de acuerdo;totalmente de acuerdo"
SCALES = ("scale,min,max,positive_min,labels,labels_en,dont_know,labels_es\n"
          "acuerdo,1,5,4,zdecydowanie nie;raczej nie;ani tak ani nie;raczej tak;zdecydowanie tak,"
          f",No sé,{ES}\n")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("locales") / "data"
    root.mkdir()
    for name in ("gminas", "participants"):
        shutil.copy(SAMPLES / f"{name}.csv", root / f"{name}.csv")
    (root / "items.csv").write_text(ITEMS, encoding="utf-8")
    (root / "scales.csv").write_text(SCALES, encoding="utf-8")
    return root


def test_labels_in_a_further_language_are_read():
    table = pd.DataFrame({"scale": ["s"], "min": [0], "max": [2], "labels": ["a;b;c"],
                          "labels_en": [""], "labels_nl": ["oneens;neutraal;eens"]})
    scale = scales_from_table(table)["s"]
    values, invalid = scale.parse(pd.Series(["Eens", " neutraal ", "b", "oneens", "nee"]))
    assert values.tolist()[:4] == [2.0, 1.0, 1.0, 0.0]
    assert invalid.tolist() == [False, False, False, False, True]
    assert scale.label(2, "en") == "c"  # reports never show the further language


def test_spanish_google_form_with_spanish_labels(folder, tmp_path):
    export = tmp_path / "Formulario (respuestas).csv"
    export.write_text(
        "Marca temporal,Dirección de correo electrónico,Puntuación,"
        "Valore la formación [El contenido fue útil],"
        "Valore la formación [Los formadores estaban preparados],Valoración global,Edad,Edad\n"
        "2019/12/13 9:50:30 a. m. GMT-5,a@x.es,3 / 5,Totalmente de acuerdo,De acuerdo,4,30,x\n"
        "2019/12/14 9:10:03 p. m. GMT-5,b@x.es,1 / 5,En desacuerdo,No sé,3,40,y\n",
        encoding="utf-8")
    got = import_survey(export, None, "curso", load_dataset(folder), gmina="Miechów")
    answers = {(r.response_id.rsplit("-", 1)[1], r.item_id): r.answer
               for r in got.responses.itertuples()}
    assert answers == {("1", "es_1"): "5", ("1", "es_2"): "4", ("1", "es_3"): "4",
                       ("2", "es_1"): "2", ("2", "es_2"): "No sé", ("2", "es_3"): "3"}
    assert set(got.responses.submitted_at) == {"2019-12-13 09:50:30", "2019-12-14 21:10:03"}
    assert set(got.responses.gmina_id) == {MIECHOW}
    # Only the two "Edad" columns are warnings (e-mail and score are Google's own).
    assert [w.column for w in got.warnings] == [7, 8]


def test_a_label_of_another_language_is_still_an_error(folder, tmp_path):
    export = tmp_path / "nl.csv"
    export.write_text("Tijdstempel,Valore la formación [El contenido fue útil]\n"
                      "13-12-2019 9:50:30,Helemaal eens\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_survey(export, None, "curso", load_dataset(folder), gmina=MIECHOW)
    assert [(p.line, p.column) for p in caught.value.errors if p.is_error] == [(2, 2)]


def test_labels_xx_with_a_wrong_count_is_a_validation_error(folder, tmp_path, capsys):
    bad = tmp_path / "bad"
    shutil.copytree(folder, bad)
    (bad / "scales.csv").write_text(SCALES.replace(";totalmente de acuerdo", ""),
                                    encoding="utf-8")
    assert main(["validate", "--data", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "scales.csv:2:" in err and "labels_es" in err and "found 4" in err
