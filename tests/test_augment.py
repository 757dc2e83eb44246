import re

import pytest
import torch

from engine.data.augment import AugmentConfig, Op, augment, make_generator, op_specs

OPS = ("crop", "flip", "rotate", "jitter", "blur", "noise", "erase")


def _batch(c=1, s=28, b=16):
    torch.manual_seed(0)
    return torch.rand(b, c, s, s)


def _all_on():
    cfg = AugmentConfig()
    for name in OPS:
        cfg = cfg.with_op(name, Op(True, getattr(cfg, name).strength, 0.7))
    return cfg


@pytest.mark.parametrize("shape", [(1, 8), (1, 28), (3, 32), (1, 64)])
def test_shapes_and_range_are_kept(shape):
    x = _batch(*shape)
    y = augment(x, _all_on(), make_generator("cpu", 0))
    assert y.shape == x.shape and y.dtype == x.dtype
    assert y.min() >= 0 and y.max() <= 1
    assert not torch.equal(x, y)


def test_same_seed_same_views_other_seed_other_views():
    x = _batch()
    a = augment(x, _all_on(), make_generator("cpu", 7))
    b = augment(x, _all_on(), make_generator("cpu", 7))
    c = augment(x, _all_on(), make_generator("cpu", 8))
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def test_everything_off_is_the_identity():
    x = _batch()
    cfg = AugmentConfig()
    for name in OPS:
        cfg = cfg.with_op(name, Op(False, 1.0, 1.0))
    assert torch.equal(augment(x, cfg, make_generator("cpu", 0)), x)


@pytest.mark.parametrize("name", OPS)
def test_probability_zero_leaves_images_alone(name):
    x = _batch()
    cfg = AugmentConfig()
    for other in OPS:
        cfg = cfg.with_op(other, Op(other == name, 0.5 if other != "rotate" else 20.0, 0.0))
    y = augment(x, cfg, make_generator("cpu", 0))
    assert torch.allclose(x, y, atol=1e-5)


def test_flip_mirrors_exactly():
    x = _batch()
    cfg = AugmentConfig()
    for name in OPS:
        cfg = cfg.with_op(name, Op(name == "flip", 1.0, 1.0))
    y = augment(x, cfg, make_generator("cpu", 0))
    assert torch.allclose(y, x.flip(-1), atol=1e-5)


def test_each_op_changes_images_at_probability_one():
    x = _batch()
    for name in OPS:
        cfg = AugmentConfig()
        for other in OPS:
            strength = {"rotate": 30.0, "crop": 0.6, "jitter": 0.5, "blur": 1.5, "noise": 0.2, "erase": 0.3}.get(other, 1)
            cfg = cfg.with_op(other, Op(other == name, strength, 1.0))
        y = augment(x, cfg, make_generator("cpu", 1))
        changed = (y - x).abs().amax(dim=(1, 2, 3)) > 1e-3
        assert changed.float().mean() > 0.9, name  # (a blur of sigma ~0.1 may leave one alone)


def test_dataset_recipe_does_not_mirror_digits():
    assert not AugmentConfig.for_dataset(flip_ok=False, size=28).flip.enabled
    assert AugmentConfig.for_dataset(flip_ok=True, size=32).flip.enabled


def test_the_metadata_describes_every_operation_with_its_defaults():
    specs = op_specs()
    assert [s.name for s in specs] == list(OPS) == list(AugmentConfig().as_ops())
    for s in specs:
        assert s.default == getattr(AugmentConfig(), s.name)
        assert s.help and s.strength.help and s.p.help
        assert s.strength.low == 0 and s.strength.high >= s.default.strength and (s.p.low, s.p.high) == (0, 1)


def test_an_update_is_checked_against_each_operations_range():
    cfg = AugmentConfig()
    new = cfg.updated({"rotate": (True, 90, 1), "noise": (1, 0.2, 0.5)})
    assert new.rotate == Op(True, 90.0, 1.0) and new.noise == Op(True, 0.2, 0.5) and new.crop == cfg.crop
    for ops, words in (({"rotate": (True, 181.0, 0.5)}, "rotate strength: 181.0 is outside 0 .. 180"),
                       ({"noise": (True, 0.1, 1.5)}, "noise probability: 1.5 is outside 0 .. 1"),
                       ({"blur": (True, -1.0, 0.5)}, "blur strength: -1.0 is outside 0 .. 5"),
                       ({"blur": (True, float("nan"), 0.5)}, "blur strength"),
                       ({"sharpen": (True, 1.0, 0.5)}, "no augmentation called 'sharpen'")):
        with pytest.raises(ValueError, match=re.escape(words)):
            cfg.updated(ops)
