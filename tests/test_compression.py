"""The autoencoder as a compressor against JPEG (engine/analysis/compression.py, issue 21 §4): a code's
bits worked out by hand, JPEG's rate and error moving the right way with quality, PSNR and SSIM against
hand computations, the images at a chosen point, and a readable message for each bad input."""

import io
import math
from dataclasses import dataclass

import numpy as np
import pytest
import torch
from PIL import Image

from engine.analysis.compression import (
    JPEG_QUALITIES, RateDistortionCurve, bits_of_code, code_bits, code_kind, jpeg_curve, jpeg_payload_bytes,
    jpeg_round_trip, mean_ssim, method_curve, method_reconstructions, point_reconstructions, psnr,
    rate_distortion,
)
from engine.data import load_dataset
from engine.errors import DatasetError, ParamError
from engine.methods import Method, Reconstruction, create_method
from engine.methods.reconstruction.autoencoder import Autoencoder, AutoencoderParams
from engine.training.util import evaluating
from engine.words import Words, message_of


@pytest.fixture(scope="module")
def digits28() -> np.ndarray:
    """16 held-out MNIST digits, (16, 1, 28, 28) in [0, 1]."""
    return load_dataset("mnist5k").heldout.images[:16].cpu().numpy()


def _method(name: str, image_shape=(1, 28, 28), **params) -> Method:
    torch.manual_seed(0)
    return create_method(name, params, image_shape)


@dataclass(frozen=True)
class BinaryCodeParams(AutoencoderParams):
    code: str = "binary"  # the autoencoder's binary code (DESIGN.md), declared in its params


class Shift(Method):
    """A stand-in compressor that keeps every pixel (its code is the image) and decodes it ``shift`` lower."""

    def __init__(self, image_shape, shift: float):
        super().__init__(None, image_shape)
        self.shift = shift
        self.anchor = torch.nn.Parameter(torch.zeros(()))  # where its device is read from

    @property
    def latent_dim(self) -> int:
        return math.prod(self.image_shape)

    def embed(self, x):
        return x.flatten(1)

    def decode(self, z):
        return z.reshape(-1, *self.image_shape) - self.shift

    def reconstruct(self, x):
        return Reconstruction(None, self.decode(self.embed(x)))


# -- bits of a code, by hand --------------------------------------------------------------------------
def test_bits_of_small_codes_worked_out_by_hand():
    assert bits_of_code("binary", 4) == 4  # 4 digits of 0/1
    assert bits_of_code("vq", 16, cells=4) == 16  # a 2x2 grid, each cell one of 16 codes: 4 x 4 bits
    assert bits_of_code("one-hot", 8) == 3  # one of 8 symbols
    assert bits_of_code("one-hot", 4, cells=3) == 6  # 3 groups, each one of 4 values: 3 x 2 bits
    assert bits_of_code("real", 8) == 256  # 8 float32 numbers
    assert bits_of_code("vq", 10, cells=1) == pytest.approx(3.321928, abs=1e-6)  # log2 10: the ideal rate


def test_a_methods_code_bits_follow_its_kind_of_code():
    ae = _method("autoencoder", (1, 8, 8), latent_dim=4)
    assert code_kind(ae) == "real" and code_bits(ae) == 4 * 32
    assert code_bits(ae, kind="binary") == 4 and code_bits(ae, kind="one-hot") == 2
    binary = Autoencoder(BinaryCodeParams(latent_dim=4), (1, 8, 8))
    assert code_kind(binary) == "binary" and code_bits(binary) == 4
    # An 8x8 image leaves a 4x4 grid (engine/nn/networks.py): 16 cells x log2 16 = 64 bits; 28x28 a 7x7 grid.
    vq8 = _method("vqvae", (1, 8, 8), codebook_size=16)
    assert (vq8.grid, code_kind(vq8), code_bits(vq8)) == (4, "vq", 64)
    assert code_bits(_method("vqvae", codebook_size=64)) == 49 * 6
    assert code_bits(_method("vae", latent_dim=10)) == 320
    for code in ("one-hot", "gumbel"):  # 12 = 3 groups of K = 4, one value on in each: 3 x log2 4 bits
        grouped = _method("autoencoder", (1, 8, 8), latent_dim=12, code=code, one_hot_k=4)
        assert code_kind(grouped) == "one-hot" and code_bits(grouped) == 6


# -- JPEG ---------------------------------------------------------------------------------------------
def test_jpeg_bits_grow_and_error_falls_with_quality(digits28):
    curve = jpeg_curve(digits28)
    assert curve.qualities == JPEG_QUALITIES and curve.labels[2] == "JPEG q=20"
    assert isinstance(curve.labels[2], Words) and curve.name == "JPEG"
    assert np.all(np.diff(curve.bits) > 0) and np.all(np.diff(curve.payload_bits) > 0)
    assert np.all(np.diff(curve.mse) < 0) and np.all(np.diff(curve.psnr) > 0)
    assert curve.ssim[-1] > curve.ssim[0] and curve.ssim[-1] > 0.95
    # The headers (tables, markers) are the same size at every quality, and most of a 28x28 file.
    headers = curve.bits - curve.payload_bits
    assert np.all(headers == headers[0]) and headers[0] > curve.payload_bits[0]


def test_jpeg_bits_are_the_encoded_files_bytes_times_8(digits28):
    rec, sizes, payloads = jpeg_round_trip(digits28[:3], 20)
    for image, size, payload in zip(digits28[:3], sizes, payloads):
        buffer = io.BytesIO()
        Image.fromarray(np.round(image[0] * 255).astype(np.uint8)).save(buffer, format="JPEG", quality=20)
        data = buffer.getvalue()
        assert size == len(data) and payload == jpeg_payload_bytes(data)
        assert data[-2:] == b"\xff\xd9" and 0 < payload < size  # the scan ends just before EOI
    curve = jpeg_curve(digits28[:3], qualities=(20,))
    assert curve.bits[0] == pytest.approx(8 * sizes.mean())
    assert rec.shape == (3, 1, 28, 28) and rec.dtype == np.float32 and 0 <= rec.min() and rec.max() <= 1


def test_jpeg_of_colour_images(digits28):
    rng = np.random.default_rng(0)
    colour = np.clip(np.repeat(digits28[:4], 3, axis=1) * rng.uniform(0.5, 1, (4, 3, 1, 1)), 0, 1)
    curve = jpeg_curve(colour, qualities=(10, 90))
    assert curve.bits[1] > curve.bits[0] and curve.mse[1] < curve.mse[0] and curve.ssim[1] > curve.ssim[0]


# -- PSNR and SSIM --------------------------------------------------------------------------------------
def test_psnr_matches_a_hand_computation():
    assert psnr(0.01) == pytest.approx(20.0)  # 10 log10(1 / 0.01)
    assert psnr(1.0) == 0 and psnr(0.0) == math.inf
    images = np.full((3, 1, 8, 8), 0.5, np.float32)
    curve = method_curve(Shift((1, 8, 8), 0.1), images)  # every pixel 0.1 off: MSE 0.01, PSNR 20 dB
    assert curve.mse[0] == pytest.approx(0.01, rel=1e-5) and curve.psnr[0] == pytest.approx(20.0, abs=1e-4)
    assert curve.bits[0] == 64 * 32 and curve.qualities == (None,)


def test_ssim_of_identical_images_is_1_and_falls_with_noise(digits28):
    assert mean_ssim(digits28, digits28) == pytest.approx(1.0)
    noisy = np.clip(digits28 + np.random.default_rng(0).normal(0, 0.2, digits28.shape), 0, 1)
    assert mean_ssim(digits28, noisy) < 0.8
    exact = method_curve(Shift((1, 28, 28), 0.0), digits28)
    assert (exact.mse[0], exact.psnr[0], exact.ssim[0]) == (0.0, math.inf, pytest.approx(1.0))


# -- a trained method -------------------------------------------------------------------------------------
def test_a_methods_point_is_its_code_bits_and_the_error_of_its_reconstructions(digits28):
    ae = _method("autoencoder", latent_dim=8)
    curve = method_curve(ae, digits28)
    rec = method_reconstructions(ae, digits28)
    with evaluating(ae):
        expected = ae.reconstruct(torch.from_numpy(digits28)).output.numpy()
    np.testing.assert_allclose(rec, expected, atol=1e-6)
    assert curve.bits[0] == curve.payload_bits[0] == 256
    assert curve.mse[0] == pytest.approx(np.mean((digits28.astype(np.float64) - rec) ** 2), rel=1e-6)
    assert curve.labels == ("Autoencoder: 8 real numbers × 32 bits",) and ae.training  # its mode restored
    vq = method_curve(_method("vqvae", codebook_size=64), digits28[:4])
    assert vq.labels == ("VQ-VAE: 49 cells × log2 64 = 294 bits",) and vq.bits[0] == 294


def test_a_denoising_autoencoder_compresses_the_clean_image(digits28):
    dae = _method("denoising_autoencoder", latent_dim=8, noise_level=0.5)
    with evaluating(dae):
        x = torch.from_numpy(digits28)
        clean = dae.decode(dae.encode(x)).numpy()
        assert not np.allclose(dae.reconstruct(x).output.numpy(), clean)
    np.testing.assert_allclose(method_reconstructions(dae, digits28), clean, atol=1e-6)


def test_the_images_at_a_chosen_point(digits28):
    ae = _method("autoencoder", latent_dim=8)
    jpeg, mine = rate_distortion(torch.from_numpy(digits28), (ae,), qualities=(40, 10, 20))
    assert isinstance(jpeg, RateDistortionCurve) and jpeg.qualities == (10, 20, 40)  # sorted by rate
    np.testing.assert_array_equal(point_reconstructions(jpeg, 1, digits28), jpeg_round_trip(digits28, 20)[0])
    np.testing.assert_array_equal(point_reconstructions(mine, 0, digits28, ae), method_reconstructions(ae, digits28))


# -- bad input ------------------------------------------------------------------------------------------
def _says(error: pytest.ExceptionInfo, *parts: str) -> None:
    assert isinstance(message_of(error.value), Words), "a message the window can translate"
    for part in parts:
        assert part in str(error.value), (part, str(error.value))


@pytest.mark.parametrize("images, parts", [
    (np.zeros((0, 1, 28, 28)), ("no images",)),
    (np.full((2, 1, 28, 28), 1.5), ("[0, 1]", "1.5")),
    (np.full((2, 1, 28, 28), -0.2), ("[0, 1]", "-0.2")),
    (np.full((2, 1, 28, 28), np.nan), ("not finite",)),
    (np.zeros((2, 28, 28)), ("(N, C, H, W)", "(2, 28, 28)")),
    (np.zeros((2, 2, 28, 28)), ("1 or 3 channels",)),
    (np.zeros((2, 1, 4, 4)), ("at least 7x7", "4x4")),
])
def test_bad_images_are_refused_with_a_readable_message(images, parts):
    with pytest.raises(DatasetError) as error:
        jpeg_curve(images)
    _says(error, *parts)


@pytest.mark.parametrize("quality", [0, 96, 100, -5, 20.5, True, "20"])
def test_a_quality_outside_1_to_95_is_refused(digits28, quality):
    with pytest.raises(ParamError) as error:
        jpeg_curve(digits28[:2], qualities=(20, quality))
    _says(error, "JPEG quality", "1 to 95", str(quality))


def test_no_qualities_is_refused(digits28):
    with pytest.raises(ParamError) as error:
        jpeg_curve(digits28[:2], qualities=())
    _says(error, "at least one JPEG quality")


@pytest.mark.parametrize("name", ["simclr", "mae", "gan"])
def test_a_method_without_a_code_is_refused(digits28, name):
    model = _method(name)
    for call in (lambda: code_bits(model), lambda: code_bits(model, kind="binary"),
                 lambda: method_curve(model, digits28[:2])):
        with pytest.raises(ParamError) as error:
            call()
        _says(error, model.label, "no code to compress with")


def test_bad_kinds_shapes_and_points_are_refused(digits28):
    ae = _method("autoencoder", latent_dim=4)
    with pytest.raises(ParamError) as error:
        code_bits(ae, kind="ternary")
    _says(error, "'ternary' is not a kind of code", "real, binary, one-hot, vq")
    with pytest.raises(ParamError) as error:
        code_bits(ae, kind="vq")
    _says(error, "Autoencoder has no codebook")
    with pytest.raises(ParamError) as error:
        code_bits(_method("vqvae", (1, 8, 8)), kind="binary")
    _says(error, "grid of codebook indices")
    with pytest.raises(DatasetError) as error:
        method_curve(_method("autoencoder", (1, 8, 8)), digits28[:2])
    _says(error, "(1, 8, 8)", "(1, 28, 28)")
    curve = jpeg_curve(digits28[:2], qualities=(10, 20))
    with pytest.raises(ParamError) as error:
        point_reconstructions(curve, 2, digits28[:2])
    _says(error, "no point 2", "2 points")
    mine = method_curve(ae.__class__(AutoencoderParams(latent_dim=4), (1, 28, 28)), digits28[:2])
    with pytest.raises(ParamError) as error:
        point_reconstructions(mine, 0, digits28[:2])
    _says(error, "need its trained method")
