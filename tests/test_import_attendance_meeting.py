"""``import attendance`` of online-meeting attendance reports (Zoom, Teams, Google Meet).

Reports are written here as the tools export them. The dataset is the samples' (U1 Anna
Wójcik, U2 Jan Kamiński, U3 Zuzanna Gąsienica-Roj, U4 Michał Łaś; S1 2014-11-20 8 h,
S2 2014-11-21 8 h, S3 2014-12-11 8 h, S4 2014-12-12 6 h). Hours are worked out by hand
in the comments: a person's stays are summed, rounded to 0.01 h, capped at the session.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from conftest import SAMPLES
from toolkit import DataError, load_dataset
from toolkit.io.attendance_import import import_attendance
from toolkit.io.attendance_list import ATTENDANCE_COLUMNS


@pytest.fixture(scope="module")
def samples():
    return load_dataset(SAMPLES)


def expected(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=ATTENDANCE_COLUMNS, dtype=str)


ZOOM = """\
Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Zjazd 1 - dzień 1,11/20/2014 08:55:02 AM,11/20/2014 05:03:10 PM,trener@example.org,489,4

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
Jan Trener,trener@example.org,11/20/2014 08:55:02 AM,11/20/2014 05:03:10 PM,489,No,
Anna Wójcik (Anna W),anna@example.org,11/20/2014 09:00:10 AM,11/20/2014 10:41:10 AM,101,Yes,Y
Anna Wójcik (Anna W),anna@example.org,11/20/2014 11:00:00 AM,11/20/2014 11:30:00 AM,30,Yes,Y
Kamiński Jan,jan@example.org,11/20/2014 08:50:00 AM,11/20/2014 05:10:00 PM,500,No,Y
iPhone (Michał Łaś),,11/20/2014 09:00:00 AM,11/20/2014 09:45:00 AM,45,No,
"""


def test_zoom_participants_csv(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "participants_81234567890.csv").write_text(ZOOM, encoding="utf-8-sig")
    result = import_attendance("participants_81234567890.csv", samples)
    # Anna: 101 + 30 = 131 min = 2.1833 h; Jan: 500 min = 8.33 h, capped at S1's 8 h;
    # Michał (his original name in brackets): 45 min = 0.75 h; the host is skipped.
    pd.testing.assert_frame_equal(result.table, expected(
        ["U1", "S1", "present", "2.18"], ["U2", "S1", "present", "8"],
        ["U4", "S1", "present", "0.75"]))
    assert result.formats == [
        "participants_81234567890.csv: read as an online-meeting attendance report"]


def teams_report(rows: list[str]) -> bytes:
    summary = ["1. Summary", "Meeting title\tZjazd 2 - dzień 2", "Attended participants\t4",
               "Start time\t12/12/14, 9:00:00 AM", "End time\t12/12/14, 3:00:00 PM",
               "Meeting duration\t6h 0m 0s", "Average attendance time\t3h 2m 1s", "",
               "2. Participants",
               "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\t"
               "Participant ID (UPN)\tRole"]
    activities = ["", "3. In-Meeting Activities",
                  "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
                  "Anna Wójcik\t12/12/14, 9:00:05 AM\t12/12/14, 10:41:08 AM\t1h 41m 3s\t"
                  "anna@example.org\tAttendee"]
    return "\r\n".join(summary + rows + activities).encode("utf-16")


def test_teams_utf16_report_with_summary_block_and_a_rejoin(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "meetingAttendanceReport.csv").write_bytes(teams_report([
        "Piotr Nowicki\t12/12/14, 8:55:00 AM\t12/12/14, 3:00:00 PM\t6h 5m 0s\t"
        "tk@example.org\ttk@example.org\tOrganizer",
        "Anna Wójcik\t12/12/14, 9:00:05 AM\t12/12/14, 10:41:08 AM\t1h 41m 3s\t"
        "anna@example.org\tanna@example.org\tAttendee",
        "Anna Wójcik\t12/12/14, 11:00:00 AM\t12/12/14, 11:30:00 AM\t30m\t"
        "anna@example.org\tanna@example.org\tAttendee",
        "Gąsienica-Roj, Zuzanna\t12/12/14, 9:00:00 AM\t12/12/14, 3:10:00 PM\t6h 10m 0s\t"
        "zg@example.org\tzg@example.org\tAttendee"]))
    result = import_attendance("meetingAttendanceReport.csv", samples)
    # Anna: 1 h 41 min 3 s + 30 min = 2 h 11 min 3 s = 2.1842 h; Zuzanna 6 h 10 min capped
    # at S4's 6 h; the organiser is skipped; the activities block below is not read again.
    pd.testing.assert_frame_equal(result.table, expected(
        ["U1", "S4", "present", "2.18"], ["U3", "S4", "present", "6"]))


def test_teams_report_errors_name_line_and_column(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "teams.csv").write_bytes(teams_report([
        "Ktoś Obcy\t12/12/14, 9:00:00 AM\t12/12/14, 10:00:00 AM\t1h\tko@example.org\t"
        "ko@example.org\tAttendee",
        "Anna Wójcik\t12/13/14, 9:00:00 AM\t12/13/14, 10:00:00 AM\t1h\ta@example.org\t"
        "a@example.org\tAttendee",
        "Jan Kamiński\t12/12/14, 9:00:00 AM\t12/12/14, 10:00:00 AM\tlong\tj@example.org\t"
        "j@example.org\tAttendee"]))
    with pytest.raises(DataError) as caught:
        import_attendance("teams.csv", samples)
    # The summary block is 8 lines, "2. Participants" line 9, the header line 10.
    assert [str(p) for p in caught.value.problems] == [
        "teams.csv:11:1: unknown participant 'Ktoś Obcy': no participant has this first "
        "and last name",
        "teams.csv:12:2: unknown date 2014-12-13: no session on that day (session dates: "
        "2014-11-20, 2014-11-21, 2014-12-11, 2014-12-12)",
        "teams.csv:13:4: cannot read the duration 'long' (expected a duration such as "
        "1 hr 41 min, 1h 41m 3s, 101 min, 01:41:00 or 1:41)"]


def test_google_meet_attendance_sheet(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Attendance"
    for row in [
        ["Google Meet attendance report"], ["Meeting code: abc-defg-hij"], [],
        ["First name", "Last name", "Email", "Duration", "Time joined", "Time exited"],
        ["Anna", "Wójcik", "a@example.org", "1 hr 41 min", dt.datetime(2014, 12, 11, 9, 2),
         dt.datetime(2014, 12, 11, 10, 43)],
        ["Michał", "Łaś", "m@example.org", "45 mins", "2014-12-11 09:10:00",
         "2014-12-11 09:55:00"],
        ["Jan", "Kamiński", "j@example.org", "2 hr", "11.12.2014, 09:00", "11.12.2014, 11:00"],
    ]:
        sheet.append(row)
    book.save(tmp_path / "meet.xlsx")
    got = import_attendance("meet.xlsx", samples).table
    # 101 min = 1.68 h, 2 h, 45 min = 0.75 h, all at S3 (2014-12-11).
    pd.testing.assert_frame_equal(got, expected(
        ["U1", "S3", "present", "1.68"], ["U2", "S3", "present", "2"],
        ["U4", "S3", "present", "0.75"]))


def test_meet_times_without_a_date_take_the_title_date(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "meet.csv").write_text(
        "Attendance report for the meeting of 2014-11-21\n"
        "First name,Last name,Email,Duration,Time joined,Time exited\n"
        "Anna,Wójcik,a@example.org,1 hr,10:02 AM,11:02 AM\n"
        "Zuzanna,Gąsienica-Roj,z@example.org,,10:00 AM,11:30 AM\n")
    got = import_attendance("meet.csv", samples).table
    # Zuzanna has no duration: 10:00 to 11:30 gives 1.5 h.
    pd.testing.assert_frame_equal(got, expected(["U1", "S2", "present", "1"],
                                                ["U3", "S2", "present", "1.5"]))


def test_polish_teams_report(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "raport.csv").write_bytes("\r\n".join([
        "1. Podsumowanie", "Tytuł spotkania\tZjazd 1", "",
        "2. Uczestnicy",
        "Imię i nazwisko\tPierwsze dołączenie\tOstatnie wyjście\tCzas trwania spotkania\t"
        "Adres e-mail\tRola",
        "Anna Wójcik\t21.11.2014, 09:00:00\t21.11.2014, 12:00:00\t3 godz. 0 min\ta@x.pl\t"
        "Uczestnik",
        "Jan Kamiński\t21.11.2014, 09:00:00\t21.11.2014, 09:30:00\t30 min\tj@x.pl\t"
        "Uczestnik"]).encode("utf-16"))
    got = import_attendance("raport.csv", samples).table
    pd.testing.assert_frame_equal(got, expected(["U1", "S2", "present", "3"],
                                                ["U2", "S2", "present", "0.5"]))


def test_report_blocks_after_the_table_are_not_read(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    # No empty line before the next block: its title row ends the participants' table.
    (tmp_path / "teams.tsv").write_bytes("\n".join([
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tRole",
        "Anna Wójcik\t11/21/2014, 9:00 AM\t11/21/2014, 10:00 AM\t1h 0m 0s\tAttendee",
        "3. In-Meeting Activities",
        "Name\tJoin Time\tLeave Time\tDuration\tRole",
        "Anna Wójcik\t11/21/2014, 9:00 AM\t11/21/2014, 10:00 AM\t1h 0m 0s\tAttendee",
    ]).encode("utf-16-le"))  # UTF-16 without its byte-order mark
    got = import_attendance("teams.tsv", samples).table
    pd.testing.assert_frame_equal(got, expected(["U1", "S2", "present", "1"]))


def test_a_time_without_a_date_and_no_date_above_is_an_error(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "meet.csv").write_text("First name,Last name,Duration,Time joined\n"
                                       "Anna,Wójcik,1 hr,10:02 AM\n")
    with pytest.raises(DataError) as caught:
        import_attendance("meet.csv", samples)
    assert [str(p) for p in caught.value.problems] == [
        "meet.csv:2:4: the join time '10:02 AM' has no date, and no date is written above "
        "the table nor in the file's or sheet's name (e.g. 'Meeting (2014-11-20 at "
        "9:00).csv')"]


def test_meet_sheet_dated_by_its_file_name(tmp_path, monkeypatch, samples):
    # Google Meet names the sheet after the meeting and its start; its rows hold times only.
    monkeypatch.chdir(tmp_path)
    name = "abc-defg-hij (2014-12-11 at 09:00 GMT+1).xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Attendance"
    for row in (["First name", "Last name", "Email", "Duration", "Time joined", "Time exited"],
                ["Anna", "Wójcik", "a@example.org", "1 hr 41 min", "9:00 AM", "10:41 AM"],
                ["Jan", "Kamiński", "j@example.org", "45 min", "9:10 AM", "9:55 AM"]):
        book.active.append(row)
    book.save(tmp_path / name)
    got = import_attendance(name, samples).table
    # 2014-12-11 is S3; 101 min = 1.6833 h -> 1.68; 45 min = 0.75 h.
    pd.testing.assert_frame_equal(got, expected(["U1", "S3", "present", "1.68"],
                                                ["U2", "S3", "present", "0.75"]))


def test_polish_zoom_and_teams_headers(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zoom_pl.csv").write_text(
        "Imię i nazwisko (oryginalna nazwa),E-mail użytkownika,Czas dołączenia,"
        "Czas opuszczenia,Czas trwania (minuty)\n"
        "Anna Wójcik (Ania),a@x.pl,20.11.2014 09:00:00,20.11.2014 10:30:00,90\n",
        encoding="cp1250")
    pd.testing.assert_frame_equal(import_attendance("zoom_pl.csv", samples).table,
                                  expected(["U1", "S1", "present", "1.5"]))
    (tmp_path / "teams_pl.tsv").write_bytes((
        "Nazwa\tPierwsze dołączenie\tOstatnie opuszczenie\tCzas trwania w spotkaniu\tRola\n"
        "Jan Kamiński\t11.12.2014, 09:00:00\t11.12.2014, 10:00:00\t1 godz. 0 min 30 s\t"
        "Uczestnik\n").encode("utf-16"))
    # 1 h 0 min 30 s = 1.0083 h → 1.01
    pd.testing.assert_frame_equal(import_attendance("teams_pl.tsv", samples).table,
                                  expected(["U2", "S3", "present", "1.01"]))


@pytest.mark.parametrize("text, date, time", [
    ("11/20/2014 09:58:12 AM", dt.date(2014, 11, 20), dt.time(9, 58, 12)),
    ("10/27/23, 9:58 PM", dt.date(2023, 10, 27), dt.time(21, 58)),
    ("20/11/2014, 09:58:12", dt.date(2014, 11, 20), dt.time(9, 58, 12)),
    ("2014-11-20T09:58:12Z", dt.date(2014, 11, 20), dt.time(9, 58, 12)),
    ("20.11.2014, 09:58", dt.date(2014, 11, 20), dt.time(9, 58)),
    ("Nov 20, 2014 09:00:10 AM", dt.date(2014, 11, 20), dt.time(9, 0, 10)),
    ("20 Nov 2014", dt.date(2014, 11, 20), None),
    ("10:02 AM", None, dt.time(10, 2)),
])
def test_join_times(text, date, time):
    from toolkit.io.attendance_meeting import parse_when

    when = parse_when(text)
    assert (when.date, when.time) == (date, time)


def test_teams_event_report_of_joins_and_leaves(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "meetingAttendanceList.csv").write_bytes("\n".join([
        "Full Name\tUser Action\tTimestamp",
        "Piotr Nowicki\tJoined\t11/21/2014, 8:55:00 AM",
        "Anna Wójcik\tJoined\t11/21/2014, 9:00:00 AM",
        "Jan Kamiński\tJoined before\t11/21/2014, 9:00:00 AM",
        "Anna Wójcik\tLeft\t11/21/2014, 10:30:00 AM",
        "Anna Wójcik\tJoined\t11/21/2014, 11:00:00 AM",
        "Anna Wójcik\tLeft\t11/21/2014, 11:15:00 AM",
        "Piotr Nowicki\tLeft\t11/21/2014, 12:00:00 PM",
    ]).encode("utf-16"))
    with pytest.raises(DataError) as caught:  # the trainer is no participant, no Role says so
        import_attendance("meetingAttendanceList.csv", samples)
    assert [str(p) for p in caught.value.problems] == [
        "meetingAttendanceList.csv:2:1: unknown participant 'Piotr Nowicki': no participant "
        "has this first and last name"]
    text = (tmp_path / "meetingAttendanceList.csv").read_bytes().decode("utf-16")
    lines = [line for line in text.split("\n") if "Nowicki" not in line]
    lines.append("Zuzanna Gąsienica-Roj\tJoined\t11/21/2014, 11:45:00 AM")
    (tmp_path / "meetingAttendanceList.csv").write_bytes("\n".join(lines).encode("utf-16"))
    got = import_attendance("meetingAttendanceList.csv", samples).table
    # Anna: 9:00–10:30 and 11:00–11:15 = 1.75 h; Jan never left: 9:00 to the report's last
    # time, 11:45 = 2.75 h; Zuzanna joined at that last time: 0 h.
    pd.testing.assert_frame_equal(got, expected(
        ["U1", "S2", "present", "1.75"], ["U2", "S2", "present", "2.75"],
        ["U3", "S2", "present", "0"]))


def test_zoom_unique_users_export_dated_by_its_meeting_block(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "unique.csv").write_text(
        "Meeting ID,Topic,Start time,End time,Email,Duration (minutes),Participants\n"
        "812 3456 7890,Zjazd 2,12/11/2014 09:00:00 AM,12/11/2014 05:00:00 PM,t@x.org,480,2\n"
        "\n"
        "Name (original name),Email,Total duration (minutes),Guest\n"
        "Michał Łaś,m@x.org,150,No\n"
        "Jan Kamiński (JK),j@x.org,30,No\n")
    result = import_attendance("unique.csv", samples)
    # 12/11/2014 is 2014-12-11 (S3) month first; 2014-11-12 has no session.
    pd.testing.assert_frame_equal(result.table, expected(
        ["U2", "S3", "present", "0.5"], ["U4", "S3", "present", "2.5"]))
    assert result.formats == ["unique.csv: read as an online-meeting attendance report"]


def test_a_one_session_list_dated_in_its_title(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.csv").write_text("Lista obecności – 21.11.2014\n\nImię i nazwisko;Obecność\n"
                                      "Anna Wójcik;ob\nJan Kamiński;nb\n")
    got = import_attendance("one.csv", samples).table
    pd.testing.assert_frame_equal(got, expected(["U1", "S2", "present", ""],
                                                ["U2", "S2", "absent", ""]))
    (tmp_path / "one.csv").write_text("Lista obecności – 22.11.2014\nImię i nazwisko;Obecność\n"
                                      "Anna Wójcik;ob\nJan Kamiński;nb\n")
    with pytest.raises(DataError) as caught:
        import_attendance("one.csv", samples)
    assert [str(p) for p in caught.value.problems] == [
        "one.csv:2:1: unknown date 2014-11-22: no session on that day (session dates: "
        "2014-11-20, 2014-11-21, 2014-12-11, 2014-12-12)"]
