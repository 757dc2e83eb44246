"""The mechanics of the self-supervised methods: momentum updates, the queue, masking, codebooks, and
the collapse switches."""

import numpy as np
import pytest
import torch

from engine.data.augment import AugmentConfig, augment, make_generator
from engine.data import load_dataset
from engine.errors import ParamError
from engine.analysis.evaluate import CollapseWatch, collapse_stats
from engine.methods import Batch, create_method


def test_byol_target_moves_by_the_scheduled_rate():
    torch.manual_seed(0)
    m = create_method("byol", {"tau_base": 0.9, "schedule_steps": 100}, (1, 8, 8))
    assert m.tau(0) == pytest.approx(0.9) and m.tau(100) == pytest.approx(1.0)
    assert m.tau(50) == pytest.approx(0.95)
    online = next(m.backbone.parameters())
    target = next(m.target_backbone.parameters())
    with torch.no_grad():
        online.add_(1.0)  # as if an optimiser step moved the online network
    before_t, before_o = target.clone(), online.clone()
    m.after_step(50)
    assert torch.allclose(target, 0.95 * before_t + 0.05 * before_o, atol=1e-6)


def test_moco_key_encoder_follows_by_the_momentum():
    m = create_method("moco", {"momentum": 0.8, "queue_size": 16}, (1, 8, 8))
    online, key = next(m.backbone.parameters()), next(m.key_backbone.parameters())
    with torch.no_grad():
        online.add_(1.0)
    expected = 0.8 * key.clone() + 0.2 * online.clone()
    m.after_step(0)
    assert torch.allclose(key, expected, atol=1e-6)


def test_moco_queue_holds_the_stated_keys():
    m = create_method("moco", {"queue_size": 5, "projection_dim": 4}, (1, 8, 8))
    keys = torch.nn.functional.normalize(torch.randn(3, 4), dim=1)
    m.enqueue(keys)
    assert int(m.queue_filled) == 3 and torch.equal(m.queue[:3], keys)
    more = torch.nn.functional.normalize(torch.randn(3, 4), dim=1)
    m.enqueue(more)  # wraps around: 5 slots, 6 keys, the oldest is overwritten
    assert int(m.queue_filled) == 5 and int(m.queue_pointer) == 1
    assert torch.equal(m.queue[3:5], more[:2]) and torch.equal(m.queue[0], more[2])
    assert torch.equal(m.queue[1:3], keys[1:3])


@pytest.mark.parametrize("ratio", [0.0, 0.5, 0.75, 0.9])
def test_mae_masks_exactly_the_stated_share(ratio):
    m = create_method("mae", {"mask_ratio": ratio, "patch_size": 4}, (1, 28, 28))
    mask = m.random_mask(16, "cpu")
    hidden = 49 - max(1, round(49 * (1 - ratio)))
    assert (mask.sum(1) == hidden).all()
    assert len({tuple(r.tolist()) for r in mask}) > 1 or ratio == 0.0  # different patches per image


def test_mae_patch_size_must_divide_the_image():
    with pytest.raises(ParamError, match="does not divide the image side 28; choose one of \\[2, 4, 7\\]"):
        create_method("mae", {"patch_size": 8}, (1, 28, 28))


def test_mae_shows_masked_input_and_pasted_reconstruction():
    m = create_method("mae", {}, (1, 28, 28)).eval()
    x = torch.rand(3, 1, 28, 28)
    with torch.no_grad():
        out = m.images_of(x, m.fixed_mask(x))
    visible = (out["masked"] != 0.5)
    assert torch.allclose(out["reconstruction + visible"][visible], x[visible])  # visible pixels are the input's


def test_vqvae_codebook_starts_on_the_data_and_reports_usage():
    torch.manual_seed(0)
    m = create_method("vqvae", {"codebook_size": 8, "dead_after": 2}, (1, 8, 8))
    x = torch.rand(16, 1, 8, 8)
    out = m.training_step(Batch(x, (), 0))
    q = m.quantiser
    assert bool(q.initialised) and 1 <= out["perplexity"].item() <= 8
    z_e = m.encode_grid(x).detach().permute(0, 2, 3, 1).reshape(-1, m.params.code_dim)
    dist = torch.cdist(q.codebook, z_e).min(dim=1).values
    assert (dist < 0.2).all()  # codes start on encoder outputs (the first EMA update moves them a little)
    q.last_used.zero_()
    m.after_step(5)  # every code unused for 6 steps counts as dead and is re-seeded
    assert (q.last_used == 6).all()
    assert m.decode_codes(torch.zeros(2, m.grid, m.grid, dtype=torch.long)).shape == (2, 1, 8, 8)


@pytest.mark.parametrize("side", [8, 28])
def test_vqvae_beta_weighs_the_commitment_per_latent_element_against_the_reconstruction_per_pixel(side):
    """The paper's eq. 3 with each term a mean over its own elements: whatever the image size, the loss
    per pixel is reconstruction per pixel + beta * commitment per latent element."""
    torch.manual_seed(0)
    beta = 0.25
    m = create_method("vqvae", {"commitment": beta, "ema": True}, (1, side, side))
    out = m.training_step(Batch(torch.rand(4, 1, side, side), (), 0))
    pixels = side * side
    per_pixel = (out["loss"] - out["reconstruction"]) / pixels
    assert per_pixel.item() == pytest.approx(beta * out["commitment"].item(), rel=1e-4)


def test_vqvae_without_moving_averages_trains_its_codebook_by_the_codebook_loss():
    """With ema off, eq. 3's || sg[z_e] - e ||^2 is what moves the codes: the codebook must be a
    parameter the optimiser steps (it was a buffer, so nothing but re-seeding ever moved it)."""
    from engine.training.config import RunParams

    torch.manual_seed(0)
    m = create_method("vqvae", {"codebook_size": 8, "ema": False, "reset_dead_codes": False}, (1, 8, 8))
    opt = m.configure_optimizers(RunParams())["model"]
    x = torch.rand(16, 1, 8, 8)
    m.training_step(Batch(x, (), 0))  # the first step starts the codebook on encoder outputs
    before = m.quantiser.codebook.detach().clone()
    opt.zero_grad()
    out = m.training_step(Batch(x, (), 1))
    out["loss"].backward()
    assert m.quantiser.codebook.grad is not None and m.quantiser.codebook.grad.abs().sum() > 0
    opt.step()
    assert not torch.equal(m.quantiser.codebook.detach(), before)
    # with moving averages the codebook stays out of the optimiser's reach
    ema = create_method("vqvae", {"codebook_size": 8, "ema": True}, (1, 8, 8))
    assert all(p is not ema.quantiser.codebook for p in ema.parameters())


def test_vqvae_checkpoint_keeps_the_steps_since_each_code_was_used(tmp_path):
    from engine.training.checkpoint import read_checkpoint, restore_method, save_checkpoint

    torch.manual_seed(0)
    params = {"codebook_size": 8, "dead_after": 5, "reset_dead_codes": False}
    m = create_method("vqvae", params, (1, 8, 8))
    for step in range(20, 23):
        m.training_step(Batch(torch.rand(4, 1, 8, 8), (), step))
        m.after_step(step)
    m.quantiser.last_used[:2] = 10  # two codes last used at step 10: 13 steps unused, more than dead_after
    x = torch.rand(4, 1, 8, 8)
    assert _value(m.eval().diagnostics(x, ()), "codes unused lately") == "2"
    path = save_checkpoint(tmp_path / "vq.safetensors", m, None,
                           {"method": "vqvae", "params": params, "image_shape": [1, 8, 8], "step": 23})
    restored = restore_method(read_checkpoint(path)).eval()
    assert _value(restored.diagnostics(x, ()), "codes unused lately") == "2"


def test_vqvae_checkpoint_from_before_the_quantiser_module_still_loads():
    """Checkpoints saved when the codebook lived at the method's top level ("codebook", "last_used"...,
    before engine/nn/quantiser.py; without "steps_taken", older still) load into the quantiser."""
    torch.manual_seed(0)
    m = create_method("vqvae", {"codebook_size": 8}, (1, 8, 8))
    m.training_step(Batch(torch.rand(4, 1, 8, 8), (), 0))
    m.quantiser.last_used[:] = torch.arange(8)
    old = {k.replace("quantiser.", ""): v.clone() for k, v in m.state_dict().items() if k != "quantiser.steps_taken"}
    fresh = create_method("vqvae", {"codebook_size": 8}, (1, 8, 8))
    fresh.load_state_dict(old, strict=True)
    assert torch.equal(fresh.quantiser.codebook, m.quantiser.codebook)
    assert int(fresh.quantiser.steps_taken) == 7  # the last step any code was used


def _value(figures, title: str):
    from engine.figures import Value

    return next(f.value for f in figures if isinstance(f, Value) and f.title == title)


def _head_rank_and_spread(method, params, steps, seed=0, batch=128):
    """Train on digits; (effective rank, spread) of the projector output on held-out images."""
    torch.manual_seed(seed)
    ds = load_dataset("digits")
    m = create_method(method, params, ds.image_shape)
    opt = torch.optim.Adam(m.parameters(), 1e-3)
    g = make_generator("cpu", seed)
    cfg = AugmentConfig.for_dataset(ds.flip_ok, 8)
    gen = torch.Generator().manual_seed(seed)
    for step in range(steps):
        x = ds.train.images[torch.randint(len(ds.train), (batch,), generator=gen)]
        out = m.training_step(Batch(x, (augment(x, cfg, g), augment(x, cfg, g)), step))
        opt.zero_grad()
        out["loss"].backward()
        opt.step()
        m.after_step(step)
    m.eval()
    with torch.no_grad():
        c = collapse_stats(m.head(ds.heldout.images[:300]).numpy())
    return c.effective_rank, c.std / c.std_reference


@pytest.mark.parametrize("method,switch,steps,gauge,factor", [
    ("simsiam", {"stop_gradient": False}, 150, 0, 0.6),
    ("simsiam", {"use_predictor": False}, 150, 0, 0.6),
    ("byol", {"stop_gradient": False}, 150, 0, 0.4),
    ("byol", {"use_predictor": False}, 150, 1, 0.7),
    ("vicreg", {"use_variance": False}, 300, 1, 0.5),
])
def test_collapse_switches_collapse(method, switch, steps, gauge, factor):
    """gauge 0: effective rank, 1: spread of the normalised outputs; with the switch off it must fall."""
    healthy = _head_rank_and_spread(method, {}, steps)
    broken = _head_rank_and_spread(method, switch, steps)
    assert broken[gauge] < factor * healthy[gauge], (healthy, broken)


def _drawn_together(rng, d, dims, offset):
    """(500, d) embeddings on ``dims`` random directions around a common offset: rank and spread fall."""
    basis = rng.normal(size=(dims, d))
    return offset + rng.normal(size=(500, dims)) @ basis / np.sqrt(d)


def test_collapse_warnings_say_in_words_what_the_gauges_show():
    rng = np.random.default_rng(0)
    d = 64
    healthy = rng.normal(size=(500, d))  # rank about d
    assert collapse_stats(healthy).warning == ""
    line = np.outer(rng.normal(size=500), rng.normal(size=d))  # rank 1
    assert collapse_stats(line).warning.startswith(f"Collapsed: effective rank 1.0 of {d}")
    few = rng.normal(size=(500, 4)) @ rng.normal(size=(4, d))  # 4 of 64 dimensions: under a tenth
    assert collapse_stats(few).warning.startswith("Collapsing: effective rank") and f"of {d}." in collapse_stats(few).warning


def test_collapse_watch_warns_when_a_run_falls_from_its_own_best():
    rng = np.random.default_rng(0)
    d = 64
    healthy, together = rng.normal(size=(500, d)), _drawn_together(rng, d, 16, 1.0)
    c = collapse_stats(together)
    assert c.effective_rank > 0.1 * d and c.spread > 0.1  # alone, it passes every absolute threshold
    assert c.warning == ""
    watch = CollapseWatch()
    assert watch.warning(collapse_stats(healthy)) == ""
    warning = watch.warning(c)
    assert warning.startswith(f"Collapsing: effective rank {c.effective_rank:.1f} of {d} (best in this run")
    # Rank halved but spread held (a reconstruction method leaving its random start): no warning.
    watch = CollapseWatch()
    watch.warning(collapse_stats(healthy))
    assert watch.warning(collapse_stats(_drawn_together(rng, d, 16, 0.0))) == ""
    # Everything shrinks towards 0 with the directions intact (VICReg without its variance term).
    watch = CollapseWatch()
    watch.warning(collapse_stats(healthy))
    assert "shrunk to 5% of their size" in watch.warning(collapse_stats(0.05 * healthy))
    assert watch.warning(collapse_stats(0.5 * healthy)) == ""


def test_collapse_watch_tells_an_untrained_start_from_a_collapse():
    rng = np.random.default_rng(0)
    d = 64
    one_way = 5.0 + 0.1 * rng.normal(size=(500, d))  # all about the same direction, as ReLU features at step 0
    watch = CollapseWatch()
    assert watch.warning(collapse_stats(one_way)).startswith("Not spread out yet: effective rank")
    watch.warning(collapse_stats(rng.normal(size=(500, d))))  # training spread them out
    assert watch.warning(collapse_stats(one_way)).startswith("Collapsed: effective rank")


def test_simclr_at_batch_size_2_loses_dimensions():
    healthy = _head_rank_and_spread("simclr", {}, 150)
    tiny = _head_rank_and_spread("simclr", {}, 150, batch=2)
    assert tiny[0] < 0.8 * healthy[0], (healthy, tiny)


def test_rotation_rows_and_labels():
    m = create_method("rotation", {}, (1, 8, 8)).eval()
    x = torch.rand(6, 1, 8, 8)
    with torch.no_grad():
        rows = m.probe_rows(x, ())
        figures = m.diagnostics(x, ())
    assert torch.equal(rows["rotated input"][1], torch.rot90(x[1], 1, dims=(1, 2)))
    gallery = next(f for f in figures if f.title.startswith("rotated images"))
    # Each rotated image captioned "true→predicted", flagged where the two differ.
    assert np.allclose(gallery.images[1], rows["rotated input"][1].permute(1, 2, 0).numpy())
    assert [c.split("→")[0] for c in gallery.captions[:5]] == ["0°", "90°", "180°", "270°", "0°"]
    assert gallery.flags == tuple(t != p for t, p in (c.split("→") for c in gallery.captions))
    assert len(gallery.captions) == 6
    assert np.isfinite(float(_value(figures, "rotation accuracy on these images").rstrip("%")))
