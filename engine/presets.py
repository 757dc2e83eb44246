"""Known-good settings for a method on a data set, so that a first Play works (issue 20 §4).

A preset is data: a ``[[preset]]`` table in a TOML file of assets/presets/, with its name, the method, the
data set, the method's settings and the run's, a label and a note in English and Chinese (as lessons
carry their own words), and how it was measured. A method may have several on one data set (a GAN that
learns the ring, and one that shows its mode collapse): the first is the one a first Play starts from.
The GUI offers the presets of the chosen method and data set; the CLI and the lessons can start from
one. Every bundled preset is checked whole by the tests (method, data set, settings and run settings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from engine.assets import asset_path
from engine.errors import ParamError
from engine.words import Words

FOLDER = asset_path("presets")


@dataclass(frozen=True)
class Preset:
    name: str  # unique, e.g. "gan_ring8"
    method: str
    dataset: str
    settings: dict[str, Any]  # the method's hyper-parameters (its Params' fields)
    run: dict[str, Any]  # RunParams' fields
    label: dict[str, str] = field(default_factory=dict)  # {"en": ..., "zh": ...}
    note: dict[str, str] = field(default_factory=dict)  # what it shows, and how it was measured
    dataset_options: dict[str, Any] = field(default_factory=dict)

    def text(self, what: str, language: str = "en") -> str:
        """The label or note in ``language``, English where it has none."""
        words = getattr(self, what)
        return words.get(language) or words.get("en", "")


def _read(path: Path) -> list[Preset]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ParamError(Words("the presets file {path} cannot be read: {why}", path=str(path), why=str(e))) from None
    out = []
    for table in data.get("preset", []):
        try:
            out.append(Preset(str(table["name"]), str(table["method"]), str(table["dataset"]),
                              dict(table.get("settings", {})),
                              dict(table.get("run", {})), dict(table.get("label", {})), dict(table.get("note", {})),
                              dict(table.get("dataset_options", {}))))
        except (KeyError, TypeError, ValueError):
            raise ParamError(Words("a preset in {path} needs a name, a method and a data set, and tables of "
                                   "settings", path=str(path))) from None
    return out


@lru_cache(maxsize=1)
def presets() -> tuple[Preset, ...]:
    """Every bundled preset, in the files' order."""
    return tuple(p for path in sorted(FOLDER.glob("*.toml")) for p in _read(path))


def presets_for(method: str, dataset: str) -> list[Preset]:
    """The presets of ``method`` on ``dataset``, the default first."""
    return [p for p in presets() if p.method == method and p.dataset == dataset]


def preset_for(method: str, dataset: str) -> Preset | None:
    """The default preset of ``method`` on ``dataset`` (a first Play's), or None when there is none."""
    found = presets_for(method, dataset)
    return found[0] if found else None


def preset_named(name: str) -> Preset | None:
    return next((p for p in presets() if p.name == name), None)


def check_preset(preset: Preset) -> None:
    """Raise ParamError unless the preset's method, data set and settings are all valid."""
    from engine import params as hp
    from engine.data import dataset_names, dataset_option_names
    from engine.methods import get_method
    from engine.training.config import RunParams

    cls = get_method(preset.method)
    if preset.dataset not in dataset_names():
        raise ParamError(Words("a preset names the unknown data set {dataset}", dataset=preset.dataset))
    unknown = sorted(set(preset.dataset_options) - set(dataset_option_names(preset.dataset)))
    if unknown:
        raise ParamError(Words("a preset gives the data set {dataset} options it does not take: {unknown}",
                               dataset=preset.dataset, unknown=", ".join(unknown)))
    hp.build(cls.Params, preset.settings)
    hp.build(RunParams, preset.run)
