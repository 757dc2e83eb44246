"""2-D point sets (engine/data/points.py): the ring, the grid and the moons, files of drawn points with a
clear message for every way they can be wrong, points through Split and Batch, and the mode coverage
measures (engine/analysis/mode_coverage.py) on hand-made samples."""

import numpy as np
import pytest
import torch

from engine.analysis.mode_coverage import COVERED_FAIR_SHARE, coverage, high_quality_share, modes_covered
from engine.data import dataset_kind, dataset_names, dataset_option_names, embedded_names, load_dataset
from engine.data.batch import DATA_KINDS, POINTS_SHAPE, batch_of
from engine.data.points import MIN_POINTS, grid_centres, ring_centres, save_points_csv
from engine.errors import DatasetError


def _all_points(ds):
    return torch.cat([ds.train.points, ds.heldout.points]).numpy()


# -- the embedded sets -------------------------------------------------------------------------------
def test_the_ring_is_eight_gaussians_of_std_002_on_a_circle_of_radius_2():
    ds = load_dataset("ring8")
    assert ds.kind == "points" and "points" in DATA_KINDS and ds.image_shape == POINTS_SHAPE == (1, 1, 2)
    assert not ds.has_images and ds.train.images is None
    assert (len(ds.train), len(ds.heldout)) == (4000, 1000)
    assert ds.train.points.shape == (4000, 2) and ds.train.points.dtype == torch.float32
    centres = np.array(ds.notes["centres"])
    assert centres.shape == (8, 2) and np.allclose(np.linalg.norm(centres, axis=1), 2.0)
    assert ds.notes["mode_std"] == 0.02 and len(ds.class_names) == 8 and ds.class_names[2] == "90°"
    points, labels = _all_points(ds), torch.cat([ds.train.labels, ds.heldout.labels]).numpy()
    offsets = points - centres[labels]  # each point about its own mode's centre
    assert np.abs(offsets).max() < 6 * 0.02 and abs(offsets.std() - 0.02) < 0.002
    assert np.bincount(labels).tolist() == [625] * 8
    assert np.bincount(ds.heldout.labels.numpy()).tolist() == [125] * 8  # stratified


def test_the_grid_and_the_moons():
    grid = load_dataset("grid25", size=2500)
    centres = np.array(grid.notes["centres"])
    assert centres.shape == (25, 2) and centres.min() == -4 and centres.max() == 4
    assert np.allclose(np.unique(centres[:, 0]), [-4, -2, 0, 2, 4]) and grid.notes["mode_std"] == 0.05
    assert grid.class_names[0] == "(-4, -4)" and len(grid.train) + len(grid.heldout) == 2500
    moons = load_dataset("two_moons")
    assert moons.class_names == ("1", "2") and "centres" not in moons.notes and moons.kind == "points"
    p = _all_points(moons)
    assert -3.6 < p[:, 0].min() < -2.5 and 2.5 < p[:, 0].max() < 3.6 and abs(p[:, 1]).max() < 2.0


def test_a_seed_gives_the_same_points_and_options_are_checked():
    a, b, c = load_dataset("ring8", seed=1), load_dataset("ring8", seed=1), load_dataset("ring8", seed=2)
    assert torch.equal(a.train.points, b.train.points) and not torch.equal(a.train.points, c.train.points)
    assert load_dataset("ring8", std=0.1).notes["mode_std"] == 0.1
    assert set(dataset_option_names("ring8")) == {"seed", "size", "std"}
    assert dataset_option_names("points:/x.csv") == ("seed",)
    with pytest.raises(DatasetError, match="size must be between 16"):
        load_dataset("ring8", size=3)
    with pytest.raises(DatasetError, match="no option radius"):
        load_dataset("ring8", radius=3)
    with pytest.raises(DatasetError, match="no option size"):
        load_dataset("points:/nowhere.csv", size=3)


def test_names_and_kinds():
    assert embedded_names("points") == ["ring8", "grid25", "two_moons"]
    assert dataset_names()[0] == "mnist5k" and dataset_names("points") == ["ring8", "grid25", "two_moons"]
    names = dataset_names()
    assert names.index("sprites") < names.index("ring8")  # the images first
    assert dataset_kind("ring8") == "points" and dataset_kind("points:~/a.csv") == "points"
    assert dataset_kind("mnist5k") == "images" and dataset_kind("folder:/x") == "images"
    assert np.allclose(ring_centres()[0], [2, 0]) and grid_centres().shape == (25, 2)


def test_points_flow_through_split_and_batch():
    ds = load_dataset("ring8", size=64)
    part = ds.train.take(torch.tensor([3, 1]))
    assert torch.equal(part.points, ds.train.points[[3, 1]]) and part.images is None
    batch = batch_of(ds.train, torch.tensor([0, 5, 7]), step=4)
    assert batch.points.shape == (3, 2) and len(batch) == 3 and batch.step == 4 and batch.images is None
    moved = batch.to("cpu")
    assert moved.points is not None and moved.device == torch.device("cpu")
    assert ds.to("cpu").heldout.points.shape == (len(ds.heldout), 2)


# -- files of points ---------------------------------------------------------------------------------
def test_a_drawing_saved_as_csv_loads_back(tmp_path):
    rng = np.random.default_rng(0)
    points, labels = rng.normal(size=(40, 2)) * 3, np.repeat([7, 2], 20)
    path = save_points_csv(tmp_path / "drawn.csv", points, labels)
    assert path.read_text().splitlines()[0] == "x,y,label"
    ds = load_dataset(f"points:{path}")
    assert ds.kind == "points" and ds.class_names == ("2", "7") and (len(ds.train), len(ds.heldout)) == (32, 8)
    loaded = np.concatenate([_all_points(ds), torch.cat([ds.train.labels, ds.heldout.labels]).numpy()[:, None]], 1)
    expected = np.concatenate([points.astype(np.float32), (labels == 7)[:, None]], 1)  # 2 -> class 0, 7 -> 1
    assert np.allclose(sorted(map(tuple, loaded)), sorted(map(tuple, expected)))
    unlabelled = load_dataset(f"points:{save_points_csv(tmp_path / 'plain.csv', points)}")
    assert unlabelled.class_names == ("all",) and unlabelled.notes == {}


def test_csv_variants_and_npy(tmp_path):
    rows = "\n".join(f"{i * 0.5}; {-i}" for i in range(20))
    (tmp_path / "semi.csv").write_text("# my ring\n\n" + rows + "\n")
    assert len(load_dataset(f"points:{tmp_path / 'semi.csv'}").train) == 16
    (tmp_path / "spaces.txt").write_text("X  Y\n" + rows.replace(";", " "))
    assert len(load_dataset(f"points:{tmp_path / 'spaces.txt'}").heldout) == 4
    np.save(tmp_path / "p.npy", np.arange(40.0).reshape(20, 2))
    ds = load_dataset(f"points:{tmp_path / 'p.npy'}")
    assert sorted(_all_points(ds)[:, 0].tolist()) == list(np.arange(0.0, 40.0, 2))


def _bad(tmp_path, name: str, content) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return f"points:{path}"


def _rows(n: int, extra: str = "") -> str:
    return "".join(f"{i},{i + 1}{extra}\n" for i in range(n))


@pytest.mark.parametrize("name, content, message", [
    ("few.csv", "x,y\n" + _rows(5), r"holds 5 points; draw at least 16 points"),
    ("empty.csv", "", r"holds 0 points; draw at least 16 points"),
    ("one.csv", "".join(f"{i}\n" for i in range(20)), r"two columns of numbers, x and y.*line 1 has 1"),
    ("four.csv", _rows(20, ",1,2"), r"two columns of numbers.*line 1 has 4"),
    ("ragged.csv", _rows(10) + "1,2,3\n" + _rows(10), r"two columns.*line 11 has 3"),
    ("word.csv", "x,y\n" + _rows(10) + "3,abc\n" + _rows(10), r"line 12: 'abc' is not a number"),
    ("nan.csv", _rows(20) + "nan,1\ninf,2\n", r"holds 2 NaN or infinite values"),
    ("labels.csv", _rows(20, ",0.5"), r"third column holds labels, which must be whole numbers"),
    ("binary.csv", b"\xff\xfe\x00\x81" * 10, r"could not read the points file"),
    ("bad.npy", b"not an npy file", r"could not read the points file"),
])
def test_every_bad_file_gets_a_clear_message(tmp_path, name, content, message):
    with pytest.raises(DatasetError, match=message):
        load_dataset(_bad(tmp_path, name, content))


def test_missing_folder_and_wrong_array_files(tmp_path):
    with pytest.raises(DatasetError, match="no points file at .*nowhere.csv"):
        load_dataset(f"points:{tmp_path / 'nowhere.csv'}")
    with pytest.raises(DatasetError, match="is not a file"):
        load_dataset(f"points:{tmp_path}")
    np.save(tmp_path / "cube.npy", np.zeros((20, 2, 2)))
    with pytest.raises(DatasetError, match=r"shape \(20, 2, 2\).*\(N, 2\)"):
        load_dataset(f"points:{tmp_path / 'cube.npy'}")
    np.save(tmp_path / "objects.npy", np.array([{"a": 1}] * 20, dtype=object), allow_pickle=True)
    with pytest.raises(DatasetError, match="could not read the points file"):  # never unpickled
        load_dataset(f"points:{tmp_path / 'objects.npy'}")
    assert MIN_POINTS == 16


# -- mode coverage -----------------------------------------------------------------------------------
def test_coverage_on_hand_made_samples():
    centres, std = ring_centres(), 0.02
    # 10 points on mode 0, 5 on mode 1, 1 on mode 2 (2.5 std off: within 3), and 4 far from every mode.
    near = np.concatenate([np.repeat(centres[[0]], 10, 0), np.repeat(centres[[1]], 5, 0), centres[[2]] + [0.05, 0.0]])
    far = np.array([[0.0, 0.0], [5.0, 5.0], [1.0, 0.0], [-0.5, 0.3]])
    points = np.concatenate([near, far])  # 20 points
    assert high_quality_share(points, centres, std) == pytest.approx(16 / 20)
    assert modes_covered(points, centres, std) == 3
    assert modes_covered(points, centres, std, min_points=5) == 2
    # A tenth of a fair share of 20 / 8 = 2.5 points is 0.25: one point is enough...
    assert modes_covered(points, centres, std, min_share=COVERED_FAIR_SHARE) == 3
    # ...but with 1,505 points, a fair share is 188 and the lone one on mode 2 does not count.
    many = np.concatenate([np.repeat(points[:15], 100, 0), points[15:]])  # modes 0, 1, 2: 1,000, 500, 1; 4 far
    assert modes_covered(many, centres, std, min_share=COVERED_FAIR_SHARE) == 2
    assert modes_covered(points, centres, std, k=1.0) == 2  # 0.05 off is 2.5 std: not within 1
    none = np.zeros((0, 2))
    assert modes_covered(none, centres, std) == 0 and np.isnan(high_quality_share(none, centres, std))


def test_the_tensor_form_matches_and_stays_on_the_device():
    centres = torch.as_tensor(grid_centres(), dtype=torch.float32)
    points = centres.repeat(4, 1) + 0.01  # (100, 2): every mode, 4 points each
    modes, share = coverage(points, centres, 0.05, min_share=COVERED_FAIR_SHARE)
    assert modes.shape == () and modes.dtype == torch.float32 and modes.item() == 25 and share.item() == 1.0
    modes, share = coverage(points[:8], centres, 0.05)
    assert modes.item() == 8 and share.item() == 1.0
    assert modes_covered(points.numpy(), centres.numpy(), 0.05) == 25
