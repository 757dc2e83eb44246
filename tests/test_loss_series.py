"""The Loss view's data (no Qt): chunks append, a late term starts with gaps, and the running smoothing
equals smoothing the whole series at once."""

import numpy as np
import pytest

from gui.views.loss_series import LossSeries, ema_continue


def test_smoothing_in_chunks_equals_smoothing_at_once_and_starts_unbiased():
    rng = np.random.default_rng(0)
    values = rng.normal(1.0, 0.1, 300)
    whole, _ = ema_continue(values, 0.1, (0.0, 0))
    series = LossSeries(0.1)
    for start in range(0, 300, 70):
        series.add(np.arange(start, min(start + 70, 300)), {"loss": values[start:start + 70]})
    np.testing.assert_allclose(series.smooth["loss"].view(), whole)
    assert whole[0] == pytest.approx(values[0])  # bias-corrected: the first point is not dragged towards 0
    constant, _ = ema_continue(np.full(10, 3.0), 0.05, (0.0, 0))
    np.testing.assert_allclose(constant, 3.0)


def test_a_late_term_starts_with_gaps_and_resmoothing_starts_again():
    series = LossSeries(0.5)
    assert series.add(np.arange(3), {"loss": np.ones(3)}) == ["loss"]
    assert series.add(np.arange(3, 5), {"loss": np.ones(2), "kl": np.array([2.0, 4.0])}) == ["kl"]
    kl = series.values["kl"].view()
    assert np.isnan(kl[:3]).all() and list(kl[3:]) == [2.0, 4.0]
    series.resmooth(1.0)  # no smoothing: the raw values
    np.testing.assert_allclose(series.smooth["kl"].view()[3:], [2.0, 4.0])
    assert series.value_at(3.4) == (4, {"loss": 1.0, "kl": 4.0})  # the first step at or after 3.4


def test_the_moving_average_matches_its_recurrence_over_long_series_and_any_alpha():
    """ema() is vectorised in blocks; the plain recurrence y_k = a x_k + (1 - a) y_(k-1) is the truth."""
    from gui.views.loss_series import ema

    rng = np.random.default_rng(0)
    x = rng.normal(size=3000) * 10 + 3
    for alpha in (0.001, 0.05, 0.5, 0.97, 1.0):
        want, y = np.empty_like(x), 2.5
        for k, v in enumerate(x):
            y = alpha * v + (1 - alpha) * y
            want[k] = y
        np.testing.assert_allclose(ema(x, alpha, 2.5), want, rtol=1e-9, atol=1e-9)


def test_smoothing_imports_no_scipy_on_the_gui_thread():
    """scipy.signal took 2 s to import at the first loss update, stalling the window in front of a class."""
    import subprocess
    import sys

    code = ("import sys, numpy as np\nfrom gui.views.loss_series import LossSeries\n"
            "s = LossSeries(0.05)\ns.add(np.arange(5), {'loss': np.ones(5)})\n"
            "print('scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
