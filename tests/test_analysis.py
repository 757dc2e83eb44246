"""The analysis process's logic, driven in-process: newest work only, maps first, cached baselines."""

import numpy as np

from engine.processes.analysis_process import Analyst
from engine.processes.protocol import message
from engine.training.config import Cadence, RunConfig
from engine.training.snapshots import EmbeddingUpdate, MapUpdate, MetricsUpdate, ProbeSet
from tests.helpers import of_type, run_to_end


def _update(run_id, step, kind="model", n=60, d=8, seed=0):
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(3), n // 3)
    centres = np.eye(d)[:3] * 4
    x = centres[labels] + rng.normal(size=(n, d))
    return EmbeddingUpdate(run_id, step, kind, x, labels, x + 0.1 * rng.normal(size=x.shape), labels)


def test_newest_embeddings_only_and_maps_before_metrics():
    sent = []
    a = Analyst(sent.append)
    a.take(message("embeddings", snapshot=_update(1, 10)))
    a.take(message("embeddings", snapshot=_update(1, 20, seed=1)))  # replaces step 10, which was never worked on
    a.work()
    assert [type(s).__name__ for s in sent] == ["MapUpdate", "MetricsUpdate"]
    assert all(s.step == 20 for s in sent)
    m = sent[1]
    assert m.kind == "model" and m.scores["knn"] > 0.9 and m.clusters.shape == (60,)


def test_method_change_redraws_the_last_map_and_umap_waits_for_its_warm_up():
    sent = []
    a = Analyst(sent.append)
    a.take(message("embeddings", snapshot=_update(1, 5)))
    a.work()
    sent.clear()
    a.take(message("map_method", method="umap"))
    a.work()
    (m,) = of_type(sent, MapUpdate)
    assert m.method == "pca" and "still compiling" in m.note  # UMAP not warmed up: PCA meanwhile
    a.umap_ready.set()
    a.take(message("map_method", method="tsne"))
    a.work()
    assert of_type(sent, MapUpdate)[-1].method == "tsne"


def test_pixel_baseline_is_cached_per_dataset():
    sent = []
    a = Analyst(sent.append)
    probe = ProbeSet(1, np.zeros((60, 2, 2, 1), np.uint8), np.zeros(60), ("a",), dataset="digits")
    a.take(message("embeddings", snapshot=probe))
    a.take(message("embeddings", snapshot=_update(1, 0, kind="pixels")))
    a.work()
    first = of_type(sent, MetricsUpdate)[-1]
    a.take(message("embeddings", snapshot=ProbeSet(2, probe.images, probe.labels, ("a",), dataset="digits")))
    a.take(message("embeddings", snapshot=_update(2, 0, kind="pixels", seed=5)))  # different numbers, same data set
    a.work()
    second = of_type(sent, MetricsUpdate)[-1]
    assert second.run_id == 2 and second.scores == first.scores  # not recomputed
    assert not of_type(sent, MapUpdate)  # baselines are scored, not mapped


def test_forget_drops_a_runs_work():
    sent = []
    a = Analyst(sent.append)
    a.take(message("embeddings", snapshot=_update(3, 1)))
    a.take(message("forget", run_id=3))
    a.work()
    assert not sent
    assert a.take(message("shutdown")) is False


def test_trainer_sends_probe_set_baselines_and_embeddings():
    cad = Cadence(images_interval_s=None, latents_interval_s=None, embeddings_interval_s=0.0, map_points=100,
                  memory_bank=150, check_every=5)
    snaps = run_to_end(RunConfig(method="vae", dataset="sprites", steps=3, cadence=cad))
    (probe,) = of_type(snaps, ProbeSet)
    assert probe.images.shape == (100, 32, 32, 1) and probe.images.dtype == np.uint8
    assert probe.factor_names[0] == "shape" and probe.factors.shape == (100, 5)
    kinds = [e.kind for e in of_type(snaps, EmbeddingUpdate)]
    assert kinds[:3] == ["pixels", "random", "model"] and kinds.count("model") >= 2
    pixels, random_enc, model = of_type(snaps, EmbeddingUpdate)[:3]
    assert pixels.train.shape == (150, 32 * 32) and pixels.probe.shape == (100, 32 * 32)
    assert model.train.shape == (150, 10) and model.recon_error.shape == (100,)
    assert random_enc.recon_error is None and not np.allclose(random_enc.probe, model.probe)



def test_embeddings_for_the_map_alone_do_not_drop_probes_still_waiting():
    sent = []
    a = Analyst(sent.append)
    a.take(message("embeddings", snapshot=_update(1, 10)))  # carries the training set: the probes are due
    u = _update(1, 20, seed=1)
    a.take(message("embeddings", snapshot=EmbeddingUpdate(1, 20, "model", None, None, u.probe, u.probe_labels)))  # map only
    a.work()
    (m,) = of_type(sent, MapUpdate)
    (p,) = of_type(sent, MetricsUpdate)
    assert m.step == 20 and p.step == 10 and p.kind == "model"
