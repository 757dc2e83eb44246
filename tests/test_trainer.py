import threading
import time

import numpy as np
import torch

from engine.training.checkpoint import read_checkpoint
from engine.training.config import RunConfig
from engine.training.control import RunControl
from engine.methods.reconstruction.autoencoder import Autoencoder
from engine.training.snapshots import (Decoded, ImagesUpdate, LatentUpdate, LossUpdate, ParamChanged, RunEvent,
                              RunStarted, StateChanged)
from engine.training.setup import probe_indices
from engine.training.trainer import train
from tests.helpers import QUIET, losses, next_of, of_type, run_to_end


def test_run_sends_what_the_views_need_and_ends():
    snaps = run_to_end(RunConfig(method="vae", dataset="digits", steps=30, cadence=QUIET))
    started = snaps[0]
    assert isinstance(started, RunStarted)
    assert started.image_shape == (1, 8, 8) and started.latent_dim == 10 and started.device == "CPU"
    steps, loss = losses(snaps)
    assert list(steps) == list(range(1, 31))  # every step's loss, once, in order
    assert loss[-5:].mean() < loss[:5].mean()
    images = of_type(snaps, ImagesUpdate)[0]
    assert images.inputs.shape == images.reconstructions.shape == (10, 8, 8, 1)
    assert sorted(images.labels.tolist()) == list(range(10))  # the probe batch shows each class
    latents = of_type(snaps, LatentUpdate)[0]
    assert latents.codes.shape == (200, 10) and latents.kl_per_dim.shape == (10,)
    assert (latents.low <= latents.high).all()
    assert snaps[-1].kind == "finished" and snaps[-1].step == 30
    for s in snaps:  # nothing but numpy and plain values crosses to the GUI
        for value in vars(s).values():
            assert not isinstance(value, (torch.Tensor, torch.nn.Module))


def test_same_seed_same_losses():
    cfg = RunConfig(method="denoising_autoencoder", dataset="digits", steps=10, cadence=QUIET)
    assert np.array_equal(losses(run_to_end(cfg))[1], losses(run_to_end(cfg))[1])


def test_bad_start_ends_with_a_clear_failure():
    snaps = list(train(RunConfig(method="nope", steps=1)))
    assert len(snaps) == 1 and snaps[0].kind == "failed" and "unknown method 'nope'" in snaps[0].message
    snaps = list(train(RunConfig(dataset="digits", run_params={"device": "cuda"}, steps=1)))
    if not torch.cuda.is_available():
        assert snaps[0].kind == "failed" and "CUDA was asked for but is not available" in snaps[0].message
    snaps = list(train(RunConfig(resume="/nonexistent.safetensors", steps=1)))
    assert snaps[0].kind == "failed" and "does not exist" in snaps[0].message


def test_pause_single_step_resume_and_stop():
    control = RunControl(start_paused=True)
    gen = train(RunConfig(dataset="digits", cadence=QUIET), control)
    start = next_of(gen, RunStarted)
    assert start.step == 0
    # Paused: the generator serves requests but takes no step. Run it in a thread to look.
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(gen), daemon=True)
    worker.start()
    _round_trips(control, out)  # the loop went round twice, paused
    assert not of_type(out, LossUpdate)
    control.step()
    _wait_for(lambda: of_type(out, LossUpdate))
    _round_trips(control, out)
    assert [int(s) for u in of_type(out, LossUpdate) for s in u.steps] == [1]  # exactly one step
    assert of_type(out, ImagesUpdate)[-1].step == 1  # the views show the step at once
    control.resume()
    _wait_for(lambda: any(isinstance(s, StateChanged) and s.running for s in out))
    _wait_for(lambda: of_type(out, LossUpdate) and of_type(out, LossUpdate)[-1].step > 20)
    control.pause()
    _wait_for(lambda: any(isinstance(s, StateChanged) and not s.running for s in out))
    paused_at = of_type(out, StateChanged)[-1].step
    _round_trips(control, out)
    assert max(int(u.step) for u in of_type(out, LossUpdate)) == paused_at  # no steps while paused
    control.stop()
    worker.join(5)
    assert not worker.is_alive()
    assert out[-1].kind == "stopped" and out[-1].step == paused_at


def _round_trips(control: RunControl, out: list, n: int = 2) -> None:
    """Ask for views ``n`` times and wait for each answer: the loop has gone round ``n`` times since
    (past its decision to step or not), so a step it was going to take would show by now."""
    for _ in range(n):
        seen = len(of_type(out, ImagesUpdate))
        control.refresh()
        _wait_for(lambda: len(of_type(out, ImagesUpdate)) > seen)


def _wait_for(cond, timeout=20.0):
    t = time.monotonic()
    while not cond():
        if time.monotonic() - t > timeout:
            raise AssertionError("timed out")
        time.sleep(0.02)


def test_live_params_decode_and_save_are_served_between_steps(tmp_path):
    control = RunControl(start_paused=True)
    gen = train(RunConfig(method="vae", dataset="digits", method_params={"latent_dim": 2}, cadence=QUIET), control)
    next_of(gen, RunStarted)
    control.set_param("beta", 4.0)
    control.set_param("lr", 1e-4)
    control.set_param("latent_dim", 5)
    control.set_param("beta", -3)
    first = control.decode(np.zeros((1, 2)), tag="slider")
    latest = control.decode(np.array([[0.5, -0.5], [1, 1]]), tag="slider")  # replaces the first
    control.save(str(tmp_path / "paused.safetensors"))
    got = []  # the first views, then the answers: 4 params, the save, the decode (served last)
    while not of_type(got, Decoded):
        got.append(next(gen))
    changed = of_type(got, ParamChanged)
    assert [(c.name, c.value) for c in changed] == [("beta", 4.0), ("lr", 1e-4)]
    rejected = [e.message for e in of_type(got, RunEvent) if e.kind == "param_rejected"]
    assert any("latent_dim cannot change while training" in m for m in rejected)
    assert any("outside" in m for m in rejected)
    decoded = of_type(got, Decoded)
    assert [d.request_id for d in decoded] == [latest] and first != latest
    assert decoded[0].images.shape == (2, 8, 8, 1)
    saved = [e for e in of_type(got, RunEvent) if e.kind == "saved"]
    assert saved and read_checkpoint(saved[0].path).meta["params"]["beta"] == 4.0
    control.stop()
    assert list(gen)[-1].kind == "stopped"


def test_saving_somewhere_impossible_is_an_event_not_a_crash(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    control = RunControl(start_paused=True)
    gen = train(RunConfig(dataset="digits", cadence=QUIET), control)
    next_of(gen, RunStarted)
    control.save(str(blocker / "sub" / "x.safetensors"))
    event = next_of(gen, RunEvent)
    assert event.kind == "save_failed" and "could not save" in event.message
    control.stop()
    assert list(gen)[-1].kind == "stopped"


def _poison_autoencoder(monkeypatch, from_step: int, factor: float) -> None:
    """From the step with ``batch.step == from_step`` on, the autoencoder's loss is multiplied by ``factor``."""
    real = Autoencoder.training_step

    def poisoned(self, batch):
        out = real(self, batch)
        if batch.step >= from_step:
            out["loss"] = out["loss"] * factor
        return out

    monkeypatch.setattr(Autoencoder, "training_step", poisoned)


def test_nan_loss_pauses_with_the_weights_of_the_last_finite_step(monkeypatch, tmp_path):
    _poison_autoencoder(monkeypatch, 3, float("nan"))  # the loss of step 4 is NaN
    control = RunControl(interactive=True)
    path = tmp_path / "last_good.safetensors"
    gen = train(RunConfig(dataset="digits", cadence=QUIET, save_on_end=str(path)), control)
    event = next_of(gen, RunEvent)
    assert event.kind == "diverged"
    assert "step 4" in event.message and "back at step 3" in event.message and "press Play" in event.message
    state = next_of(gen, StateChanged)
    assert not state.running and state.reason == "diverged"
    assert control.paused
    control.stop()
    end = list(gen)[-1]
    assert end.kind == "stopped" and end.step == 3
    ckpt = read_checkpoint(path)
    assert ckpt.step == 3
    assert all(torch.isfinite(v).all() for v in ckpt.model_state.values() if v.is_floating_point())


def test_headless_divergence_ends_the_run_and_saves_the_last_good_weights(monkeypatch, tmp_path):
    _poison_autoencoder(monkeypatch, 17, float("inf"))
    path = tmp_path / "last_good.safetensors"
    snaps = run_to_end(RunConfig(dataset="digits", cadence=QUIET, save_on_end=str(path)))  # nobody to press Play
    event = [e for e in of_type(snaps, RunEvent) if e.kind == "diverged"][0]
    assert "step 18" in event.message and "The run ends here with the weights of step 17" in event.message
    assert "Play" not in event.message
    assert snaps[-1].kind == "diverged" and snaps[-1].step == 17 and snaps[-1].saved_to == str(path)
    assert read_checkpoint(path).step == 17


def test_exploding_weights_pause_before_they_are_lost():
    """Barlow Twins with SGD at lr 1 and momentum 0.999: the loss stays finite while the weights grow
    some 6-fold a step (to 5e15 in the issue's run). The guard must stop it, with weights of sane size."""
    settings = {"optimizer": "sgd", "lr": 1.0, "momentum": 0.999}
    snaps = run_to_end(RunConfig(method="barlow_twins", dataset="digits", steps=200, run_params=settings,
                                 cadence=QUIET))
    event = [e for e in of_type(snaps, RunEvent) if e.kind == "diverged"][0]
    assert "the weights grew" in event.message
    assert snaps[-1].kind == "diverged" and snaps[-1].step < 50 and snaps[-1].step % 5 == 0  # a checked step


def test_a_gradient_spike_pauses_at_the_last_checked_step(monkeypatch):
    _poison_autoencoder(monkeypatch, 32, 1e9)  # finite, but its gradient is a billion times the usual
    control = RunControl(interactive=True)
    gen = train(RunConfig(dataset="digits", cadence=QUIET, run_params={"optimizer": "sgd", "lr": 0.01}), control)
    event = next_of(gen, RunEvent)
    assert event.kind == "diverged" and "gradient norm jumped" in event.message
    assert "back at step 30" in event.message and control.paused
    control.stop()
    assert list(gen)[-1].step == 30


def test_out_of_memory_pauses_with_a_message(monkeypatch):
    real = Autoencoder.training_step

    def hungry(self, batch):
        if batch.step == 7:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")
        return real(self, batch)

    monkeypatch.setattr(Autoencoder, "training_step", hungry)
    control = RunControl(interactive=True)  # the app: pause, and let the user save
    gen = train(RunConfig(dataset="digits", cadence=QUIET), control)
    event = next_of(gen, RunEvent)
    assert event.kind == "out_of_memory" and "batch size 128" in event.message
    assert control.paused
    control.stop()
    assert list(gen)[-1].kind == "stopped"


def test_resume_continues_from_the_saved_step_and_optimizer_state(tmp_path):
    path = tmp_path / "ae.safetensors"
    run_to_end(RunConfig(dataset="digits", steps=10, save_on_end=str(path), cadence=QUIET))
    snaps = run_to_end(RunConfig(resume=str(path), steps=5, cadence=QUIET, save_on_end=str(path)))
    assert snaps[0].step == 10 and snaps[0].method == "autoencoder" and snaps[0].dataset == "digits"
    assert list(losses(snaps)[0]) == [11, 12, 13, 14, 15]
    ckpt = read_checkpoint(path)
    assert ckpt.step == 15 and float(ckpt.optimizer_state["state"][0]["step"]) == 15
    mismatch = list(train(RunConfig(method="vae", resume=str(path), steps=1)))
    assert mismatch[-1].kind == "failed" and "not 'vae'" in mismatch[-1].message


def test_continuing_is_the_same_as_not_stopping(tmp_path):
    """10 + 5 steps give the losses of 15 steps straight: the weights and the optimiser's state come back.
    Only the batch order starts afresh on resuming, so every batch here is the whole training set."""
    path = tmp_path / "ae.safetensors"
    whole = {"batch_size": 1438}  # digits' training images
    straight = losses(run_to_end(RunConfig(dataset="digits", steps=15, run_params=whole, cadence=QUIET)))[1]
    run_to_end(RunConfig(dataset="digits", steps=10, run_params=whole, save_on_end=str(path), cadence=QUIET))
    resumed = losses(run_to_end(RunConfig(resume=str(path), steps=5, cadence=QUIET)))[1]
    np.testing.assert_allclose(resumed, straight[10:], rtol=1e-4)


def test_probe_indices_cycle_through_classes():
    labels = np.array([0, 0, 1, 1, 2, 2, 2])
    assert labels[probe_indices(labels, 5)].tolist() == [0, 1, 2, 0, 1]


def test_batch_larger_than_the_data_is_clamped_with_a_warning():
    snaps = run_to_end(RunConfig(dataset="digits", steps=2, run_params={"batch_size": 5000}, cadence=QUIET))
    warnings = [e.message for e in of_type(snaps, RunEvent) if e.kind == "warning"]
    assert any("more than the 1438 training images" in w for w in warnings)
    assert snaps[-1].kind == "finished"


def test_embeddings_interval_stretches_to_keep_their_share_of_the_time():
    from engine.training.config import Cadence
    from engine.training.schedule import ReportSchedule

    schedule = ReportSchedule(Cadence(embeddings_interval_s=6.0, embeddings_share=0.04))
    schedule.t_embeddings, schedule.embeddings_costs = 100.0, [0.1, 0.1]
    due = schedule.embeddings_due
    assert not due(105.9) and due(106.0)  # cheap embeddings: the interval as set
    schedule.embeddings_costs = [0.4, 0.3, 0.5, 0.4]  # 0.4 s on average: 4% of the time means every 10 s
    assert not due(109.9) and due(110.0)
    schedule.cad = Cadence(embeddings_interval_s=6.0)  # no share: a fixed interval, however slow
    assert due(106.0)
    schedule.cad = Cadence()
    assert not due(1e9)  # no embeddings at all
