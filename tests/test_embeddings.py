"""The embeddings the probes and the maps see: taken in eval mode, without gradients, and the model left as
it was found (training or not), even when a method has nothing to give."""

import pytest
import torch

from engine.analysis.embeddings import embed, head_outputs, reconstruction_errors
from engine.methods import create_method


def _spied(method: str, was_training: bool):
    model = create_method(method, {}, (1, 8, 8)).train(was_training)
    seen = []
    for name in ("embed", "head", "reconstruct"):
        real = getattr(model, name)

        def spy(x, real=real):
            seen.append((model.training, torch.is_grad_enabled()))
            return real(x)

        setattr(model, name, spy)
    return model, seen


@pytest.mark.parametrize("was_training", [True, False])
@pytest.mark.parametrize("method", ["autoencoder", "simclr"])
def test_every_embedding_is_taken_in_eval_mode_and_the_mode_comes_back(method, was_training):
    torch.manual_seed(0)
    model, seen = _spied(method, was_training)
    x = torch.rand(12, 1, 8, 8)
    z = embed(model, x, chunk=5)
    assert z.shape[0] == 12 and z.dtype.name == "float32"
    head = head_outputs(model, x, chunk=5)
    errors = reconstruction_errors(model, x, chunk=5)
    assert (errors is None) == (method == "simclr")  # SimCLR cannot reconstruct: None, mode restored all the same
    assert errors is None or errors.shape == (12,)
    assert head is None or head.shape[0] == 12
    assert seen and all(mode == (False, False) for mode in seen)
    assert model.training == was_training
