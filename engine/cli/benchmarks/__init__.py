"""Benchmark scripts: they print figures (README's "Performance" section quotes them); no test times them."""
