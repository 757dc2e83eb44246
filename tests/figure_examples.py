"""One example of each typed figure (engine/figures.py), and what its widget must show of it: the Method
view's registry test (tests/test_method_figures.py) draws each and checks it here."""

from __future__ import annotations

import numpy as np

from engine import figures as fig

IMAGES = np.random.default_rng(0).random((6, 8, 8, 1)).astype(np.float32)
ONE_OF_EACH = {
    fig.Heatmap: fig.Heatmap("similarity", np.eye(3) * 2 - 1),
    fig.Bars: fig.Bars("usage", np.array([3.0, 0.0, 5.0]), zero_is_dead=True),
    fig.Value: fig.Value("perplexity", "2.0 of 3 codes"),
    fig.Labels: fig.Labels("predicted rotation", ("0°", "90°")),
    fig.ImageGrid: fig.ImageGrid("samples", IMAGES, columns=3),
    fig.MaskGrid: fig.MaskGrid("hidden patches", IMAGES, np.tile(np.array([[1, 0], [1, 1]]), (6, 1, 1))),
    fig.CodeGrid: fig.CodeGrid("codes", IMAGES, np.arange(24).reshape(6, 2, 2) % 5, 5),
    fig.TokenScores: fig.TokenScores("confidence", ("the", "cat", "sat"), np.array([0.0, 0.5, 1.0])),
    fig.Histograms: fig.Histograms("scores", np.linspace(0, 1, 5), np.array([[4, 3, 0, 0], [0, 1, 2, 4]]),
                                   series=("real", "generated"), axis="D(x)"),
    fig.Curves: fig.Curves("Fréchet distance", np.array([0, 100, 200]), np.array([[90.0, 40.0, 20.0]]),
                           series=("samples",), references=np.array([8.0]), reference_label="real halves"),
    fig.PointField: fig.PointField("the game", np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[0.5, 0.5]] * 3),
                                   np.linspace(0, 1, 16).reshape(4, 4), (-2.0, 2.0, -2.0, 2.0),
                                   np.array([[0.1, 0.0]] * 3), values_label="D(x)"),
}


def shown(widget, figure) -> None:
    """Assert that ``widget`` shows ``figure``'s data, by figure type."""
    if isinstance(figure, fig.Heatmap):
        np.testing.assert_array_equal(widget.item.image, figure.values)
        assert widget.bar.levels() == (-1.0, 1.0)  # a diverging scale for signed values
    elif isinstance(figure, fig.Bars):
        assert list(widget.bars.opts["height"]) == [3.0, 0.0, 5.0]
        assert widget.bars.opts["brushes"][1].color().name() == "#d62728"  # an unused code in red
    elif isinstance(figure, fig.Value):
        assert widget.text() == "<b>perplexity</b>: 2.0 of 3 codes"
    elif isinstance(figure, fig.Labels):
        assert widget.text() == "<b>predicted rotation</b>: 0° · 90°"
    elif isinstance(figure, fig.ImageGrid):
        assert widget.cells[0][1].image.shape == (2 * 8 + 1, 3 * 8 + 2)  # 6 images: 2 rows of 3, 1-px gaps
    elif isinstance(figure, fig.MaskGrid):
        shown = widget.edit_item.image  # image 0, its hidden patches grey
        np.testing.assert_allclose(shown[:4, :4], 0.5)
        np.testing.assert_allclose(shown[:4, 4:], IMAGES[0, :4, 4:, 0])
    elif isinstance(figure, fig.CodeGrid):
        assert widget.grid() == [[0, 1], [2, 3]] and widget.codebook_size == 5
        # The most used code until the user picks one: code 0, in cells 0, 5, 10, 15, 20 (images 0, 1, 2, 3, 5).
        assert "code 0: used by 5 of 6 images" in widget.users_label.text()
    elif isinstance(figure, fig.TokenScores):
        assert widget.text.text().count("<span") == 3 and "cat" in widget.text.text()
        assert widget.colours[0] != widget.colours[2]  # low and high scores in different colours
    elif isinstance(figure, fig.Histograms):  # one filled step per series, over the same bins
        assert [widget.legend.getLabel(step).text for step in widget.steps] == ["real", "generated"]
        x, y = widget.steps[1].getData()
        assert list(x) == [0.0, 0.25, 0.5, 0.75, 1.0] and list(y) == [0.0, 1.0, 2.0, 4.0]
        assert widget.plot.getAxis("bottom").labelText == "D(x)"
    elif isinstance(figure, fig.PointField):  # the map under the points, an arrow (2 vertices) per generated point
        np.testing.assert_array_equal(widget.image.image, figure.values)
        assert widget.bar.levels() == (0.0, 1.0)  # a probability's fixed scale
        assert len(widget.real.data) == 2 and len(widget.generated.data) == 3
        assert len(widget.shafts.getData()[0]) == 2 * 3
    elif isinstance(figure, fig.Curves):  # the series over the steps, its floor a segment under them
        x, y = widget.lines[0].getData()
        assert list(x) == [0, 100, 200] and list(y) == [90.0, 40.0, 20.0]
        assert list(widget.references[0].getData()[1]) == [8.0, 8.0]
        assert widget.legend.getLabel(widget.references[0]).text == "real halves"
        assert not widget.plot.getAxis("left").autoSIPrefix  # a share of 0.5 reads 0.5, not 500 (x0.001)
    else:
        raise AssertionError(f"no check for {type(figure).__name__}")
