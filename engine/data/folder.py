"""Any folder of images as a data set.

Two layouts: class sub-folders (``root/cat/*.png``, ``root/dog/*.jpg``; the sub-folder names are the
labels) or a flat folder (every image gets the label "all"). Each image is resized so that its shorter
side is ``size`` and centre-cropped to a square, then made grey or RGB.

A folder from the wild holds odd files. None of them stops the load: a file that cannot be used is
skipped and counted by reason (not an image, truncated, too large, a broken or looping link), an image in
an unusual form is converted and counted (transparency composited onto black, 16-bit scaled to 8-bit,
palette, CMYK), and one over PIL's decompression-bomb limit is downscaled while it loads and counted.
The counts travel with the data set as ``Dataset.notes["folder_report"]`` so the app can show them.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.data import Dataset, from_arrays
from engine.errors import DatasetError
from engine.words import Words


@dataclass
class FolderReport:
    loaded: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    converted: Counter = field(default_factory=Counter)  # what was converted -> count
    examples: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), the first few
    downscaled: int = 0  # images over PIL's decompression-bomb limit, reduced while loading

    def skip(self, path: Path, reason: Words) -> None:
        self.skipped[reason] += 1
        if len(self.examples) < 20:
            self.examples.append((str(path), reason))

    def summary(self) -> Words:
        """One line, e.g. "40 images loaded; skipped 2 not an image": a note of the run the app shows."""
        parts = [Words("{n} images loaded", n=self.loaded)]
        if self.skipped:
            parts.append(Words("skipped {files}", files=_counted(self.skipped)))
        if self.converted:
            parts.append(Words("converted {files}", files=_counted(self.converted)))
        if self.downscaled == 1:
            parts.append(Words("1 very large image was downscaled (over {mp} megapixels)", mp=_megapixels()))
        elif self.downscaled:
            parts.append(Words("{n} very large images were downscaled (over {mp} megapixels)", n=self.downscaled,
                               mp=_megapixels()))
        return _joined(parts, "; ")


def _counted(counts: Counter) -> Words:
    """"3 not an image, 1 too large": each reason a Words of its own, so it is translated too."""
    return _joined([Words("{n} {reason}", n=n, reason=r) for r, n in counts.most_common()], ", ")


def _joined(parts: list[Words], separator: str) -> Words:
    """The parts as one Words that keeps each translatable: nested pairs, as a template's fields are fixed."""
    out = parts[0]
    for part in parts[1:]:
        out = Words("{before}; {after}", before=out, after=part) if separator == "; " else \
            Words("{before}, {after}", before=out, after=part)
    return out


def _megapixels() -> str:
    from PIL import Image

    return f"{(Image.MAX_IMAGE_PIXELS or 0) / 1e6:.3g}"


def _to_array(img, channels: str, report: FolderReport, full_scale: float | None) -> np.ndarray:
    """A PIL image as float32 (H, W, C) in [0, 1], whatever its mode.

    ``full_scale`` is the white level of an integer or float grey image (65535 for 16-bit).
    """
    from PIL import Image

    mode = img.mode
    if mode in ("I", "F"):
        # PIL's convert("L") would clip these at 255, so scale by the real white level instead.
        a = np.asarray(img, dtype=np.float32)
        top = full_scale or max(float(a.max()), 1.0)
        report.converted[Words("16-bit or float (scaled to 8-bit)")] += 1
        a = np.clip(a / top, 0.0, 1.0)[..., None]
        return np.repeat(a, 3, axis=2) if channels == "rgb" else a
    if mode in ("P", "LA", "PA", "RGBa", "La"):
        img = img.convert("RGBA")
    if img.mode == "RGBA":
        black = Image.new("RGBA", img.size, (0, 0, 0, 255))
        img = Image.alpha_composite(black, img)
        report.converted[Words("with transparency (composited on black)")] += 1
    elif mode not in ("L", "RGB", "1"):
        report.converted[Words("{mode} (converted)", mode=mode)] += 1
    img = img.convert("L" if channels == "grey" else "RGB")
    a = np.asarray(img, dtype=np.float32) / 255.0
    return a[..., None] if a.ndim == 2 else a


def _square(img, size: int):
    """Resize the shorter side to ``size`` and centre-crop to size x size."""
    from PIL import Image

    w, h = img.size
    s = size / min(w, h)
    nw, nh = max(size, round(w * s)), max(size, round(h * s))
    # Integer and float images resize in their own mode, where only bilinear is supported.
    resample = Image.BILINEAR if img.mode in ("I", "F") else Image.LANCZOS
    img = img.resize((nw, nh), resample)
    left, top = (nw - size) // 2, (nh - size) // 2
    return img.crop((left, top, left + size, top + size))


def _read(path: Path, size: int, channels: str, report: FolderReport) -> np.ndarray | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings(record=True) as caught:
            # Over MAX_IMAGE_PIXELS PIL warns of a "decompression bomb" on stderr; the report says it instead.
            warnings.simplefilter("always", Image.DecompressionBombWarning)
            img = Image.open(path)
        bomb = [w for w in caught if issubclass(w.category, Image.DecompressionBombWarning)]
        for w in caught:
            if w not in bomb:  # not ours to silence
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        with img:
            if bomb:
                img = _downscaled(img, size)
                report.downscaled += 1
            img.load()  # decode now: a truncated file raises here, not later
            full_scale = None
            if img.mode.startswith("I;16"):
                img, full_scale = img.convert("I"), 65535.0  # resize does not take I;16
            return _to_array(_square(img, size), channels, report, full_scale)
    except UnidentifiedImageError:
        report.skip(path, Words("not an image"))
    except Image.DecompressionBombError:
        report.skip(path, Words("too large"))
    except (OSError, SyntaxError, ValueError, EOFError):
        # PIL raises these for truncated data, broken headers and bad chunks alike.
        report.skip(path, Words("truncated or corrupt"))
    return None


def _downscaled(img, size: int):
    """A very large image reduced to a few times ``size`` while it is read, not decoded at full size.

    JPEG decodes straight to 1/2, 1/4 or 1/8 scale (``draft``); other formats decode and then shrink by
    a whole factor (``reduce``, a box filter), which is far cheaper than resampling 100 megapixels.
    """
    if img.format == "JPEG":
        img.draft(img.mode, (2 * size, 2 * size))  # keeps both sides at least 2 * size
        return img
    factor = min(img.size) // (2 * size)
    if factor < 2 or img.mode not in ("L", "RGB", "RGBA", "LA", "I", "F"):
        return img
    img.load()
    return img.reduce(factor)


def _files_in(folder: Path, recursive: bool, report: FolderReport) -> list[Path]:
    """The visible files in ``folder``; dangling and looping symbolic links are counted as skipped."""
    entries = sorted(folder.rglob("*") if recursive else folder.iterdir())
    files = []
    for f in entries:
        if f.name.startswith("."):
            continue
        if f.is_file():
            files.append(f)
        elif f.is_symlink() and not f.exists():  # exists() follows the link: False if it leads nowhere
            report.skip(f, Words("broken or looping links"))
    return files


def load_folder(root: str, size: int = 32, channels: str = "grey", limit: int | None = None,
                seed: int = 0) -> Dataset:
    """Images under ``root``, sub-folders as classes when there are any (see the module docstring)."""
    path = Path(root).expanduser()
    if channels not in ("grey", "rgb"):
        raise DatasetError(Words("channels must be 'grey' or 'rgb', not {value}", value=repr(channels)))
    if not 4 <= size <= 256:
        raise DatasetError(Words("image size must be between 4 and 256 pixels, not {size}", size=size))
    if not path.is_dir():
        raise DatasetError(Words("{path} is not a folder", path=str(path)))
    subdirs = sorted(d for d in path.iterdir() if d.is_dir() and not d.name.startswith("."))
    report = FolderReport()
    if subdirs:
        class_names = tuple(d.name for d in subdirs)
        files = [(f, i) for i, d in enumerate(subdirs) for f in _files_in(d, True, report)]
        for f in _files_in(path, False, report):
            report.skip(f, Words("outside the class folders"))
    else:
        class_names = ("all",)
        files = [(f, 0) for f in _files_in(path, False, report)]
    if limit is not None:
        files = files[:limit]
    arrays, labels = [], []
    for f, c in files:
        a = _read(f, size, channels, report)
        if a is not None:
            arrays.append(a)
            labels.append(c)
    report.loaded = len(arrays)
    if not arrays:
        raise DatasetError(Words("no readable images in {path} ({summary})", path=str(path), summary=report.summary()))
    images = np.stack(arrays).transpose(0, 3, 1, 2)  # (N, C, H, W)
    return from_arrays(
        f"folder:{path}", images, np.array(labels), class_names, seed=seed,
        description=Words("{folder}: {summary}", folder=path.name, summary=report.summary()),
        notes={"folder_report": report},
    )
