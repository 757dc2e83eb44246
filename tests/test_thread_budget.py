"""Each process's share of the cores (engine/processes/thread_budget.py; issue 19, section 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from engine.processes.thread_budget import ANALYSIS_NICE, ThreadBudget, budget, budget_for

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.parametrize("cores, expected", [(1, ThreadBudget(1, 1, 1)), (2, ThreadBudget(1, 1, 1)),
                                             (4, ThreadBudget(3, 1, 1)), (16, ThreadBudget(14, 2, 1))])
def test_the_budget_leaves_room_for_the_window_and_the_analysis(cores, expected):
    assert budget_for(cores) == expected
    spent = expected.engine + expected.analysis + expected.gui
    assert spent <= max(3, cores + 1)  # never the three pools each sized to the whole machine


def test_the_engine_count_can_be_set_by_hand_and_a_bad_value_is_ignored(monkeypatch):
    monkeypatch.setenv("ENCODER_LAB_THREADS", "3")
    assert budget().engine == 3
    for bad in ("0", "-2", "many", "1.5"):
        monkeypatch.setenv("ENCODER_LAB_THREADS", bad)
        assert budget().engine >= 1 and budget().engine == budget_for(len(os.sched_getaffinity(0))).engine


def _in_fresh_process(code: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("ENCODER_LAB_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_engine_process_trains_on_its_budget():
    got = _in_fresh_process(
        "import json, torch; from engine.processes.thread_budget import apply_to_engine, budget\n"
        "n = apply_to_engine(); print(json.dumps({'n': n, 'torch': torch.get_num_threads(), 'want': budget().engine}))")
    assert got["n"] == got["torch"] == got["want"]


def test_the_analysis_process_yields_and_keeps_its_pools_small():
    got = _in_fresh_process(
        "import json, os; before = os.nice(0)\n"
        "from engine.processes.thread_budget import apply_to_analysis, budget\n"
        "n = apply_to_analysis()\n"
        "from threadpoolctl import threadpool_info\n"
        "import numpy\n"
        "pools = [p['num_threads'] for p in threadpool_info()]\n"
        "print(json.dumps({'n': n, 'nice': os.nice(0) - before, 'pools': pools, 'numba': os.environ['NUMBA_NUM_THREADS'],"
        " 'want': budget().analysis}))")
    assert got["n"] == got["want"] and got["nice"] == ANALYSIS_NICE
    assert all(p <= got["want"] for p in got["pools"]) and got["numba"] == str(got["want"])
