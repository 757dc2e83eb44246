"""CycleGAN's image pool (Shrivastava et al. 2017; Zhu et al. 2017, section 4): the discriminators see a
history of 50 translations, filled first, then half the time an older one in place of the new."""

import torch

from engine.nn.image_pool import ImagePool


def images(n, start):
    """(n, 1, 2, 2) images, each filled with its own number, so each can be told apart."""
    return torch.arange(start, start + n, dtype=torch.float32)[:, None, None, None].expand(n, 1, 2, 2).clone()


def numbers(x):
    return x[:, 0, 0, 0].tolist()


def test_while_filling_each_new_image_is_kept_and_shown():
    pool = ImagePool(50)
    first = images(30, 0)
    assert numbers(pool.query(first)) == list(range(30))
    assert numbers(pool.query(images(20, 30))) == list(range(30, 50))
    assert len(pool.images) == 50


def test_once_full_about_half_are_older_images_and_the_pool_keeps_its_size():
    pool = ImagePool(50)
    pool.query(images(50, 0))
    g = torch.Generator().manual_seed(0)
    shown = numbers(pool.query(images(400, 1000), g))
    as_is = [i for i, n in enumerate(shown) if n == 1000 + i]  # the new image itself
    older = [(i, n) for i, n in enumerate(shown) if n != 1000 + i]
    assert len(pool.images) == 50
    assert 150 <= len(as_is) <= 250  # a fair coin
    # Every older image shown was in the pool: one of the first 50, or a new one swapped in before it.
    assert all(n < 50 or 1000 <= n < 1000 + i for i, n in older)
    again = numbers(ImagePool(50).query(images(50, 0)))
    assert again == list(range(50))


def test_the_same_seed_gives_the_same_history():
    def history(seed):
        pool, g = ImagePool(5), torch.Generator().manual_seed(seed)
        return [numbers(pool.query(images(4, 10 * i), g)) for i in range(6)]

    assert history(3) == history(3)


def test_size_zero_shows_the_latest_only_and_the_images_are_detached():
    x = images(4, 0).requires_grad_()
    out = ImagePool(0).query(x)
    assert numbers(out) == [0, 1, 2, 3] and not out.requires_grad
    assert not ImagePool(50).query(x).requires_grad


def test_a_cyclegan_step_fills_each_domains_pool():
    from engine.methods import Batch, create_method
    from engine.training.config import RunParams
    from engine.training.optimizers import Optimizers

    torch.manual_seed(0)
    model = create_method("cyclegan", {"width": 4, "residual_blocks": 0, "halvings": 1, "pool_size": 6},
                          (1, 8, 8))
    optimizers = Optimizers(model.configure_optimizers(RunParams()))
    x = torch.rand(8, 1, 8, 8)
    batch = Batch(images=x, labels=torch.tensor([0, 1] * 4))
    optimizers.begin_step()
    model.optimization_step(batch, optimizers)
    assert len(model.pool_a.images) == 4 and len(model.pool_b.images) == 4
    optimizers.begin_step("generator")  # Step G: the discriminators see nothing, the pools stay
    model.optimization_step(batch, optimizers)
    assert len(model.pool_a.images) == 4
    optimizers.begin_step()
    model.optimization_step(batch, optimizers)
    assert len(model.pool_a.images) == 6 and len(model.pool_b.images) == 6
