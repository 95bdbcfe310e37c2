"""The replies reader's models: which dev examples train them (see tests/reading/training.py)."""

from __future__ import annotations

from tests.reading.training import Spec


def specs() -> list[Spec]:
    """The models app/reading/replies.py loads, built from the dev split only."""
    return []
