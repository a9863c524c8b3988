"""Shared fixtures: small named datasets written as real files."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: Copies of ../shared/samples (real-format inputs and the outputs they must give), so the
#: suite runs from a clone alone; test_samples_are_current checks them against shared/.
SAMPLES = REPO / "tests" / "data" / "samples"
SHARED_SAMPLES = REPO.parent / "shared" / "samples"
DEMO = REPO / "data" / "demo"

#: A tiny, valid dataset: every table, two gminas, three participants, two sessions.
TINY = {
    "gminas": """gmina_id,name,powiat,wojewodztwo
1208053,Miechów,miechowski,małopolskie
0201011,Bolesławiec,bolesławiecki,dolnośląskie
""",
    "participants": """participant_id,gmina_id,sector,organisation,first_name,last_name,gender,group
P1,1208053,JST,Urząd Gminy i Miasta Miechów,Żaneta,Ślęzak,K,
P2,1208053,NGO,Stowarzyszenie Przyjaciół Miechowa,Łukasz,Gąsior,M,
P3,0201011,NGO,Fundacja Bolesławiecka,Ewa,Kowalska,K,
""",
    "sessions": """session_id,zjazd,day,date,hours,plane,topic,group
S1,1,1,2014-11-20,8,I,Konsultacje społeczne,
S2,1,2,2014-11-21,7.5,II,Zlecanie zadań publicznych,
""",
    "attendance": """participant_id,session_id,status,hours
P1,S1,present,
P1,S2,late,6.5
P2,S1,absent,
P2,S2,present,
P3,S1,excused,
P3,S2,present,
""",
    "items": """item_id,instrument,text,kind,scale,construct,correct,source
q1,ocena_zjazd1,Przydatność zajęć,likert,agree5,przydatnosc,,
q2,ocena_zjazd1,Praca trenerów,likert,rating5,trenerzy,,
q3,ocena_zjazd1,Co należy poprawić?,open,,,,
k1,test_pre,Ile płaszczyzn ma Model współpracy?,knowledge,,,b,
k1p,test_post,Ile płaszczyzn ma Model współpracy?,knowledge,,,b,
""",
    "responses": """response_id,instrument,item_id,answer,participant_id,gmina_id,submitted_at
R1,ocena_zjazd1,q1,raczej tak,P1,,2014-11-21 16:00:00
R1,ocena_zjazd1,q2,5,P1,,2014-11-21 16:00:00
R2,ocena_zjazd1,q1,Trudno powiedzieć,,1208053,2014-11-21 16:05:00
R2,ocena_zjazd1,q3,"Więcej przykładów, mniej teorii",,1208053,2014-11-21 16:05:00
T1,test_pre,k1,a,P1,,2014-11-20 09:00:00
T2,test_post,k1p,b,P1,,2014-11-21 17:00:00
""",
    "index_areas": """area_id,plane,name,scale_min,scale_max
A1,I,konsultowanie,0,5
A2,II,zlecanie zadań,0,5
A3,III,infrastruktura,1,10
""",
    "index_scores": """gmina_id,wave,date,area_id,score
1208053,baseline,2014-11-01,A1,1.5
1208053,baseline,2014-11-01,A2,2
1208053,baseline,2014-11-01,A3,7.25
""",
    "recommendations": """gmina_id,recommendation_id,plane,title,document_type,status,adopted_on
1208053,I.1,I,Regulamin konsultacji społecznych,uchwała,adopted,2015-05-20
1208053,III.5,III,Zakres zadań koordynatora ds. NGO,zarządzenie,planned,
""",
    "support": """gmina_id,activity,unit,planned,delivered
1208053,doradztwo,h,15,12.5
1208053,dofinansowanie wydarzenia,PLN,4500,4500
""",
}


def wilson_by_hand(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The 95 % Wilson score interval of k/n, written out from the formula."""
    import math

    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def write_tables(folder: Path, tables: dict[str, str], encoding: str = "utf-8") -> Path:
    """Write ``{table: csv text}`` as ``folder/<table>.csv`` and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_bytes(text.encode(encoding))
    return folder


@pytest.fixture
def tiny_dir(tmp_path) -> Path:
    """The :data:`TINY` dataset as a folder of UTF-8 CSV files."""
    return write_tables(tmp_path / "tiny", TINY)


@pytest.fixture
def damaged(tmp_path):
    """Build a copy of :data:`TINY` with some tables replaced; returns the folder."""

    def build(**replaced: str) -> Path:
        return write_tables(tmp_path / "damaged", {**TINY, **replaced})

    return build
