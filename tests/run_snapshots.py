"""Snapshots of made-up runs, built by hand, to feed the views and the window's router directly (the
session trains one run at a time; a comparison's run B is fed this way)."""

import numpy as np

from engine.training import snapshots as s

RNG = np.random.default_rng(0)
P, D, IMAGES = 40, 3, 6  # probe points, latent dimensions, images in the probe batch


def run_started(run_id: int, method_label: str = "VAE", latent_dim: int | None = D, dataset: str = "digits",
                views: int = 0, family: str = "reconstruction") -> s.RunStarted:
    return s.RunStarted(run_id, method="vae", method_label=method_label, family=family, dataset=dataset,
                        dataset_description="8x8 digits", image_shape=(1, 8, 8), device="cpu", step=0,
                        params={}, run_params={}, class_names=tuple("0123456789"), factor_names=(),
                        latent_dim=latent_dim, n_train=100, n_heldout=P, views=views)


def loss(run_id: int, start: int = 0, n: int = 10, terms=("loss", "kl"), scale: float = 1.0) -> s.LossUpdate:
    steps = np.arange(start + 1, start + n + 1)
    values = {name: scale * (i + 1) / np.sqrt(steps) for i, name in enumerate(terms)}
    return s.LossUpdate(run_id, steps=steps, terms=values, step=int(steps[-1]), epoch=0.1, images_per_s=100.0,
                        elapsed_s=1.0)


def images(run_id: int, step: int = 5, value: float = 0.5) -> s.ImagesUpdate:
    inputs = np.full((IMAGES, 8, 8, 1), value, dtype=np.float32)
    return s.ImagesUpdate(run_id, step=step, inputs=inputs, labels=np.arange(IMAGES) % 10,
                          reconstructions=inputs * 0.5)


def metrics(run_id: int, step: int = 10, knn: float = 0.8) -> s.MetricsUpdate:
    scores = dict(knn=knn, linear=knn - 0.05, nmi=0.5, ari=0.4, effective_rank=6.0, std=0.3, std_reference=0.35)
    return s.MetricsUpdate(run_id, step=step, kind="model", scores=scores, singular_values=np.array([3.0, 2.0, 1.0]),
                           clusters=np.arange(P) % 4)


def latents(run_id: int, step: int = 5) -> s.LatentUpdate:
    codes = RNG.normal(size=(P, D)).astype(np.float32)
    return s.LatentUpdate(run_id, step=step, codes=codes, labels=np.arange(P) % 10, low=codes.min(0),
                          high=codes.max(0), mean=codes.mean(0), std=codes.std(0), probe_codes=codes[:IMAGES])


def decoded(run_id: int) -> s.Decoded:
    return s.Decoded(run_id, request_id=1, tag="explorer", codes=np.zeros((1, D), np.float32),
                     images=np.full((1, 8, 8, 1), 0.7, np.float32))


def probe_set(run_id: int) -> s.ProbeSet:
    return s.ProbeSet(run_id, images=RNG.integers(0, 255, (P, 8, 8, 1), dtype=np.uint8),
                      labels=np.arange(P) % 10, class_names=tuple("0123456789"))


def embeddings(run_id: int, step: int = 5) -> s.EmbeddingUpdate:
    probe = RNG.normal(size=(P, 16)).astype(np.float32)
    return s.EmbeddingUpdate(run_id, step=step, kind="model", train=None, train_labels=None, probe=probe,
                             probe_labels=np.arange(P) % 10)


def map_frame(run_id: int, step: int = 5) -> s.MapUpdate:
    return s.MapUpdate(run_id, step=step, method="pca", coords=RNG.normal(size=(P, 2)).astype(np.float32),
                       seconds=0.01)


def figures(run_id: int, step: int = 5) -> s.MethodUpdate:
    from engine.figures import Heatmap, Value

    return s.MethodUpdate(run_id, step=step, figures=(Heatmap("similarity", np.eye(4)), Value("temperature", 0.5)))


def everything(run_id: int) -> list:
    """One of each snapshot a view draws, in the order a run sends them."""
    return [probe_set(run_id), loss(run_id), images(run_id), latents(run_id), decoded(run_id),
            embeddings(run_id), map_frame(run_id), metrics(run_id), figures(run_id)]
