"""Tests for toolkit.synth: the demo dataset and synthetic datasets of any size."""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.synth import demo_dataset, synthesize, write_dataset

# SPEC §2, written out here independently of the module.
SPEC_COLUMNS = {
    "gminas": ["gmina_id", "name", "powiat", "wojewodztwo"],
    "participants": ["participant_id", "gmina_id", "sector", "organisation", "first_name",
                     "last_name", "gender", "group"],
    "sessions": ["session_id", "zjazd", "day", "date", "hours", "plane", "topic", "group"],
    "attendance": ["participant_id", "session_id", "status", "hours"],
    "items": ["item_id", "instrument", "text", "kind", "scale", "construct", "correct",
              "source"],
    "responses": ["response_id", "instrument", "item_id", "answer", "participant_id",
                  "gmina_id", "submitted_at"],
    "index_areas": ["area_id", "plane", "name", "scale_min", "scale_max"],
    "index_scores": ["gmina_id", "wave", "date", "area_id", "score"],
    "recommendations": ["gmina_id", "recommendation_id", "plane", "title", "document_type",
                        "status", "adopted_on"],
    "support": ["gmina_id", "activity", "unit", "planned", "delivered"],
}
KEYS = {
    "gminas": ["gmina_id"],
    "participants": ["participant_id"],
    "sessions": ["session_id"],
    "attendance": ["participant_id", "session_id"],
    "items": ["item_id"],
    "responses": ["response_id", "item_id"],
    "index_areas": ["area_id"],
    "index_scores": ["gmina_id", "wave", "area_id"],
    "recommendations": ["gmina_id", "recommendation_id"],
    "support": ["gmina_id", "activity"],
}
TERYT = re.compile(r"^(0[2-9]|[12][0-9]|3[0-2])\d{4}[1-3]$")
VOIVODESHIPS = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}
LABELS = {
    "agree5": ["zdecydowanie nie", "raczej nie", "ani tak, ani nie", "raczej tak",
               "zdecydowanie tak"],
    "rating5": ["bardzo źle", "źle", "średnio", "dobrze", "bardzo dobrze"],
}
NON_ANSWERS = {"", "trudno powiedzieć", "nie wiem", "nie dotyczy"}
SUPPORT_PLAN = {
    "doradztwo": ("h", 15), "spotkania GWD": ("count", 3), "szkolenia COP": ("count", 2),
    "seminaria COP": ("count", 2), "konsultacje COP": ("h", 30),
    "wywiady grupowe": ("count", 3), "wywiady pogłębione": ("count", 3),
    "ankiety telefoniczne": ("count", 25), "wydarzenie integracyjne": ("count", 1),
    "dofinansowanie wydarzenia": ("PLN", 4500),
}
DOCUMENT_TYPES = {"uchwała", "zarządzenie", "regulamin", "procedura", "decyzja"}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def demo():
    return demo_dataset()


@pytest.fixture(scope="module")
def small():
    return synthesize(50, seed=7)


@pytest.fixture(scope="module")
def poland():
    start = time.perf_counter()
    tables = synthesize(2479, seed=1)
    return tables, time.perf_counter() - start


@pytest.fixture(params=["demo", "small", "one"], scope="module")
def dataset(request, demo, small):
    if request.param == "demo":
        return demo
    if request.param == "small":
        return small
    return synthesize(1, seed=3)


def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", np.nan), errors="raise")


def _days_attended(attendance: pd.DataFrame) -> pd.Series:
    return attendance["status"].isin(["present", "late"]).groupby(
        attendance["participant_id"]).sum()


def _commitment_met(tables) -> pd.Series:
    """Per gmina: >= 4 adopted recommendations and >= 1 adopted in each plane."""
    rec = tables["recommendations"]
    adopted = rec[rec["status"] == "adopted"]
    per_plane = pd.crosstab(adopted["gmina_id"], adopted["plane"]).reindex(
        index=tables["gminas"]["gmina_id"], columns=["I", "II", "III"], fill_value=0)
    return (per_plane.sum(axis=1) >= 4) & (per_plane > 0).all(axis=1)


# --------------------------------------------------------------------------- shape


def test_columns_are_exactly_the_spec(dataset, demo):
    # The demo also describes its programme (SPEC §2 programme and labels tables).
    meta = {"programme": ["key", "value"], "labels": ["kind", "id", "label", "label_en"],
            "conclusions": ["gmina_id", "section", "text"]}
    expected = {**SPEC_COLUMNS, **(meta if dataset is demo else {})}
    assert list(dataset) == list(expected)
    for name, columns in expected.items():
        assert list(dataset[name].columns) == columns, name


def test_every_value_is_text(dataset):
    for name, frame in dataset.items():
        for column in frame.columns:
            assert frame[column].map(type).eq(str).all(), (name, column)


def test_keys_unique(dataset):
    for name, key in KEYS.items():
        assert not dataset[name].duplicated(key).any(), name


def test_sizes_of_a_single_gmina():
    tables = synthesize(1, seed=0)
    assert len(tables["gminas"]) == 1
    assert 3 <= len(tables["participants"]) <= 6
    assert len(tables["attendance"]) == len(tables["participants"]) * 8
    assert len(tables["index_scores"]) == 16
    assert 4 <= len(tables["recommendations"]) <= 6
    assert len(tables["support"]) == 10


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_tables():
    a, b = synthesize(30, seed=11), synthesize(30, seed=11)
    for name in SPEC_COLUMNS:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_other_seed_other_tables():
    a, b = synthesize(30, seed=11), synthesize(30, seed=12)
    for name in ("gminas", "participants", "attendance", "responses", "index_scores"):
        assert not a[name].equals(b[name]), name


def test_demo_is_deterministic_and_seeded():
    a, b, c = demo_dataset(), demo_dataset(), demo_dataset(seed=1)
    for name in SPEC_COLUMNS:
        pd.testing.assert_frame_equal(a[name], b[name])
    pd.testing.assert_frame_equal(a["participants"], c["participants"])
    assert not a["responses"].equals(c["responses"])


def test_written_files_are_byte_identical(tmp_path):
    first = write_dataset(synthesize(12, seed=5), tmp_path / "a")
    second = write_dataset(synthesize(12, seed=5), tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for p, q in zip(first, second):
        assert p.read_bytes() == q.read_bytes()


# --------------------------------------------------------------------------- gminas


def test_gmina_codes_for_all_of_poland(poland):
    tables, _ = poland
    gminas = tables["gminas"]
    assert len(gminas) == 2479
    assert gminas["gmina_id"].is_unique
    assert gminas["gmina_id"].str.match(TERYT).all()
    woj = gminas["gmina_id"].str[:2]
    assert woj.astype(int).mod(2).eq(0).all()
    assert gminas["gmina_id"].str[2:4].astype(int).between(1, 99).all()
    assert gminas["gmina_id"].str[4:6].astype(int).between(1, 99).all()
    assert (gminas["wojewodztwo"] == woj.map(VOIVODESHIPS)).all()
    assert gminas["name"].ne("").all() and gminas["powiat"].ne("").all()
    # Names need not be unique, but should mostly be.
    assert gminas["name"].nunique() > 0.85 * len(gminas)
    assert gminas["name"].str.contains("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]").any()


def test_all_of_poland_is_fast_and_consistent(poland):
    tables, seconds = poland
    assert seconds < 10
    participants = tables["participants"]
    assert participants["gmina_id"].isin(tables["gminas"]["gmina_id"]).all()
    assert participants.groupby("gmina_id").size().between(3, 6).all()
    assert len(tables["attendance"]) == len(participants) * len(tables["sessions"])
    for name, key in KEYS.items():
        assert not tables[name].duplicated(key).any(), name


@pytest.mark.parametrize("n", [0, -1, 16 * 99 * 99 + 1])
def test_impossible_sizes_raise(n):
    with pytest.raises(ValueError, match=r"n_gminas.*1.*156816.*" + re.escape(str(n))):
        synthesize(n)


def test_non_integer_size_raises():
    with pytest.raises(TypeError, match="n_gminas"):
        synthesize(2.5)


# --------------------------------------------------------------------------- people


def test_participants(dataset):
    p = dataset["participants"]
    assert p["gmina_id"].isin(dataset["gminas"]["gmina_id"]).all()
    assert p["sector"].isin(["JST", "NGO", "other"]).all()
    sectors = p.groupby("gmina_id")["sector"].agg(set)
    assert sectors.map(lambda s: {"JST", "NGO"} <= s).all()
    if len(p) > 50:
        assert p["sector"].isin(["JST", "NGO"]).mean() >= 0.75
    assert p["gender"].isin(["K", "M"]).all()
    # Polish first names: women's end in -a, men's do not (true of every name used).
    assert (p["first_name"].str.endswith("a") == (p["gender"] == "K")).all()
    women = p[p["gender"] == "K"]
    assert not women["last_name"].str.endswith(("ski", "cki")).any()
    assert p["group"].eq("").all()
    assert p[["organisation", "first_name", "last_name"]].ne("").all().all()


def test_sessions(dataset):
    s = dataset["sessions"]
    assert len(s) == 8
    assert sorted(zip(s["zjazd"].astype(int), s["day"].astype(int))) == [
        (z, d) for z in range(1, 5) for d in (1, 2)]
    dates = pd.to_datetime(s["date"], format="%Y-%m-%d")
    assert dates.between("2014-11-01", "2015-04-30").all()
    by_zjazd = dates.groupby(s["zjazd"]).agg(["min", "max"])
    assert ((by_zjazd["max"] - by_zjazd["min"]).dt.days == 1).all()
    assert _num(s["hours"]).gt(0).all()
    assert s["plane"].isin(["I", "II", "III"]).all()


def test_attendance_complete_and_hours_within_session(dataset):
    att, p, s = dataset["attendance"], dataset["participants"], dataset["sessions"]
    pairs = set(zip(att["participant_id"], att["session_id"]))
    assert pairs == {(a, b) for a in p["participant_id"] for b in s["session_id"]}
    assert len(att) == len(pairs)
    assert att["status"].isin(["present", "absent", "excused", "late"]).all()
    hours = _num(att["hours"])
    session_hours = att["session_id"].map(dict(zip(s["session_id"], _num(s["hours"]))))
    given = hours.notna()
    assert (hours[given] >= 0).all()
    assert (hours[given] <= session_hours[given]).all()
    assert hours[att["status"] == "absent"].isna().all()
    assert given.mean() < 0.2


# --------------------------------------------------------------------------- questionnaires


def test_items(dataset):
    items = dataset["items"]
    assert items["kind"].isin(["likert", "knowledge", "open"]).all()
    likert = items[items["kind"] == "likert"]
    assert likert["scale"].isin(["agree5", "rating5"]).all()
    assert items.loc[items["kind"] != "likert", "scale"].eq("").all()
    for z in range(1, 5):
        own = items[items["instrument"] == f"ocena_zjazd{z}"]
        assert (own["kind"] == "likert").sum() >= 4
        assert (own["kind"] == "open").sum() == 1
        sizes = own[own["kind"] == "likert"].groupby("construct").size()
        assert (sizes >= 3).any()
    pre = items[items["instrument"] == "test_wiedzy_pre"]
    post = items[items["instrument"] == "test_wiedzy_post"]
    assert len(pre) == len(post) == 8
    assert (pre["kind"] == "knowledge").all() and (post["kind"] == "knowledge").all()
    assert list(pre["text"]) == list(post["text"])
    assert list(pre["correct"]) == list(post["correct"])
    assert pre["correct"].isin(list("abcd")).all()
    assert items.loc[items["kind"] != "knowledge", "correct"].eq("").all()


def test_responses_refer_to_items_people_and_gminas(dataset):
    r, items, p = dataset["responses"], dataset["items"], dataset["participants"]
    item_instrument = dict(zip(items["item_id"], items["instrument"]))
    assert r["item_id"].isin(items["item_id"]).all()
    assert (r["item_id"].map(item_instrument) == r["instrument"]).all()
    assert r["gmina_id"].isin(dataset["gminas"]["gmina_id"]).all()
    named = r[r["participant_id"] != ""]
    assert named["participant_id"].isin(p["participant_id"]).all()
    home = dict(zip(p["participant_id"], p["gmina_id"]))
    assert (named["participant_id"].map(home) == named["gmina_id"]).all()
    # A submission is one instrument, one person (or anonymous), one time.
    per_submission = r.groupby("response_id")[
        ["instrument", "participant_id", "gmina_id", "submitted_at"]].nunique()
    assert (per_submission == 1).all().all()
    stamps = pd.to_datetime(r["submitted_at"], format="%Y-%m-%d %H:%M:%S")
    assert stamps.notna().all()
    knowledge = r["instrument"].str.startswith("test_wiedzy")
    assert r.loc[knowledge, "participant_id"].ne("").all()
    meeting = r[~knowledge].drop_duplicates("response_id")
    anonymous = meeting["participant_id"].eq("").mean()
    if len(meeting) >= 40:
        assert 0 < anonymous < 0.5


def test_only_attendees_answer_a_meeting_questionnaire(dataset):
    r, att, s = dataset["responses"], dataset["attendance"], dataset["sessions"]
    zjazd_of = dict(zip(s["session_id"], s["zjazd"]))
    came = att[att["status"].isin(["present", "late"])]
    attended = set(zip(came["participant_id"], "ocena_zjazd" + came["session_id"].map(zjazd_of)))
    named = r[(r["participant_id"] != "") & r["instrument"].str.startswith("ocena_zjazd")]
    assert set(zip(named["participant_id"], named["instrument"])) <= attended


def test_answers_are_valid_and_realistic(dataset):
    r = dataset["responses"].merge(dataset["items"], on=["item_id", "instrument"])
    likert = r[r["kind"] == "likert"]
    lower = likert["answer"].str.lower()
    valid_label = np.array([a in LABELS[s] for a, s in zip(lower, likert["scale"])], dtype=bool)
    is_digit = likert["answer"].isin(list("12345"))
    assert (is_digit | valid_label | lower.isin(NON_ANSWERS)).all()
    if len(likert) > 300:
        values = pd.concat([
            likert.loc[is_digit, "answer"].astype(int),
            pd.Series([LABELS[s].index(a) + 1 for a, s, ok in
                       zip(lower, likert["scale"], valid_label) if ok])])
        assert 3.7 < values.mean() < 4.4
        assert is_digit.mean() > 0.6
        assert np.any(valid_label) and lower.isin(NON_ANSWERS).any()
        assert (likert["answer"] != lower).any()  # labels in varying case
    knowledge = r[r["kind"] == "knowledge"]
    assert knowledge["answer"].isin(["a", "b", "c", "d", ""]).all()
    correct = (knowledge["answer"] == knowledge["correct"]).groupby(
        knowledge["instrument"]).mean()
    if len(knowledge) > 100:
        assert correct["test_wiedzy_post"] > correct["test_wiedzy_pre"] + 0.1
    opened = r[r["kind"] == "open"]
    assert opened["answer"].ne("").all()  # empty comments are left out


# --------------------------------------------------------------------------- LIJW, commitments


def test_index(dataset):
    areas, scores = dataset["index_areas"], dataset["index_scores"]
    assert list(areas["area_id"]) == ["I_1", "I_2", "I_3", "I_4", "II_1", "II_2", "III_1",
                                      "III_2"]
    assert list(areas["plane"]) == ["I"] * 4 + ["II"] * 2 + ["III"] * 2
    assert "partnerstwo lokalne" in set(areas["name"])
    assert (areas["scale_min"] == "0").all() and (areas["scale_max"] == "5").all()
    assert scores["area_id"].isin(areas["area_id"]).all()
    assert scores["gmina_id"].isin(dataset["gminas"]["gmina_id"]).all()
    assert len(scores) == len(dataset["gminas"]) * 2 * 8
    assert scores["score"].str.match(r"^\d+(\.\d{1,2})?$").all()
    values = _num(scores["score"])
    assert values.between(0, 5).all()
    dates = pd.to_datetime(scores["date"], format="%Y-%m-%d")
    base = scores["wave"] == "baseline"
    assert dates[base].between("2014-10-01", "2014-11-30").all()
    assert dates[~base].between("2015-06-01", "2015-06-30").all()
    assert set(scores["wave"]) == {"baseline", "follow-up"}
    wide = scores.assign(v=values).pivot(index=["gmina_id", "area_id"], columns="wave",
                                         values="v")
    assert (wide["follow-up"] - wide["baseline"]).mean() > 0.3


def test_recommendations(dataset):
    rec = dataset["recommendations"]
    assert rec["gmina_id"].isin(dataset["gminas"]["gmina_id"]).all()
    assert rec.groupby("gmina_id").size().between(4, 6).all()
    assert set(rec["gmina_id"]) == set(dataset["gminas"]["gmina_id"])
    assert rec["recommendation_id"].isin(["I.1", "I.2", "II.3", "II.4", "III.5", "III.6"]).all()
    assert (rec["recommendation_id"].str.split(".").str[0] == rec["plane"]).all()
    assert rec["document_type"].isin(DOCUMENT_TYPES).all()
    assert rec["status"].isin(["planned", "in_progress", "adopted"]).all()
    adopted = rec["status"] == "adopted"
    assert rec.loc[~adopted, "adopted_on"].eq("").all()
    dates = pd.to_datetime(rec.loc[adopted, "adopted_on"], format="%Y-%m-%d")
    assert dates.between("2015-03-01", "2015-09-30").all()


def test_most_gminas_meet_the_commitment(small, poland):
    for tables in (small, poland[0]):
        met = _commitment_met(tables)
        assert 0.6 < met.mean() < 0.97


def test_support(dataset):
    sup = dataset["support"]
    assert len(sup) == 10 * len(dataset["gminas"])
    assert sup.groupby("gmina_id").size().eq(10).all()
    assert (sup["unit"] == sup["activity"].map({k: v[0] for k, v in SUPPORT_PLAN.items()})).all()
    assert (_num(sup["planned"]) == sup["activity"].map(
        {k: v[1] for k, v in SUPPORT_PLAN.items()})).all()
    assert _num(sup["delivered"]).ge(0).all()


# --------------------------------------------------------------------------- the demo's facts


def test_demo_gminas(demo):
    g = demo["gminas"].set_index("gmina_id")
    assert list(g.index) == ["1208053", "1217032", "1205042", "1210073"]
    assert g.loc["1208053", "name"] == "Miechów"
    assert g.loc["1217032", "name"] == "Bukowina Tatrzańska"
    assert g.loc["1205042", "powiat"] == "gorlicki"
    assert (g["wojewodztwo"] == "małopolskie").all()
    p = demo["participants"]
    assert 15 <= len(p) <= 20
    assert p.groupby("gmina_id").size().between(3, 6).all()
    assert (p.groupby("gmina_id")["sector"].agg(set).map(lambda s: {"JST", "NGO"} <= s)).all()


def test_demo_attendance_facts(demo):
    att, s = demo["attendance"], demo["sessions"]
    days = _days_attended(att)
    assert (days < 7).sum() >= 2            # miss the diploma
    assert (days == 7).sum() >= 1           # just eligible
    assert (att["status"] == "excused").any()
    hours = _num(att["hours"])
    session_hours = att["session_id"].map(dict(zip(s["session_id"], _num(s["hours"]))))
    late_with_hours = (att["status"] == "late") & hours.notna()
    assert late_with_hours.any()
    assert (hours[late_with_hours] < session_hours[late_with_hours]).all()


def test_demo_knowledge_test_for_everyone(demo):
    r = demo["responses"]
    everyone = set(demo["participants"]["participant_id"])
    for wave in ("pre", "post"):
        test = r[r["instrument"] == f"test_wiedzy_{wave}"]
        assert set(test["participant_id"]) == everyone
        assert test.groupby("participant_id")["response_id"].nunique().eq(1).all()
    assert (r.loc[r["instrument"].str.startswith("ocena"), "answer"] != "").any()


def test_demo_exactly_one_gmina_misses_the_commitment(demo):
    met = _commitment_met(demo)
    assert (~met).sum() == 1
    assert list(met[~met].index) == ["1210073"]


def test_demo_support_short_in_one_or_two_gminas(demo):
    sup = demo["support"]
    short = _num(sup["delivered"]) < _num(sup["planned"])
    assert 1 <= sup.loc[short, "gmina_id"].nunique() <= 2


def test_demo_index_has_a_lower_and_an_unchanged_area(demo):
    scores = demo["index_scores"]
    wide = scores.assign(v=_num(scores["score"])).pivot(
        index=["gmina_id", "area_id"], columns="wave", values="v")
    change = wide["follow-up"] - wide["baseline"]
    assert (change < 0).any() and (change == 0).any()
    assert (change > 0).mean() > 0.7


# --------------------------------------------------------------------------- writing


def test_write_dataset_round_trip(tmp_path, demo):
    out = tmp_path / "new" / "demo"
    paths = write_dataset(demo, out)
    assert paths == [out / f"{name}.csv" for name in demo]
    assert list(demo)[:len(SPEC_COLUMNS)] == list(SPEC_COLUMNS)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.csv" for n in demo)
    for name, path in zip(SPEC_COLUMNS, paths):
        raw = path.read_bytes()
        assert b"\r\n" not in raw
        assert raw.startswith(",".join(SPEC_COLUMNS[name]).encode("utf-8") + b"\n")
        back = pd.read_csv(path, dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(back, demo[name], check_dtype=False)
    gminas = (out / "gminas.csv").read_text(encoding="utf-8")
    assert "1208053,Miechów,miechowski,małopolskie" in gminas


def test_write_dataset_keeps_leading_zeros_and_replaces(tmp_path):
    tables = synthesize(40, seed=2)
    write_dataset({"gminas": tables["gminas"].iloc[:3]}, tmp_path)
    write_dataset(tables, tmp_path)  # replaces the existing file
    back = pd.read_csv(tmp_path / "gminas.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, tables["gminas"], check_dtype=False)
    assert back["gmina_id"].str.len().eq(7).all()


@pytest.mark.parametrize("name", ["", "../gminas", "a/b", ".hidden"])
def test_write_dataset_rejects_bad_names(tmp_path, name):
    with pytest.raises(ValueError, match="table name"):
        write_dataset({name: pd.DataFrame({"a": ["1"]})}, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_write_dataset_leaves_no_temporary_files(tmp_path):
    write_dataset(synthesize(3, seed=9), tmp_path)
    assert all(p.suffix == ".csv" and not p.name.startswith(".") for p in tmp_path.iterdir())
    assert isinstance(write_dataset({}, tmp_path / "empty"), list)
    assert Path(tmp_path / "empty").is_dir()
