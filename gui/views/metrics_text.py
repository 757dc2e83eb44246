"""The Metrics view's lines of text above its plots (gui/views/metrics_view.py): the legend, the
collapse warning, the summary of the last scores, how much of the view's height they may take, and
whether the plots below them lie in a 2 x 2 grid or in a row.

In a dock of 420 x 230 pixels (a lesson of two runs at 1280x720) the two runs' whole warnings and the
summary took four fifths of the view and left the plots 25 pixels high. ``text_level`` picks the
longest form of the text that still leaves the plots ``MIN_GRID`` pixels: whole and wrapped; one line
each, cut with "…" (the whole text in the tooltip); or that without the summary. The warning is the
lesson's point and always stays.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics


def _tr(text: str) -> str:
    """The Metrics view's words (the same context as gui/views/metrics_view.py's)."""
    return QCoreApplication.translate("MetricsView", text)


WHOLE, ONE_LINE, NO_SUMMARY = 0, 1, 2  # the text's forms, longest first
MIN_GRID = 120  # the plots' rows (titles and axes included) below the legend: less and the axes run together
PADDING = 8  # the warning's style sheet pads it by 4 pixels on each side

SCORES = {"knn": ("kNN accuracy", "#1f77b4"), "linear": ("linear probe", "#ff7f0e"),
          "nmi": ("k-means NMI", "#2ca02c"), "ari": ("k-means ARI", "#9467bd")}
SHORT = {"knn": "kNN", "linear": "linear", "nmi": "NMI", "ari": "ARI",  # the legend must fit 450 px
         "pixels": "pixels", "random": "random net"}
BASELINE_SAMPLES = {"pixels": "╌╌", "random": "┈┈"}  # how the legend draws a dashed and a dotted line
RUN_SAMPLES = {"A": "━●━", "B": "╌▲╌"}  # B's points are triangles: its dashes are not a baseline's
# The English names above are the keys; these are what the legend shows.


def shown_short(key: str) -> str:
    """A score's or a baseline's short name in the legend line."""
    return {"linear": _tr("linear"), "pixels": _tr("pixels"), "random": _tr("random net")}.get(key, SHORT[key])


def legend_html(baselines, runs: dict[str, str] | None = None, one_line: bool = False) -> str:
    """The legend as one line of text above the plots: it is always shown and never covers a curve.
    With two runs (``runs``: slot -> label) a second line says which run is solid and which dashed."""
    parts = [f'<span style="color:{colour}">━━</span>&nbsp;{shown_short(key)}'
             for key, (_, colour) in SCORES.items()]
    parts += [f'<span style="color:#444">{BASELINE_SAMPLES[kind]}</span>&nbsp;{shown_short(kind)}'
              for kind in baselines]
    text = "&nbsp;&nbsp; ".join(parts)
    if runs and len(runs) > 1:
        text += ("&nbsp;&nbsp;&nbsp;&nbsp; " if one_line else "<br>") + "&nbsp;&nbsp; ".join(
            f"{RUN_SAMPLES.get(slot, '╌╌')}&nbsp;{slot}: {label}" for slot, label in runs.items())
    return text


def shown_baseline(kind: str) -> str:
    return {"pixels": _tr("raw pixels"), "random": _tr("random encoder")}.get(kind, kind)


def warning_lines(warnings: dict[str, str], two: bool) -> list[str]:
    """One line per run's warning (``warnings``: slot -> text in the user's language); runs with the
    same warning share a line, "A, B: …", as two runs of a lesson often start with."""
    slots: dict[str, list[str]] = {}
    for slot, text in warnings.items():
        if text:
            slots.setdefault(text, []).append(slot)
    return ["⚠ " + (f"{', '.join(s)}: " if two else "") + text for text, s in slots.items()]


def short_summary(last: dict[str, float]) -> str:
    """A run's line beside another's: the probes and the rank only (the baselines are drawn), so that
    two runs' lines leave the plots their height."""
    return _tr("kNN {0:.1%} · linear {1:.1%} · rank {2:.1f}").format(last["knn"], last["linear"],
                                                                     last["effective_rank"])


def summary(last: dict[str, float], baselines: dict[str, dict[str, float]]) -> str:
    parts = [_tr("kNN {0:.1%}").format(last["knn"]), _tr("linear {0:.1%}").format(last["linear"]),
             _tr("NMI {0:.2f}").format(last["nmi"]), _tr("effective rank {0:.1f}").format(last["effective_rank"])]
    for kind, scores in baselines.items():
        parts.append(_tr("{0}: kNN {1:.1%}, linear {2:.1%}").format(shown_baseline(kind), scores["knn"],
                                                                   scores["linear"]))
    return " · ".join(parts)


def wrapped_height(metrics: QFontMetrics, text: str, width: int) -> int:
    """The height of ``text`` word-wrapped at ``width`` pixels."""
    flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
    return metrics.boundingRect(QRect(0, 0, max(width, 40), 100000), flags, text).height()


def one_line_each(metrics: QFontMetrics, text: str, width: int) -> str:
    """Each line of ``text`` (a run's warning, or the summary) cut to ``width`` pixels with "…"."""
    return "\n".join(metrics.elidedText(" ".join(line.split()), Qt.TextElideMode.ElideRight, width)
                     for line in text.split("\n"))


def text_level(metrics: QFontMetrics, width: int, room: int, warning: str, summary_text: str, button: QSize,
               gap: int, least: int = WHOLE) -> int:
    """The longest form of the text (WHOLE, ONE_LINE, NO_SUMMARY, not shorter than ``least``) that
    leaves the plots MIN_GRID pixels of ``room`` (the view's height less its margins and the legend).
    It is reckoned from the size alone, not from the labels' present state, which each form changes:
    the choice must not flip back and forth. The summary goes only to make room for a warning."""
    line = metrics.height()
    warning_rows = line * len(warning.split("\n")) + PADDING

    def rows(level: int) -> list[int]:
        if level == NO_SUMMARY:  # the Export button moves beside the warning
            return [max(warning_rows, button.height())]
        if level == ONE_LINE:
            return [max(line, button.height())] + ([warning_rows] if warning else [])
        shown = [max(wrapped_height(metrics, summary_text, width - button.width() - gap), button.height())]
        return shown + ([wrapped_height(metrics, warning, width - PADDING) + PADDING] if warning else [])

    levels = [level for level in (WHOLE, ONE_LINE, NO_SUMMARY) if level >= least and (level != NO_SUMMARY or warning)]
    for level in levels:
        if room - sum(rows(level)) - gap * len(rows(level)) >= MIN_GRID:
            return level
    return levels[-1]


def title_row_height(font: QFont) -> int:
    """A plot title's row, as high as its type (pyqtgraph gives every title 30 pixels)."""
    return QFontMetrics(font).height() + 4


def plots_in_a_row(canvas: QSize, legend: float, title: float, bottom_axis: float, left_axis: float, line: int) -> bool:
    """Whether the four plots in one row leave each plot's shorter side longer than a 2 x 2 grid does
    (a low dock across a projector, or under two runs' warnings, where two rows of plots had no height
    left to draw in). The heights are the legend's, a title's and a bottom axis's; ``left_axis`` is the
    widest left axis's width; each plot needs room beside it for a curve (``line``: the type's height)."""
    width, height = canvas.width(), canvas.height() - legend
    chrome, side = title + bottom_axis + 4, left_axis + 8  # above and below a view box; beside it
    grid = min(width / 2 - side, (height - 2 * chrome) / 2)
    row = min(width / 4 - side, height - chrome)
    return row > grid and 4 * (left_axis + 4 * line) <= width
