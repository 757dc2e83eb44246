"""Recording (issue 13 §6): the writers make files a player reads back, the recorder burns the caption
in, keeps real time and refuses what it cannot write with a message naming why."""

import numpy as np
import pytest
from PIL import Image

from gui.recording.writers import GifWriter, Mp4Writer, RecordingError, fit_to, writer_for


def frames(n, w=64, h=48):
    """Frames whose red channel counts the frame: each is told apart when read back."""
    out = []
    for i in range(n):
        f = np.zeros((h, w, 3), np.uint8)
        f[..., 0] = 40 * i
        f[: h // 2, : w // 2, 2] = 255
        out.append(f)
    return out


def test_a_gif_holds_every_frame_at_the_asked_rate(tmp_path):
    writer = GifWriter(tmp_path / "clip.gif", fps=10, palette_every=1)
    for f in frames(4):
        writer.add(f)
    path = writer.close()
    gif = Image.open(path)
    assert gif.n_frames == 4 and gif.size == (64, 48)
    assert gif.info["duration"] == 100
    reds = []
    for i in range(4):
        gif.seek(i)
        reds.append(np.asarray(gif.convert("RGB"))[-1, -1, 0])
    assert np.allclose(reds, [0, 40, 80, 120], atol=8)
    assert not writer.folder.exists()  # the temporary frames are gone


def test_a_frame_of_another_size_is_letterboxed_to_the_first():
    f = np.full((20, 80, 3), 255, np.uint8)  # wider than the first frame's 40x40
    out = fit_to(f, (40, 40))
    assert out.shape == (40, 40, 3)
    assert out[0, 20].sum() == 0 and out[20, 20].sum() == 3 * 255  # black bars above, picture in the middle


def test_an_mp4_is_written_and_reads_back_with_its_frame_count(tmp_path):
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
    writer = Mp4Writer(tmp_path / "clip.mp4", fps=10)
    for f in frames(6, w=65, h=49):  # odd sides: cropped to even for H.264
        writer.add(f)
    path = writer.close()
    n, seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    assert n == 6 and seconds == pytest.approx(0.6, abs=0.11)
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    assert tuple(meta["size"]) == (64, 48)


@pytest.mark.parametrize("name, fps, words", [("clip.avi", 10, ".gif"), ("clip", 10, ".mp4"),
                                               ("clip.gif", 0, "1 to 60"), ("clip.gif", 120, "1 to 60")])
def test_what_cannot_be_recorded_is_refused_with_why(tmp_path, name, fps, words):
    with pytest.raises(RecordingError, match=words.replace(".", r"\.")):
        writer_for(tmp_path / name, fps)


def test_an_empty_recording_is_an_error_not_an_empty_file(tmp_path):
    with pytest.raises(RecordingError, match="no frame"):
        GifWriter(tmp_path / "none.gif", 10).close()
    assert not (tmp_path / "none.gif").exists()


# -- the recorder (Qt) ----------------------------------------------------------------------------
def test_the_caption_band_is_added_below_the_picture_not_over_it(qapp):
    """Issue 19 §5: the band across the bottom of the frame hid the lower views' axes and legends."""
    from PySide6.QtGui import QColor, QImage

    from gui.recording.recorder import band_height, image_to_array, with_caption_band

    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    band = band_height(image.height())
    assert band > 0 and band % 2 == 0  # H.264 wants even sides
    out = image_to_array(with_caption_band(image, "Watch the effective rank", band))
    assert out.shape == (180 + band, 320, 3)
    assert (out[:180] == 255).all()  # the picture whole, untouched
    assert (out[180:, :, :].max(axis=2) < 60).mean() > 0.8  # a dark band below it
    assert (out[180:] > 200).all(axis=2).any()  # with light text on it
    long = " ".join(["a caption far too long for three lines at this size"] * 8)
    crowded = image_to_array(with_caption_band(image, long, band))
    assert crowded.shape == out.shape and (crowded[:180] == 255).all()  # smaller type, same size


def test_the_rec_indicator_is_left_out_of_the_frames(qtbot):
    """The status bar's "● REC" label is on screen for the user, not in the clip."""
    from PySide6.QtWidgets import QLabel, QMainWindow

    from gui.recording.recorder import Recorder, image_to_array

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("the views"))
    rec = QLabel("● REC 0:01 · 10 frames")
    rec.setStyleSheet("color: #ff0000; font-weight: bold;")
    window.statusBar().addPermanentWidget(rec)
    window.resize(400, 200)
    window.show()
    qtbot.waitExposed(window)

    def red_pixels(frame):
        return int(((frame[..., 0] > 180) & (frame[..., 1] < 90) & (frame[..., 2] < 90)).sum())

    assert red_pixels(image_to_array(window.grab().toImage())) > 20  # it is there to be left out
    frames = []
    recorder = Recorder(lambda: window, "unused.gif", leave_out=lambda: [rec])
    recorder.state = "recording"  # grab frames by hand, without the writer thread
    recorder._queue.put_nowait = frames.append
    recorder.grab_frame()
    assert len(frames) == 1 and frames[0].shape[:2] == (window.height(), window.width())
    assert red_pixels(frames[0]) == 0
    assert rec.isVisible()  # still shown on screen


def test_the_recorder_grabs_a_live_widget_keeps_real_time_and_writes_a_gif(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    from gui.recording.recorder import Recorder
    from gui.tools.screenshot import pump_for

    label = QLabel("step 0")
    label.resize(160, 90)
    qtbot.addWidget(label)
    label.show()
    recorder = Recorder(lambda: label, tmp_path / "live.gif", fps=10, caption=lambda: "caption")
    done = []
    recorder.finished.connect(lambda path, error: done.append((path, error)))
    import time

    started = time.monotonic()
    recorder.start()
    for i in range(1, 6):
        label.setText(f"step {i * 100}")
        pump_for(0.1)
    recorder.stop()
    elapsed = time.monotonic() - started
    assert recorder.wait(30)
    assert done == [(str(tmp_path / "live.gif"), "")]
    gif = Image.open(tmp_path / "live.gif")
    from gui.recording.recorder import band_height

    picture = label.grab().toImage()
    assert gif.size == (picture.width(), picture.height() + band_height(picture.height()))  # the band below
    # about 0.5 s at 10 fps, late ticks filled with repeats: neither a handful nor a flood of frames.
    # Pillow merges a repeated frame into the one before, adding up their delays, so count time.
    total_ms = 0
    for i in range(gif.n_frames):
        gif.seek(i)
        total_ms += gif.info["duration"]
    assert 4 <= recorder.frames <= int(elapsed * 10) + 2 and total_ms == 100 * recorder.frames


def test_a_writer_that_fails_ends_the_recording_with_its_message(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    from gui.recording.recorder import Recorder

    label = QLabel("x")
    qtbot.addWidget(label)
    recorder = Recorder(lambda: label, tmp_path / "bad.gif", fps=10)

    def broken(frame):
        raise RecordingError("disk full")

    recorder.writer.add = broken
    done = []
    recorder.finished.connect(lambda path, error: done.append(error))
    recorder.start()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert done == ["disk full"] and recorder.state == "failed"
    assert not (tmp_path / "bad.gif").exists()


def test_between_palettes_a_frame_is_drawn_in_the_last_palettes_nearest_colours(tmp_path):
    writer = GifWriter(tmp_path / "clip.gif", fps=10, palette_every=2)
    for f in frames(4):
        writer.add(f)
    gif = Image.open(writer.close())
    shown = []  # (red, milliseconds): Pillow merges a frame equal to the one before, adding the delays
    for i in range(gif.n_frames):
        gif.seek(i)
        shown.append((int(np.asarray(gif.convert("RGB"))[-1, -1, 0]), gif.info["duration"]))
    # frames 0 and 2 get palettes of their own; 1 and 3 borrow them: red 40 is drawn as 0, 120 as 80
    assert [d for _, d in shown] == [200, 200] and np.allclose([r for r, _ in shown], [0, 80], atol=8)
