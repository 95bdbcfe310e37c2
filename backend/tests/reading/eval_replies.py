"""How well `app.reading.replies.analyze` reads real employers' replies.

The labelled corpus is `tests/data/replies/replies.jsonl` (see the README beside it).
`evaluate` scores the analyzer on one split; `main` prints the figures for both splits and
every error with its reply id. Run it with `make eval-replies`; `--cv` runs instead the
cross-validation on dev that chose how the kind model and the rules combine
(tests/reading/cv_replies.py); while changing the analyzer,
`make eval-replies EVAL_ARGS=--no-heldout-errors` (the held-out errors stay unread).

Scores:
- kind: accuracy over the replies of the split, macro F1 over the kinds present in it, and
  precision / recall per kind.
- per news field (position_still_open true and false, applicant_count, interviews being
  scheduled, still under consideration), future_openings_invited, and feedback (offered,
  refused): precision and recall. A reported value is right only when it equals the label
  (an applicant count must be the same number).
- response window exact: over the replies that state a window, the share where the days
  AND business-or-calendar both equal the label; and how many windows were invented.
- confident precision: of the findings reported at or above `CONFIDENT`, the share right.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.reading.replies import CONFIDENT, KINDS, ReplyAnalysis, analyze
from tests.reading.scores import Error, Score, load_jsonl

CORPUS = Path(__file__).resolve().parent.parent / "data" / "replies" / "replies.jsonl"
SPLITS = ("dev", "heldout")
# field name -> (the label's value that counts as positive, the analysis attribute)
FIELDS = (
    "position_open",
    "position_closed",
    "applicant_count",
    "interviews_being_scheduled",
    "still_under_consideration",
    "future_openings_invited",
    "feedback_offered",
    "feedback_refused",
)
# the evidence finding whose confidence each field's report carries
_FINDING = {
    "position_open": "position_still_open",
    "position_closed": "position_still_open",
    "feedback_offered": "feedback_offered",
    "feedback_refused": "feedback_offered",
}


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The corpus's entries, in file order."""
    return load_jsonl(path)


def _value(name: str, source: dict[str, Any] | ReplyAnalysis) -> object:
    """Field `name` of a label (dict) or an analysis, as None when not stated."""

    def get(key: str) -> Any:
        return source[key] if isinstance(source, dict) else getattr(source, key)

    if name == "position_open":
        return True if get("position_still_open") is True else None
    if name == "position_closed":
        return False if get("position_still_open") is False else None
    if name == "feedback_offered":
        return "offered" if get("feedback_offered") == "offered" else None
    if name == "feedback_refused":
        return "refused" if get("feedback_offered") == "refused" else None
    value = get(name)
    return value if value not in (False, None) else None


@dataclass
class Report:
    """The scores of the analyzer on one split."""

    split: str
    replies: int = 0
    kinds_right: int = 0
    kinds: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    windows_stated: int = 0
    windows_exact: int = 0
    windows_invented: int = 0
    confident: list[int] = field(default_factory=lambda: [0, 0])  # right, reported
    errors: list[Error] = field(default_factory=list)

    @property
    def kind_accuracy(self) -> float:
        return self.kinds_right / self.replies if self.replies else 0.0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the kinds that occur in the split (as label or as answer)."""
        present = [s for s in self.kinds.values() if s.tp + s.fp + s.fn]
        return sum(s.f1 for s in present) / len(present) if present else 0.0

    @property
    def window_exact(self) -> float:
        return self.windows_exact / self.windows_stated if self.windows_stated else 0.0


def _window(days: int | None, business: bool) -> str:
    if days is None:
        return "none"
    return f"{days} {'business' if business else 'calendar'} days"


Analyzer = Callable[[str], ReplyAnalysis]


def evaluate(replies: Iterable[dict[str, Any]], split: str, analyzer: Analyzer = analyze) -> Report:
    """Score `analyzer` (by default the reader as committed) on the replies of `split`."""
    report = Report(split)
    for reply in replies:
        if reply["split"] != split:
            continue
        report.replies += 1
        result = analyzer(reply["text"])
        want, got = reply["kind"], result.kind
        if want == got:
            report.kinds_right += 1
            report.kinds[want].tp += 1
        else:
            report.kinds[want].fn += 1
            report.kinds[got].fp += 1
            report.errors.append(Error(reply["id"], "kind", want, got))
        if got != "other" and result.is_confident("kind"):
            report.confident[0] += want == got
            report.confident[1] += 1
        for name in FIELDS:
            expected, found = _value(name, reply), _value(name, result)
            score = report.fields[name]
            if found is not None:
                right = found == expected
                score.tp += right
                score.fp += not right
                if result.is_confident(_FINDING.get(name, name)):
                    report.confident[0] += right
                    report.confident[1] += 1
            if expected is not None and found != expected:
                score.fn += 1
            if expected != found:
                report.errors.append(Error(reply["id"], name, str(expected), str(found)))
        want_w = _window(reply["response_within_days"], reply["response_business_days"])
        have_w = _window(result.response_within_days, result.response_business_days)
        if reply["response_within_days"] is None:
            if result.response_within_days is not None:
                report.windows_invented += 1
                report.errors.append(Error(reply["id"], "invented window", want_w, have_w))
        else:
            report.windows_stated += 1
            if want_w == have_w:
                report.windows_exact += 1
            else:
                report.errors.append(Error(reply["id"], "window", want_w, have_w))
    return report


def format_report(report: Report) -> str:
    """The report as Markdown tables followed by its errors."""
    lines = [
        f"### {report.split}: {report.replies} replies",
        "",
        f"kind accuracy {report.kinds_right}/{report.replies} = {report.kind_accuracy:.2f},"
        f" macro F1 {report.macro_f1:.2f}",
        "",
        "| kind | replies | precision | recall | F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, s in report.kinds.items():
        if s.tp + s.fp + s.fn:
            lines.append(
                f"| {name} | {s.tp + s.fn} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |"
            )
    lines += ["", "| field | positives | precision | recall |", "| --- | --- | --- | --- |"]
    for name, s in report.fields.items():
        p = f"{s.precision:.2f}" if s.tp + s.fp else "-"
        lines.append(f"| {name} | {s.tp + s.fn} | {p} ({s.tp}/{s.tp + s.fp}) | {s.recall:.2f} |")
    right, reported = report.confident
    lines += [
        "",
        f"response window exact: {report.windows_exact}/{report.windows_stated}"
        f" = {report.window_exact:.2f}; windows invented: {report.windows_invented}",
        f"confident findings (>= {CONFIDENT}) right: {right}/{reported}",
        "",
        f"{len(report.errors)} errors:",
    ]
    lines += [f"- {e.id} {e.score}: expected {e.expected}, got {e.got}" for e in report.errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--split", choices=SPLITS, action="append", help="repeatable")
    parser.add_argument(
        "--no-heldout-errors",
        action="store_true",
        help="print the held-out figures but not its errors (for working on the analyzer)",
    )
    parser.add_argument(
        "--cv",
        action="store_true",
        help="only the k-fold cross-validation on dev that chose the kind model's settings",
    )
    parser.add_argument("--cv-c", default=None, help="with --cv: regularisations to compare, 3,10")
    parser.add_argument("--cv-prune", default=None, help="with --cv: min weights to compare, 0,0.1")
    parser.add_argument(
        "--cv-new",
        default=None,
        help="with --cv: also score the combinations on the dev replies from this id on (r0515),"
        " the ones the rules were not written from",
    )
    args = parser.parse_args(argv)
    replies = load_corpus(args.corpus)
    if args.cv:
        from tests.reading import cv_replies  # needs scikit-learn (the test lock)

        grid = [float(c) for c in args.cv_c.split(",")] if args.cv_c else None
        prune = [float(w) for w in args.cv_prune.split(",")] if args.cv_prune else None
        print(cv_replies.run(replies, grid, prune, args.cv_new))
        return 0
    print(f"corpus: {args.corpus} ({len(replies)} replies)\n")
    for split in args.split or SPLITS:
        report = evaluate(replies, split)
        if split == "heldout" and args.no_heldout_errors:
            report.errors = []
        print(format_report(report))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
