"""Real, binary and one-hot codes for the autoencoder (engine/nn/discrete_codes.py)."""

import math

import pytest
import torch

from engine.data.batch import Batch
from engine.errors import ParamError
from engine.methods import create_method
from engine.nn.discrete_codes import (CODES, apply_code, binary_code, check_code, code_indices, gumbel_code,
                                      one_hot_code)
from engine.nn.losses import reconstruction_loss
from engine.nn.networks import ConvDecoder, ConvEncoder
from engine.training.checkpoint import read_checkpoint
from engine.training.config import RunConfig
from engine.training.snapshots import RunStarted
from tests.helpers import QUIET, losses, of_type, run_to_end

SHAPE = (1, 8, 8)
DISCRETE = {"binary": {}, "one-hot": {"one_hot_k": 4}, "gumbel": {"one_hot_k": 4, "temperature": 0.5}}


def _is_one_hot(codes: torch.Tensor, k: int) -> bool:
    groups = codes.reshape(codes.shape[0], -1, k)  # (B, G, K)
    return bool(((groups == 0) | (groups == 1)).all() and (groups.sum(-1) == 1).all())


def test_each_code_is_exactly_binary_or_one_hot_in_the_forward_pass():
    logits = torch.randn(16, 12, generator=torch.Generator().manual_seed(0)) * 3
    logits[0, 0] = 0.0  # sign(0) counts as +1
    b = binary_code(logits)
    assert set(b.unique().tolist()) <= {-1.0, 1.0} and b[0, 0] == 1.0
    assert torch.equal(b, torch.where(logits >= 0, 1.0, -1.0))
    for k in (2, 3, 4, 6):
        h = one_hot_code(logits, k)
        assert _is_one_hot(h, k)
        assert torch.equal(code_indices(h, k), logits.reshape(16, -1, k).argmax(-1))  # the arg max is on
        g = gumbel_code(logits, k, 0.3, torch.Generator().manual_seed(1), sample=True)
        assert _is_one_hot(g, k)
        assert torch.equal(gumbel_code(logits, k, 0.3, sample=False), h)  # no noise: the most likely value


def test_gumbel_samples_follow_the_softmax_and_the_generator():
    logits = torch.tensor([[2.0, 0.0, -1.0]]).expand(4000, 3)
    codes = gumbel_code(logits, 3, 1.0, torch.Generator().manual_seed(0))
    share = codes.mean(0)  # the Gumbel-max trick samples the softmax's categorical distribution
    assert torch.allclose(share, logits[0].softmax(-1), atol=0.03)
    again = gumbel_code(logits, 3, 1.0, torch.Generator().manual_seed(0))
    assert torch.equal(codes, again)


@pytest.mark.parametrize("code", CODES)
def test_gradients_pass_through_every_code(code):
    torch.manual_seed(0)
    logits = torch.randn(8, 8, requires_grad=True)
    out = apply_code(code, logits, 4, 0.5, torch.Generator().manual_seed(0), sample=True)
    (out * torch.randn(8, 8)).sum().backward()
    assert logits.grad is not None and logits.grad.abs().sum() > 0
    # And through a whole autoencoder, down to the encoder's first layer.
    model = create_method("autoencoder", {"code": code, **DISCRETE.get(code, {})}, SHAPE)
    x = torch.rand(6, *SHAPE)
    loss = model.training_step(Batch(images=x))["loss"]
    loss.backward()
    first = next(model.encoder.parameters())
    assert math.isfinite(loss.item()) and first.grad is not None and first.grad.abs().sum() > 0


def test_gumbel_training_draws_from_the_runs_generator_only():
    model = create_method("autoencoder", {"code": "gumbel", "one_hot_k": 2}, SHAPE).train()
    x = torch.rand(32, *SHAPE, generator=torch.Generator().manual_seed(0))
    drawn = []
    for seed in (5, 5, 6):
        model.generator = torch.Generator().manual_seed(seed)
        state = torch.get_rng_state()
        with torch.no_grad():
            drawn.append(model.code(x))
        assert torch.equal(torch.get_rng_state(), state)  # the global generator is left alone
    assert torch.equal(drawn[0], drawn[1]) and not torch.equal(drawn[0], drawn[2])
    assert model.set_param("temperature", 0.2) == 0.2  # live: it can be annealed while training


def test_binary_gradient_is_tanhs():
    logits = torch.tensor([-2.0, -0.1, 0.0, 0.5, 3.0], requires_grad=True)
    binary_code(logits).sum().backward()
    assert torch.allclose(logits.grad, 1 - torch.tanh(logits.detach()) ** 2)


@pytest.mark.parametrize("code", ["binary", "one-hot", "gumbel"])
def test_the_map_probes_and_sliders_get_the_code_the_decoder_sees(code):
    model = create_method("autoencoder", {"code": code, **DISCRETE.get(code, {})}, SHAPE).eval()
    x = torch.rand(5, *SHAPE)
    with torch.no_grad():
        z = model.embed(x)
        assert torch.equal(model.encode(x), z) and torch.equal(model.embed(x), z)  # same image, same code
        if code == "binary":
            assert set(z.unique().tolist()) <= {-1.0, 1.0}
        else:
            assert _is_one_hot(z, 4)
        images = model.decode(z)
        assert images.shape == (5, *SHAPE) and torch.equal(model.reconstruct(x).output, images)
        assert model.decode(torch.full((1, 8), 0.25)).shape == (1, *SHAPE)  # a slider between the values


def test_one_value_per_group_is_refused_with_a_reason():
    for code in ("one-hot", "gumbel"):
        with pytest.raises(ParamError) as e:
            create_method("autoencoder", {"code": code, "one_hot_k": 1}, SHAPE)
        message = str(e.value)
        assert "at least 2 values per group" in message and "says nothing about the image" in message
        assert e.value.args[0].template.startswith("one_hot_k:")  # a Words, so the window translates it
    snaps = run_to_end(RunConfig(method="autoencoder", dataset="digits", steps=1, cadence=QUIET,
                                 method_params={"code": "one-hot", "one_hot_k": 1}))
    failed = snaps[-1]  # RunEnded, before any step
    assert len(snaps) == 1 and failed.kind == "failed" and "at least 2 values per group" in failed.message
    check_code("real", 8, 1)  # K does not matter to a real or binary code
    check_code("binary", 8, 1)


def test_a_code_size_that_is_not_whole_groups_is_refused():
    with pytest.raises(ParamError, match="such as 8 or 12"):
        check_code("one-hot", 10, 4)
    with pytest.raises(ParamError, match="smaller than one group.*such as 4"):
        check_code("gumbel", 3, 4)
    with pytest.raises(ParamError, match="not one of"):
        create_method("autoencoder", {"code": "ternary"}, SHAPE)


def test_the_real_default_is_the_autoencoder_it_was():
    torch.manual_seed(3)
    default = create_method("autoencoder", {}, SHAPE)
    torch.manual_seed(3)
    real = create_method("autoencoder", {"code": "real"}, SHAPE)
    torch.manual_seed(3)  # the networks as the autoencoder made them before it had codes
    encoder, decoder = ConvEncoder(SHAPE, 8, 32, "group"), ConvDecoder(SHAPE, 8, 32, "group")
    assert default.params.code == "real"
    before = {**{f"encoder.{k}": v for k, v in encoder.state_dict().items()},
              **{f"decoder.{k}": v for k, v in decoder.state_dict().items()}}
    for model in (default, real):
        assert model.state_dict().keys() == before.keys()
        assert all(torch.equal(v, before[k]) for k, v in model.state_dict().items())
    x = torch.rand(4, *SHAPE, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        assert torch.equal(default.embed(x), encoder(x))
        expected = reconstruction_loss(decoder(encoder(x)), x, "bce")
        assert torch.equal(default.training_step(Batch(images=x))["loss"], expected)
    runs = [run_to_end(RunConfig(method="autoencoder", dataset="digits", steps=4, cadence=QUIET, method_params=mp,
                                 run_params={"batch_size": 32})) for mp in ({}, {"code": "real"})]
    assert (losses(runs[0])[1] == losses(runs[1])[1]).all()


@pytest.mark.parametrize("code", ["binary", "one-hot", "gumbel"])
def test_each_code_trains_on_digits(code):
    snaps = run_to_end(RunConfig(method="autoencoder", dataset="digits", steps=6, cadence=QUIET,
                                 method_params={"code": code, **DISCRETE[code]}, run_params={"batch_size": 32}))
    assert snaps[-1].kind != "failed", snaps[-1].message
    started = of_type(snaps, RunStarted)[0]
    assert started.params["code"] == code and started.latent_dim == 8
    steps, values = losses(snaps)
    assert len(values) > 0 and all(math.isfinite(v) for v in values)


def test_a_binary_run_resumes_from_its_checkpoint(tmp_path):
    path = tmp_path / "binary.safetensors"
    params = {"code": "binary", "latent_dim": 6}
    run_to_end(RunConfig(method="autoencoder", dataset="digits", steps=3, cadence=QUIET, method_params=params,
                         run_params={"batch_size": 32}, save_on_end=str(path)))
    ckpt = read_checkpoint(path)
    assert ckpt.step == 3 and ckpt.meta["params"]["code"] == "binary"
    snaps = run_to_end(RunConfig(resume=str(path), steps=2, cadence=QUIET))
    started = of_type(snaps, RunStarted)[0]
    assert started.step == 3 and started.params["code"] == "binary" and started.latent_dim == 6
    steps, values = losses(snaps)
    assert steps.max() == 5 and all(math.isfinite(v) for v in values)
