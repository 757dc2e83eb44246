"""Where the bundled files (data, icons, presets) live: the repository's assets/ folder."""

from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def asset_path(*parts: str) -> Path:
    return ASSETS.joinpath(*parts)
