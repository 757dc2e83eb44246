"""The folder loader reads what it can and counts what it cannot, and never crashes."""

import numpy as np
import pytest
from PIL import Image

from engine.data import load_dataset
from engine.errors import DatasetError


def _rgb(path, colour, size=(40, 30)):
    Image.new("RGB", size, colour).save(path)


@pytest.fixture
def messy_folder(tmp_path):
    root = tmp_path / "pets"
    (root / "cat").mkdir(parents=True)
    (root / "dog").mkdir()
    for i in range(4):
        _rgb(root / "cat" / f"c{i}.png", (200, 200, 200))
        _rgb(root / "dog" / f"d{i}.jpg", (20, 20, 20))
    # Odd but usable: RGBA, 16-bit grey, palette.
    Image.new("RGBA", (16, 16), (255, 255, 255, 128)).save(root / "cat" / "alpha.png")
    Image.fromarray(np.full((16, 16), 65535, dtype=np.uint16)).save(root / "dog" / "deep.png")
    Image.new("P", (16, 16), 3).save(root / "dog" / "palette.gif")
    # Unusable: not an image, truncated, empty, a loose file outside the class folders.
    (root / "cat" / "notes.txt").write_text("not an image")
    good = root / "dog" / "d0.jpg"
    (root / "dog" / "cut.jpg").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    (root / "cat" / "empty.png").write_bytes(b"")
    _rgb(root / "loose.png", (0, 0, 0))
    return root


def test_messy_folder_loads_what_it_can(messy_folder):
    ds = load_dataset(f"folder:{messy_folder}", size=16)
    report = ds.notes["folder_report"]
    assert ds.class_names == ("cat", "dog")
    assert ds.image_shape == (1, 16, 16)
    assert report.loaded == len(ds.train) + len(ds.heldout) == 11
    assert report.skipped["not an image"] == 2  # notes.txt and the empty file
    assert report.skipped["truncated or corrupt"] == 1
    assert report.skipped["outside the class folders"] == 1
    assert report.converted["with transparency (composited on black)"] >= 1
    assert report.converted["16-bit or float (scaled to 8-bit)"] == 1
    # The 16-bit white image is white, not clipped to 255/65535.
    all_images = np.concatenate([ds.train.images.numpy(), ds.heldout.images.numpy()])
    assert all_images.max() == pytest.approx(1.0, abs=1e-3)
    assert "11 images loaded" in report.summary()


def test_rgb_and_flat_folders(tmp_path):
    for i in range(6):
        _rgb(tmp_path / f"{i}.png", (255, 0, 0))
    ds = load_dataset(f"folder:{tmp_path}", size=8, channels="rgb")
    assert ds.class_names == ("all",)
    assert ds.image_shape == (3, 8, 8)
    px = ds.train.images[0, :, 4, 4]
    assert px.tolist() == pytest.approx([1.0, 0.0, 0.0], abs=1e-2)


def test_folder_errors_are_clear(tmp_path):
    with pytest.raises(DatasetError, match="not a folder"):
        load_dataset(f"folder:{tmp_path / 'missing'}")
    (tmp_path / "junk.bin").write_bytes(b"\x00" * 100)
    with pytest.raises(DatasetError, match="no readable images.*1 not an image"):
        load_dataset(f"folder:{tmp_path}")
    with pytest.raises(DatasetError, match="grey' or 'rgb"):
        load_dataset(f"folder:{tmp_path}", channels="cmyk")


def test_broken_and_looping_links_are_counted(tmp_path):
    for i in range(3):
        _rgb(tmp_path / f"{i}.png", (90, 90, 90))
    (tmp_path / "gone.png").symlink_to(tmp_path / "deleted.png")
    (tmp_path / "loop_a.png").symlink_to(tmp_path / "loop_b.png")
    (tmp_path / "loop_b.png").symlink_to(tmp_path / "loop_a.png")
    (tmp_path / "alias.png").symlink_to(tmp_path / "0.png")  # a working link is an image like any other
    report = load_dataset(f"folder:{tmp_path}", size=8).notes["folder_report"]
    assert report.loaded == 4
    assert report.skipped["broken or looping links"] == 3
    assert "skipped 3 broken or looping links" in report.summary()


def test_very_large_images_are_downscaled_without_pils_warning(tmp_path, monkeypatch):
    import warnings

    from PIL import Image

    from engine.data import folder

    # Stand-ins for 100-megapixel files: the limit is lowered instead of writing one.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    _rgb(tmp_path / "big.png", (200, 200, 200), size=(40, 40))  # 1,600 pixels: over the limit, under twice it
    _rgb(tmp_path / "big.jpg", (200, 200, 200), size=(40, 40))
    _rgb(tmp_path / "small.png", (200, 200, 200), size=(20, 20))
    _rgb(tmp_path / "huge.png", (200, 200, 200), size=(50, 50))  # over twice the limit: refused by PIL
    sizes = set()  # of the images as they reach the resize
    real_square = folder._square

    def recording_square(img, size):
        sizes.add(img.size)
        return real_square(img, size)

    monkeypatch.setattr(folder, "_square", recording_square)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # PIL's raw DecompressionBombWarning must not reach the user
        ds = load_dataset(f"folder:{tmp_path}", size=8)
    report = ds.notes["folder_report"]
    assert report.loaded == 3 and report.downscaled == 2 and report.skipped["too large"] == 1
    assert "2 very large images were downscaled (over 0.001 megapixels)" in report.summary()
    assert sizes == {(20, 20)}  # PNG reduced by 2, JPEG drafted at 1/2: none resized from 40x40
    assert ds.train.images.min() > 0.7  # still the same light grey after downscaling
