"""Scale every pyqtgraph plot in a window for a projector, and put each one back exactly as it was.

Presentation mode (gui/window/presentation.py) needs thicker lines, bigger markers and bigger axis text
in every view, including views that are built later (run B's, a method's figures) and items a view
re-creates while training (a new run's curves, a re-labelled axis). No view knows about it: the scaler
walks the scenes of the window's pyqtgraph views and scales what it finds by type. It remembers, for
each property it changed, the value it found and the value it set. A later walk (on a timer) leaves a
property alone while it still holds the value set, and scales it again when a view has replaced it; on
leaving, a property that still holds the value set gets back the value found, and one a view has
replaced since is left as the view made it.

Per-point sizes and pens of a scatter (set through setData(size=...)) are not scaled: none of the views
uses them today.
"""

from __future__ import annotations

import operator
import re
import types
import weakref
from dataclasses import dataclass
from typing import Any, Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QGraphicsTextItem, QGraphicsView, QWidget
from shiboken6 import isValid

DARK_GREY = QColor("#333333")  # what a pale grey line or text becomes: readable from the back of a hall
MIN_ALPHA = 0x70  # faint lines (the loss view's raw curve) stay behind the smooth one but are seen


def point_size(font: QFont) -> float:
    """A font's size in points (a font set in pixels is converted at 96 dpi)."""
    return font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75


def high_contrast(colour: QColor) -> QColor:
    """Pale greys become dark grey, and nothing stays nearly transparent; colours keep their hue."""
    out = QColor(colour)
    if out.hslSaturation() < 40 and out.lightness() > 100 and out.alpha() > 0:
        out = QColor(DARK_GREY.red(), DARK_GREY.green(), DARK_GREY.blue(), out.alpha())
    if 0 < out.alpha() < MIN_ALPHA:
        out.setAlpha(MIN_ALPHA)
    return out


def scaled_pen(pen: QPen, factor: float) -> QPen:
    out = QPen(pen)
    out.setWidthF(max(pen.widthF(), 1.0) * factor)  # width 0 is a 1-pixel cosmetic line
    out.setColor(high_contrast(pen.color()))
    return out


BODY_SIZE = re.compile(r'(<body[^>]*?style="[^"]*?)font-size:\s*[0-9.]+pt;?')


def scaled_html(base: QFont, html: str, factor: float) -> str:
    """``html`` with every run of text ``factor`` times larger; a run of no size of its own is taken to
    be in ``base``, the application's type before presentation mode enlarged it."""
    doc = QTextDocument()
    doc.setDefaultFont(base)
    # The body's size is the item's font, which is the enlarged one for an item made while presenting
    # (run B's "1/√d (B)" came out 1.6 x 1.6 times as large as A's): taken as ``base`` instead.
    doc.setHtml(BODY_SIZE.sub(r"\1", html, count=1))
    default_pt = point_size(base)
    cursor = QTextCursor(doc)
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            change = QTextCharFormat()
            change.setFontPointSize((fmt.fontPointSize() or default_pt) * factor)
            if fmt.hasProperty(QTextCharFormat.Property.ForegroundBrush):
                change.setForeground(high_contrast(fmt.foreground().color()))
            cursor.setPosition(fragment.position())
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(change)
            it += 1
        block = block.next()
    return doc.toHtml()


@dataclass(frozen=True)
class Prop:
    """One scalable property of a kind of item: how to read it, write it and scale it."""
    get: Callable[[Any], Any]
    set: Callable[[Any, Any], None]
    scale: Callable[[QFont, Any, float], Any]  # (base font, value, factor) -> scaled value
    none_is_a_value: bool = False  # None means "the default" (an axis's tick font), not "nothing to scale"
    same: Callable[[Any, Any], bool] = operator.eq  # whether a value read back is still the one set


def _pen_look(pen: QPen) -> tuple:
    dashes = list(pen.dashPattern()) if pen.style() == Qt.PenStyle.CustomDashLine else None
    return pen.widthF(), pen.color().rgba(), pen.style(), pen.capStyle(), pen.isCosmetic(), pen.brush().style(), dashes


def same_pen(a: QPen | None, b: QPen | None) -> bool:
    """Whether two pens draw alike, whatever their join style. pyqtgraph's InfiniteLine.paint sets
    MiterJoin on its own pen in place: a marker first painted after the scan that scaled it no longer
    equalled the pen set, so the next scan took it for a pen the view had replaced and scaled it again
    (keeping the once-scaled pen as the one to restore), and one painted after the last scan was left
    scaled on leaving. Whether the paint came before the first scan was a race with the rescan timer."""
    if a is None or b is None:
        return a is b
    return _pen_look(a) == _pen_look(b)


def _pen_prop(get, set_) -> Prop:
    return Prop(lambda i: None if get(i) is None else pg.mkPen(get(i)), set_,
                lambda _i, pen, f: scaled_pen(pen, f), same=same_pen)


def _tick_font(base: QFont, font: QFont | None, factor: float) -> QFont:
    out = QFont(font if font is not None else base)
    out.setPointSizeF(point_size(out) * factor)
    return out


def _relayout_text(item: QGraphicsTextItem) -> None:
    """Let the item that holds a text know that its size changed, so its layout makes room."""
    parent = item.parentItem()
    if isinstance(parent, pg.LabelItem):
        parent.updateMin()
        parent.resizeEvent(None)
        parent.updateGeometry()
        legend = parent.parentItem()
        if isinstance(legend, pg.LegendItem):  # it sizes itself only when an entry is added
            legend.layout.activate()
            legend.updateSize()
    elif isinstance(parent, pg.TextItem):
        parent.updateTextPos()


def _set_html(item: QGraphicsTextItem, html: str) -> None:
    item.setHtml(html)
    _relayout_text(item)


def thinned_tick_spacing(axis: pg.AxisItem, min_val: float, max_val: float, size: float):
    """pyqtgraph's tick spacing, with the major ticks spread out until their labels in the large type
    fit: it always draws every major label, and on a short axis they ran together ("0.0.0204")."""
    levels = pg.AxisItem.tickSpacing(axis, min_val, max_val, size)
    if not levels or size <= 0:
        return levels
    metrics = QFontMetricsF(axis.style["tickFont"] or axis.font())
    room = metrics.horizontalAdvance("-0.000") + metrics.height() if axis.orientation in ("bottom", "top") \
        else 1.4 * metrics.height()  # each label's length along the axis, with a gap
    fits = max(int(size // room), 2)
    major, offset = levels[0]
    if axis.logMode and major < 1:  # whole decades: below that, pyqtgraph labels every 2·10ⁿ … 9·10ⁿ
        major, offset, levels = 1.0, 0.0, [(1.0, 0.0)]
    for factor in (1, 2, 5, 10, 20, 50, 100):
        if abs(max_val - min_val) / (major * factor) < fits:
            break
    return [(major * factor, offset)] + [level for level in levels[1:] if level[0] < major * factor]


def _label_size(base: QFont, size: str | None, factor: float) -> str:
    """An axis label's CSS font-size, ``factor`` times larger (no size of its own: ``base``'s)."""
    found = re.fullmatch(r"\s*([0-9.]+)\s*(pt|px)\s*", size or "")
    points = point_size(base) if found is None else float(found[1]) * (0.75 if found[2] == "px" else 1.0)
    return f"{points * factor:.1f}pt"


def _set_label_size(axis: pg.AxisItem, size: str | None) -> None:
    # A new dict, as setLabel() makes one: the old may be shared with the view that passed it.
    style = {k: v for k, v in axis.labelStyle.items() if k != "font-size"}
    axis.labelStyle = style if size is None else {**style, "font-size": size}
    axis._updateLabel()


def _set_thin_ticks(axis: pg.AxisItem, value) -> None:
    if value is None:
        axis.__dict__.pop("tickSpacing", None)
    else:
        axis.tickSpacing = types.MethodType(thinned_tick_spacing, axis)
    axis.picture = None
    axis.update()


PLOT_DATA = {
    "pen": _pen_prop(lambda i: i.opts["pen"], lambda i, v: i.setPen(v)),
    "symbolPen": _pen_prop(lambda i: i.opts["symbolPen"] if i.opts["symbol"] is not None else None,
                           lambda i, v: i.setSymbolPen(v)),
    "symbolSize": Prop(lambda i: i.opts["symbolSize"] if i.opts["symbol"] is not None else None,
                       lambda i, v: i.setSymbolSize(v), lambda _i, v, f: v * f),
}
CURVE = {"pen": _pen_prop(lambda i: i.opts["pen"], lambda i, v: i.setPen(v))}
SCATTER = {
    "pen": _pen_prop(lambda i: i.opts["pen"], lambda i, v: i.setPen(v)),
    "size": Prop(lambda i: i.opts["size"], lambda i, v: i.setSize(v), lambda _i, v, f: v * f),
}
LINE = {"pen": _pen_prop(lambda i: i.pen, lambda i, v: i.setPen(v))}
AXIS = {
    "tickFont": Prop(lambda i: i.style["tickFont"], lambda i, v: i.setTickFont(v), _tick_font, True),
    "tickLength": Prop(lambda i: i.style["tickLength"], lambda i, v: i.setStyle(tickLength=v),
                       lambda _i, v, f: int(round(v * f))),
    "maxTextLevel": Prop(lambda i: i.style["maxTextLevel"], lambda i, v: i.setStyle(maxTextLevel=v),
                         lambda _b, _v, _f: 0),  # the major ticks' labels only: thinned to fit
    "tickSpacing": Prop(lambda i: i.__dict__.get("tickSpacing"), _set_thin_ticks, lambda _b, _v, _f: "thin", True),
    # The label through its style, not its text: the axis writes the text again from the style on every
    # change of range (updateAutoSIPrefix), and the Loss view's "step" and "loss" lost their large type.
    "labelSize": Prop(lambda i: i.labelStyle.get("font-size"), _set_label_size, _label_size, True),
}
TEXT = {"html": Prop(lambda i: i.toHtml(), _set_html, scaled_html)}


def props_of(item) -> dict[str, Prop]:
    """The properties the scaler scales on ``item`` (none for items it leaves alone)."""
    if isinstance(item, pg.PlotDataItem):
        return PLOT_DATA
    if isinstance(item.parentItem(), (pg.PlotDataItem, pg.AxisItem)):
        return {}  # the curve and scatter a PlotDataItem draws with, an axis's label: scaled through them
    if isinstance(item, pg.PlotCurveItem):
        return CURVE
    if isinstance(item, pg.ScatterPlotItem):
        return SCATTER
    if isinstance(item, pg.InfiniteLine):
        return LINE
    if isinstance(item, pg.AxisItem):
        return AXIS
    if isinstance(item, QGraphicsTextItem):  # axis labels, titles, legends, text and line labels
        return TEXT
    return {}


def _alive(ref: weakref.ref) -> bool:
    item = ref()
    return item is not None and isValid(item)


class PlotScaler:
    """Scales the plots under a widget by ``factor``; ``apply()`` again picks up new and changed items."""

    def __init__(self, root: QWidget, factor: float, base: QFont):
        """``base``: the application's font before it was enlarged (what an unsized text is in)."""
        self.root, self.factor, self.base = root, factor, QFont(base)
        # id(item) -> (weak reference to it, {property name: (value found, value set)})
        self._records: dict[int, tuple[weakref.ref, dict[str, tuple[Any, Any]]]] = {}

    def items(self) -> list:
        found = []
        for view in [self.root] + self.root.findChildren(QGraphicsView):
            if isinstance(view, pg.GraphicsView) and view.scene() is not None:
                found += view.scene().items()
        return found

    def apply(self) -> int:
        """Scale every item not yet scaled, and every property a view has replaced; returns how many."""
        changed = 0
        live = set()
        for item in self.items():
            props = props_of(item)
            if not props:
                continue
            key = id(item)
            live.add(key)
            ref, done = self._records.get(key, (None, {}))
            if ref is None or ref() is not item:
                ref, done = weakref.ref(item), {}
                self._records[key] = (ref, done)
            for name, prop in props.items():
                value = prop.get(item)
                if (value is None and not prop.none_is_a_value) or (name in done and prop.same(value, done[name][1])):
                    continue
                prop.set(item, prop.scale(self.base, value, self.factor))
                done[name] = (value, prop.get(item))
                changed += 1
        # Only items that are gone are forgotten. One merely missing from this scan (taken out of its
        # plot and put back, a view rebuilt around it) keeps its record: forgotten, it was scaled a
        # second time on its return and restored only to the once-scaled value.
        for key in [k for k, (ref, _) in self._records.items() if k not in live and not _alive(ref)]:
            del self._records[key]
        return changed

    def restore(self) -> None:
        """Every property still as the scaler set it gets back the value it had before."""
        for ref, done in self._records.values():
            item = ref()
            if item is None or not isValid(item):
                continue
            props = props_of(item)
            for name, (found, applied) in done.items():
                if props[name].same(props[name].get(item), applied):
                    props[name].set(item, found)
        self._records.clear()
