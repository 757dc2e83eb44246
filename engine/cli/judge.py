"""`python main.py judge DATASET`: train (or read) the classifier that judges a generator's images on a
data set, and say where it is kept and how good it is (engine/analysis/judge.py).

The app's sample quality curves use a judge only when one is stored: the training loop must not stop
for the 25 s it takes to train one. The embedded digits ship with theirs (assets/judges/); this command
makes one for any other labelled data set, once.
"""

from __future__ import annotations

import json
import sys

EXIT_OK, EXIT_FAILED = 0, 1


def main(args) -> int:
    from engine.analysis.judge import judge_classifier, judge_path
    from engine.analysis.translation_quality import class_factor, judge_name, translation_judge
    from engine.cli.commands import _literal, parse_assignments
    from engine.data import load_dataset
    from engine.errors import EncoderLabError

    try:
        options = {k: _literal(v) for k, v in parse_assignments(args.dataset_option).items()}
        dataset = load_dataset(args.dataset, **options)
        if class_factor(dataset) is not None and len(dataset.class_names) == 2:
            # CycleGAN's two domains: its judge reads domain B's classes (engine/analysis/translation_quality.py)
            judge, name = translation_judge(dataset, args.dataset), judge_name(args.dataset)
        else:
            judge, name = judge_classifier(args.dataset, dataset=dataset), args.dataset
    except EncoderLabError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_FAILED
    path = judge_path(name, tuple(int(v) for v in dataset.image_shape))
    report = {"dataset": args.dataset, "accuracy": round(judge.accuracy, 4), "from_cache": judge.from_cache,
              "train_seconds": round(judge.seconds, 1), "path": str(path), "note": str(judge.note)}
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        kept = (f"stored already (in {path.parent} or shipped in assets/judges/)" if judge.from_cache
                else f"trained in {judge.seconds:.0f} s and kept in {path}")
        print(f"judge of {args.dataset}: {100 * judge.accuracy:.1f}% held-out accuracy; {kept}")
        if judge.note:
            print(f"note: {judge.note}")
    return EXIT_OK
