"""Which widget draws which figure type: {engine figure type -> widget class}.

A widget module registers its class with ``@draws(FigureType)``; gui/views/method/method_view.py
imports every widget module, so the table is full before the first figure arrives (as the methods'
registry fills itself from engine/methods/). A new method needs no entry here; a new kind of figure,
or of hands-on interaction, needs one widget class registered for its figure type.

Every widget class takes its first figure in ``__init__`` and later ones in ``show_figure``, has a
``figure`` attribute (the one shown), and says how it likes to be laid out:

- ``in_text_strip`` True: a line of text, placed in the strip above the figures (Value, Labels);
- ``aspect()``: the width / height it reads best at, for gui/views/method/figure_layout.py.

An editable widget also has ``interact_requested = Signal(dict, str)`` (payload, tag: the figure type's
name; see engine.figures.edit_payload), ``ask()`` to send the edit it shows (the view calls it once it
listens), and ``show_answer(figures)`` for the method's answer.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from engine.figures import Figure

FIGURE_WIDGETS: dict[type[Figure], type[QWidget]] = {}


def draws(figure_type: type[Figure]) -> Callable[[type[QWidget]], type[QWidget]]:
    """Class decorator: register the widget class that draws ``figure_type``."""

    def register(widget_cls: type[QWidget]) -> type[QWidget]:
        FIGURE_WIDGETS[figure_type] = widget_cls
        return widget_cls

    return register


def figure_key(figure: Figure) -> tuple[str, str]:
    """What identifies a figure from one update to the next: its type's name and its title."""
    return type(figure).__name__, figure.title


def widget_for(figure: Figure) -> QWidget:
    """A new widget drawing ``figure``; TypeError for a figure type no widget draws."""
    cls = FIGURE_WIDGETS.get(type(figure))
    if cls is None:
        raise TypeError(f"no widget draws a {type(figure).__name__} figure")
    return cls(figure)
