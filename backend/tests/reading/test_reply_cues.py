"""The reply reader's cue table is well formed: known kinds, weights in range, bounded patterns."""

import re

from app.reading.replies import KINDS
from app.reading.reply_cues import KIND_CUES, cue


def test_every_cue_names_a_kind_and_a_weight() -> None:
    for kind, weight, pattern in KIND_CUES:
        assert kind in KINDS or kind == "withdrawal", kind
        assert 0 < weight <= 1.3, (kind, pattern.pattern)
        assert isinstance(pattern, re.Pattern)


def test_no_cue_has_an_unbounded_gap() -> None:
    for _, _, pattern in KIND_CUES:
        assert ".*" not in pattern.pattern and ".+" not in pattern.pattern, pattern.pattern


def test_a_space_in_a_cue_is_any_run_of_spaces() -> None:
    assert cue("regret to inform").search("we regret  to\ninform you")
