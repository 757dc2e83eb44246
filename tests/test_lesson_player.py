"""The lesson player through the real window and engine: opening a two-run lesson starts A with the
lesson's settings and B beside it under the lesson's label, the captions step with Next (and N in
presentation mode), and leaving keeps A's settings for free play. A lesson that does not exist is
refused with a message naming the valid ones. Nothing trains: the runs only need to start."""

from PySide6.QtCore import Qt

from tests.gui_helpers import open_app_window, wait_until

LESSON = "simsiam_stop_gradient"


def _window(qtbot):
    from engine.training.config import RunConfig
    from gui.window.main_window import MainWindow

    # A first run unlike the lesson's (another method and data set), so the lesson's settings show.
    w = open_app_window(qtbot, RunConfig(method="autoencoder", dataset="digits", run_params={"seed": 3},
                                         cadence=MainWindow.cadence()), analysis=False)
    w.ask_before_discard = False
    return w


def test_a_lesson_starts_both_runs_steps_its_captions_and_leaves_for_free_play(qtbot, gui_settings):
    from engine.lessons.loader import find_lesson
    from gui.window.lesson_player import caption_text, open_lesson

    lesson = find_lesson(LESSON)
    captions = [caption_text(c.text) for c in lesson.captions]
    w = _window(qtbot)
    assert not w.next_caption_action.isEnabled() and not w.leave_lesson_action.isEnabled()

    assert open_lesson(w, LESSON)
    b_id = w.session.compare_id
    assert w.session.compare_label == "stop-gradient off"
    assert w.session.compare_config.method_params["stop_gradient"] is False
    assert w.session.compare_config.steps is None  # free-running in the app: the lecturer paces it
    wait_until(lambda: w.run_info.method == "simsiam" and w.run_info.dataset == "mnist5k"
               and w.slot_of(b_id) == "B", what="the lesson's runs A and B to start")
    assert w.images.panes["B"].caption.text() == "B: stop-gradient off"
    config_a = w.panel.config(cadence=w.cadence())
    assert (config_a.method, config_a.dataset) == ("simsiam", "mnist5k")
    assert config_a.method_params["stop_gradient"] is True
    assert config_a.run_params["batch_size"] == 128 and config_a.run_params["seed"] == 0

    # The first caption, in the caption bar and (not presenting) the lesson bar with its number; Next
    # moves on, from the menu or the bar's own button.
    bar = w.lesson_player.bar
    assert w.presentation.caption() == captions[0]
    assert bar.isVisible() and captions[0] in bar.shown_text() and f"(1/{len(captions)})" in bar.shown_text()
    assert w.next_caption_action.isEnabled()
    next_button = next(b for b in bar.buttons if b.defaultAction() is w.next_caption_action)
    next_button.click()
    assert w.presentation.caption() == captions[1] and captions[1] in bar.shown_text()
    # N in presentation mode is Next too; the last caption stays.
    w.presentation.enter()
    w.activateWindow()
    w.setFocus()  # the key goes to the window, not to a field an earlier test left focused
    for _ in range(len(captions)):
        qtbot.keyClick(w, Qt.Key.Key_N)
    assert w.presentation.caption_bar.text.text() == captions[-1]
    assert not bar.isVisible()  # presenting: the large caption bar says it, not both
    w.presentation.leave()
    assert bar.isVisible() and captions[-1] in bar.shown_text()

    # Restart: both runs again from the lesson, back to the first caption.
    w.restart_lesson_action.trigger()
    assert w.session.compare_id not in (None, b_id) and w.presentation.caption() == captions[0]
    b_id = w.session.compare_id
    wait_until(lambda: w.slot_of(b_id) == "B", what="the restarted run B")

    # Leave: no caption, no N key, the actions off; A's settings and run B stay for free play.
    a_id = w.session.current_id
    w.leave_lesson_action.trigger()
    assert w.lesson_player.lesson is None and w.presentation.caption() == "" and not bar.isVisible()
    assert Qt.Key.Key_N not in w.presentation.extra_keys and not w.next_caption_action.isEnabled()
    assert w.session.current_id == a_id and w.session.compare_id == b_id
    after = w.panel.config(cadence=w.cadence())
    assert (after.method, after.dataset, after.method_params, after.run_params) == \
        ("simsiam", "mnist5k", config_a.method_params, config_a.run_params)
    w.next_caption_action.trigger()  # disabled: nothing happens
    assert w.presentation.caption() == ""


def test_an_unknown_lesson_is_refused_naming_the_valid_ones(qtbot, gui_settings):
    from gui.window.lesson_player import open_lesson

    w = _window(qtbot)
    run_id = w.session.current_id
    assert not open_lesson(w, "no_such_lesson")
    title, message = w.last_error
    assert "no_such_lesson" in message and LESSON in message
    assert w.session.current_id == run_id and getattr(w, "lesson_player", None) is None


def test_lesson_open_refuses_an_unknown_name_before_opening_a_window(capsys):
    import main

    assert main.main(["lesson", "open", "no_such_lesson"]) == 2
    err = capsys.readouterr().err
    assert "no_such_lesson" in err and LESSON in err


def test_the_lesson_menu_lists_the_shipped_lessons(qtbot, gui_settings):
    from engine.lessons.loader import lesson_files

    w = _window(qtbot)
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Lesson")
    lessons = next(a.menu() for a in menu.actions() if a.text() == "&Open lesson")
    lessons.aboutToShow.emit()  # the files are read off the GUI thread: a placeholder row first
    wait_until(lambda: len(lessons.actions()) == len(lesson_files()), what="the lessons read in the background")
    assert any("stop-gradient" in a.text() for a in lessons.actions())


def test_reset_layout_in_a_lesson_brings_back_the_lessons_views_not_an_empty_explorer(qtbot, gui_settings):
    """SimCLR has no latent space: View ▸ Reset layout put the default's empty Latent explorer in front
    of the lesson's map."""
    from gui.window.lesson_player import open_lesson

    w = _window(qtbot)
    assert open_lesson(w, "simclr_batch_negatives")
    wait_until(lambda: w.run_info.method == "simclr", what="the lesson's run A")
    w.reset_layout()
    qtbot.wait(50)
    assert not w.docks["Latent explorer"].isVisible()
    for title in ("Metrics", "Embedding map"):  # (Loss shares Metrics' tabs: the lesson's last one is in front)
        assert not w.docks[title].visibleRegion().isEmpty(), title


def test_a_lesson_whose_b_is_another_method_keeps_b_when_a_starts(qtbot, gui_settings):
    """vae_prior_samples (A a VAE, B an autoencoder) and gan_vs_vae_samples: B was closed the moment the
    lesson's A started ("Run B closed: run A is now …"), as if A had switched away from B's method, and the
    lesson's check had no B to measure. A switch of A's method afterwards still closes B."""
    from gui.window.lesson_player import open_lesson

    w = _window(qtbot)
    assert open_lesson(w, "vae_prior_samples")
    b_id = w.session.compare_id
    wait_until(lambda: w.run_info.method == "vae" and w.slot_of(b_id) == "B", what="the lesson's A and B")
    assert w.session.compare_id == b_id and w.shown_infos["B"].method == "autoencoder"
    w.reset()  # both again from fresh weights: B is still compared with a VAE
    wait_until(lambda: w.session.compare_id not in (None, b_id) and w.slot_of(w.session.compare_id) == "B",
               what="the new A and B")
    b_id = w.session.compare_id
    w.panel.method.setCurrentIndex(w.panel.method.findData("simclr"))
    wait_until(lambda: w.run_info.method == "simclr", what="run A on SimCLR")
    assert w.session.compare_id is None and b_id not in w.session.controls
