"""The text figures of the Method view: a value, a text per image, and text tokens coloured by a score.

Value and Labels are one line each in the strip above the plotted figures; TokenScores is a figure of
its own (a masked-language model's confidence in each character or word).
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from engine import figures as fig
from gui.i18n_engine import engine_text, engine_tr
from gui.views.method.figure_registry import draws

LABELS_SHOWN = 10  # texts of a Labels figure shown: the probe images of the Images view


def _tr(text: str) -> str:
    """The view's own words in the user's language (gui/translations/, context "MethodView"); the
    figures' titles and help are the engine's, through gui/i18n_engine.py."""
    return QCoreApplication.translate("MethodView", text)


class _TextLine(QLabel):
    in_text_strip = True

    def __init__(self, figure: fig.Figure):
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setToolTip(engine_tr(figure.help))
        self.show_figure(figure)

    def aspect(self) -> float:
        return 4.0


@draws(fig.Value)
class ValueWidget(_TextLine):
    """"<b>title</b>: value"."""

    def show_figure(self, figure: fig.Value) -> None:
        self.figure = figure
        if isinstance(figure.value, float):
            value = f"{figure.value:.4g}"
        elif isinstance(figure.value, str):  # "49 of 4x4 pixels, 37 hidden" (engine/words.py): in the user's language
            value = engine_text(figure.value)
        else:
            value = str(figure.value)
        self.setText(f"<b>{html.escape(engine_tr(figure.title))}</b>: {html.escape(value)}")


@draws(fig.Labels)
class LabelsWidget(_TextLine):
    """"<b>title</b>: the texts of the first images", in the Images view's order."""

    def show_figure(self, figure: fig.Labels) -> None:
        self.figure = figure
        shown = " · ".join(html.escape(engine_text(t) if isinstance(t, str) else str(t))
                           for t in figure.texts[:LABELS_SHOWN])
        more = " <i>{0}</i>".format(html.escape(_tr("(the first ten images, as in the Images view)"))) \
            if len(figure.texts) > LABELS_SHOWN else ""
        self.setText(f"<b>{html.escape(engine_tr(figure.title))}</b>: {shown}{more}")


@draws(fig.TokenScores)
class TokenScoresWidget(QWidget):
    """The tokens in reading order, each on a background coloured by its score (viridis from
    ``low`` to ``high``); a token's score is in the tooltip of the whole line."""

    in_text_strip = False

    def __init__(self, figure: fig.TokenScores):
        super().__init__()
        self.title = QLabel(engine_tr(figure.title))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 9pt")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setToolTip(engine_tr(figure.help))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self.colour_map = pg.colormap.get("viridis")
        self.colours: list[str] = []  # the background of each token, as drawn
        self.show_figure(figure)

    def aspect(self) -> float:
        return 3.0

    def show_figure(self, figure: fig.TokenScores) -> None:
        self.figure = figure
        span = max(figure.high - figure.low, 1e-9)
        shares = np.clip((np.nan_to_num(figure.scores, nan=figure.low) - figure.low) / span, 0.0, 1.0)
        self.colours = [self.colour_map.map(float(s), mode="qcolor").name() for s in shares]
        parts = []
        for token, colour, share in zip(figure.tokens, self.colours, shares):
            ink = "#000000" if share > 0.55 else "#ffffff"  # viridis is dark below the middle
            parts.append(f'<span style="background-color:{colour}; color:{ink}">{html.escape(token)}</span>')
        self.text.setText(" ".join(parts))
