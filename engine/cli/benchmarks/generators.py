"""``python main.py bench methods`` for the generators: what their samples are worth after 60 s and 300 s.

A generator has no encoder worth probing: its rows measure its output, with the measures the app draws
as curves (engine/training/quality_curve.py) and the lessons check.
- GAN and WGAN-GP on digits: the Fréchet distance of 500 samples of fixed noise to held-out images in the
  features of the data set's LeNet judge, beside its floor (two halves of the held-out images), and how
  many of the 10 classes the samples cover (engine/analysis/generative_quality.py).
- GAN and WGAN-GP on the ring of 8 Gaussians: modes covered and the share of high-quality points
  (engine/analysis/mode_coverage.py), from 2,000 points of fixed noise.
- CycleGAN on its pair of domains: the share of held-out digits of A whose translation to B keeps its
  class (engine/analysis/translation_quality.py).
Each trains with the preset the app applies to that method and data set (assets/presets/), or the
method's defaults where it has none.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

SAMPLES = 500  # generated images judged (as the quality curves do)
HELDOUT = 1000  # held-out images they are judged against

# method -> the data sets its rows are measured on (CycleGAN: a pair of domains, not mnist5k)
GENERATOR_SETS = {"gan": ("mnist5k", "ring8"), "wgan_gp": ("mnist5k", "ring8"), "cyclegan": ("mnist5k_thick",)}


def is_generator_method(method: str) -> bool:
    return method in GENERATOR_SETS


def run_config(method: str, dataset: str, cadence: Any):
    """The run the app starts for ``method`` on ``dataset``: with its preset's settings where there is one."""
    from engine.presets import preset_for
    from engine.training.config import RunConfig

    preset = preset_for(method, dataset)
    if preset is None:
        return RunConfig(method=method, dataset=dataset, cadence=cadence)
    return RunConfig(method=method, dataset=dataset, method_params=dict(preset.settings), run_params=dict(preset.run),
                     dataset_options=dict(preset.dataset_options), cadence=cadence)


def measure(path: str) -> dict[str, float]:
    """The generator measures of a checkpoint (see the module's docstring); NaN where one does not apply."""
    from engine.data import load_dataset
    from engine.lessons.measures_adversarial import high_quality_share, modes_covered
    from engine.training.checkpoint import read_checkpoint, restore_method

    ckpt = read_checkpoint(path)
    name = ckpt.meta.get("dataset") or "mnist5k"
    dataset = load_dataset(name, **ckpt.meta.get("dataset_options", {}))
    model = restore_method(ckpt)
    if dataset.kind == "points":
        subject = SimpleNamespace(model=model, dataset=dataset)
        return {"modes_covered": modes_covered(subject), "modes": float(len(dataset.notes.get("centres", []))),
                "high_quality_share": high_quality_share(subject)}
    if hasattr(model, "a_to_b"):
        from engine.analysis.translation_quality import class_kept_share

        return {"class_kept": class_kept_share(model, dataset)}
    return _sample_quality(model, dataset)


def _sample_quality(model, dataset) -> dict[str, float]:
    import torch

    from engine.analysis.generative_quality import generator_quality
    from engine.analysis.judge import judge_classifier
    from engine.training.util import evaluating

    judge = judge_classifier(dataset.name, dataset=dataset)  # the stored one; trained once if there is none
    with evaluating(model), torch.no_grad():
        samples = model.generate(SAMPLES, torch.device("cpu"))
    if samples is None or not torch.isfinite(samples).all():
        return {"fid": math.nan, "floor": math.nan, "classes": math.nan}
    quality = generator_quality(samples.float().cpu(), dataset.heldout.images[:HELDOUT].cpu(), judge)
    return {"fid": quality.fid, "floor": quality.floor, "classes": float(quality.classes_covered),
            "n_classes": float(quality.coverage.n_classes)}


def describe(scores: dict[str, float]) -> str:
    """One cell of the table: what the measures say, in a few characters."""
    if "modes_covered" in scores:
        return f"{scores['modes_covered']:.0f}/{scores['modes']:.0f} modes, {scores['high_quality_share']:.0%} hq"
    if "class_kept" in scores:
        return f"class kept {scores['class_kept']:.0%}"
    if math.isnan(scores.get("fid", math.nan)):
        return "no samples"
    return f"FD {scores['fid']:.1f} (floor {scores['floor']:.1f}), {scores['classes']:.0f}/{scores['n_classes']:.0f} cl."


def print_row(row: dict[str, Any], marks: list[float]) -> None:
    measured = [row[f"{int(m)}s"] for m in marks if f"{int(m)}s" in row]
    cells = "".join(f"  @{int(m)}s: {describe(scores):<36}" for m, scores in zip(marks, measured))
    unit = "points/s" if measured and "modes_covered" in measured[0] else "img/s"
    print(f"{row['method'] + ' on ' + row['dataset']:<26}{cells}{row['images_per_s']:>9,.0f} {unit}", flush=True)
