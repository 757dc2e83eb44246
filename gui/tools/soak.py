"""``python main.py bench soak --minutes 30 --load N``: the real app, offscreen, used the way a lecture
uses it, for minutes, while N outside busy processes load the machine.

The app runs in a child process (gui/tools/soak_app.py, with faulthandler on), so this bench survives a
crash of the app: it counts the crash, keeps what faulthandler wrote, and starts the app again for the
minutes that are left. The child opens the window with the analysis process live and, every few seconds,
does what a class does (gui/tools/soak_actions.py): switches method, data set or both, the map kind,
plays, pauses, steps, resets, compares (Run ▸ Compare, Start B), opens a lesson, saves and reopens a
checkpoint. At the end it plays one lesson to its step budget and times it, then closes the window.

Reported: crashes (the app process dying) and exceptions on the GUI thread; the GUI thread's lateness (a
10 ms timer), p99 and worst per minute; the resident memory of the window's, the engine's and the
analysis process at the start and over the last third (flat or not); the time to quit; the lesson's wall
time; the load average it all ran under. A table, or ``--json``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from gui.tools.soak_load import BusyLoad, load_average
from gui.tools.soak_report import print_table, summarise

ROOT = Path(__file__).resolve().parents[2]  # where main.py is: the child runs as ``-m gui.tools.soak_app``
MARGIN_S = 600.0  # beyond the soak's own time: start-up and settling (minutes under load), quitting
MIN_RESTART_S = 30.0  # after a crash, the app is started again if at least this much of the soak is left


OFFSCREEN_NOISE = {"This plugin does not support propagateSizeHints()", ""}


def _crash_text(stderr_path: Path, pid: int | None) -> str:
    """What faulthandler wrote when the app died: from its stderr, else from the app's crash folder."""
    text = stderr_path.read_text(errors="replace") if stderr_path.exists() else ""
    # the offscreen platform says this at each window resize: hundreds of lines over a soak
    text = "\n".join(line for line in text.splitlines() if line.strip() not in OFFSCREEN_NOISE)
    at = text.find("Fatal Python error")
    if at >= 0:
        return text[at:at + 12000]
    try:
        from engine.crash_log import crash_folder

        for log in sorted(crash_folder().glob(f"*-gui-{pid}.log")):
            if log.stat().st_size:
                return log.read_text(errors="replace")[:12000]
    except (ImportError, OSError):
        pass
    return text[-3000:]


class AppRun:
    """One life of the app child: start it, read its records as they come, end it if it overstays."""

    def __init__(self, args, seconds: float, workdir: Path, index: int, say):
        self.args, self.seconds, self.say = args, seconds, say
        self.stderr_path = workdir / f"app-{index}.stderr"
        self.records: list[dict] = []
        self.pid: int | None = None
        self.started = time.monotonic()

    def command(self) -> list[str]:
        a = self.args
        every = a.every if a.every is not None else (30.0 if a.actions == "switches" else 4.0)
        cmd = [sys.executable, "-X", "faulthandler", "-m", "gui.tools.soak_app", "--seconds", f"{self.seconds:.1f}",
               "--every", str(every), "--sample-every", str(a.sample_every), "--seed", str(a.seed),
               "--actions", a.actions, "--lesson", a.lesson, "--lesson-timeout", str(a.lesson_timeout)]
        if a.trace_stalls:
            cmd += ["--trace-stalls", a.trace_stalls]
        return cmd

    def run(self) -> int:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "PYTHONUNBUFFERED": "1"}
        env.setdefault("ENCODER_LAB_SETTINGS", str(self.stderr_path.with_suffix(".settings.ini")))
        with open(self.stderr_path, "w") as stderr:
            process = subprocess.Popen(self.command(), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr,
                                       stdin=subprocess.DEVNULL, text=True, bufsize=1)
        self.pid = process.pid
        limit = self.seconds + self.args.lesson_timeout + MARGIN_S
        overstayed = threading.Timer(limit, self._dump_and_kill, args=(process,))
        overstayed.daemon = True
        overstayed.start()
        try:
            for line in process.stdout:
                if line.startswith("SOAK "):
                    try:
                        record = json.loads(line[5:])
                    except json.JSONDecodeError:
                        continue
                    record["wall"] = time.monotonic()
                    record["load"] = load_average()
                    self.records.append(record)
                    self.say(record)
            return process.wait()
        finally:
            overstayed.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()

    @staticmethod
    def _dump_and_kill(process) -> None:
        """A hung app: SIGABRT first, so faulthandler writes where every thread was, then kill it."""
        try:
            process.send_signal(signal.SIGABRT)
            process.wait(10)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            process.kill()


def _say_progress(record: dict, out) -> None:
    kind = record["kind"]
    if kind == "minute":
        rss = record["rss"]
        print(f"  {record['t'] / 60:5.1f} min  GUI p99 {record['p99_ms']:6.0f} ms  worst {record['worst_ms']:6.0f} ms  "
              f"RSS gui {rss['gui'] or 0:5.0f}  engine {rss['engine'] or 0:5.0f}  analysis {rss['analysis'] or 0:5.0f} MB"
              f"  step {record['step']}  load {record['load'][0] if record['load'] else float('nan'):.1f}",
              file=out, flush=True)
    elif kind in ("error", "lesson", "end", "note"):
        print(f"  {kind}: " + json.dumps({k: v for k, v in record.items() if k not in ("kind", "wall", "load")}),
              file=out, flush=True)


def _exit_on_sigterm(*_args) -> None:
    raise SystemExit(128 + signal.SIGTERM)


def main(args) -> int:
    # A soak ended with kill (SIGTERM) must still end its busy processes and the app (the finally blocks
    # below): by default SIGTERM skips them, and the load spun on for its whole deadline, under the next
    # measurement.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    out = sys.stderr if args.json else sys.stdout
    total = args.minutes * 60
    workdir = Path(tempfile.mkdtemp(prefix="encoder-lab-soak-"))
    print(f"Encoder Lab soak: {args.minutes:g} min of {args.actions} actions, load {args.load} busy processes, "
          f"{os.cpu_count()} cores, load average at start {load_average()}", file=out, flush=True)
    lives: list[dict] = []
    load = BusyLoad(args.load, total + args.lesson_timeout + MARGIN_S)
    begun = time.monotonic()
    try:
        load.start()
        left = total
        while True:
            life = AppRun(args, left, workdir, len(lives), lambda r: _say_progress(r, out))
            code = life.run()
            ended = any(r["kind"] == "end" for r in life.records)
            crash = None
            if not ended:
                crash = {"exit": code, "signal": signal.Signals(-code).name if code < 0 else None,
                         "after_s": round(time.monotonic() - life.started, 1),
                         "last_action": next((r.get("what") for r in reversed(life.records)
                                              if r["kind"] == "action"), None),
                         "faulthandler": _crash_text(life.stderr_path, life.pid)}
                print(f"  CRASH: the app exited with {crash['signal'] or code} after {crash['after_s']} s, "
                      f"after '{crash['last_action']}'; its stderr: {life.stderr_path}", file=out, flush=True)
            lives.append({"started": life.started - begun, "records": life.records, "crash": crash,
                          "stderr": str(life.stderr_path)})
            left = total - (time.monotonic() - begun)
            if ended or left < MIN_RESTART_S:
                break
    finally:
        load.stop()
    report = summarise(args, lives, time.monotonic() - begun)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_table(report)
    return 0 if not report["crashes"] and not report["errors"] and report["ended"] else 1
