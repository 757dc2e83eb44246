"""Errors whose message is written for the person using the app, not for a developer.

The GUI shows ``str(error)`` in a dialog and the CLI prints it: every message names the problem and,
where there is one, what to do about it.
"""


class EncoderLabError(Exception):
    """Base of every error the app reports to its user as a plain message."""


class ParamError(EncoderLabError, ValueError):
    """A hyper-parameter name or value that is not valid."""


class DatasetError(EncoderLabError):
    """A data set that cannot be loaded (unknown name, offline download, empty folder...)."""


class CheckpointError(EncoderLabError):
    """A file that cannot be used as a checkpoint."""


class DeviceError(EncoderLabError):
    """A compute device that was asked for but is not available."""
