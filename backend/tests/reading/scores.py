"""What both corpus evaluations share: reading a JSON-lines corpus, a precision/recall count
per label, and one wrong answer."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """The corpus's entries, one JSON object per line, in file order."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@dataclass
class Score:
    """Counts and rates for one label (a finding, a reply kind, a field)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Error:
    """One entry the analyzer got wrong on one score."""

    id: str
    score: str  # a label's name, or what was measured ("window", "kind", "language", ...)
    expected: str
    got: str
