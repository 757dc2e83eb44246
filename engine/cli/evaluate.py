"""``python main.py evaluate FILE``: every probe for a checkpoint beside the raw-pixel and random-encoder
baselines, as a table or as JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

COLUMNS = (("knn", "kNN", "{:.1%}"), ("linear", "linear", "{:.1%}"), ("nmi", "NMI", "{:.3f}"),
           ("ari", "ARI", "{:.3f}"), ("effective_rank", "eff. rank", "{:.1f}"), ("spread", "spread", "{:.2f}"))


def evaluate_checkpoint(path: str, dataset: str | None = None, k: int = 20, memory_bank: int = 2000,
                        map_points: int = 2000, device: str = "auto") -> dict[str, Any]:
    """Scores of the checkpoint's encoder, raw pixels and a random encoder on one data set."""
    from engine.training.checkpoint import read_checkpoint, restore_method
    from engine.training.checkpoint_checks import check_image_shape
    from engine.data import load_dataset
    from engine.training.device import resolve_device
    from engine.analysis.embeddings import embed, head_outputs, probe_sets, random_encoder_like
    from engine.errors import DatasetError
    from engine.analysis.evaluate import probe_scores
    from engine.words import Words

    problem = k_problem(k)
    if problem:
        raise DatasetError(problem)  # before the checkpoint is read and the data loaded
    ckpt = read_checkpoint(path)
    name = dataset or ckpt.meta.get("dataset") or "mnist5k"
    options = ckpt.meta.get("dataset_options", {}) if dataset is None else {}
    ds = load_dataset(name, **options)
    if not ds.has_images:  # the probes, the raw pixels and the random encoder all need images
        raise DatasetError(Words("{name} holds {kind}, not images: evaluate probes encoders of images",
                                 name=name, kind=ds.kind.replace("_", " and ")))
    check_image_shape(ckpt, ds.image_shape)  # the clear message, without reading the file again
    dev = resolve_device(device)
    model = restore_method(ckpt).to(dev)
    bank, probe = probe_sets(ds.to(dev), memory_bank, map_points)
    if len(bank) < 2 or len(probe) < 2:
        raise DatasetError(f"{name} has too few images to probe")
    problem = k_problem(k, len(bank))
    if problem:
        raise DatasetError(problem)
    y_bank, y_probe = bank.labels.cpu().numpy(), probe.labels.cpu().numpy()
    seed = int(ckpt.meta.get("run", {}).get("seed", 0))
    random_model = random_encoder_like(model, ds.image_shape, seed, dev)
    subjects = {  # (bank embeddings, probe embeddings, probe head outputs for the collapse gauges)
        "checkpoint": (embed(model, bank.images), embed(model, probe.images), head_outputs(model, probe.images)),
        "random encoder": (embed(random_model, bank.images), embed(random_model, probe.images),
                           head_outputs(random_model, probe.images)),
        "raw pixels": (bank.images.flatten(1).cpu().numpy(), probe.images.flatten(1).cpu().numpy(), None),
    }
    rows = {who: probe_scores(a, y_bank, b, y_probe, k=k, head=h).as_dict() for who, (a, b, h) in subjects.items()}
    for scores, (_, probe_embeddings, head) in zip(rows.values(), subjects.values()):
        scores["spread"] = scores["std"] / scores["std_reference"]
        scores["mean_cosine"] = mean_cosine(probe_embeddings if head is None else head)
    return {"checkpoint": str(path), "method": ckpt.method, "step": ckpt.step, "dataset": name,
            "probe": {"fit_on": len(bank), "scored_on": len(probe), "k": k}, "scores": rows}


def k_problem(k: int, bank: int | None = None) -> str | None:
    """Why the kNN probe cannot take ``k`` neighbours (of ``bank`` fitted images, when known), or None."""
    from engine.words import Words

    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        return Words("--k must be a whole number of neighbours, 1 or more, not {k}", k=k)
    if bank is not None and k > bank:
        return Words("--k {k} is more than the {bank:,} training images the kNN probe is fit on", k=k, bank=bank)
    return None


def mean_cosine(x) -> float:
    """Mean cosine of the embeddings (N, D) to their mean direction: 1 when all point the same way.

    For unit vectors u_i with mean m, the mean of cos(u_i, m) is |m|. It tells a small spread that comes
    from one shared direction (a random ReLU network's outputs) from one that comes from collapse: only
    collapse also loses the kNN and linear accuracy.
    """
    import numpy as np

    x = np.asarray(x, dtype=np.float64)
    unit = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return float(np.linalg.norm(unit.mean(axis=0)))


def print_table(result: dict[str, Any]) -> None:
    p = result["probe"]
    print(f"{result['method']} at step {result['step']} on {result['dataset']}: probes fit on {p['fit_on']:,} "
          f"training images, scored on {p['scored_on']:,} held-out ones (kNN k={p['k']}, cosine)")
    header = f"{'':<16}" + "".join(f"{title:>11}" for _, title, _ in COLUMNS)
    print(header)
    for who, scores in result["scores"].items():
        print(f"{who:<16}" + "".join(f"{fmt.format(scores[key]):>11}" for key, _, fmt in COLUMNS))
    print("(spread: per-dimension std of the L2-normalised embedding over 1/sqrt(d), which random directions\n"
          " give; near 0 means collapse. eff. rank: exp of the entropy of the singular values. For methods\n"
          " with a projector both are measured on its output, where collapse shows first.)")
    random = result["scores"].get("random encoder")
    if random is not None:
        print(f"(random encoder: a low spread there is not collapse. Its ReLU layers make every hidden feature\n"
              f" positive, so all its outputs lean along one shared direction (mean cosine to it "
              f"{random['mean_cosine']:.2f}) and\n their normalised coordinates vary little; collapse would "
              f"also ruin its kNN and linear scores.)")


def main(args: Any) -> int:
    from engine.errors import EncoderLabError

    problem = k_problem(args.k)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2  # a usage error, as argparse's own
    try:
        result = evaluate_checkpoint(args.file, args.dataset, k=args.k)
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0
