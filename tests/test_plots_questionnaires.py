"""Likert chart (toolkit/plots/questionnaires.py) as the reports draw it."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402


def test_suppressed_row_note_is_not_crossed_by_the_zero_line():
    """The Likert chart's "fewer than 3 answers" note sits on a white ground above the
    zero line (MOWES2 Chrzanów has such a row)."""
    from toolkit.report import report_context, sections

    ctx = report_context("1203033", data_dir="data/mowes2", lang="pl")
    figures = [b for b in sections.questionnaires(ctx) if isinstance(b, plt.Figure)]
    try:
        notes = [t for f in figures for ax in f.axes for t in ax.texts
                 if t.get_gid() == "suppressed_note"]
        assert notes
        for note in notes:
            patch = note.get_bbox_patch()
            assert patch is not None and patch.get_facecolor()[:3] == (1.0, 1.0, 1.0)
            lines = [line for line in note.axes.lines if set(line.get_xdata()) == {0}]
            assert lines and all(note.get_zorder() > line.get_zorder() for line in lines)
    finally:
        for f in figures:
            plt.close(f)
