"""The soak's figures from the app's records (gui/tools/soak_app.py): a dict for ``--json``, and a table.

Memory is "flat" when each process's median over the last third of the actions is less than 30 MB or 5%
above its median over the middle third (the larger): a method switch moves the engine by a hundred MB
either way, a leak keeps climbing. The timed lesson at the end is left out (it trains two runs at once).
"""

from __future__ import annotations

import os

import numpy as np

PROCESSES = ("gui", "engine", "analysis")
FLAT_MB, FLAT_FRACTION = 30.0, 0.05


def _memory(minutes: list[dict], start: dict | None) -> dict:
    out = {}
    if not minutes:
        return out
    minutes = [m for m in minutes if m.get("phase") == "actions"] or minutes
    span = minutes[-1]["at"]
    middle_third = [m for m in minutes if span / 3 <= m["at"] < span * 2 / 3]
    last_third = [m for m in minutes if m["at"] >= span * 2 / 3] or minutes[-1:]
    for name in PROCESSES:
        values = [m["rss"][name] for m in last_third if m["rss"].get(name) is not None]
        before = [m["rss"][name] for m in middle_third if m["rss"].get(name) is not None] or values
        first = (start or {}).get("rss", {}).get(name)
        if not values:
            out[name] = {"start_mb": first}
            continue
        growth = float(np.median(values) - np.median(before))
        out[name] = {"start_mb": first, "last_third_min_mb": min(values), "last_third_max_mb": max(values),
                     "last_third_growth_mb": round(growth, 1), "end_mb": values[-1],
                     "flat": growth < max(FLAT_MB, FLAT_FRACTION * float(np.median(before)))}
    return out


def summarise(args, lives: list[dict], wall_s: float) -> dict:
    """``lives``: each start of the app, {"started": s after the bench began, "records": [...], "crash"}."""
    minutes, errors, actions, lesson, end, summary, start = [], [], 0, None, None, {}, None
    for life in lives:
        for r in life["records"]:
            kind = r["kind"]
            if kind == "start" and start is None:
                start = r
            elif kind == "minute":
                minutes.append({**r, "at": round(life["started"] + r["t"], 1)})
            elif kind == "error":
                errors.append(r["text"])
            elif kind == "lesson":
                lesson = {k: v for k, v in r.items() if k not in ("kind", "wall", "load")}
            elif kind == "summary":
                summary = {k: v for k, v in r.items() if k not in ("kind", "wall", "load")}
            elif kind == "end":
                end = r
        actions += sum(1 for r in life["records"] if r["kind"] == "action")
    loads = [m["load"][0] for m in minutes if m.get("load")]
    per_minute = [{"minute": round(m["at"] / 60, 1), "phase": m["phase"], "p99_ms": m["p99_ms"],
                   "worst_ms": m["worst_ms"], "rss_mb": m["rss"], "step": m["step"],
                   "load_1min": m["load"][0] if m.get("load") else None} for m in minutes]
    main_minutes = [m for m in per_minute if m["phase"] == "actions"] or per_minute
    return {
        "minutes": args.minutes, "load": args.load, "actions_kind": args.actions, "cores": os.cpu_count(),
        "wall_s": round(wall_s, 1),
        "load_average": {"mean": round(float(np.mean(loads)), 2) if loads else None,
                         "max": round(max(loads), 2) if loads else None},
        "crashes": [life["crash"] for life in lives if life["crash"]],
        "app_starts": len(lives), "errors": errors, "actions": actions, "ended": end is not None,
        "per_minute": per_minute,
        "gui_lateness": {"p99_ms_worst_minute": max((m["p99_ms"] for m in main_minutes), default=None),
                         "p99_ms_median_minute": round(float(np.median([m["p99_ms"] for m in main_minutes])), 1)
                         if main_minutes else None,
                         "worst_ms": max((m["worst_ms"] for m in main_minutes), default=None)},
        "memory": _memory(minutes, start),
        "quit_s": end["quit_s"] if end else None, "children_left_after_quit": end["children_left"] if end else None,
        "children_ended_s": end.get("children_ended_s") if end else None,
        "lesson": lesson, "summary": summary,
    }


def print_table(report: dict) -> None:
    la = report["load_average"]
    print(f"\nEncoder Lab soak: {report['minutes']:g} min, {report['load']} outside busy processes, "
          f"{report['cores']} cores, load average (1 min) mean {la['mean']} max {la['max']}; "
          f"wall {report['wall_s'] / 60:.1f} min")
    crashes = report["crashes"]
    print(f"  crashes: {len(crashes)} (app starts {report['app_starts']}); exceptions on the GUI thread: "
          f"{len(report['errors'])}; actions: {report['actions']}")
    print(f"  {'minute':>6} {'phase':>7} {'p99 ms':>7} {'worst ms':>9} {'gui MB':>7} {'engine MB':>9} "
          f"{'analysis MB':>11} {'step':>6} {'load':>5}")
    for m in report["per_minute"]:
        rss = m["rss_mb"]
        cells = [f"{rss[p]:.0f}" if rss.get(p) is not None else "-" for p in ("gui", "engine", "analysis")]
        load = f"{m['load_1min']:.1f}" if m["load_1min"] is not None else "-"
        print(f"  {m['minute']:6.1f} {m['phase']:>7} {m['p99_ms']:7.0f} {m['worst_ms']:9.0f} {cells[0]:>7} "
              f"{cells[1]:>9} {cells[2]:>11} {m['step']:>6} {load:>5}")
    g = report["gui_lateness"]
    print(f"  GUI thread lateness over the actions: p99 per minute up to {g['p99_ms_worst_minute']} ms "
          f"(median minute {g['p99_ms_median_minute']} ms), worst tick {g['worst_ms']} ms")
    for name, m in report["memory"].items():
        if "end_mb" not in m:
            print(f"  RSS {name:8s}: start {m.get('start_mb')} MB; no samples")
            continue
        print(f"  RSS {name:8s}: start {m['start_mb']} MB; last third {m['last_third_min_mb']:.0f}-"
              f"{m['last_third_max_mb']:.0f} MB, median {m['last_third_growth_mb']:+.0f} MB on the middle third: "
              f"{'flat' if m['flat'] else 'NOT flat'}")
    quit_s = report["quit_s"]
    print(f"  time to quit: {quit_s if quit_s is not None else '-'} s (window closed); every child process ended "
          f"after {report.get('children_ended_s', '-')} s; still running 10 s later: {report['children_left_after_quit']}")
    lesson = report["lesson"]
    if lesson:
        if lesson.get("opened"):
            state = "reached its budget" if lesson["finished"] else "did NOT reach its budget"
            print(f"  lesson {lesson['name']} ({lesson['budget']} steps x {lesson['runs']} runs): {lesson['seconds']} s, "
                  f"{state} (A at step {lesson['step_a']}, B at {lesson['step_b']})")
        else:
            print(f"  lesson {lesson['name']}: could not be opened")
    summary = report["summary"]
    if summary.get("gc_longest_ms"):
        print("  longest cycle collection on the GUI thread, generations 0/1/2: "
              + " / ".join(f"{ms:.0f}" for ms in summary["gc_longest_ms"]) + " ms")
    if summary.get("worst_stalls"):
        print("  worst stalls, with the action before them: "
              + ", ".join(f"{ms} ms after {what}" for ms, what in summary["worst_stalls"]))
    for crash in crashes:
        print(f"\n  CRASH after {crash['after_s']} s ({crash['signal'] or crash['exit']}), after "
              f"'{crash['last_action']}':")
        print("    " + crash["faulthandler"].strip().replace("\n", "\n    ")[:6000])
    for e in report["errors"][:5]:
        print("  exception:", e.replace("\n", "\n    "))
