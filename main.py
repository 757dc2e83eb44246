"""Encoder Lab: see what encoders learn without labels.

    python main.py                 open the app on the embedded default data
    python main.py inspect FILE    open the app on a checkpoint (inspection; Play trains on)
    python main.py train ...       train headless and write a checkpoint
    python main.py info FILE       print what a checkpoint holds
    python main.py evaluate FILE   probe a checkpoint beside the raw-pixel and random-encoder baselines
    python main.py screenshot ...  train headless, then render the whole window to a PNG
    python main.py list            methods, their hyper-parameters, data sets
    python main.py bench NAME      print benchmark figures
    python main.py judge DATASET   train (once) the classifier that judges a generator's images
    python main.py anomaly FILE    how well a checkpoint's scores tell out-of-distribution images from its data
    python main.py record ...      play a lesson offscreen and record it to an MP4 or GIF
    python main.py lesson list     the lessons; `lesson run NAME` trains one headless and checks its claim,
                                   `lesson open NAME` opens the app on it
"""

from __future__ import annotations

import argparse
import sys


def step_count(text: str) -> int:
    """argparse type of --steps: a whole number, 0 or more (0 re-saves a checkpoint as it is)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of steps, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="encoder-lab", description="See what encoders learn without labels.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the app (the default when no command is given)")
    gui.add_argument("--lessons", action="append", metavar="DIR", help="also list the lessons in DIR (repeatable)")
    ins = sub.add_parser("inspect", help="open the app on a checkpoint: every view filled from it")
    ins.add_argument("file")

    t = sub.add_parser("train", help="train headless with a progress bar and write a checkpoint")
    t.add_argument("--method", help="method name (see 'list'); default autoencoder, or the checkpoint's")
    t.add_argument("--dataset", help="data set name or folder:PATH; default mnist5k, or the checkpoint's")
    t.add_argument("--steps", type=step_count, default=1000, help="optimiser steps to take (default 1000)")
    t.add_argument("--out", help="checkpoint to write (default runs/METHOD-DATASET.safetensors)")
    t.add_argument("--set", action="append", metavar="NAME=VALUE",
                   help="a hyper-parameter of the method or the run (repeatable), e.g. --set beta=4 --set lr=3e-4")
    t.add_argument("--dataset-option", action="append", metavar="NAME=VALUE",
                   help="a data set option (repeatable), e.g. size=64 for sprites, channels=rgb for a folder")
    t.add_argument("--resume", metavar="FILE", help="continue a checkpoint from its step and optimiser state")

    i = sub.add_parser("info", help="print what a checkpoint holds (method, data, step, metrics)")
    i.add_argument("file")
    i.add_argument("--json", action="store_true", help="print the metadata as JSON")

    sub.add_parser("list", help="list methods with their hyper-parameters, run settings and data sets")

    ev = sub.add_parser("evaluate", help="probe a checkpoint (kNN, linear, k-means, collapse) beside baselines")
    ev.add_argument("file")
    ev.add_argument("--dataset", help="data set to probe on (default: the checkpoint's)")
    ev.add_argument("--k", type=int, default=20, help="neighbours of the kNN probe (default 20)")
    ev.add_argument("--json", action="store_true", help="print the same as JSON")

    sc = sub.add_parser("screenshot", help="train headless, then render the whole window offscreen to a PNG")
    sc.add_argument("--method", default="vae")
    sc.add_argument("--dataset", default="mnist5k")
    sc.add_argument("--steps", type=step_count, default=300)
    sc.add_argument("--set", action="append", metavar="NAME=VALUE", help="a hyper-parameter (repeatable)")
    sc.add_argument("--out", default="screenshot.png")
    sc.add_argument("--width", type=int, default=1500)
    sc.add_argument("--height", type=int, default=950)
    sc.add_argument("--pad", action="store_true", help="show the 2-D latent pad instead of the traversal")

    from gui.tools.record import add_parser as add_record_parser

    add_record_parser(sub)

    le = sub.add_parser("lesson", help="the course's claims as lessons: list them, or run one headless")
    lsub = le.add_subparsers(dest="lesson", metavar="ACTION", required=True)
    ll = lsub.add_parser("list", help="name, title, one-line claim and budget of every lesson")
    lr = lsub.add_parser("run", help="train the lesson's runs headless and check its claim (exit 0 if it held)")
    lo = lsub.add_parser("open", help="open the app on the lesson: its runs, views and captions (Lesson menu)")
    lo.add_argument("name", help="a lesson's name (see 'lesson list') or a .toml file")
    for action in (ll, lr, lo):
        action.add_argument("--lessons", action="append", metavar="DIR", help="also the lessons in DIR (repeatable)")
    lr.add_argument("name", help="a lesson's name (see 'lesson list') or a .toml file")
    lr.add_argument("--json", action="store_true", help="print the result as JSON")
    lr.add_argument("--steps-scale", type=float, default=1.0, metavar="F", help="multiply the step budget by F")

    j = sub.add_parser("judge", help="train (once) the classifier that judges generated images of a labelled data set")
    j.add_argument("dataset", help="data set name or folder:PATH")
    j.add_argument("--dataset-option", action="append", metavar="NAME=VALUE", help="a data set option (repeatable)")
    j.add_argument("--json", action="store_true", help="print the result as JSON")

    an = sub.add_parser("anomaly", help="AUC of a checkpoint's anomaly scores against out-of-distribution sets")
    an.add_argument("file")
    an.add_argument("--ood", help="comma-separated sets: noise, inverted, exclude=K (a class left out of training), "
                                  "or another embedded data set such as sprites (default: noise,inverted)")
    an.add_argument("--score", help="one score only: reconstruction, neg_elbo or knn (default: every one that applies)")
    an.add_argument("--n", type=int, default=500, help="images of each set (default 500)")
    an.add_argument("--json", action="store_true", help="print the result as JSON")

    b = sub.add_parser("bench", help="print benchmark figures")
    bsub = b.add_subparsers(dest="bench", metavar="NAME", required=True)
    ba = bsub.add_parser("augment", help="batched augmentation against torchvision's per-image transforms")
    ba.add_argument("--batch", type=int, default=256)
    ba.add_argument("--dataset", default="mnist5k")
    ba.add_argument("--repeats", type=int, default=10)
    ba.add_argument("--device", default="cpu")
    bm = bsub.add_parser("map", help="PCA / t-SNE / UMAP times for 2,000 points; training slowdown with the map live")
    bm.add_argument("--points", type=int, default=2000)
    bm.add_argument("--delay", type=float, default=40.0, help="seconds after launch the UMAP map is asked for")
    bm.add_argument("--seconds", type=float, default=20.0, help="seconds of training per throughput round")
    bm.add_argument("--rounds", type=int, default=3)
    bme = bsub.add_parser("methods", help="every method trained 60 s and 300 s, probed beside baselines")
    bme.add_argument("--dataset", default="mnist5k")
    bme.add_argument("--marks", default="60,300", help="seconds of training at which to probe")
    bme.add_argument("--methods", help="comma-separated subset (default: all)")
    bme.add_argument("--out", help="also write the table as JSON here")
    bl = bsub.add_parser("lessons", help="every lesson at its step budget: observable, whether it held, wall time")
    bl.add_argument("--lessons", action="append", metavar="DIR", help="also the lessons in DIR")
    bl.add_argument("--steps-scale", type=float, default=1.0, metavar="F", help="multiply each budget by F")
    bc = bsub.add_parser("compare", help="two runs at once (A and B, as the app trains them): each one's speed "
                                          "beside its speed alone")
    bc.add_argument("--method", default="autoencoder")
    bc.add_argument("--dataset", default="mnist5k")
    bc.add_argument("--seconds", type=float, default=8.0, help="timed training per measurement")
    bg = bsub.add_parser("gui", help="time to window and first reconstruction, throughput with the GUI live, "
                                     "GUI thread stall")
    bg.add_argument("--method", default="autoencoder")
    bg.add_argument("--dataset", default="mnist5k")
    bg.add_argument("--seconds", type=float, default=10.0, help="seconds of training per throughput round")
    bg.add_argument("--rounds", type=int, default=3, help="alternating headless / GUI-live rounds")
    bg.add_argument("--repeats", type=int, default=3, help="launches for the start-up times")
    from gui.tools.record_bench import add_parser as add_record_bench_parser

    add_record_bench_parser(bsub)
    bt = bsub.add_parser("threads", help="training speed with 1 and 2 torch threads, idle and beside busy "
                                         "processes (what engine/processes/thread_budget.py chose from)")
    bt.add_argument("--method", default="simclr")
    bt.add_argument("--dataset", default="mnist5k")
    bt.add_argument("--seconds", type=float, default=15.0, help="seconds of training per measurement")
    bt.add_argument("--threads", default="1,2", help="thread counts to compare (default 1,2)")
    bt.add_argument("--loads", default="0,2", help="outside busy processes for each (default 0,2)")
    bt.add_argument("--json", action="store_true")
    bs = bsub.add_parser("soak", help="the real app offscreen for minutes under outside load: switches, compare, "
                                      "lessons, checkpoints; crashes, GUI lateness per minute, memory, quit time")
    bs.add_argument("--minutes", type=float, default=30.0, help="minutes of actions (default 30)")
    bs.add_argument("--load", type=int, default=0, metavar="N",
                    help="N outside busy processes meanwhile (each ends by itself after the soak)")
    bs.add_argument("--every", type=float, default=None,
                    help="seconds between actions (default 4; 30 with --actions switches)")
    bs.add_argument("--actions", choices=["random", "switches"], default="random",
                    help="random: what a class does; switches: the method sequence of the crash in issue 19")
    bs.add_argument("--lesson", default="mae_mask_ratio", help="the lesson timed at the end ('' for none)")
    bs.add_argument("--lesson-timeout", type=float, default=600.0, metavar="S")
    bs.add_argument("--sample-every", type=float, default=60.0, help="seconds between samples (default a minute)")
    bs.add_argument("--seed", type=int, default=0)
    bs.add_argument("--json", action="store_true", help="print the figures as JSON (progress goes to stderr)")
    bs.add_argument("--trace-stalls", metavar="FILE", help="write the GUI thread's stack at each stall over "
                                                           "250 ms to FILE, and print where stalls spent their time "
                                                           "(the tracer can itself crash the app: count crashes "
                                                           "without it)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui", "inspect"):
        from gui.app import run_app

        return run_app(getattr(args, "file", None), lesson_folders=getattr(args, "lessons", None))
    if args.command == "train":
        from engine.cli.commands import cmd_train

        return cmd_train(args)
    if args.command == "info":
        from engine.cli.commands import cmd_info

        return cmd_info(args.file, args.json)
    if args.command == "list":
        from engine.cli.commands import cmd_list

        return cmd_list()
    if args.command == "evaluate":
        from engine.cli.evaluate import main as evaluate

        return evaluate(args)
    if args.command == "screenshot":
        from gui.tools.screenshot import main as screenshot

        return screenshot(args)
    if args.command == "record":
        from gui.tools.record import main as record

        return record(args)
    if args.command == "lesson":
        from engine.cli import lessons

        if args.lesson == "list":
            return lessons.cmd_list(args.lessons)
        if args.lesson == "open":  # refuse a bad name here, before a window opens
            from engine.errors import EncoderLabError
            from engine.lessons.loader import find_lesson
            from gui.app import run_app

            try:
                lesson = find_lesson(args.name, args.lessons)
            except EncoderLabError as e:
                print(f"error: {e}", file=sys.stderr)
                return lessons.EXIT_USAGE
            return run_app(lesson=lesson, lesson_folders=args.lessons)
        return lessons.cmd_run(args.name, args.lessons, args.json, args.steps_scale)
    if args.command == "judge":
        from engine.cli.judge import main as judge

        return judge(args)
    if args.command == "anomaly":
        from engine.cli.anomaly import main as anomaly

        return anomaly(args)
    if args.command == "bench":
        if args.bench == "augment":
            from engine.cli.benchmarks.augment import main as bench_augment

            return bench_augment(args)
        if args.bench == "map":
            from engine.cli.benchmarks.maps import main as bench_map

            return bench_map(args)
        if args.bench == "methods":
            from engine.cli.benchmarks.methods import main as bench_methods

            return bench_methods(args)
        if args.bench == "lessons":
            from engine.cli.lessons import cmd_bench

            return cmd_bench(args.lessons, args.steps_scale)
        if args.bench == "compare":
            from engine.cli.benchmarks.compare import main as bench_compare

            return bench_compare(["--method", args.method, "--dataset", args.dataset, "--seconds", str(args.seconds)])
        if args.bench == "gui":
            from gui.tools.benchmark import main as bench_gui

            return bench_gui(args)
        if args.bench == "record":
            from gui.tools.record_bench import main as bench_record

            return bench_record(args)
        if args.bench == "threads":
            from engine.cli.benchmarks.threads import main as bench_threads

            return bench_threads(["--method", args.method, "--dataset", args.dataset, "--seconds", str(args.seconds),
                                  "--threads", args.threads, "--loads", args.loads] + (["--json"] if args.json else []))
        if args.bench == "soak":
            from gui.tools.soak import main as bench_soak

            return bench_soak(args)
    build_parser().print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())


def run() -> None:
    """The console entry point."""
    sys.exit(main())
