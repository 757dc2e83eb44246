"""Where each snapshot goes: a mixin of MainWindow that routes the engine's and the analysis's snapshots
by the slot of their run (A, or B beside it: gui/window/run_slots.py) to the views that follow runs
(gui/views/run_view.py), dropping those of runs no view shows."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from engine.cli.progress import clock
from gui.i18n_engine import engine_text
from gui.views.points_run import points_run


def _tr(text: str) -> str:
    """The status bar's words in the user's language (gui/translations/, context "StatusBar")."""
    return QCoreApplication.translate("StatusBar", text)


class SnapshotRoutes:
    """Needs from the window: session, run_views and the views, docks, panel, banner, status_labels,
    statusBar(), and RunSlots (slot_of, _begin_views)."""

    def show_docks_of(self, info) -> None:
        """The views a run of ``info``'s method has to show in front: the latent explorer if it has a
        latent space (else none: an empty explorer in front says nothing), else its Method view or map. A run
        on 2-D points has its whole picture in the Method view (GAN Lab's ground): that one."""
        latent = self.docks["Latent explorer"]
        # A run on 2-D points has no images: the Images dock gives its room to the others (the map and the
        # latent explorer say why they are empty, in their tabs); an image run shows it again.
        self.docks["Images"].setVisible(not points_run(info))
        if points_run(info):
            latent.setVisible(bool(info.latent_dim))  # saying it has no images, as the map does
            self.docks["Method view"].raise_()
        elif info.latent_dim:
            latent.show()
            latent.raise_()
        else:
            latent.hide()
            (self.docks["Method view"] if info.views or info.family != "reconstruction"
             else self.docks["Embedding map"]).raise_()

    # -- snapshots --------------------------------------------------------------------------------
    def _on_snapshot(self, snap) -> None:
        from engine.training import snapshots as s

        if isinstance(snap, s.AnalysisStatus):
            for view in self.maps.views():
                view.show_analysis_status(snap.umap_ready, engine_text(snap.message))
            if snap.umap_ready and snap.message:
                self.statusBar().showMessage(engine_text(snap.message), 5000)
            return
        if isinstance(snap, s.AnalysisProblem):
            slot = "A" if snap.run_id == 0 else self.slot_of(snap.run_id)  # 0: not about one run
            if slot is not None:
                self._on_analysis_problem(snap, slot)
            return
        if snap.run_id == self.session.pending_id:
            if isinstance(snap, s.RunStarted):
                self.session.promote(snap.run_id)
                self._begin(snap)
            elif isinstance(snap, s.RunEnded):
                self.session.discard(snap.run_id)
                opening, self.opening = self.opening, None
                title = _tr("Cannot open {0}").format(Path(opening).name) if opening else _tr("Cannot start the run")
                self.show_error(title, engine_text(snap.message))
                self._show_current_settings()
                self.restore_pictures()  # cleared when the run was asked for (RunSlots.clear_pictures)
                current = self.session.control  # the button goes back to what the run on screen does
                self._set_running(current is not None and not current.paused)
            return
        if snap.run_id == self.session.compare_id and self.shown_runs.get("B") != snap.run_id:
            self._on_b_starting(snap)
            return
        slot = self.slot_of(snap.run_id)
        if slot is None:
            return  # a run that is no longer current, or one no view shows
        for view in self.run_views:  # each view draws what it shows of the run in that slot
            view.receive(snap, slot)
        handler = (self._handlers() if slot == "A" else self._b_handlers()).get(type(snap))
        if handler is not None:
            handler(snap)

    def _handlers(self) -> dict:
        """What run A's snapshots do beyond the views: the status bar, the transport, messages."""
        from engine.training import snapshots as s

        return {s.LossUpdate: self._on_loss, s.ImagesUpdate: lambda u: self._show_step(max(self.step, u.step)),
                s.ParamChanged: self._on_param_changed, s.StateChanged: self._on_state, s.RunEvent: self._on_event,
                s.RunEnded: self._on_ended}

    def _b_handlers(self) -> dict:
        """Run B drives neither the transport's button nor A's figures: the status bar shows its step,
        and its messages are said as B's."""
        from engine.training import snapshots as s

        return {s.LossUpdate: lambda u: self._show_b_step(u.step), s.StateChanged: self._on_b_state,
                s.ImagesUpdate: lambda u: self._show_b_step(max(getattr(self, "step_b", 0), u.step)),
                s.RunEvent: self._on_b_event, s.RunEnded: self._on_b_ended}

    def _on_b_starting(self, snap) -> None:
        """Run B of a comparison has started (its views appear) or could not start (it is said why)."""
        from engine.training import snapshots as s

        if isinstance(snap, s.RunStarted):
            self.show_b(snap, self.session.compare_label)
        elif isinstance(snap, s.RunEnded):
            self.close_b()
            self.show_error(_tr("Cannot start run B"), engine_text(snap.message))

    def _on_b_state(self, st) -> None:
        self._show_b_step(st.step)
        control = self.session.control_b
        if control is not None and not st.running and st.reason not in ("", "paused"):
            control.paused = True  # B paused itself (divergence, out of memory)

    def _on_b_event(self, e) -> None:
        if e.kind in ("diverged", "out_of_memory", "warning"):
            self.banner.show_message(f"B: {engine_text(e.message)}", error=e.kind != "warning")
        elif e.kind == "saved":
            self.save_results[e.path] = e.kind
            self.saved_step_b = e.step  # closing the window asks about B only when it trained on since
            self.statusBar().showMessage(f"B: {engine_text(e.message)}", 5000)
        elif e.kind == "save_failed":
            self.save_results[e.path] = e.kind
            self.show_error(_tr("Saving run B failed"), engine_text(e.message))

    def _on_b_ended(self, end) -> None:
        if end.kind == "failed":
            self.show_error(_tr("Run B stopped"), engine_text(end.message))
            self.close_b()

    def _begin(self, info) -> None:
        """A new run is current: every view forgets the last one before any of the new run's data."""
        self.run_info, self.step = info, info.step
        if self.session.compare_id is not None and self.opening:
            # B was "run A except …" of a run that is gone: beside a checkpoint it compares nothing (its
            # unsaved training was offered to be saved before the checkpoint was opened).
            self.close_b(_tr("Run B closed: {0} was opened; Run ▸ Compare… starts a new B").format(
                Path(self.opening).name))
        elif self.session.compare_id is not None and self.session.compare_base != (info.method, info.dataset):
            # B compared a setting of the run A was; beside another method or data set it compares nothing
            # (a lesson's B of another method is compared with its A's: compare_base).
            self.close_b(_tr("Run B closed: run A is now {0} on {1}; Run ▸ Compare… starts a new B").format(
                info.method_label, info.dataset))
        self._begin_views(info, "A")
        self.augment_panel.set_ops(info.augment)
        self.docks["Augmentations"].setVisible(info.views > 0)
        if self.opening:
            self._opened(self.opening, info.step)
            self.opening = None
        elif info.resumed_from is None:
            self.current_file, self.saved_step = None, 0
            self.setWindowTitle(_tr("Encoder Lab"))
        self._show_current_settings()
        self.panel.set_dataset_info(info.dataset_description)
        for a in (self.play_action, self.save_action, self.save_as_action):
            a.setEnabled(True)
        self.show_docks_of(info)
        self.banner.dismiss()
        self.status_labels["device"].setText(info.device)
        self._update_status(info.step, 0.0, 0.0, 0.0)
        # The new run does what the user last asked of it (Play pressed while it loaded included).
        self._set_running(not self.session.control.paused)

    def _on_loss(self, u) -> None:
        self._update_status(max(self.step, u.step), u.epoch, u.images_per_s, u.elapsed_s)

    def _on_param_changed(self, p) -> None:
        value = f"{p.value:g}" if isinstance(p.value, float) else str(p.value)  # the Loss view marks it
        self.statusBar().showMessage(_tr("{0} is now {1} from step {2}").format(p.name, value, p.step), 4000)

    def _on_state(self, st) -> None:
        """The engine's own word on whether it steps. The button already shows what the user asked;
        a report that disagrees with a request still on its way is stale and waits for the next one,
        but a pause the engine made itself (divergence, out of memory) always shows."""
        self._show_step(st.step)
        control = self.session.control
        reached = control is not None and control.pause_at is not None and st.step >= control.pause_at
        engine_paused = not st.running and (st.reason not in ("", "paused") or reached)
        if engine_paused and control is not None:
            control.paused = True
        if self.slow_motion.playing and not engine_paused:
            return  # slow motion's single steps are the window's doing: "not free-running" is no Pause
        if control is None or engine_paused or st.running == (not control.paused):
            self._set_running(st.running)

    def _on_event(self, e) -> None:
        if e.kind in ("saved", "save_failed"):
            self._on_save_event(e)
        elif e.kind in ("diverged", "out_of_memory"):
            self._show_step(e.step)  # the weights went back: so does the step
            message = engine_text(e.message)
            self.banner.show_message(message)
            # its first sentence: up to a full stop, English or Chinese (not the point of a number, "1.5e+04")
            self.statusBar().showMessage(re.split(r"\.\s|。", message)[0], 8000)
        elif e.kind == "param_rejected":
            self.statusBar().showMessage(engine_text(e.message), 6000)
            self._show_current_settings()
        elif e.kind not in ("copy_saved", "copy_failed"):  # a lesson's check reads those (lesson_verdict.py)
            self.banner.show_message(engine_text(e.message), error=False)

    def _on_ended(self, end) -> None:
        self._set_running(False)
        if end.kind == "failed":
            self.show_error(_tr("Training stopped"), engine_text(end.message))
        self.session.discard(end.run_id)

    def _on_worker_died(self, message: str) -> None:
        for run_id in list(self.session.controls):
            self.session.discard(run_id)
        self._set_running(False)
        for a in (self.save_action, self.save_as_action):
            a.setEnabled(False)  # nothing left to save until a new run is up
        self.banner.show_message(message + _tr(" Whatever was saved is safe; press Play or Reset to start again."))
        self.show_error(_tr("Training engine stopped"), message)

    def _on_analysis_problem(self, p, slot: str = "A") -> None:
        """A map or probe the analysis skipped (non-finite embeddings) or that failed: the user hears it."""
        what = {"map": _tr("Embedding map"), "probes": _tr("Probes")}.get(p.job, _tr("Analysis"))
        message = engine_text(p.message)
        self.statusBar().showMessage(f"{'B: ' if slot == 'B' else ''}{what}: {message}", 10000)
        if p.job == "map":
            self.maps.view(slot).note.setText(message)

    def _on_analysis_restarted(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        for view in self.maps.views():
            view.note.setText(_tr("analysis restarted: the next map comes from the newest embeddings"))

    def _show_step(self, step: int) -> None:
        self.step = step
        label_b = self.status_labels.get("step_b")
        two = label_b is not None and not label_b.isHidden()
        self.status_labels["step"].setText((_tr("A: step {0}") if two else _tr("step {0}")).format(f"{step:,}"))

    def _update_status(self, step: int, epoch: float, images_per_s: float, elapsed: float) -> None:
        self._show_step(step)
        self.status_labels["epoch"].setText(_tr("epoch {0}").format(f"{epoch:.2f}"))
        # No rate yet is "measuring", not "0 img/s": a class reads 0 as "not training".
        self.status_labels["speed"].setText(_tr("{0} img/s").format(f"{images_per_s:,.0f}") if images_per_s > 0 else
                                            (_tr("measuring…") if self.running else ""))
        self.status_labels["elapsed"].setText(clock(elapsed))
