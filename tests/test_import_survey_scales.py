"""``import survey`` on declared scales (SPEC §2 ``scales``): a 1–7 and a 0–10 item.

The dataset declares its scales in ``scales.csv``; this needs the ``scales`` table to be
read and validated (the ``scales`` branch). The import asks ``Dataset.scales`` for each
item's scale, so a 1–7 item whose answers in the file are all ≤ 5 is still read on 1–7,
and 6 and 7 are valid answers.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import SAMPLES
from toolkit import DataError, load_dataset
from toolkit.io.survey import import_survey

SCALES = """scale,min,max,positive_min,labels,labels_en,dont_know
agree7,1,7,5,zdecydowanie nie;nie;raczej nie;ani tak ani nie;raczej tak;tak;zdecydowanie tak,strongly disagree;disagree;somewhat disagree;neither;somewhat agree;agree;strongly agree,
nps11,0,10,9,,,
"""
ITEMS = """item_id,instrument,text,kind,scale,construct,correct,source
s_1,scaled,The training was useful,likert,agree7,,,Z1[SQ001]
s_2,scaled,Would you recommend it?,likert,nps11,,,Z2
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("scales") / "data"
    root.mkdir()
    shutil.copy(SAMPLES / "gminas.csv", root / "gminas.csv")
    (root / "items.csv").write_text(ITEMS, encoding="utf-8")
    (root / "scales.csv").write_text(SCALES, encoding="utf-8")
    return load_dataset(root)


def test_a_1_to_7_item_answered_at_most_5_stays_on_its_scale(tmp_path, data):
    path = tmp_path / "export.csv"
    path.write_text("id,submitdate,lastpage,startlanguage,Z1[SQ001],Z2\n"
                    "1,2019-12-13 09:50:30,2,en,A5,0\n"
                    "2,2019-12-13 09:51:30,2,en,3,10\n"
                    "3,2019-12-13 09:52:30,2,en,Somewhat agree,7\n"
                    "4,,1,en,A7,11\n", encoding="utf-8")
    got = import_survey(path, None, "scaled", data, gmina="1208053")
    assert (got.n_responses, got.skipped) == (3, 1)
    answers = got.responses.set_index(["item_id"]).groupby(level=0)["answer"].apply(list)
    # 'somewhat agree' is the 5th label of 1–7: 5; the 0–10 answers stay exact.
    assert answers["s_1"] == ["5", "3", "5"]
    assert answers["s_2"] == ["0", "10", "7"]
    path.write_text("id,submitdate,lastpage,startlanguage,Z1[SQ001],Z2\n"
                    "1,2019-12-13 09:50:30,2,en,7,11\n"
                    "2,2019-12-13 09:51:30,2,en,8,-1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_survey(path, None, "scaled", data, gmina="1208053")
    where = [str(p).split(": ")[0] for p in caught.value.errors]
    assert where == [f"{path}:2:6", f"{path}:3:5", f"{path}:3:6"]
    assert "agree7 (1–7" in str(caught.value.errors[1])
