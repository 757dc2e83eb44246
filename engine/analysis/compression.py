"""The autoencoder as a compressor, against JPEG: rate–distortion points on the same images.

Rate is the bits that one image takes; distortion is the mean squared error of its reconstruction, with
PSNR = 10 log10(1 / MSE) for images in [0, 1] and SSIM (Wang, Bovik, Sheikh & Simoncelli, "Image Quality
Assessment: From Error Visibility to Structural Similarity", IEEE TIP 13(4), 2004; scikit-image's
``structural_similarity``: a 7x7 uniform window, data range 1) beside it. Hinton & Salakhutdinov (Science
2006) compared their deep autoencoder's codes with PCA's; here the baseline is the codec people use.

How the bits are counted, so that the comparison is honest about what it favours:
- JPEG (Pillow's baseline encoder, its standard Huffman tables, 4:2:0 chroma for colour): ``bits`` is the
  whole file, headers included (quantisation and Huffman tables, about 330 bytes for a grey image and
  620 for a colour one), which dominates at 28x28; ``payload_bits`` leaves the headers out (the
  entropy-coded scan only), as a codec sharing its tables between images would. Its error is measured
  against the float images, so it includes the rounding to 8 bits per pixel.
- A trained method (:func:`code_bits`): a binary code of D digits takes D bits, a one-hot code over D
  symbols log2(D) bits, a VQ-VAE's grid of g x g cells over a codebook of K codes g² log2(K) bits (its
  ideal rate; a fixed-length code rounds log2(K) up), and a real-valued code of D numbers D x 32 bits as
  float32. The last is generous to JPEG: a real code quantised to a few bits per number usually rebuilds
  almost as well (the autoencoder was not trained for it, so it is not done here). The decoder's weights,
  shared by every image, are not counted, as JPEG's decoder is not.
The points are means over the images: bits per image, MSE over every pixel (PSNR is of that MSE; infinite
for an exact copy), SSIM per image.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image
from skimage.metrics import structural_similarity

from engine.errors import DatasetError, ParamError
from engine.methods.base import Method
from engine.nn.quantiser import VectorQuantiser
from engine.training.util import evaluating
from engine.words import Words

JPEG_QUALITIES = (5, 10, 20, 40, 70, 95)
FLOAT_BITS = 32  # a real-valued code's number, stored as float32
CODE_KINDS = ("real", "binary", "one-hot", "vq")
SSIM_WINDOW = 7  # scikit-image's default side of the SSIM window


@dataclass(frozen=True)
class RateDistortionCurve:
    """One compressor's points, from fewest bits to most (a method has one point)."""

    name: str  # "JPEG" or the method's label
    labels: tuple[str, ...]  # (P,) each point's label, e.g. "JPEG q=20"
    bits: np.ndarray  # (P,) mean bits per image, everything a decoder needs (JPEG: headers included)
    payload_bits: np.ndarray  # (P,) without the format's overhead (JPEG: scan data only; a method: = bits)
    mse: np.ndarray  # (P,) mean squared error per pixel
    psnr: np.ndarray  # (P,) dB, 10 log10(1 / mse)
    ssim: np.ndarray  # (P,) mean SSIM per image
    qualities: tuple[int | None, ...]  # (P,) the JPEG quality of each point; None for a method's

    def __len__(self) -> int:
        return len(self.labels)


# -- the checks -------------------------------------------------------------------------------------
def as_images(images: np.ndarray | torch.Tensor) -> np.ndarray:
    """(N, C, H, W) images in [0, 1] as float32 numpy, or a DatasetError that says what is wrong."""
    x = images.detach().float().cpu().numpy() if isinstance(images, torch.Tensor) else np.asarray(images)
    if x.ndim != 4 or x.shape[1] not in (1, 3):
        raise DatasetError(Words("compression takes images of shape (N, C, H, W) with 1 or 3 channels, "
                                 "not {shape}", shape=tuple(x.shape)))
    if x.shape[0] == 0:
        raise DatasetError(Words("there are no images to compress"))
    if min(x.shape[2:]) < SSIM_WINDOW:
        raise DatasetError(Words("images must be at least {side}x{side} pixels for SSIM, not {h}x{w}",
                                 side=SSIM_WINDOW, h=x.shape[2], w=x.shape[3]))
    if not np.issubdtype(x.dtype, np.number) or not np.isfinite(x).all():
        raise DatasetError(Words("the images hold values that are not finite numbers"))
    low, high = float(x.min()), float(x.max())
    if low < 0 or high > 1:
        raise DatasetError(Words("pixel values must lie in [0, 1]; these span {low:.3g} to {high:.3g}",
                                 low=low, high=high))
    return x.astype(np.float32, copy=False)


def check_quality(quality: object) -> int:
    """A JPEG quality: a whole number 1-95 (Pillow's advice: above 95 the file grows for little gain)."""
    if isinstance(quality, bool) or not isinstance(quality, (int, np.integer)) or not 1 <= quality <= 95:
        raise ParamError(Words("a JPEG quality must be a whole number from 1 to 95, not {quality}", quality=quality))
    return int(quality)


# -- the measures -----------------------------------------------------------------------------------
def psnr(mse: float) -> float:
    """Peak signal-to-noise ratio in dB of images in [0, 1]: 10 log10(1 / MSE); infinite when MSE is 0."""
    return math.inf if mse <= 0 else 10.0 * math.log10(1.0 / mse)


def mean_ssim(images: np.ndarray, reconstructions: np.ndarray) -> float:
    """Mean SSIM over the images, both (N, C, H, W) in [0, 1]; 1 for identical images."""
    scores = [structural_similarity(a, b, data_range=1.0, channel_axis=0) if a.shape[0] > 1
              else structural_similarity(a[0], b[0], data_range=1.0)
              for a, b in zip(images.astype(np.float64), reconstructions.astype(np.float64))]
    return float(np.mean(scores))


def _point(images: np.ndarray, reconstructions: np.ndarray) -> tuple[float, float, float]:
    """(MSE, PSNR, SSIM) of reconstructions of images, both (N, C, H, W)."""
    mse = float(np.mean((images.astype(np.float64) - reconstructions) ** 2))
    return mse, psnr(mse), mean_ssim(images, reconstructions)


# -- JPEG -------------------------------------------------------------------------------------------
def jpeg_payload_bytes(data: bytes) -> int:
    """Bytes of a baseline JPEG file's entropy-coded scan: the file less its markers and headers (the
    segments up to and including the start of scan, and the end-of-image marker)."""
    at = 2  # after SOI, FFD8
    while at + 4 <= len(data):
        marker, length = data[at + 1], int.from_bytes(data[at + 2:at + 4], "big")
        at += 2 + length
        if marker == 0xDA:  # start of scan: the coded data runs from here to EOI
            return len(data) - at - 2
    return len(data)


def jpeg_round_trip(images: np.ndarray | torch.Tensor, quality: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each image through JPEG at ``quality``: (reconstructions (N, C, H, W) float32 in [0, 1],
    file bytes (N,), scan bytes without headers (N,))."""
    x, quality = as_images(images), check_quality(quality)
    pixels = np.round(x * 255).astype(np.uint8).transpose(0, 2, 3, 1)  # (N, H, W, C)
    out, sizes, payloads = np.empty_like(x), np.empty(len(x), np.int64), np.empty(len(x), np.int64)
    for i, p in enumerate(pixels):
        buffer = io.BytesIO()
        Image.fromarray(p[:, :, 0] if p.shape[2] == 1 else p).save(buffer, format="JPEG", quality=quality)
        data = buffer.getvalue()
        sizes[i], payloads[i] = len(data), jpeg_payload_bytes(data)
        decoded = np.asarray(Image.open(io.BytesIO(data)), dtype=np.float32) / 255  # (H, W) or (H, W, C)
        out[i] = decoded[None] if decoded.ndim == 2 else decoded.transpose(2, 0, 1)
    return out, sizes, payloads


def jpeg_curve(images: np.ndarray | torch.Tensor, qualities: tuple[int, ...] = JPEG_QUALITIES) -> RateDistortionCurve:
    """JPEG's rate–distortion curve on ``images`` (N, C, H, W) in [0, 1], one point per quality."""
    x = as_images(images)
    qualities = tuple(sorted({check_quality(q) for q in qualities}))
    if not qualities:
        raise ParamError(Words("give at least one JPEG quality (1 to 95)"))
    rows = []
    for q in qualities:
        rec, sizes, payloads = jpeg_round_trip(x, q)
        rows.append((8.0 * sizes.mean(), 8.0 * payloads.mean(), *_point(x, rec)))
    bits, payload, mse, db, ssim = (np.array(c, dtype=np.float64) for c in zip(*rows))
    return RateDistortionCurve("JPEG", tuple(Words("JPEG q={quality}", quality=q) for q in qualities),
                               bits, payload, mse, db, ssim, qualities)


# -- a trained method -------------------------------------------------------------------------------
def bits_of_code(kind: str, dim: int, cells: int = 1) -> float:
    """Bits per image of a code: ``dim`` is the number of reals or binary digits, the values K of each of
    a one-hot code's ``cells`` groups, or a VQ-VAE's codebook size K with ``cells`` grid cells. E.g. 4
    binary digits -> 4; a 2x2 grid over K = 16 -> 4 log2 16 = 16; 3 groups one-hot over 4 -> 6."""
    if kind not in CODE_KINDS:
        raise ParamError(Words("'{kind}' is not a kind of code; choose one of: {kinds}",
                               kind=kind, kinds=", ".join(CODE_KINDS)))
    if dim < 1 or cells < 1:
        raise ParamError(Words("a code needs at least one number, not {dim} in {cells} cells", dim=dim, cells=cells))
    return {"real": float(FLOAT_BITS * dim * cells), "binary": float(dim * cells), "one-hot": cells * math.log2(dim),
            "vq": cells * math.log2(dim)}[kind]


def _name(model: Method) -> str:
    return model.label or model.name or type(model).__name__


def _has_code(model: Method) -> bool:
    """Whether the method rebuilds images from a code: it reconstructs and has a quantiser or a decodable code."""
    if type(model).reconstruct is Method.reconstruct:
        return False
    return isinstance(getattr(model, "quantiser", None), VectorQuantiser) or model.latent_dim is not None


def code_kind(model: Method) -> str:
    """"vq" for a method with a codebook (VQ-VAE); else its params' ``code`` ("real", "binary" or
    "one-hot": the autoencoder's kinds of code in DESIGN.md), "real" when it declares none."""
    if not _has_code(model):
        raise ParamError(Words("{method} has no code to compress with: it does not rebuild images from a code",
                               method=_name(model)))
    if isinstance(getattr(model, "quantiser", None), VectorQuantiser):
        return "vq"
    code = str(getattr(model.params, "code", "real"))
    return "one-hot" if code == "gumbel" else code  # Gumbel-softmax codes are one-hot in the forward pass


def _code(model: Method, kind: str | None) -> tuple[float, Words]:
    """(bits per image, what the code is in words) of the method's code."""
    declared = code_kind(model)  # a method without a code says so, whatever kind is asked for
    kind = declared if kind is None else kind
    if kind == "vq" and declared != "vq":
        raise ParamError(Words("{method} has no codebook, so its code is not a VQ grid", method=_name(model)))
    if kind == "vq":
        cells, k = int(model.grid) ** 2, int(model.quantiser.size)  # its grid is square (engine/nn/networks.py)
        bits = bits_of_code("vq", k, cells)
        return bits, Words("{cells} cells × log2 {k} = {bits:g} bits", cells=cells, k=k, bits=bits)
    if model.latent_dim is None:  # a VQ-VAE's grid read as reals or digits
        raise ParamError(Words("{method}'s code is a grid of codebook indices; count it as vq", method=_name(model)))
    dim = int(model.latent_dim)
    if kind == "one-hot":  # latent_dim = groups x K, one value on in each group (engine/nn/discrete_codes.py)
        k = int(getattr(model.params, "one_hot_k", dim))
        groups = max(1, dim // max(k, 1))
        bits = bits_of_code("one-hot", k, groups)
        return bits, Words("{groups} groups of one of {k} values (one-hot): {bits:.3g} bits", groups=groups, k=k,
                           bits=bits)
    bits = bits_of_code(kind, dim)
    words = {"real": Words("{dim} real numbers × {float_bits} bits", dim=dim, float_bits=FLOAT_BITS),
             "binary": Words("{dim} binary digits", dim=dim)}[kind]
    return bits, words


def code_bits(model: Method, kind: str | None = None) -> float:
    """Bits per image that the method's code takes (see the module's doc); ``kind`` overrides the kind
    of code the method declares ("real", "binary", "one-hot" or "vq")."""
    return _code(model, kind)[0]


def method_reconstructions(model: Method, images: np.ndarray | torch.Tensor, chunk: int = 500) -> np.ndarray:
    """(N, C, H, W) float32: what the method rebuilds from each image's code, in eval mode without
    gradients. The code is of the clean image (a denoising autoencoder's ``reconstruct`` corrupts it
    first): decode(encode(x)), or the quantised grid's decoding for a VQ-VAE."""
    code_kind(model)  # a method without a code says so
    x = as_images(images)
    if tuple(x.shape[1:]) != tuple(model.image_shape):
        raise DatasetError(Words("{method} was trained on images of shape {expected}, not {found}",
                                 method=_name(model), expected=tuple(model.image_shape),
                                 found=tuple(x.shape[1:])))
    device = next(model.parameters()).device
    parts = []
    with evaluating(model):
        for c in torch.from_numpy(x).split(chunk):
            c = c.to(device)  # (B, C, H, W)
            if isinstance(getattr(model, "quantiser", None), VectorQuantiser):
                out = model.reconstruct(c).output
            else:
                out = model.decode(model.encode(c))
            parts.append(out.float().clamp(0, 1).cpu())
    return torch.cat(parts).numpy()


def method_curve(model: Method, images: np.ndarray | torch.Tensor, kind: str | None = None,
                 chunk: int = 500) -> RateDistortionCurve:
    """The method's one rate–distortion point on ``images``: its code's bits, and the error of what it
    rebuilds from the code (``kind``: as in :func:`code_bits`)."""
    bits, words = _code(model, kind)
    x = as_images(images)
    mse, db, ssim = _point(x, method_reconstructions(model, x, chunk))
    name = _name(model)
    label = Words("{method}: {code}", method=name, code=words)
    b = np.array([bits])
    return RateDistortionCurve(name, (label,), b, b.copy(), np.array([mse]), np.array([db]),
                               np.array([ssim]), (None,))


def rate_distortion(images: np.ndarray | torch.Tensor, methods: tuple[Method, ...] = (),
                    qualities: tuple[int, ...] = JPEG_QUALITIES) -> list[RateDistortionCurve]:
    """JPEG's curve and each method's point on the same images, JPEG first."""
    x = as_images(images)
    return [jpeg_curve(x, qualities)] + [method_curve(m, x) for m in methods]


def point_reconstructions(curve: RateDistortionCurve, index: int, images: np.ndarray | torch.Tensor,
                          model: Method | None = None) -> np.ndarray:
    """The images (N, C, H, W) as rebuilt at the curve's point ``index``: "click a point to see that image
    at that rate". A JPEG point needs only the images; a method's point needs the method (``model``)."""
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < len(curve):
        raise ParamError(Words("there is no point {index} on the curve {name}: it has {count} points",
                               index=index, name=curve.name, count=len(curve)))
    quality = curve.qualities[index]
    if quality is not None:
        return jpeg_round_trip(images, quality)[0]
    if model is None:
        raise ParamError(Words("the images at a point of {name} need its trained method", name=curve.name))
    return method_reconstructions(model, images)
