"""Where each snapshot goes: a mixin of MainWindow that routes the engine's and the analysis's snapshots
to the views, dropping those of runs that are no longer current."""

from __future__ import annotations

from pathlib import Path


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


class SnapshotRoutes:
    """Needs from the window: session, the views, docks, panel, banner, status_labels, statusBar()."""

    # -- snapshots --------------------------------------------------------------------------------
    def _on_snapshot(self, snap) -> None:
        from engine.training import snapshots as s

        if isinstance(snap, s.AnalysisStatus):
            self.map_view.show_analysis_status(snap.umap_ready, snap.message)
            return
        if isinstance(snap, s.AnalysisProblem):
            if snap.run_id in (0, self.session.current_id):  # 0: not about one run
                self._on_analysis_problem(snap)
            return
        if snap.run_id == self.session.pending_id:
            if isinstance(snap, s.RunStarted):
                self.session.promote(snap.run_id)
                self._begin(snap)
            elif isinstance(snap, s.RunEnded):
                self.session.discard(snap.run_id)
                opening, self.opening = self.opening, None
                title = f"Cannot open {Path(opening).name}" if opening else "Cannot start the run"
                self.show_error(title, snap.message)
                self._show_current_settings()
                current = self.session.control  # the button goes back to what the run on screen does
                self._set_running(current is not None and not current.paused)
            return
        if snap.run_id != self.session.current_id:
            return  # a run that is no longer current
        handler = self._handlers().get(type(snap))
        if handler is not None:
            handler(snap)

    def _handlers(self) -> dict:
        from engine.training import snapshots as s

        return {s.LossUpdate: self._on_loss, s.ImagesUpdate: self._on_images, s.LatentUpdate: self._on_latents,
                s.Decoded: self._on_decoded, s.ParamChanged: self._on_param_changed,
                s.StateChanged: self._on_state, s.RunEvent: self._on_event, s.RunEnded: self._on_ended,
                s.ProbeSet: self._on_probe_set, s.EmbeddingUpdate: self._on_embeddings, s.MapUpdate: self._on_map,
                s.MetricsUpdate: self._on_metrics, s.MethodUpdate: self._on_figures,
                s.Interaction: self._on_interaction}

    def _begin(self, info) -> None:
        """A new run is current: every view forgets the last one before any of the new run's data."""
        self.run_info, self.step = info, info.step
        for view in (self.loss_view, self.image_view, self.latent_view, self.map_view, self.metrics_view):
            view.clear()
        self.method_view.clear(info.method_label)
        self.augment_panel.set_ops(info.augment)
        self.docks["Augmentations"].setVisible(info.views > 0)
        self.image_view.set_class_names(info.class_names)
        if self.opening:
            self._opened(self.opening, info.step)
            self.opening = None
        elif info.resumed_from is None:
            self.current_file, self.saved_step = None, 0
            self.setWindowTitle("Encoder Lab")
        self._show_current_settings()
        self.panel.set_dataset_info(info.dataset_description)
        for a in (self.play_action, self.save_action, self.save_as_action):
            a.setEnabled(True)
        latent = self.docks["Latent explorer"]
        if info.latent_dim:
            self.latent_view.configure(info.latent_dim, info.image_shape[1:])
            latent.show()
            latent.raise_()
        else:
            latent.hide()
            (self.docks["Method view"] if info.views or info.family != "reconstruction"
             else self.docks["Embedding map"]).raise_()
        self.banner.hide()
        self.status_labels["device"].setText(info.device)
        self._update_status(info.step, 0.0, 0.0, 0.0)
        # The new run does what the user last asked of it (Play pressed while it loaded included).
        self._set_running(not self.session.control.paused)

    def _on_loss(self, u) -> None:
        self.loss_view.add(u.steps, u.terms)
        self._update_status(max(self.step, u.step), u.epoch, u.images_per_s, u.elapsed_s)

    def _on_images(self, u) -> None:
        self._show_step(max(self.step, u.step))
        self.image_view.show_batch(u.step, u.inputs, u.labels, u.corrupted, u.reconstructions, u.corrupted_name,
                                   u.extra_rows)
        self.latent_view.set_probe_images(u.inputs)

    def _on_latents(self, u) -> None:
        self.latent_view.set_latents(u.codes, u.labels, u.low, u.high, u.mean, u.std, u.kl_per_dim, u.probe_codes)

    def _on_figures(self, f) -> None:
        self.method_view.show_figures(f.step, f.figures, f.images)

    def _on_interaction(self, i) -> None:
        self.method_view.show_interaction(i.tag, i.result)

    def _on_probe_set(self, p) -> None:
        self.map_view.set_probe_set(p.images, p.labels, p.class_names, p.factors, p.factor_names)

    def _on_embeddings(self, e) -> None:
        if e.kind == "model":
            self.map_view.set_embedding(e.probe, e.recon_error)

    def _on_map(self, m) -> None:
        self.map_view.add_frame(m.step, m.method, m.coords, m.note)

    def _on_metrics(self, m) -> None:
        self.metrics_view.add(m.step, m.kind, m.scores, m.singular_values, m.warning)
        if m.kind == "model":
            self.map_view.set_clusters(m.clusters)

    def _on_decoded(self, d) -> None:
        self.latent_view.show_decoded(d.tag, d.codes, d.images)

    def _on_param_changed(self, p) -> None:
        value = f"{p.value:g}" if isinstance(p.value, float) else str(p.value)
        self.loss_view.mark(p.step, f"{p.name}={value}")
        self.statusBar().showMessage(f"{p.name} is now {value} from step {p.step}", 4000)

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
        if control is None or engine_paused or st.running == (not control.paused):
            self._set_running(st.running)

    def _on_event(self, e) -> None:
        if e.kind in ("saved", "save_failed"):
            self._on_save_event(e)
        elif e.kind in ("diverged", "out_of_memory"):
            self._show_step(e.step)  # the weights went back: so does the step
            self.banner.show_message(e.message)
            self.statusBar().showMessage(e.message.split(".")[0], 8000)
        elif e.kind == "param_rejected":
            self.statusBar().showMessage(e.message, 6000)
            self._show_current_settings()
        else:
            self.banner.show_message(e.message, error=False)

    def _on_ended(self, end) -> None:
        self._set_running(False)
        if end.kind == "failed":
            self.show_error("Training stopped", end.message)
        self.session.discard(end.run_id)

    def _on_worker_died(self, message: str) -> None:
        for run_id in list(self.session.controls):
            self.session.discard(run_id)
        self._set_running(False)
        for a in (self.save_action, self.save_as_action):
            a.setEnabled(False)  # nothing left to save until a new run is up
        self.banner.show_message(message + " Whatever was saved is safe; press Play or Reset to start again.")
        self.show_error("Training engine stopped", message)

    def _on_analysis_problem(self, p) -> None:
        """A map or probe the analysis skipped (non-finite embeddings) or that failed: the user hears it."""
        what = {"map": "Embedding map", "probes": "Probes"}.get(p.job, "Analysis")
        self.statusBar().showMessage(f"{what}: {p.message}", 10000)
        if p.job == "map":
            self.map_view.note.setText(p.message)

    def _on_analysis_restarted(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        self.map_view.note.setText("analysis restarted: the next map comes from the newest embeddings")

    def _show_step(self, step: int) -> None:
        self.step = step
        self.status_labels["step"].setText(f"step {step:,}")

    def _update_status(self, step: int, epoch: float, images_per_s: float, elapsed: float) -> None:
        self._show_step(step)
        self.status_labels["epoch"].setText(f"epoch {epoch:.2f}")
        # No rate yet is "measuring", not "0 img/s": a class reads 0 as "not training".
        self.status_labels["speed"].setText(f"{images_per_s:,.0f} img/s" if images_per_s > 0 else
                                            ("measuring…" if self.running else ""))
        self.status_labels["elapsed"].setText(_clock(elapsed))
