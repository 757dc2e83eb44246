"""The guard watches each weight tensor, not only their total: SimCLR at lr 1 grew its encoder's last
layer past 100 times its start within a few steps while the total (dominated by big tensors that hardly
moved) stayed under the limit and its loss stayed finite, and the run went on unwarned. Codes that are
not finite are told as a diverged run, not as codes "of the wrong shape"."""

import numpy as np
import torch
from torch import nn

from engine.training import requests
from engine.training.config import RunConfig, RunParams
from engine.training.control import Decode
from engine.training.guard import WEIGHT_GROWTH_LIMIT, Guard
from engine.training.optimizers import Optimizers, make_optimizer
from engine.training.snapshots import RunEvent
from tests.helpers import QUIET, of_type, run_to_end


def _big_and_small() -> tuple[nn.Sequential, Optimizers]:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(256, 256), nn.Linear(256, 4))  # the first holds nearly all the norm
    return model, Optimizers({"model": make_optimizer(RunParams(optimizer="sgd", lr=0.1), model.parameters())})


def test_one_tensor_grown_past_the_limit_is_divergence_though_the_total_is_not():
    model, optimizers = _big_and_small()
    guard = Guard(model, optimizers, step=0)
    with torch.no_grad():
        model[1].weight.mul_(2 * WEIGHT_GROWTH_LIMIT)
    total = guard.weight_norm()
    assert total < WEIGHT_GROWTH_LIMIT * guard.start_weight_norm  # the total alone would not tell
    n, why = guard.judge(np.ones((3, 1)), np.ones(3), total)
    assert n == 3 and why.startswith("the weights grew 200-fold in 1.weight since step 0")


def test_a_tensor_that_starts_near_zero_may_grow_to_a_normal_size():
    model, optimizers = _big_and_small()
    with torch.no_grad():
        model[1].weight.zero_()  # a zero-initialised last layer
    guard = Guard(model, optimizers, step=0)
    with torch.no_grad():
        model[1].weight.normal_(0, 0.1)  # what it learns: ordinary weights
    assert guard.judge(np.ones((1, 1)), np.ones(1), guard.weight_norm()) == (1, None)


def test_infinite_weights_in_one_tensor_are_named():
    model, optimizers = _big_and_small()
    guard = Guard(model, optimizers, step=0)
    with torch.no_grad():
        model[1].weight[0, 0] = float("inf")
    _, why = guard.judge(np.ones((1, 1)), np.ones(1), 1.0)  # a total from before, say
    assert why == "the weights became NaN or infinite in 1.weight"


def test_simclr_at_lr_1_is_stopped_at_its_first_check():
    """The issue's run, on the small digits: before, it trained 30 steps without a word."""
    snaps = run_to_end(RunConfig(method="simclr", dataset="digits", steps=30, run_params={"lr": 1.0}, cadence=QUIET))
    events = [e for e in of_type(snaps, RunEvent) if e.kind == "diverged"]
    assert events and "-fold in backbone.head.weight since step 0" in events[0].message
    assert snaps[-1].kind == "diverged" and snaps[-1].step == 0  # the last good weights: those it started with


def test_simclr_at_an_ordinary_learning_rate_is_left_alone():
    snaps = run_to_end(RunConfig(method="simclr", dataset="digits", steps=30, run_params={"lr": 3e-3},
                                 cadence=QUIET))
    assert snaps[-1].kind == "finished" and not [e for e in of_type(snaps, RunEvent) if e.kind == "diverged"]


def test_codes_that_are_not_finite_are_told_as_divergence_not_as_a_shape():
    from engine.methods import create_method

    model = create_method("vae", {"latent_dim": 10}, (1, 8, 8))
    codes = np.zeros((70, 10), np.float32)
    codes[3, 4], codes[5] = np.nan, np.inf
    event = requests.decoded(1, 0, model, torch.device("cpu"), Decode(1, "slider", codes))
    assert isinstance(event, RunEvent) and "shape" not in event.message
    assert event.message.startswith("cannot decode: 11 of the 700 code values are NaN or infinite, so the run "
                                    "has diverged")
    wrong = requests.decoded(1, 0, model, torch.device("cpu"), Decode(2, "slider", np.zeros((70, 4), np.float32)))
    assert "cannot decode codes of shape (70, 4) (latent size 10)" in wrong.message
