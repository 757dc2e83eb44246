"""Which run each slot shows: run A is the session's current run (the one the transport drives); run B,
when a comparison has one, is shown beside it by every view. A mixin of MainWindow, used by the router
(gui/window/snapshot_routes.py), which routes each snapshot by the slot of its run id.

Run ▸ Compare… (gui/window/compare.py) starts B in the session beside A; its RunStarted reaches
``show_b`` through the router, and ``close_b`` stops it and returns to one run. The status bar shows
both runs' steps while B is there.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from gui.views.run_view import SLOTS, run_label
from gui.widgets.retire import retire
from gui.widgets.status_figure import StatusFigure
from gui.window.run_maps import run_maps


def _tr(text: str) -> str:
    """The status bar's words in the user's language (gui/translations/, context "StatusBar")."""
    return QCoreApplication.translate("StatusBar", text)


def _method_label(config: Any) -> str:
    """The label of the method ``config`` (a RunConfig) trains, or "" when it is not known yet (a
    checkpoint names its method inside)."""
    if not getattr(config, "method", None):
        return ""
    from engine.errors import EncoderLabError
    from engine.methods import get_method

    try:
        return get_method(config.method).label
    except EncoderLabError:  # an unknown method: the engine's RunEnded says why
        return ""


class RunSlots:
    """Needs from the window: session, run_views, docks, shown_runs (slot -> run id, {} at first) and
    shown_infos (slot -> RunStarted)."""

    def slot_of(self, run_id: int | None) -> str | None:
        """The slot that shows ``run_id``; None for a run no view shows (superseded, ended or unknown)."""
        if run_id is None:
            return None
        for slot in SLOTS:
            if self.shown_runs.get(slot) == run_id:
                # Run A is also the session's current run: once it is discarded its stragglers are dropped;
                # so are those of a B that a new B (Reset) replaces.
                if slot == "A":
                    return slot if run_id == self.session.current_id else None
                return slot if self.session.compare_id in (None, run_id) else None
        return None

    def _begin_views(self, info: Any, slot: str, label: str = "") -> None:
        """Every view forgets what ``slot`` showed and shows the run of ``info`` there."""
        self.shown_runs[slot], self.shown_infos[slot] = info.run_id, info
        self.hold_paint()  # every view changes now: they repaint one per turn, not all in one long pass
        label = label or run_label(info)
        if slot == "A":
            self.show_player_steps(info.family)  # Step D / Step G for a GAN (gui/window/transport.py)
        for view in self.run_views:
            view.begin_run(info, slot, label)
        run_maps(self).show_choice(slot)  # the pane's projection is the one its new run is drawn with

    # -- a run A being started ---------------------------------------------------------------------
    PICTURE_VIEWS = ("images", "methods")  # what shows the run's model as it is now, and is sent again on request

    def clear_pictures(self, config: Any) -> None:
        """A new run A is asked for (a switch, Reset, a checkpoint, a lesson): the last run's pictures
        (its images and its method's figures) go at once, not when the new run has loaded (30 s on a busy
        machine, "What BYOL does" under SimSiam), and the Method view names the method that is coming.
        The curves stay until the new run starts: they are the history of the run still on screen."""
        self.hold_paint()
        for name in self.PICTURE_VIEWS:
            getattr(self, name).end_run("A")  # the old run's images and figures are ignored from now on
        label = _method_label(config) if self.engine_loaded else ""  # (not importing torch at start-up)
        if label:
            self.method_view.clear(label)

    def restore_pictures(self) -> None:
        """The run asked for could not start: the run still on screen shows its pictures again."""
        info, control = self.run_info, self.session.control
        if info is None or control is None or self.shown_runs.get("A") != info.run_id:
            return
        for name in self.PICTURE_VIEWS:
            getattr(self, name).begin_run(info, "A", run_label(info))
        control.refresh()  # its images and figures now, not at the next timer tick

    def show_b(self, info: Any, label: str = "") -> None:
        """Run B of a comparison (``info``: its RunStarted) shows beside run A in every view, named by
        ``label`` (how it differs from A) or else by its method and data."""
        self._begin_views(info, "B", label)
        latent = self.docks["Latent explorer"]
        if info.latent_dim and latent.isHidden() and not self.presentation.keeps_out(latent):
            latent.show()  # B can decode even where A cannot (not when presenting a lesson without it)
        self._show_b_step(info.step)
        self._enable_b_actions(True)

    def close_b(self, message: str = "") -> None:
        """Back to one run: run B stops in the engine, its panels hide and its curves go; A's views are
        untouched. ``message`` says why in the status bar (e.g. A switched method)."""
        self.autosave.save("B")  # what B trained can be recovered (File ▸ Recover…)
        self.session.close_b()
        self._forget_b(message)

    def _forget_b(self, message: str = "") -> None:
        """The window forgets the B it showed (stopped in the session already): its panes hide, its curves
        and its step go, so nothing on screen is labelled by a run that is gone."""
        self._enable_b_actions(False)
        self._status_label_b().hide()
        self.step_b = 0  # the step of a B that is gone: a lesson's budget must not count it for the next B
        self._show_step(self.step)  # "A: step n" becomes "step n"
        if message:
            self.statusBar().showMessage(message, 10000)
        if self.shown_runs.pop("B", None) is None:
            return
        self.shown_infos.pop("B", None)
        self.hold_paint()  # A's views take the room B had: they repaint one per turn
        for view in self.run_views:
            view.end_run("B")
        a = self.shown_infos.get("A")
        if a is not None and not a.latent_dim:
            self.docks["Latent explorer"].hide()

    def has_b(self) -> bool:
        """Whether a run B is shown or starting."""
        return "B" in self.shown_runs or self.session.compare_id is not None

    # -- Run ▸ Compare… -----------------------------------------------------------------------------
    def open_compare(self):
        """The Compare dialog, opened without blocking; accepting it starts run B. Returns the dialog."""
        from gui.window.compare import CompareDialog, config_of_a

        if self.run_info is None or not self.engine_loaded:
            self.statusBar().showMessage(_tr("Compare: wait for the run to start"), 4000)
            return None
        info = self.run_info
        config, augment = config_of_a(self), self.augment_panel.ops() if info.views else None
        dialog = getattr(self, "compare_dialog", None)
        if dialog is not None and shiboken6.isValid(dialog) and dialog.fits(config, augment):
            dialog.reset(config, augment)  # the same method: its forms are reset, not built again
        else:
            retire(dialog)  # another method's (or none)
            dialog = CompareDialog(config, augment, self)
            dialog.accepted.connect(lambda: self.start_comparison(dialog.config(), dialog.label()))
        dialog.open()
        self.compare_dialog = dialog
        return dialog

    def start_comparison(self, config: Any, label: str, paused: bool | None = None,
                         base: tuple[str, str] | None = None) -> int:
        """Start run B beside A, ``paused`` or else paused or playing as A is asked to; its views appear
        when it has started. A B already there stops, and its panes go at once (not when the new B
        starts: the old one's label would name a run that is gone)."""
        if paused is None:
            # What the user last asked of A: the run being started, if any (Play pressed while a switch
            # loads leaves the old run paused but the new one playing), else the current one.
            control = self._transport_target()
            paused = not self.running if control is None else control.paused
        self.autosave.save("B")  # a B already there is replaced: it can be recovered (File ▸ Recover…)
        run_id = self.session.start_b(config, label, paused=paused, base=base)
        self._forget_b()
        self.statusBar().showMessage(_tr("starting B: {0}…").format(label), 4000)
        return run_id

    def save_b(self) -> str | None:
        """File dialog, then save run B's checkpoint (A's Save is untouched)."""
        if self.session.control_b is None:
            return None
        info = self.shown_infos.get("B")
        suggested = f"{info.method}-B-{getattr(self, 'step_b', 0)}.safetensors" if info is not None else "run-B.safetensors"
        path = self.ask_save_path(_tr("Save run B"), suggested)
        if path is not None:
            self.save_b_to(path)
        return path

    def save_b_to(self, path: str) -> None:
        if self.session.control_b is not None:
            self.save_to(path, self.session.control_b)

    def _enable_b_actions(self, on: bool) -> None:
        for name in ("save_b_action", "close_b_action"):
            action = getattr(self, name, None)
            if action is not None:
                action.setEnabled(on)

    def _status_label_b(self) -> QLabel:
        """The status bar's "B: step n", made the first time B shows, beside A's step."""
        label = self.status_labels.get("step_b")
        if label is None:
            label = self.status_labels["step_b"] = StatusFigure("")
            self.statusBar().insertPermanentWidget(1, label)
            label.hide()
        return label

    def _show_b_step(self, step: int) -> None:
        self.step_b = step
        label = self._status_label_b()
        label.setText(_tr("B: step {0}").format(f"{step:,}"))
        label.setToolTip(_tr("run B: {0}").format(self.session.compare_label or _tr("the comparison run")))
        if label.isHidden():
            label.show()
            self._show_step(self.step)  # A's step says it is A's now

    def control_of(self, slot: str):
        """The control of the run ``slot`` shows (None when it has none, e.g. it ended)."""
        if slot == "A":
            return self.session.control
        run_id = self.shown_runs.get(slot)
        return self.session.controls.get(run_id) if run_id is not None else None
