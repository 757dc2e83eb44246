"""Batched augmentation against torchvision's per-sample transforms on the same batch.

    python main.py bench augment [--batch 256] [--dataset mnist5k] [--repeats 10]
"""

from __future__ import annotations

import time

import torch


def _torchvision_pipeline(size: int, flip: bool, strength_crop: float, max_sigma: float):
    from torchvision.transforms import v2

    ops = [v2.RandomResizedCrop(size, scale=(1 - strength_crop, 1.0), antialias=True)]
    if flip:
        ops.append(v2.RandomHorizontalFlip(0.5))
    else:
        ops.append(v2.RandomApply([v2.RandomRotation(10)], p=0.5))
    ops += [
        v2.RandomApply([v2.ColorJitter(brightness=0.4, contrast=0.4)], p=0.8),
        v2.RandomApply([v2.GaussianBlur(2 * max(1, int(3 * max_sigma)) + 1, sigma=(0.1, max_sigma))], p=0.5),
    ]
    return v2.Compose(ops)


def run(batch: int = 256, dataset: str = "mnist5k", repeats: int = 10, device: str = "cpu") -> dict[str, float]:
    from engine.data.augment import AugmentConfig, augment, make_generator
    from engine.data import load_dataset

    ds = load_dataset(dataset)
    x = ds.train.images[:batch].to(device)
    cfg = AugmentConfig.for_dataset(ds.flip_ok, ds.image_shape[1])
    g = make_generator(device, 0)
    tv = _torchvision_pipeline(ds.image_shape[1], ds.flip_ok, cfg.crop.strength, max(cfg.blur.strength, 0.5))
    for _ in range(2):  # warm-up
        augment(x, cfg, g)
        torch.stack([tv(img) for img in x[:16]])

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(repeats):
            if device == "cuda":
                torch.cuda.synchronize()
            t = time.perf_counter()
            fn()
            if device == "cuda":
                torch.cuda.synchronize()
            best = min(best, time.perf_counter() - t)
        return best

    ours = timed(lambda: augment(x, cfg, g))
    theirs = timed(lambda: torch.stack([tv(img) for img in x]))
    return {"batch": batch, "ours_ms": ours * 1e3, "torchvision_ms": theirs * 1e3, "speedup": theirs / ours}


def main(args) -> int:
    r = run(args.batch, args.dataset, args.repeats, args.device)
    print(f"augment a batch of {r['batch']} {args.dataset} images on {args.device} (best of {args.repeats}):")
    print(f"  encoder-lab batched : {r['ours_ms']:8.2f} ms  ({r['batch'] / r['ours_ms'] * 1e3:,.0f} img/s)")
    print(f"  torchvision per-image: {r['torchvision_ms']:8.2f} ms  ({r['batch'] / r['torchvision_ms'] * 1e3:,.0f} img/s)")
    print(f"  speed-up: {r['speedup']:.1f}x")
    return 0
