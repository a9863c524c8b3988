"""Key findings: what a finding compares must be comparable."""

from __future__ import annotations

import pandas as pd

from toolkit.findings import gmina_findings


def _likert(rows):
    return pd.DataFrame(rows, columns=["gmina_id", "instrument", "item_id", "mean",
                                       "suppressed", "scale_min", "scale_max"])


def test_best_and_worst_item_compared_on_one_answer_range():
    # A 0–10 item's mean of 8 is not "better" than a 1–5 item's 4,5: the finding compares
    # the items of the range most items use (here 1–5: q1 4,50 best, q3 2,10 worst).
    likert = _likert([
        ("1208053", "a", "q1", 4.5, False, 1, 5),
        ("1208053", "a", "q2", 3.0, False, 1, 5),
        ("1208053", "b", "q3", 2.1, False, 1, 5),
        ("1208053", "b", "nps", 8.0, False, 0, 10),
    ])
    labels = {"q1": "Pierwsze", "q2": "Drugie", "q3": "Trzecie", "nps": "Polecenie"}
    found = [f for f in gmina_findings({"likert": likert, "item_labels": labels}, "1208053")
             if f.key == "items"]
    assert len(found) == 1
    assert found[0].value == (4.5, 2.1)
    assert "Polecenie" not in found[0].text and "Pierwsze" in found[0].text


def test_no_item_finding_from_fewer_than_two_comparable_items():
    likert = _likert([("1208053", "a", "q1", 4.5, False, 1, 5),
                      ("1208053", "b", "nps", 8.0, False, 0, 10),
                      ("1208053", "b", "q7", 6.0, False, 1, 7)])
    found = gmina_findings({"likert": likert, "item_labels": {}}, "1208053")
    assert not [f for f in found if f.key == "items"]
