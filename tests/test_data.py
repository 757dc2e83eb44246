import numpy as np
import pytest
import torch

from engine.data import dataset_names, embedded_names, load_dataset
from engine.data.sprites import FACTOR_NAMES
from engine.errors import DatasetError


@pytest.mark.parametrize("name,shape,n", [("mnist5k", (1, 28, 28), 5000), ("digits", (1, 8, 8), 1797),
                                          ("sprites", (1, 32, 32), 10240)])
def test_embedded_sets_load_offline_as_tensors(name, shape, n):
    ds = load_dataset(name)
    assert ds.image_shape == shape
    assert len(ds.train) + len(ds.heldout) == n
    for part in (ds.train, ds.heldout):
        assert part.images.dtype == torch.float32 and part.labels.dtype == torch.int64
        assert part.images.min() >= 0 and part.images.max() <= 1
        assert part.images.shape[1:] == shape
    assert set(ds.train.labels.unique().tolist()) == set(range(len(ds.class_names)))


def test_mnist5k_split_is_fixed_and_balanced():
    a, b = load_dataset("mnist5k"), load_dataset("mnist5k")
    assert len(a.train) == 4000 and len(a.heldout) == 1000
    assert torch.equal(a.heldout.images, b.heldout.images)
    assert torch.bincount(a.heldout.labels).tolist() == [100] * 10
    # No held-out image is also a training image.
    train = {bytes(x.numpy().tobytes()) for x in (a.train.images * 255).round().to(torch.uint8)}
    held = [bytes(x.numpy().tobytes()) for x in (a.heldout.images * 255).round().to(torch.uint8)]
    assert sum(h in train for h in held) < 5  # MNIST holds a few exact duplicates, no more


def test_sprites_are_a_full_factor_grid_with_their_factors():
    ds = load_dataset("sprites")
    f = torch.cat([ds.train.factors, ds.heldout.factors]).numpy()
    assert ds.factor_names == FACTOR_NAMES
    assert len(np.unique(f, axis=0)) == 10240  # every combination exactly once
    assert [len(np.unique(f[:, i])) for i in range(5)] == [4, 5, 8, 8, 8]
    assert (ds.train.labels.numpy() == ds.train.factors[:, 0].numpy()).all()  # label = shape


def test_sprites_factors_describe_the_image():
    ds = load_dataset("sprites", size=64)
    x, f = ds.train.images[:, 0], ds.train.factors
    ys, xs = torch.meshgrid(torch.arange(64.0), torch.arange(64.0), indexing="ij")
    mass = x.sum(dim=(1, 2))
    cx = (x * xs).sum(dim=(1, 2)) / mass / 64
    # The centre of mass follows pos_x (a heart's is a little off-centre, hence the tolerance).
    assert torch.corrcoef(torch.stack([cx, f[:, 3]]))[0, 1] > 0.98
    # Bigger scale, more ink: compare the extremes of one shape.
    sq = f[:, 0] == 0
    assert mass[sq & (f[:, 1] == 1.0)].mean() > 3 * mass[sq & (f[:, 1] == 0.5)].mean()


def test_sprites_seed_changes_the_split_not_the_images():
    a, b = load_dataset("sprites", seed=0), load_dataset("sprites", seed=1)
    assert not torch.equal(a.train.factors, b.train.factors)
    whole_a = torch.cat([a.train.images, a.heldout.images]).sum()
    whole_b = torch.cat([b.train.images, b.heldout.images]).sum()
    assert torch.isclose(whole_a, whole_b)


def test_unknown_dataset_and_option_give_clear_messages():
    with pytest.raises(DatasetError, match="unknown data set 'nope'.*mnist5k"):
        load_dataset("nope")
    with pytest.raises(DatasetError, match="no option colour"):
        load_dataset("digits", colour=True)
    with pytest.raises(DatasetError, match="32 or 64"):
        load_dataset("sprites", size=48)


def test_names_put_the_embedded_sets_first():
    assert dataset_names()[:3] == ["mnist5k", "digits", "sprites"]
    assert embedded_names("images")[:3] == ["mnist5k", "digits", "sprites"]  # then the domain pairs (test_cyclegan.py)


@pytest.mark.parametrize("name", ["cifar10", "mnist", "fashion_mnist"])
def test_download_sets_fail_clearly_offline(name, cache_dir):
    with pytest.raises(DatasetError, match="could not be downloaded.*embedded data set"):
        load_dataset(name)
