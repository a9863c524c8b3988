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


def test_tick_labels_are_the_reports_shares_and_numbers_in_either_language():
    """tick_format labels ticks as format_share / format_number do, keeps the languages
    and kinds apart (its labels are cached), drops the sign where asked and never shows
    a negative zero."""
    from toolkit.plots._style import tick_format
    from toolkit.text import format_number, format_share

    ticks = [-1.0, -0.5, -0.0, 0.25, 1.0]
    fig, ax = plt.subplots()
    try:
        ax.set_xticks(ticks)
        ax.set_yticks(ticks)
        for lang in ("pl", "en", "pl"):
            tick_format(ax.xaxis, "share", lang, absolute=True)
            tick_format(ax.yaxis, "number", lang)
            fig.canvas.draw()
            assert [t.get_text() for t in ax.get_xticklabels()] == [
                format_share(abs(v), lang) for v in ticks]
            assert [t.get_text() for t in ax.get_yticklabels()] == [
                format_number(v, lang, 2) for v in (-1.0, -0.5, 0.0, 0.25, 1.0)]
        assert ax.get_yticklabels()[0].get_text() == "\u22121"  # Polish: −1 with a true minus
        assert ax.get_xticklabels()[1].get_text() == "50\u00a0%"
        tick_format(ax.xaxis, "share", "en")
        fig.canvas.draw()
        assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["\u2212100%", "\u221250%", "0%"]
    finally:
        plt.close(fig)
