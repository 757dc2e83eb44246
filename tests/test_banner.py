"""The red banner README promises for a diverged run is on screen, readable, until the user acts.

Before, its label held the message but the banner was never laid out: hidden when it was added to its
tool bar, it left the bar's action for it hidden, so its show() made it "visible" outside the bar's
layout, and the row stayed an empty 17 px strip (only a status-bar line said what happened, for 8 s)."""

from engine.training.guard import diverged_message
from engine.training.snapshots import RunEvent
from tests.gui_helpers import settle, wait_until


def _diverge(window) -> str:
    message = diverged_message(4, None, 3, 1.0, interactive=True, saving=False)
    window._on_snapshot(RunEvent(window.session.current_id, 3, "diverged", message))
    return message


def _on_screen(widget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def test_a_divergence_shows_the_red_banner_with_its_whole_text_until_play(window):
    window.resize(1280, 720)
    message = _diverge(window)
    banner, bar = window.banner, window.banner.bar
    wait_until(lambda: banner.height() > 17 and bar.height() > 17, what="the banner's row laid out")
    settle(0.2)
    assert banner.label.text() == message
    assert _on_screen(bar) and _on_screen(banner) and _on_screen(banner.label)
    # Inside its row, and as tall as its text wrapped to its width: nothing of it cut off.
    assert bar.rect().contains(banner.geometry())
    assert banner.label.height() >= banner.label.heightForWidth(banner.label.width())
    assert banner.label.width() > 0.6 * window.width()  # across the window, not a narrow column
    colour = banner.grab().toImage().pixelColor(2, 2)  # its margin: the banner's own background
    assert colour.red() > 150 and colour.green() < 90 and colour.blue() < 90  # red
    settle(1.0)
    assert _on_screen(banner)  # it stays; a status-bar line went after 8 s
    window.toggle_play()  # the user acts
    assert not bar.isVisible() and not banner.isVisible()
    window.toggle_play()


def test_the_banners_close_button_dismisses_it(window):
    _diverge(window)
    banner = window.banner
    wait_until(lambda: _on_screen(banner), what="the banner")
    banner.close_button.click()
    assert not banner.bar.isVisible()
    _diverge(window)  # and it comes back with the next message
    wait_until(lambda: _on_screen(banner) and banner.height() > 17, what="the banner again")
