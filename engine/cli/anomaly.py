"""`python main.py anomaly FILE --ood sprites,noise,exclude=7 [--json]`: how well a trained model tells
new data from the data it was trained on (engine/analysis/anomaly.py, engine/analysis/ood_sets.py).

The held-out images of the checkpoint's data set are the normal ones; each out-of-distribution set is
scored with every score that applies to the method (reconstruction error, the VAE's negative ELBO, the
distance to the k-th nearest training embedding), and the area under the ROC says how well the score
separates them (0.5: chance, 1: every strange image scores above every normal one). FPR95 is the share
of normal images flagged when 95% of the strange ones are caught.
"""

from __future__ import annotations

import json
import sys
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 1
DEFAULT_OOD = "noise,inverted"
BANK = 2000  # training images whose embeddings the kNN score measures against


def anomaly_report(path: str, ood: list[str], n: int = 500, score: str | None = None) -> dict[str, Any]:
    """{"checkpoint", "method", "dataset", "in_distribution", "scores", "sets": [{"name", "label", "images",
    "auc": {score: AUC}, "fpr95": {score: FPR95}}]}; raises an EncoderLabError with a clear message."""
    from engine.analysis.anomaly import available_scores, compare, score_images
    from engine.analysis.embeddings import embed
    from engine.analysis.ood_sets import ood_images
    from engine.data import load_dataset
    from engine.errors import DatasetError, ParamError
    from engine.training.checkpoint import read_checkpoint, restore_method
    from engine.training.checkpoint_checks import check_image_shape
    from engine.words import Words

    if n < 2:
        raise ParamError(Words("--n must be at least 2 images, not {n}", n=n))
    ckpt = read_checkpoint(path)
    name = ckpt.meta.get("dataset") or "mnist5k"
    dataset = load_dataset(name, **ckpt.meta.get("dataset_options", {}))
    if not dataset.has_images:
        raise DatasetError(Words("{name} holds {kind}, not images: anomaly scores are for models of images",
                                 name=name, kind=dataset.kind.replace("_", " and ")))
    check_image_shape(ckpt, dataset.image_shape)
    model = restore_method(ckpt)
    kinds = available_scores(model)
    if score is not None:
        if score not in kinds:
            raise ParamError(Words("the score '{kind}' does not apply to {method}; it takes: {kinds}", kind=score,
                                   method=ckpt.method, kinds=", ".join(kinds)))
        kinds = [score]
    bank = embed(model, dataset.train.images[:BANK]) if "knn" in kinds else None
    normal = dataset.heldout.images[:n]
    scores_in = {kind: score_images(model, normal, kind, bank_embeddings=bank) for kind in kinds}
    sets = []
    for ood_name in ood:
        images, label = ood_images(ood_name, dataset, n=n)
        row = {"name": ood_name, "label": str(label), "images": len(images), "auc": {}, "fpr95": {}}
        for kind in kinds:
            result = compare(ood_name, scores_in[kind], score_images(model, images, kind, bank_embeddings=bank),
                             score=kind, label=str(label))
            row["auc"][kind], row["fpr95"][kind] = round(result.auc, 4), round(result.fpr_at_95_tpr, 4)
        sets.append(row)
    return {"checkpoint": str(path), "method": ckpt.method, "step": ckpt.step, "dataset": name,
            "in_distribution": len(normal), "scores": kinds, "sets": sets}


def print_report(report: dict[str, Any]) -> None:
    kinds = report["scores"]
    print(f"{report['method']} at step {report['step']:,} on {report['dataset']}: "
          f"{report['in_distribution']} held-out images as the normal ones")
    print(f"{'out-of-distribution set':<28}" + "".join(f"{'AUC ' + k:>20}{'FPR95':>8}" for k in kinds))
    for row in report["sets"]:
        cells = "".join(f"{row['auc'][k]:>20.3f}{row['fpr95'][k]:>8.2f}" for k in kinds)
        print(f"{row['name']:<28}{cells}")
    print("AUC: 0.5 is chance, 1 separates every out-of-distribution image from the normal ones; "
          "FPR95: the share of normal images flagged when 95% of the others are caught")


def main(args) -> int:
    from engine.errors import EncoderLabError

    ood = [part.strip() for part in (args.ood or DEFAULT_OOD).split(",") if part.strip()]
    try:
        report = anomaly_report(args.file, ood, n=args.n, score=args.score)
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
    return EXIT_OK
