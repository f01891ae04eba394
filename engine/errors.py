"""What can go wrong while loading a model or drawing, as exceptions the queue and CLI know."""

from __future__ import annotations


class EngineError(Exception):
    """Drawing failed for a reason the learner can be told about in general terms."""


class EngineOutOfMemory(EngineError):
    """The device ran out of memory; a smaller batch may still fit."""


class ModelNotAvailable(EngineError):
    """The configured model cannot be found locally and may not be downloaded."""
