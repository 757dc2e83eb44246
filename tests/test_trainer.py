import threading
import time

import numpy as np
import torch

from engine.checkpoint import read_checkpoint
from engine.config import RunConfig
from engine.control import RunControl
from engine.methods.autoencoder import Autoencoder
from engine.snapshots import (Decoded, ImagesUpdate, LatentUpdate, LossUpdate, ParamChanged, RunEvent,
                              RunStarted, StateChanged)
from engine.trainer import probe_indices, train
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
    time.sleep(0.5)
    assert not of_type(out, LossUpdate)
    control.step()
    _wait_for(lambda: of_type(out, LossUpdate))
    time.sleep(0.3)
    assert [int(s) for u in of_type(out, LossUpdate) for s in u.steps] == [1]  # exactly one step
    assert of_type(out, ImagesUpdate)[-1].step == 1  # the views show the step at once
    control.resume()
    _wait_for(lambda: any(isinstance(s, StateChanged) and s.running for s in out))
    _wait_for(lambda: of_type(out, LossUpdate) and of_type(out, LossUpdate)[-1].step > 20)
    control.pause()
    _wait_for(lambda: any(isinstance(s, StateChanged) and not s.running for s in out))
    paused_at = of_type(out, StateChanged)[-1].step
    time.sleep(0.4)
    assert max(int(u.step) for u in of_type(out, LossUpdate)) == paused_at  # no steps while paused
    control.stop()
    worker.join(5)
    assert not worker.is_alive()
    assert out[-1].kind == "stopped" and out[-1].step == paused_at


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
    got = [next(gen) for _ in range(2 + 4 + 1 + 1)]  # images, latents, 4 params, save, decode
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


def test_nan_loss_pauses_and_restores_the_last_good_weights(monkeypatch, tmp_path):
    real = Autoencoder.training_step

    def poisoned(self, batch):
        out = real(self, batch)
        if batch.step >= 17:
            out["loss"] = out["loss"] * float("nan")
        return out

    monkeypatch.setattr(Autoencoder, "training_step", poisoned)
    control = RunControl()
    out = path = tmp_path / "last_good.safetensors"
    gen = train(RunConfig(dataset="digits", cadence=QUIET, save_on_end=str(path)), control)
    event = next_of(gen, RunEvent)
    assert event.kind == "diverged"
    assert "step 18" in event.message and "back at step 15" in event.message
    state = next_of(gen, StateChanged)
    assert not state.running and state.reason == "diverged"
    assert control.paused
    control.stop()
    end = list(gen)[-1]
    assert end.kind == "stopped" and end.step == 15
    ckpt = read_checkpoint(out)
    assert ckpt.step == 15
    assert all(torch.isfinite(v).all() for v in ckpt.model_state.values() if v.is_floating_point())


def test_out_of_memory_pauses_with_a_message(monkeypatch):
    real = Autoencoder.training_step

    def hungry(self, batch):
        if batch.step == 7:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")
        return real(self, batch)

    monkeypatch.setattr(Autoencoder, "training_step", hungry)
    control = RunControl()
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
    # Continuing is the same as not stopping: 10 + 5 steps match 15 steps straight, bar the batch order.
    mismatch = list(train(RunConfig(method="vae", resume=str(path), steps=1)))
    assert mismatch[-1].kind == "failed" and "not 'vae'" in mismatch[-1].message


def test_probe_indices_cycle_through_classes():
    labels = np.array([0, 0, 1, 1, 2, 2, 2])
    assert labels[probe_indices(labels, 5)].tolist() == [0, 1, 2, 0, 1]


def test_batch_larger_than_the_data_is_clamped_with_a_warning():
    snaps = run_to_end(RunConfig(dataset="digits", steps=2, run_params={"batch_size": 5000}, cadence=QUIET))
    warnings = [e.message for e in of_type(snaps, RunEvent) if e.kind == "warning"]
    assert any("more than the 1438 training images" in w for w in warnings)
    assert snaps[-1].kind == "finished"


def test_embeddings_interval_stretches_to_keep_their_share_of_the_time():
    from types import SimpleNamespace

    from engine.config import Cadence
    from engine.trainer_views import RunViews

    run = SimpleNamespace(cad=Cadence(embeddings_interval_s=6.0, embeddings_share=0.04), t_embeddings=100.0,
                          embeddings_costs=[0.1, 0.1])
    due = lambda now: RunViews.embeddings_due(run, now)  # noqa: E731
    assert not due(105.9) and due(106.0)  # cheap embeddings: the interval as set
    run.embeddings_costs = [0.4, 0.3, 0.5, 0.4]  # 0.4 s on average: 4% of the time means every 10 s
    assert not due(109.9) and due(110.0)
    run.cad = Cadence(embeddings_interval_s=6.0)  # no share: a fixed interval, however slow
    assert due(106.0)
    run.cad = Cadence()
    assert not due(1e9)  # no embeddings at all
