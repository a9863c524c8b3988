"""One test per validation rule, each asserting the exact FILE:LINE:COLUMN message."""

from __future__ import annotations

import pytest

from conftest import TINY
from toolkit import DataError, load_dataset, validate


def _messages(folder, severity="error") -> list[str]:
    """Problems as printed, with the folder prefix removed."""
    return [str(p).replace(f"{folder}/", "") for p in validate(folder) if p.severity == severity]


def test_tiny_dataset_is_valid(tiny_dir):
    assert validate(tiny_dir) == []


def test_gminas_table_is_required(tiny_dir):
    (tiny_dir / "gminas.csv").unlink()
    assert "gminas.csv:1:1: the required table 'gminas' is missing" in _messages(tiny_dir)


def test_only_gminas_is_required(tmp_path):
    from conftest import write_tables

    folder = write_tables(tmp_path / "only", {"gminas": TINY["gminas"]})
    assert validate(folder) == []
    assert load_dataset(folder).has("gminas") and not load_dataset(folder).has("attendance")


def test_table_needs_the_tables_it_refers_to(tiny_dir):
    (tiny_dir / "sessions.csv").unlink()
    assert _messages(tiny_dir) == [
        "attendance.csv:1:1: the attendance table needs the 'sessions' table, which is missing"]


def test_empty_file(damaged):
    folder = damaged(support="")
    assert _messages(folder) == ["support.csv:1:1: the file is empty (a header row is required)"]


def test_binary_file(damaged, tmp_path):
    folder = damaged()
    (folder / "support.csv").write_bytes(b"PK\x03\x04\x00\x00binary")
    assert _messages(folder) == [
        "support.csv:1:1: not a text file (binary content; save the sheet as CSV)"]


def test_undecodable_file(damaged):
    folder = damaged()
    (folder / "support.csv").write_bytes(b"gmina_id,activity\n1208053,\x81\x98\n")
    assert _messages(folder) == [
        "support.csv:1:1: cannot decode the file as UTF-8 or Windows-1250"]


def test_ragged_row(damaged):
    folder = damaged(gminas="gmina_id,name,powiat\n1208053,Miechów\n0201011,Bolesławiec,b,extra\n")
    assert _messages(folder)[:2] == [
        "gminas.csv:2:3: row has 2 fields but the header has 3",
        "gminas.csv:3:4: row has 4 fields but the header has 3",
    ]


def test_malformed_quotes(damaged):
    folder = damaged(gminas='gmina_id,name\n1208053,"Miechów\n')
    assert _messages(folder)[0].startswith("gminas.csv:2:1: malformed CSV:")


def test_duplicate_column(damaged):
    folder = damaged(gminas="gmina_id,name,name\n1208053,Miechów,Miechów\n")
    assert "gminas.csv:1:3: duplicate column 'name' (also column 2)" in _messages(folder)


def test_missing_required_column(damaged):
    folder = damaged(support="gmina_id,activity,unit,planned\n1208053,doradztwo,h,15\n")
    assert _messages(folder) == ["support.csv:1:1: missing required column 'delivered'"]


def test_required_value(damaged):
    folder = damaged(participants=TINY["participants"].replace("P2,1208053,NGO,", "P2,1208053,,"))
    assert _messages(folder) == ["participants.csv:3:3: sector: a value is required"]


def test_allowed_values(damaged):
    folder = damaged(participants=TINY["participants"].replace("P3,0201011,NGO", "P3,0201011,NGOs"))
    assert _messages(folder) == [
        "participants.csv:4:3: sector: 'NGOs' must be one of: JST, NGO, informal, other"]


def test_not_a_number_and_not_whole(damaged):
    folder = damaged(sessions=TINY["sessions"].replace("S1,1,1,", "S1,pierwszy,1,")
                     .replace("S2,1,2,", "S2,1,2.5,"))
    assert _messages(folder) == [
        "sessions.csv:2:2: zjazd: 'pierwszy' is not a whole number",
        "sessions.csv:3:3: day: '2.5' is not a whole number",
    ]


def test_session_hours_must_be_positive(damaged):
    folder = damaged(sessions=TINY["sessions"].replace("2014-11-21,7.5", "2014-11-21,0"))
    errors = _messages(folder)
    assert errors[-1] == "sessions.csv:3:5: hours: '0' must be more than 0"


def test_teryt_format(damaged):
    folder = damaged(gminas="gmina_id,name\n120805,Miechów\n1308053,Nigdzie\n1208056,Zły typ\n")
    message = ("must be a 7-digit TERYT gmina code (voivodeship 02–32, type digit 1–5; "
               "a leading zero lost in Excel?)")
    errors = [m for m in _messages(folder) if m.startswith("gminas.csv")]
    assert errors == [f"gminas.csv:2:1: gmina_id: '120805' {message}",
                      f"gminas.csv:3:1: gmina_id: '1308053' {message}",
                      f"gminas.csv:4:1: gmina_id: '1208056' {message}"]


def test_real_dates(damaged):
    folder = damaged(sessions=TINY["sessions"].replace("2014-11-20", "2014-11-31")
                     .replace("2014-11-21", "21.11.2014"))
    assert _messages(folder) == [
        "sessions.csv:2:4: date: '2014-11-31' must be a real date written YYYY-MM-DD",
        "sessions.csv:3:4: date: '21.11.2014' must be a real date written YYYY-MM-DD",
    ]


def test_timestamps(damaged):
    folder = damaged(responses=TINY["responses"].replace("2014-11-21 16:00:00", "wczoraj", 1))
    assert _messages(folder) == [
        "responses.csv:2:7: submitted_at: 'wczoraj' must be a date and time (YYYY-MM-DD HH:MM:SS)"]


def test_duplicate_keys(damaged):
    folder = damaged(attendance=TINY["attendance"] + "P1,S1,absent,\n")
    assert _messages(folder) == [
        "attendance.csv:8:1: duplicate participant_id/session_id "
        "(participant_id=P1, session_id=S1), already on line 2"]


def test_references(damaged):
    folder = damaged(participants=TINY["participants"].replace("P3,0201011", "P3,1205042"),
                     attendance=TINY["attendance"].replace("P3,S2", "P9,S2"))
    errors = _messages(folder)
    assert "participants.csv:4:2: gmina_id: '1205042' is not in gminas (gmina_id)" in errors
    assert "attendance.csv:7:1: participant_id: 'P9' is not in participants (participant_id)" in errors


def test_attended_hours_not_above_session_hours(damaged):
    folder = damaged(attendance=TINY["attendance"].replace("P1,S2,late,6.5", "P1,S2,late,8"))
    assert _messages(folder) == [
        "attendance.csv:3:4: hours: 8 attended is more than the session's 7.5 h (S2)"]


def test_absent_with_hours(damaged):
    folder = damaged(attendance=TINY["attendance"].replace("P2,S1,absent,", "P2,S1,absent,3"))
    assert _messages(folder) == [
        "attendance.csv:4:4: hours: an absent participant cannot have attended hours"]


def test_missing_attendance_row_is_a_warning(damaged):
    folder = damaged(attendance=TINY["attendance"].replace("P2,S2,present,\n", ""))
    assert _messages(folder) == []
    assert _messages(folder, "warning") == [
        "participants.csv:3:1: warning: participant_id: no attendance row for P2 at session(s) "
        "S2 (counted as absent)"]
    assert len(load_dataset(folder).warnings) == 1


def test_attendance_at_another_groups_session_is_a_warning(damaged):
    folder = damaged(
        participants=TINY["participants"].replace(",K,\n", ",K,A\n", 1),
        sessions=TINY["sessions"].replace("zadań publicznych,", "zadań publicznych,B"))
    assert _messages(folder, "warning") == [
        "attendance.csv:3:2: warning: session_id: P1 is not expected at session S2 "
        "(another group's session)"]


def test_index_score_inside_the_areas_own_scale(damaged):
    folder = damaged(index_scores=TINY["index_scores"].replace("A3,7.25", "A3,0.5")
                     .replace("A1,1.5", "A1,5.5"))
    assert _messages(folder) == [
        "index_scores.csv:2:5: score: 5.5 is outside the scale 0–5 of area A1",
        "index_scores.csv:4:5: score: 0.5 is outside the scale 1–10 of area A3",
    ]


def test_index_area_must_exist(damaged):
    folder = damaged(index_scores=TINY["index_scores"].replace("A2,2", "A9,2"))
    assert _messages(folder) == ["index_scores.csv:3:4: area_id: 'A9' is not in index_areas"]


def test_default_index_areas_are_used_without_a_table(tiny_dir):
    (tiny_dir / "index_areas.csv").unlink()
    assert _messages(tiny_dir)[0] == (
        "index_scores.csv:2:4: area_id: 'A1' is not in the default index areas")


def test_area_scale_must_be_ordered(damaged):
    folder = damaged(index_areas=TINY["index_areas"].replace("A3,III,infrastruktura,1,10",
                                                             "A3,III,infrastruktura,5,5"))
    assert "index_areas.csv:4:5: scale_max: must be greater than scale_min" in _messages(folder)


def test_likert_answers_valid_for_the_items_scale(damaged):
    # 'dobrze' is a rating5 label, not an agree5 one; 6 is off the 1–5 scale.
    folder = damaged(responses=TINY["responses"].replace("R1,ocena_zjazd1,q1,raczej tak",
                                                         "R1,ocena_zjazd1,q1,dobrze")
                     .replace("q2,5,P1", "q2,6,P1"))
    errors = _messages(folder)
    assert errors[0] == (
        "responses.csv:2:4: answer: 'dobrze' is not valid on the scale agree5 (1–5 or: "
        "1 zdecydowanie nie, 2 raczej nie, 3 ani tak, ani nie, 4 raczej tak, 5 zdecydowanie tak)")
    assert errors[1].startswith("responses.csv:3:4: answer: '6' is not valid on the scale rating5")


def test_likert_labels_ignore_case_and_spacing(damaged):
    folder = damaged(responses=TINY["responses"].replace("raczej tak", "  RACZEJ   Tak "))
    assert _messages(folder) == []


def test_response_item_belongs_to_the_instrument(damaged):
    folder = damaged(responses=TINY["responses"].replace("T1,test_pre,k1,", "T1,test_post,k1,"))
    assert _messages(folder) == [
        "responses.csv:6:2: instrument: item 'k1' belongs to instrument 'test_pre', not 'test_post'"]


def test_response_without_participant_needs_a_gmina(damaged):
    folder = damaged(responses=TINY["responses"].replace(",,1208053,2014-11-21 16:05:00",
                                                         ",,,2014-11-21 16:05:00", 1))
    assert _messages(folder) == ["responses.csv:4:6: gmina_id: required where participant_id is empty"]


def test_response_gmina_agrees_with_participant(damaged):
    folder = damaged(responses=TINY["responses"].replace("5,P1,,", "5,P1,0201011,"))
    assert _messages(folder) == [
        "responses.csv:3:6: gmina_id: '0201011' differs from participant P1's gmina '1208053'"]


def test_knowledge_item_without_key_is_an_error_at_its_correct_cell(damaged):
    folder = damaged(items=TINY["items"].replace("knowledge,,,b,\nk1p", "knowledge,,,,\nk1p"))
    assert _messages(folder) == [
        "items.csv:5:7: correct: knowledge item 'k1' has no correct answer "
        "(every answer would count as wrong)"]


def test_every_problem_in_one_pass(damaged):
    folder = damaged(
        gminas=TINY["gminas"].replace("0201011", "201011"),
        sessions=TINY["sessions"].replace("7.5", "-2"),
        support=TINY["support"].replace(",h,", ",godziny,"),
        recommendations=TINY["recommendations"].replace("adopted,2015-05-20", "done,2015-05-20"),
    )
    errors = _messages(folder)
    assert [e.split(":")[0] for e in errors] == [
        "gminas.csv", "participants.csv", "recommendations.csv", "sessions.csv", "support.csv"]
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    assert len(info.value.errors) == 5


_GMINAS_WITH_PATHS = """gmina_id,name,powiat,wojewodztwo,path
1208053,Miechów,miechowski,małopolskie,3a;3b
0201011,Bolesławiec,bolesławiecki,dolnośląskie,
"""
_ACTIONS = """gmina_id,action_id,area,title,status,due,done_on,path
1208053,A1,JST,Konsultacje programu,done,2021-10-31,2021-10-28,3a
1208053,A2,informal,Mapa zasobów,in_progress,2021-11-15,,3b
0201011,A3,NGO,Spotkanie organizacji,planned,2022-01-31,,
"""
_AS_OF = "key,value\nas_of,2021-11-30\n"


def test_valid_actions_pass(damaged):
    folder = damaged(gminas=_GMINAS_WITH_PATHS, actions=_ACTIONS, programme=_AS_OF)
    assert _messages(folder) == [] and _messages(folder, "warning") == []


def test_damaged_actions_are_rejected_with_their_cells(damaged):
    folder = damaged(gminas=_GMINAS_WITH_PATHS, programme=_AS_OF, actions=(
        _ACTIONS.replace("1208053,A2,informal", "1208053,A2,mieszkańcy")
        .replace("in_progress,2021-11-15", "zrobione,2021-11-31")
        .replace("0201011,A3", "1205042,A3")))
    assert _messages(folder) == [
        "actions.csv:3:3: area: 'mieszkańcy' must be one of: JST, NGO, informal",
        "actions.csv:3:5: status: 'zrobione' must be one of: planned, in_progress, done, dropped",
        "actions.csv:3:6: due: '2021-11-31' must be a real date written YYYY-MM-DD",
        "actions.csv:4:1: gmina_id: '1205042' is not in gminas (gmina_id)",
    ]


def test_done_action_needs_its_date(damaged):
    folder = damaged(gminas=_GMINAS_WITH_PATHS, programme=_AS_OF,
                     actions=_ACTIONS.replace("done,2021-10-31,2021-10-28", "done,2021-10-31,"))
    assert _messages(folder) == [
        "actions.csv:2:7: done_on: action A1 is done, so the day it was done is required"]


def test_done_after_the_data_date_is_an_error(damaged):
    folder = damaged(gminas=_GMINAS_WITH_PATHS, programme=_AS_OF,
                     actions=_ACTIONS.replace("2021-10-28", "2021-12-01"))
    assert _messages(folder) == [
        "actions.csv:2:7: done_on: 2021-12-01 is after the data date 2021-11-30 "
        "(the programme's as_of)"]
    # Without as_of the data date is today: a date next year is in the future.
    import datetime as dt

    future = dt.date(dt.date.today().year + 1, 1, 1).isoformat()
    folder = damaged(gminas=_GMINAS_WITH_PATHS, actions=_ACTIONS.replace("2021-10-28", future))
    (folder / "programme.csv").unlink()
    assert _messages(folder) == [
        f"actions.csv:2:7: done_on: {future} is after the data date "
        f"{dt.date.today().isoformat()} (today)"]


def test_action_path_not_the_gminas_is_a_warning(damaged):
    folder = damaged(gminas=_GMINAS_WITH_PATHS, programme=_AS_OF,
                     actions=_ACTIONS.replace(",3b\n", ",3c\n").replace(",planned,2022-01-31,,",
                                                                         ",planned,2022-01-31,,3a"))
    assert _messages(folder) == []
    assert _messages(folder, "warning") == [
        "actions.csv:3:8: warning: path: '3c' is not a path of gmina 1208053 (its paths: 3a, 3b)",
        "actions.csv:4:8: warning: path: '3a' is not a path of gmina 0201011 (its paths: none)",
    ]


def test_informal_sector_is_valid(damaged):
    folder = damaged(participants=TINY["participants"].replace(",NGO,", ",informal,", 1))
    assert ",informal," in (folder / "participants.csv").read_text()
    assert _messages(folder) == []


# -- declared answer scales (SPEC §2 scales) ------------------------------------------------

_SCALES = ("scale,min,max,positive_min,labels,labels_en,dont_know\n"
           "Agree7,1,7,,a;b;c;d;e;f;g,,\n")


def _with_agree7(damaged, scales=_SCALES, answer="7"):
    # q1 and q2 both on the declared scale (named in another case than declared).
    return damaged(scales=scales,
                   items=TINY["items"].replace("likert,agree5", "likert,agree7")
                   .replace("likert,rating5", "likert,AGREE7"),
                   responses=TINY["responses"].replace("q1,raczej tak", "q1,e")
                   .replace("q2,5,P1", f"q2,{answer},P1"))


def test_declared_scale_shared_by_items(damaged):
    assert _messages(_with_agree7(damaged)) == []
    errors = _messages(_with_agree7(damaged, answer="0"))
    assert errors == ["responses.csv:3:4: answer: '0' is not valid on the scale Agree7 (1–7 or: "
                      "1 a, 2 b, 3 c, 4 d, 5 e, 6 f, 7 g)"]


def test_a_wrong_scale_row_is_reported_once(damaged):
    # Its items are not also "unknown", nor their answers invalid.
    folder = _with_agree7(damaged, _SCALES.replace("a;b;c;d;e;f;g", "a;b;c;d;e;f;g;h"))
    assert _messages(folder) == [
        "scales.csv:2:5: labels: scale 'Agree7' (1–7) needs 7 labels separated by ';', one for "
        "each answer from 1 to 7; found 8"]


def test_scale_bounds_must_be_whole_numbers(damaged):
    folder = _with_agree7(damaged, _SCALES.replace("Agree7,1,7,", "Agree7,1,7.5,"))
    assert _messages(folder) == ["scales.csv:2:3: max: '7.5' is not a whole number"]


def test_unknown_scale_without_a_scales_table(damaged):
    folder = damaged(items=TINY["items"].replace("likert,agree5", "likert,agree7"))
    assert _messages(folder) == [
        "items.csv:2:5: scale: item 'q1' names the scale 'agree7', which is neither built in nor "
        "declared in a scales table (there is none) (known scales: agree5, rating5)"]


def test_scales_sheet_of_a_workbook(tmp_path):
    from test_io_tables import _workbook

    tables = {**TINY, "scales": _SCALES.replace("Agree7,1,7", "Agree7,7,1"),
              "items": TINY["items"].replace("likert,agree5", "likert,agree7")}
    book = _workbook(tmp_path / "scaled.xlsx", tables)
    errors = [str(p) for p in validate(book) if p.is_error]
    assert errors == [f"{book}[scales]:2:3: max: scale 'Agree7' has max 1, which must be "
                      "greater than its min 7"]
