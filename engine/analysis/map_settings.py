"""The settings of the nonlinear maps a learner may change: t-SNE's perplexity, UMAP's n_neighbors and min_dist.

One source for their defaults, ranges and one-line help: the map view builds its controls from it and the
analysis process checks what it is sent against it (a value out of range is refused with a message).

Perplexity: van der Maaten & Hinton, JMLR 2008, section 2: "The perplexity can be interpreted as a smooth
measure of the effective number of neighbors." Wattenberg, Viégas & Johnson, "How to Use t-SNE
Effectively" (Distill 2016): "it says (loosely) how to balance attention between local and global
aspects of your data", and the picture can change a lot with it while the data does not.
n_neighbors and min_dist: McInnes, Healy & Melville 2018, section 4.3 (umap-learn's defaults 15 and 0.1).
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, fields

from engine.words import Words

# name -> (lowest, highest) accepted, both included
RANGES: dict[str, tuple[float, float]] = {"perplexity": (2.0, 100.0), "n_neighbors": (2, 200), "min_dist": (0.0, 0.99)}
# name -> the projection it belongs to
METHOD_OF: dict[str, str] = {"perplexity": "tsne", "n_neighbors": "umap", "min_dist": "umap"}
HELP: dict[str, str] = {
    "perplexity": "t-SNE perplexity: roughly how many neighbours each point keeps close; small values show "
                  "local clumps, large ones more of the global shape (Wattenberg et al., Distill 2016)",
    "n_neighbors": "UMAP n_neighbors: how many neighbours each point's neighbourhood is built from; small "
                   "values show fine local structure, large ones the overall layout",
    "min_dist": "UMAP min_dist: how close points may sit on the map; small values pack clusters tightly, "
                "large ones spread them out evenly",
}


@dataclass(frozen=True)
class MapSettings:
    """The settings of the t-SNE and UMAP maps; a value of the wrong type or out of RANGES is a ValueError."""

    perplexity: float = 30.0
    n_neighbors: int = 15
    min_dist: float = 0.1

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            integral = field.type in (int, "int")
            wanted = numbers.Integral if integral else numbers.Real
            if isinstance(value, bool) or not isinstance(value, wanted):
                kind = Words("a whole number") if integral else Words("a number")
                raise ValueError(Words("{name} must be {kind}, not {value}", name=field.name, kind=kind, value=repr(value)))
            lo, hi = RANGES[field.name]
            if not (lo <= value <= hi):  # NaN fails this too
                raise ValueError(Words("{name} must be between {lo:g} and {hi:g}, not {value}", name=field.name, lo=lo, hi=hi,
                                       value=repr(value)))
            object.__setattr__(self, field.name, int(value) if integral else float(value))

    @classmethod
    def from_message(cls, received: dict) -> MapSettings:
        """The settings of a "map_settings" message (engine.processes.protocol), checked."""
        return cls(**{name: received[name] for name in RANGES})

    def fields(self) -> dict[str, float | int]:
        """The values by name: the fields of a "map_settings" message."""
        return {name: getattr(self, name) for name in RANGES}

    def changed_methods(self, other: MapSettings) -> set[str]:
        """The projections whose maps differ between these settings and ``other``."""
        return {METHOD_OF[name] for name in RANGES if getattr(self, name) != getattr(other, name)}

    def __str__(self) -> str:
        """"perplexity 30; n_neighbors 15, min_dist 0.1": the settings of every projection that has some."""
        return "; ".join(filter(None, (self.describe(method) for method in dict.fromkeys(METHOD_OF.values()))))

    def describe(self, method: str) -> str:
        """"perplexity 30" for t-SNE, "n_neighbors 15, min_dist 0.1" for UMAP, "" for PCA."""
        return ", ".join(f"{name} {getattr(self, name):g}" for name in RANGES if METHOD_OF[name] == method)
