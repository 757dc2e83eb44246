"""Where the app keeps its layout and recent files: the user's settings, or $ENCODER_LAB_SETTINGS (an
INI file path; the tests and the benchmarks point it at a temporary file)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

MAX_RECENT = 8


def app_settings() -> QSettings:
    path = os.environ.get("ENCODER_LAB_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("EncoderLab", "Encoder Lab")


def string_list(settings: QSettings, key: str) -> list[str]:
    """A list of strings kept under ``key`` (QSettings gives a lone string for a one-item list)."""
    value = settings.value(key, [])
    if isinstance(value, str):
        value = [value]
    return [v for v in value or [] if v]


def recent_files(settings: QSettings) -> list[str]:
    return string_list(settings, "recent_files")


def add_recent(settings: QSettings, path: str) -> list[str]:
    files = [path] + [p for p in recent_files(settings) if p != path]
    settings.setValue("recent_files", files[:MAX_RECENT])
    return files[:MAX_RECENT]
