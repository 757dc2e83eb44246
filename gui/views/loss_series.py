"""One run's loss terms as they arrive, with their running smoothing: the data behind the Loss view's
curves, kept apart from the drawing (no Qt here), one LossSeries per run shown."""

from __future__ import annotations

import numpy as np


class Buffer:
    """An append-only float array that doubles its capacity, so appends are amortised O(1)."""

    def __init__(self):
        self.data = np.empty(1024, dtype=np.float64)
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        need = self.n + len(values)
        if need > len(self.data):
            grown = np.empty(max(need, 2 * len(self.data)), dtype=np.float64)
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.data[self.n:need] = values
        self.n = need

    def view(self) -> np.ndarray:
        return self.data[: self.n]


def ema_continue(values: np.ndarray, alpha: float, state: tuple[float, int]) -> tuple[np.ndarray, tuple[float, int]]:
    """Continue a bias-corrected exponential moving average over new values.

    ``state`` is (last raw average, number of finite values averaged so far); starting from (0, 0) the
    first points are not dragged towards 0. Non-finite values (a term that starts late) stay NaN and
    leave the average where it was. Returns the smoothed values and the new state.
    """
    out = np.full(len(values), np.nan)
    finite = np.isfinite(values)
    last, count = state
    if finite.any():
        x = values[finite]
        y = ema(x, alpha, last)
        t = count + np.arange(1, len(x) + 1)
        out[finite] = y / (1 - (1 - alpha) ** t)
        last, count = float(y[-1]), int(t[-1])
    return out, (last, count)


def ema(x: np.ndarray, alpha: float, last: float = 0.0) -> np.ndarray:
    """y_k = alpha x_k + (1 - alpha) y_(k-1), with y_(-1) = ``last``, vectorised with numpy alone.

    In closed form y_k = d^(k+1) (last + alpha sum_(j<=k) x_j / d^(j+1)) with d = 1 - alpha. The division by d^j
    grows without bound, so the sum runs over blocks in which d^-j stays below e^40. (numpy only: SciPy's
    lfilter did this, but importing scipy.signal on the GUI thread at the first loss stalled it 2 s.)
    """
    decay = 1.0 - alpha
    if decay <= 0.0:
        return x.astype(np.float64).copy()
    block = int(min(len(x), max(1.0, 40.0 / -np.log(decay)))) if decay < 1.0 else len(x)
    y = np.empty(len(x), dtype=np.float64)
    for start in range(0, len(x), max(block, 1)):
        xb = x[start:start + block].astype(np.float64)
        power = decay ** np.arange(1, len(xb) + 1)  # (L,) d^k
        y[start:start + len(xb)] = power * (last + alpha * np.cumsum(xb / power))
        last = y[start + len(xb) - 1]
    return y


class LossSeries:
    """Steps, raw values per term and their smoothing (``alpha``: the EMA's weight of a new value)."""

    def __init__(self, alpha: float):
        self.alpha = alpha
        self.steps = Buffer()
        self.values: dict[str, Buffer] = {}
        self.smooth: dict[str, Buffer] = {}  # smoothed values, extended as data arrives
        self.ema_state: dict[str, tuple[float, int]] = {}

    def add(self, steps: np.ndarray, terms: dict[str, np.ndarray]) -> list[str]:
        """Append a chunk; returns the names of terms seen for the first time (they need a curve)."""
        self.steps.extend(steps)
        new = []
        for name, values in terms.items():
            if name not in self.values:
                self.values[name] = Buffer()
                if self.steps.n > len(steps):  # a term that appears late starts with gaps
                    self.values[name].extend(np.full(self.steps.n - len(steps), np.nan))
                new.append(name)
            self.values[name].extend(values)
            self._extend_smooth(name, self.values[name].view()[-len(values):])
        return new

    def _extend_smooth(self, name: str, values: np.ndarray) -> None:
        """Smooth only what is new: at 100,000 steps recomputing the average each frame cost 15 ms."""
        if name not in self.smooth:
            self.smooth[name] = Buffer()
            self.ema_state[name] = (0.0, 0)
            head = self.values[name].n - len(values)
            if head:
                self.smooth[name].extend(np.full(head, np.nan))
        smoothed, self.ema_state[name] = ema_continue(values, self.alpha, self.ema_state[name])
        self.smooth[name].extend(smoothed)

    def resmooth(self, alpha: float) -> None:
        """The smoothing slider moved: smooth every term again from its first value."""
        self.alpha = alpha
        self.smooth.clear()
        self.ema_state.clear()
        for name, buf in self.values.items():
            self._extend_smooth(name, buf.view())

    def value_at(self, step: float) -> tuple[int, dict[str, float]] | None:
        """The step nearest ``step`` that this run has, and each term's raw value there."""
        if self.steps.n == 0:
            return None
        x = self.steps.view()
        i = int(np.clip(np.searchsorted(x, step), 0, len(x) - 1))
        return int(x[i]), {name: float(buf.view()[i]) for name, buf in self.values.items()}
