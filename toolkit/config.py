"""Defaults in one place: thresholds, scales, minimum n, paths."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"
DEMO_DATA_DIR = REPO_DIR / "data" / "demo"
DEFAULT_INDEX_AREAS = RESOURCES_DIR / "index_areas.csv"

# Neutral defaults of the programme's rules (SPEC §2 ``programme``); a dataset's own
# ``programme`` table overrides each of them, and nothing here names a programme.
# Diplomas (SPEC §3): share >= threshold, default rules; numbers PREFIX/YEAR/NNN.
DIPLOMA_THRESHOLD = 0.8
DIPLOMA_BASIS = "days"
DIPLOMA_EXCUSED = "absent"
DIPLOMA_PREFIX = "DYP"
# Recommendations a gmina commits to adopt, in all and in each plane (SPEC §1).
COMMITMENT_MIN_TOTAL = 4
COMMITMENT_MIN_PER_PLANE = 1
# Actions an action plan needs in each area (SPEC §2 ``actions_min_per_area``).
ACTIONS_MIN_PER_AREA = 1

# A report cell running longer than this (seconds) fails that gmina's report.
REPORT_CELL_TIMEOUT = 600

# Privacy (SPEC §5): breakdowns over fewer respondents are suppressed.
MIN_RESPONDENTS = 3
# Cronbach's alpha is computed only for a scale of at least this many items, answered
# in full by at least this many respondents (README "What the figures mean").
MIN_ALPHA_ITEMS = 3
MIN_ALPHA_RESPONDENTS = 10
# The two-sided Wilcoxon signed-rank test drops zero differences and cannot reach
# p < 0.05 below 6 non-zero differences: it is run only from this many.
MIN_PAIRS_TEST = 6

# Answer scales (built-in and declared) and non-answers: toolkit/scales.py.

PLANES = ("I", "II", "III")
#: The gmina_id of rows about the whole programme (SPEC §3 ``tables``).
ALL = "ALL"
SECTORS = ("JST", "NGO", "informal", "other")
GENDERS = ("K", "M")
ATTENDANCE_STATUSES = ("present", "absent", "excused", "late")
ITEM_KINDS = ("likert", "knowledge", "open")
RECOMMENDATION_STATUSES = ("planned", "in_progress", "adopted")
SUPPORT_UNITS = ("h", "count", "PLN")
ACTION_AREAS = ("JST", "NGO", "informal")
ACTION_STATUSES = ("planned", "in_progress", "done", "dropped")
LABEL_KINDS = ("instrument", "construct", "wave", "activity", "group", "path", "area")
CONCLUSION_SECTIONS = ("summary", "attendance", "questionnaires", "knowledge", "index",
                       "recommendations", "support", "actions", "recommendations_evaluator")

# Voivodeship TERYT codes are the even numbers 02..32.
VOIVODESHIPS = {
    "02": "dolnośląskie", "04": "kujawsko-pomorskie", "06": "lubelskie", "08": "lubuskie",
    "10": "łódzkie", "12": "małopolskie", "14": "mazowieckie", "16": "opolskie",
    "18": "podkarpackie", "20": "podlaskie", "22": "pomorskie", "24": "śląskie",
    "26": "świętokrzyskie", "28": "warmińsko-mazurskie", "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}
