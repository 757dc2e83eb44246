"""The Method contract for what comes next (issue 12, 3a/3b): a method that owns several optimisers
and decides their steps (a toy WGAN), and a data set of token sequences trained through the same loop.

The toy method and data set are defined and registered inside the fixtures only, and unregistered after,
so the app's lists of methods and data sets never see them.
"""

import json
from dataclasses import dataclass
from math import prod

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from engine.data import Dataset, Split, _LOADERS, _OFFLINE, register
from engine.data.batch import Batch
from engine.methods import Method, base
from engine.params import param
from engine.training.checkpoint import read_checkpoint, save_checkpoint
from engine.training.config import RunConfig, RunParams
from engine.training.optimizers import Optimizers, make_optimizer
from engine.training.snapshots import RunEvent, RunStarted
from tests.helpers import QUIET, losses, of_type, run_to_end

CRITIC_LR_SCALE = 2.0


@dataclass(frozen=True)
class ToyGANParams:
    critic_steps: int = param(3, low=1, high=10, help="critic updates per generator update")


@pytest.fixture
def toy_gan():
    """A WGAN on the 8x8 digits: an MLP generator from 4-d noise and an MLP critic, each with its own
    optimiser; ``poison`` = (optimiser name, batch.step) makes that optimiser's first loss of that step NaN."""

    class ToyGAN(Method):
        name, label, family = "toy_gan", "toy WGAN", "reconstruction"
        paper = "Arjovsky, Chintala, Bottou 2017, Wasserstein GAN (no clipping: a few steps only)"
        Params = ToyGANParams
        poison: tuple[str, int] | None = None

        def __init__(self, params, image_shape):
            super().__init__(params, image_shape)
            d = prod(image_shape)
            self.maker = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, d), nn.Sigmoid())
            self.critic = nn.Sequential(nn.Linear(d, 32), nn.ReLU(), nn.Linear(32, 1))

        def embed(self, x):
            return self.critic[:2](x.flatten(1))

        def configure_optimizers(self, settings):
            return {"critic": make_optimizer(settings, self.critic.parameters(), lr_scale=CRITIC_LR_SCALE),
                    "generator": make_optimizer(settings, self.maker.parameters())}

        def _fakes(self, n, device):
            return self.maker(torch.randn(n, 4, generator=self.generator, device=device))  # (B, D)

        def _poisoned(self, name, loss, step):
            return loss * float("nan") if self.poison == (name, step) else loss

        def optimization_step(self, batch, optimizers):
            real = batch.images.flatten(1)  # (B, D)
            for _ in range(self.params.critic_steps):
                fake = self._fakes(len(real), real.device).detach()
                critic_loss = self.critic(fake).mean() - self.critic(real).mean()
                optimizers.step("critic", self._poisoned("critic", critic_loss, batch.step))
            generator_loss = -self.critic(self._fakes(len(real), real.device)).mean()
            optimizers.step("generator", self._poisoned("generator", generator_loss, batch.step))
            return {"loss": generator_loss.detach(), "critic": critic_loss.detach()}

    yield ToyGAN
    base._REGISTRY.pop("toy_gan", None)


def _gan_config(**kw) -> RunConfig:
    return RunConfig(method="toy_gan", dataset="digits", cadence=QUIET, run_params={"batch_size": 64}, **kw)


def _steps_of(ckpt, n_critic_tensors=4):
    """The Adam step counts of the critic's and of the generator's parameters, from a checkpoint."""
    state = ckpt.optimizer_state["state"]
    counts = [int(state[i]["step"]) for i in sorted(state)]
    return set(counts[:n_critic_tensors]), set(counts[n_critic_tensors:])


def test_both_optimisers_step_and_the_critic_k_times_per_generator_step(toy_gan, tmp_path):
    path = tmp_path / "gan.safetensors"
    snaps = run_to_end(_gan_config(steps=4, save_on_end=str(path), method_params={"critic_steps": 3}))
    assert snaps[-1].kind == "finished" and snaps[-1].step == 4
    assert list(losses(snaps)[0]) == [1, 2, 3, 4] and len(losses(snaps, "critic")[1]) == 4
    ckpt = read_checkpoint(path)
    groups = ckpt.optimizer_state["param_groups"]
    assert [g["optimizer"] for g in groups] == ["critic", "generator"]
    assert groups[0]["lr"] == pytest.approx(CRITIC_LR_SCALE * 1e-3) and groups[1]["lr"] == pytest.approx(1e-3)
    assert _steps_of(ckpt) == ({12}, {4})  # 3 critic updates per generator update, 4 steps


def test_resuming_round_trips_both_optimiser_states(toy_gan, tmp_path):
    path = tmp_path / "gan.safetensors"
    run_to_end(_gan_config(steps=4, save_on_end=str(path)))
    snaps = run_to_end(_gan_config(resume=str(path), steps=2, save_on_end=str(path)))
    assert snaps[0].step == 4 and not [e for e in of_type(snaps, RunEvent) if e.kind == "warning"]
    assert _steps_of(read_checkpoint(path)) == ({18}, {6})  # both states went on from where they were


def test_save_and_load_give_back_every_optimisers_state(toy_gan, tmp_path):
    torch.manual_seed(0)
    model = toy_gan(ToyGANParams(), (1, 8, 8))
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    batch = Batch(torch.rand(16, 1, 8, 8), (), 0)
    for step in range(3):
        optimizers.begin_step()
        model.optimization_step(Batch(batch.images, (), step), optimizers)
    save_checkpoint(tmp_path / "g.safetensors", model, optimizers, {"method": "toy_gan", "params": {},
                                                                     "image_shape": [1, 8, 8], "step": 3})
    fresh = Optimizers(model.configure_optimizers(RunParams()))
    fresh.load_state_dict(read_checkpoint(tmp_path / "g.safetensors").optimizer_state)
    for name in ("critic", "generator"):
        saved, loaded = optimizers[name].state_dict(), fresh[name].state_dict()
        assert json.loads(json.dumps(saved["param_groups"])) == loaded["param_groups"]  # tuples come back as lists
        for i, entry in saved["state"].items():
            for key, value in entry.items():
                assert torch.equal(torch.as_tensor(value), torch.as_tensor(loaded["state"][i][key])), (name, i, key)
    other = Optimizers({"d": make_optimizer(RunParams(), model.critic.parameters()),
                        "g": make_optimizer(RunParams(), model.maker.parameters())})
    with pytest.raises(ValueError, match="critic, generator"):
        other.load_state_dict(optimizers.state_dict())


def test_a_live_learning_rate_reaches_every_optimiser_scaled(toy_gan):
    model = toy_gan(ToyGANParams(), (1, 8, 8))
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    optimizers.apply(RunParams(lr=0.01, weight_decay=0.5))
    assert [g["lr"] for g in optimizers.param_groups] == pytest.approx([0.02, 0.01])
    assert {g["weight_decay"] for g in optimizers.param_groups} == {0.5}


@pytest.mark.parametrize("poisoned, good_step", [("generator", 5), ("critic", 6)])
def test_a_non_finite_loss_in_one_optimiser_leaves_the_weights_of_the_last_good_step(toy_gan, tmp_path,
                                                                                     poisoned, good_step):
    """Step 7's loss is NaN. In the critic's first update: no update of step 7 was taken, so the weights
    of step 6 stay. In the generator's: the critic has updated already, so step 7 is spoilt and the
    weights go back to the last checked step (5; QUIET checks every 5). Either way they are exactly a
    straight run's weights at that step, both optimisers' states too."""
    toy_gan.poison = (poisoned, 6)
    path, reference = tmp_path / "guarded.safetensors", tmp_path / "reference.safetensors"
    snaps = run_to_end(_gan_config(save_on_end=str(path)))
    event = [e for e in of_type(snaps, RunEvent) if e.kind == "diverged"][0]
    assert "at step 7" in event.message and f"weights of step {good_step}" in event.message
    assert snaps[-1].kind == "diverged" and snaps[-1].step == good_step
    toy_gan.poison = None
    run_to_end(_gan_config(steps=good_step, save_on_end=str(reference)))
    got, want = read_checkpoint(path), read_checkpoint(reference)
    assert got.step == want.step == good_step
    for key, value in want.model_state.items():
        assert torch.equal(got.model_state[key], value), key
    for i, entry in want.optimizer_state["state"].items():
        for key, value in entry.items():
            assert torch.equal(torch.as_tensor(got.optimizer_state["state"][i][key]), torch.as_tensor(value))


# -- token sequences ------------------------------------------------------------------------------
VOCAB, SEQ_LEN = "abcde", 12


@pytest.fixture
def toy_tokens():
    """A data set of token sequences: each counts up from a random symbol, modulo the vocabulary, so the
    next token follows from the current one. Its label is the first symbol."""

    @register("toy_tokens", offline=True)
    def load(n: int = 400) -> Dataset:
        g = torch.Generator().manual_seed(0)
        start = torch.randint(0, len(VOCAB), (n, 1), generator=g)
        tokens = (start + torch.arange(SEQ_LEN)) % len(VOCAB)  # (N, T)
        cut = n * 4 // 5
        labels = start[:, 0]
        return Dataset("toy_tokens", Split(None, labels[:cut], tokens=tokens[:cut]),
                       Split(None, labels[cut:], tokens=tokens[cut:]), tuple(VOCAB), kind="tokens",
                       vocab=tuple(VOCAB), description="counting sequences")

    yield load
    _LOADERS.pop("toy_tokens", None)
    _OFFLINE.discard("toy_tokens")


@dataclass(frozen=True)
class ToyNextTokenParams:
    width: int = param(16, low=2, high=256, help="embedding width")


@pytest.fixture
def toy_next_token():
    """A bigram next-token model: an embedding of each token, a linear read-out of the next."""

    class ToyNextToken(Method):
        name, label, family = "toy_next_token", "toy next token", "pretext tasks"
        paper = "Bengio et al. 2003, A Neural Probabilistic Language Model (a bigram of it)"
        Params = ToyNextTokenParams
        data_kinds = ("tokens",)
        batches: list = []

        def __init__(self, params, image_shape):
            super().__init__(params, image_shape)
            _, self.context, vocab = image_shape  # (1, T, V): the one-hot sequence's shape
            self.embedding = nn.Embedding(vocab, params.width)
            self.read_out = nn.Linear(params.width, vocab)

        def training_step(self, batch):
            type(self).batches.append(batch)
            logits = self.read_out(self.embedding(batch.tokens[:, :-1]))  # (B, T - 1, V)
            return {"loss": F.cross_entropy(logits.flatten(0, 1), batch.tokens[:, 1:].flatten())}

        def embed(self, x):
            return self.embedding(x).mean(1)  # (B, T) -> (B, D)

    ToyNextToken.batches = []
    yield ToyNextToken
    base._REGISTRY.pop("toy_next_token", None)


DEVICES = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])


@pytest.mark.parametrize("device", DEVICES)
def test_token_sequences_train_through_the_same_loop(toy_tokens, toy_next_token, device, tmp_path):
    path = tmp_path / "tokens.safetensors"
    config = RunConfig(method="toy_next_token", dataset="toy_tokens", steps=40, cadence=QUIET, save_on_end=str(path),
                       run_params={"batch_size": 32, "lr": 0.05, "device": device})
    snaps = run_to_end(config)
    started = snaps[0]
    assert isinstance(started, RunStarted) and started.image_shape == (1, SEQ_LEN, len(VOCAB))
    assert snaps[-1].kind == "finished" and snaps[-1].step == 40
    steps, loss = losses(snaps)
    assert list(steps) == list(range(1, 41))
    assert loss[-5:].mean() < 0.5 * loss[:5].mean()  # the next symbol is learnt
    batch = toy_next_token.batches[0]
    assert batch.images is None and batch.views == () and batch.tokens.dtype == torch.int64
    assert batch.tokens.shape == (32, SEQ_LEN) and batch.labels.shape == (32,) and len(batch) == 32
    assert batch.tokens.device.type == device and batch.labels.device.type == device  # on the run's device
    assert [b.step for b in toy_next_token.batches[:3]] == [0, 1, 2]
    resumed = run_to_end(RunConfig(resume=str(path), steps=2, cadence=QUIET))  # checkpoints carry it too
    assert resumed[0].step == 40 and resumed[-1].kind == "finished" and resumed[-1].step == 42


def test_a_method_refuses_data_of_a_kind_it_does_not_train_on(toy_tokens):
    snaps = list(run_to_end(RunConfig(method="autoencoder", dataset="toy_tokens", steps=1)))
    assert snaps[-1].kind == "failed" and "trains on images" in snaps[-1].message


def test_a_batch_moves_every_tensor_to_a_device():
    batch = Batch(None, (), 3, labels=torch.zeros(4, dtype=torch.long), tokens=torch.ones(4, 7, dtype=torch.long),
                  captions=None)
    moved = batch.to(DEVICES[-1])
    assert moved.tokens.device.type == DEVICES[-1] and moved.labels.device.type == DEVICES[-1]
    assert moved.step == 3 and moved.images is None and len(moved) == 4
    assert np.array_equal(moved.tokens.cpu().numpy(), np.ones((4, 7)))
