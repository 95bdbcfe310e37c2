"""The reply reader reads the held-out replies at least as well as when last measured.

The floors below sit a little under what `make eval-replies` printed for the held-out split
when the analyzer was last changed (README, "Reading employers' replies"). Change the
analyzer looking only at dev errors (`make eval-replies EVAL_ARGS=--no-heldout-errors`);
when the held-out figures rise, raise the floors with them.
"""

import pytest

from tests.reading.eval_replies import Report, evaluate, load_corpus

# Held-out figures measured on 2026-12-03 (356 replies, 155 held out), after the kind model
# (app/reading/reply_kind.py) took the replies where the cue rules found no cue: kind accuracy
# 122/155, macro F1 0.70; position closed 4/4 precise, 4/14 found; consideration 7/7, 7/26;
# future openings 25/26, 25/31; one window invented. (Held-out was read three times that
# day, figures only, never its errors: a first look at 123/155 showed news precision falling
# where the model named the kind, which the dev cross-validation also showed, and news was
# then gated on the rules' reading; the model was then pruned to 1.1 MB, chosen on dev, and
# read one held-out reply fewer. So these are not first-look figures. The rules alone, the
# same day: 109/155, macro F1 0.65;
# before that day's cue changes: 108/155, 0.65; on 321 replies: 102/140, 0.68; on 270: 86/105,
# 0.75.)
KIND_ACCURACY_FLOOR = 121 / 155
MACRO_F1_FLOOR = 0.68
PRECISION_FLOOR = {
    "position_closed": 1.0,
    "still_under_consideration": 1.0,
    "future_openings_invited": 0.95,
}
RECALL_FLOOR = {
    "position_closed": 0.25,
    "still_under_consideration": 0.25,
    "future_openings_invited": 0.78,
}
SLACK = 1e-9


@pytest.fixture(scope="module")
def heldout() -> Report:
    return evaluate(load_corpus(), "heldout")


def test_heldout_kind_accuracy_does_not_fall(heldout: Report) -> None:
    assert heldout.kind_accuracy >= KIND_ACCURACY_FLOOR - SLACK


def test_heldout_macro_f1_does_not_fall(heldout: Report) -> None:
    assert heldout.macro_f1 >= MACRO_F1_FLOOR - SLACK


@pytest.mark.parametrize("name", sorted(PRECISION_FLOOR))
def test_heldout_field_precision_does_not_fall(heldout: Report, name: str) -> None:
    assert heldout.fields[name].precision >= PRECISION_FLOOR[name] - SLACK


@pytest.mark.parametrize("name", sorted(RECALL_FLOOR))
def test_heldout_field_recall_does_not_fall(heldout: Report, name: str) -> None:
    assert heldout.fields[name].recall >= RECALL_FLOOR[name] - SLACK


def test_no_window_is_invented_on_heldout(heldout: Report) -> None:
    assert heldout.windows_invented <= 1  # one, on the 321-reply corpus: do not let it grow
