"""What the soak does to the window, every few seconds: what a class does with it.

Each action goes through the window's own slots and combo boxes (as a click does): switch the method, the
data set, or both; the map kind; play / pause; a single step; reset; Run ▸ Compare and Start B; Close B;
open a lesson; save a checkpoint and open it again. The window asks no questions (ask_before_discard off:
the soak answers "Discard" to every one).
"""

from __future__ import annotations

import os
import random

from engine.analysis.project import METHODS as PROJECTIONS

METHODS = ["autoencoder", "vae", "simclr", "mae", "vqvae", "byol", "simsiam", "barlow_twins", "vicreg", "moco",
           "rotation", "denoising_autoencoder"]
# The crash: switching with Discard through these, one after the other, over 5 minutes.
CRASH_SEQUENCE = ["vqvae", "vae", "mae", "moco", "simclr", "byol", "simsiam", "barlow_twins", "vicreg", "rotation"]
DATASETS = ["mnist5k", "digits", "sprites"]
MAP_KINDS = list(PROJECTIONS)  # every projection the map offers
# Lessons the soak opens now and then (short ones with two runs: A and B at once).
LESSONS = ["mae_mask_ratio", "denoising_noise_level", "tsne_perplexity", "moco_queue_negatives", "vae_prior_samples"]
# How often each action is drawn: switches are the heavy part of a class, as in the walk.
WEIGHTS = {"method": 3, "dataset": 1, "method_dataset": 2, "map": 2, "play": 3, "step": 1, "reset": 1,
           "compare": 1, "close_b": 1, "lesson": 1, "save_open": 1}


def pick(combo, data) -> bool:
    """Choose ``data`` in ``combo`` as a user does (its signal fires); False when it is not offered."""
    i = combo.findData(data)
    if i < 0:
        return False
    if combo.currentIndex() != i:
        combo.setCurrentIndex(i)
    return True


def quick_cycles(window, n: int = 20) -> None:
    """Play / switch method / play / reset, as fast as a restless hand (the fault run that once left
    twenty runs alive)."""
    from gui.tools.screenshot import pump_for

    for i in range(n):
        window.toggle_play()
        pick(window.panel.method, METHODS[i % len(METHODS)])
        window.toggle_play()
        window.reset()
        pump_for(0.05)


def switch_method(window, name: str) -> str:
    pick(window.panel.method, name)
    return f"method {name}"


def compare(window, rng: random.Random) -> str:
    """Run ▸ Compare…, change nothing or the learning rate, Start B."""
    dialog = window.open_compare()
    if dialog is None:
        return "compare (no run yet)"
    if rng.random() < 0.5:  # "same settings" is a fair comparison too (a second seed)
        values = dialog.run_form.values()
        if "lr" in values:
            dialog.run_form.set_values({**values, "lr": values["lr"] * 0.5})
    dialog.accept()
    return "compare: start B"


def open_a_lesson(window, rng: random.Random) -> str:
    from gui.window.lesson_player import open_lesson

    name = rng.choice(LESSONS)
    opened = open_lesson(window, name)
    if opened and rng.random() < 0.7:
        if not window.running:
            window.toggle_play()
    return f"lesson {name}" + ("" if opened else " (refused)")


def save_and_open(window, rng: random.Random, workdir: str) -> str:
    from gui.tools.screenshot import pump_until

    if window.session.control is None or window.step <= 0:
        return "save (nothing trained yet)"
    path = os.path.join(workdir, f"soak-{rng.randrange(3)}.safetensors")
    window.save_results.pop(path, None)
    window.save_to(path)
    try:
        pump_until(lambda: path in window.save_results, 60, "the save")
    except TimeoutError:
        return "save (no answer in 60 s)"
    if window.save_results.get(path) != "saved":
        return f"save ({window.save_results.get(path)})"
    window.open_checkpoint(path)
    return "save and reopen"


def one_action(window, rng: random.Random, workdir: str) -> str:
    """One thing a class does; returns what it did, for the log."""
    names = list(WEIGHTS)
    action = rng.choices(names, weights=[WEIGHTS[n] for n in names])[0]
    if action == "method":
        return switch_method(window, rng.choice(METHODS))
    if action == "dataset":
        choice = rng.choice(DATASETS)
        pick(window.panel.dataset, choice)
        return f"dataset {choice}"
    if action == "method_dataset":
        method, dataset = rng.choice(METHODS), rng.choice(DATASETS)
        pick(window.panel.method, method)
        pick(window.panel.dataset, dataset)
        return f"method {method} + dataset {dataset}"
    if action == "map":
        kind = rng.choice(MAP_KINDS)
        pick(window.map_view.method, kind)  # as the user does: the map view's own box
        return f"map {kind}"
    if action == "play":
        window.toggle_play()
        return "play" if window.running else "pause"
    if action == "step":
        window.single_step()
        return "step"
    if action == "reset":
        window.reset()
        return "reset"
    if action == "compare":
        return compare(window, rng)
    if action == "close_b":
        window.close_b()
        return "close B"
    if action == "lesson":
        return open_a_lesson(window, rng)
    return save_and_open(window, rng, workdir)
