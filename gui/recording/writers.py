"""Frame writers of a recording: RGB frames in, an animated GIF or an MP4 out. No Qt here.

Each writer takes (H, W, 3) uint8 frames one at a time from the recorder's writer thread, so the GUI
thread only grabs; ``close()`` finishes the file and returns its path. Every frame is fitted to the
first one's size (a window resized mid-recording is letterboxed), because both formats need one size.

- GIF (Pillow): each frame is reduced to a 256-colour palette (a fresh one every tenth frame) as it
  arrives and kept as a small PNG in a
  temporary folder; ``close()`` streams them into the GIF, so a long recording never sits in memory.
  GIF delays are in 1/100 s, so the frame rate is rounded to what 10 ms steps allow.
- MP4 (H.264 by the ffmpeg binary that the imageio-ffmpeg package ships, or one on PATH): raw frames are
  piped to ffmpeg (ultrafast preset: about 5 ms of one core a 1280x720 frame), one thread at low
  priority, so encoding takes as little as it can from training.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

FORMATS = {".gif": "animated GIF", ".mp4": "MP4 video (H.264)"}


class RecordingError(RuntimeError):
    """A recording that cannot be written: the message says why and what to do."""


def fit_to(frame: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``frame`` (H, W, 3) scaled to fit inside ``size`` (W, H), centred on black: same size every frame."""
    w, h = size
    if frame.shape[1] == w and frame.shape[0] == h:
        return frame
    image = Image.fromarray(frame)
    scale = min(w / image.width, h / image.height)
    image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                         Image.Resampling.BILINEAR)
    canvas = Image.new("RGB", (w, h))
    canvas.paste(image, ((w - image.width) // 2, (h - image.height) // 2))
    return np.asarray(canvas)


class GifWriter:
    """``palette_every``: frames between adaptive palettes (7.6 ms at 1280x720); the frames between are
    mapped onto the last one (1.3 ms), so a colour that appears in between shows as its nearest until
    the next palette, a fraction of a second later at 10 frames/s."""

    def __init__(self, path: str | Path, fps: float, palette_every: int = 10):
        self.path = Path(path)
        self.palette_every = palette_every
        self.palette: Image.Image | None = None
        self.delay_ms = max(20, int(round(100 / fps)) * 10)  # GIF counts in 10 ms; < 20 ms plays slowly
        self.folder = Path(tempfile.mkdtemp(prefix="encoder-lab-gif-"))
        self.size: tuple[int, int] | None = None
        self.count = 0

    def add(self, frame: np.ndarray) -> None:
        if self.size is None:
            self.size = (frame.shape[1], frame.shape[0])
        rgb = Image.fromarray(fit_to(frame, self.size))
        if self.count % self.palette_every == 0 or self.palette is None:
            image = self.palette = rgb.quantize(256, method=Image.Quantize.FASTOCTREE)
        else:
            image = rgb.quantize(palette=self.palette, dither=Image.Dither.NONE)
        image.save(self.folder / f"{self.count:06d}.png", optimize=False, compress_level=1)
        self.count += 1

    def close(self) -> Path:
        try:
            if self.count == 0:
                raise RecordingError("no frame was recorded")
            frames = (Image.open(self.folder / f"{i:06d}.png") for i in range(1, self.count))
            first = Image.open(self.folder / "000000.png")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            first.save(self.path, save_all=True, append_images=frames, duration=self.delay_ms, loop=0,
                       disposal=1)
            return self.path
        except OSError as e:
            raise RecordingError(f"cannot write {self.path}: {e.strerror or e}") from None
        finally:
            self.abort()

    def abort(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def ffmpeg_executable() -> str:
    """The ffmpeg binary: imageio-ffmpeg's (a dependency), else one on PATH; a clear message if none."""
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception:  # not installed, or its binary missing on this platform
        found = shutil.which("ffmpeg")
        if found:
            return found
    raise RecordingError("MP4 needs ffmpeg: `pip install imageio-ffmpeg` (or install ffmpeg), "
                         "or record to a .gif instead")


class Mp4Writer:
    def __init__(self, path: str | Path, fps: float):
        self.path, self.fps = Path(path), fps
        self.process: subprocess.Popen | None = None
        self.size: tuple[int, int] | None = None
        self.count = 0

    def _start(self, width: int, height: int) -> None:
        self.size = (width - width % 2, height - height % 2)  # H.264 in yuv420p needs even sides
        self.path.parent.mkdir(parents=True, exist_ok=True)
        command = [ffmpeg_executable(), "-hide_banner", "-loglevel", "error", "-y",
                   "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{self.size[0]}x{self.size[1]}",
                   "-r", f"{self.fps:g}", "-i", "-", "-an", "-c:v", "libx264", "-preset", "ultrafast",
                   "-threads", "1", "-pix_fmt", "yuv420p", "-movflags", "+faststart", str(self.path)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE,
                                        preexec_fn=(lambda: os.nice(10)) if os.name == "posix" else None)

    def add(self, frame: np.ndarray) -> None:
        if self.process is None:
            self._start(frame.shape[1], frame.shape[0])
        try:
            self.process.stdin.write(np.ascontiguousarray(fit_to(frame, self.size)).tobytes())
        except BrokenPipeError:
            raise RecordingError(f"ffmpeg stopped: {self._error()}") from None
        self.count += 1

    def close(self) -> Path:
        if self.process is None:
            raise RecordingError("no frame was recorded")
        self.process.stdin.close()
        if self.process.wait() != 0:
            raise RecordingError(f"ffmpeg could not write {self.path}: {self._error()}")
        return self.path

    def abort(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _error(self) -> str:
        self.process.wait()
        return (self.process.stderr.read().decode(errors="replace").strip() or "no message")[-400:]


def writer_for(path: str | Path, fps: float):
    """The writer for ``path``'s extension; RecordingError names the formats for any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise RecordingError(f"cannot record to {Path(path).name!r}: the file must end in "
                             + " or ".join(f"{s} ({what})" for s, what in FORMATS.items()))
    if not 1 <= fps <= 60:
        raise RecordingError(f"frame rate {fps:g} is out of range: 1 to 60 frames per second")
    if suffix == ".mp4":
        ffmpeg_executable()  # refuse now, not at the first frame
        return Mp4Writer(path, fps)
    return GifWriter(path, fps)
