"""How well `app.reading.postings.analyze` reads real posting passages.

The labelled corpus is `tests/data/postings/passages.jsonl` (see the README beside it).
`evaluate` scores an analyzer on one split; `main` prints the figures for both splits and
every error with its passage id. Run it with `make eval-postings`.

Scores:
- per finding (no_phone_calls, no_contact, only_shortlisted): precision, recall and F1
  over the passages of the split. A finding the analyzer never reports has precision 0.
- response window exact: over the passages that state a window, the share where the
  analyzer's days AND business-or-calendar both equal the label.
- no window invented: over the passages that state no window, the share where the
  analyzer reports none.
- window counts from: over the passages that state a window, the share where the
  analyzer's `window_counts_from` ("application" or "closing_date") equals the label.
- language: passages labelled with a `language` other than "en" must be flagged as not
  English (`language_message`) with that code; English ones must not be flagged.
- confident / unsure precision: the findings the analyzer reports at or above `CONFIDENT`
  (applied without asking) and below it (asked about), each with its precision; for the
  window, a finding is right when its days and kind are exact.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.reading.postings import CONFIDENT, PostingAnalysis, analyze
from tests.reading.scores import Error, Score, load_jsonl

CORPUS = Path(__file__).resolve().parent.parent / "data" / "postings" / "passages.jsonl"
FINDINGS = ("no_phone_calls", "no_contact", "only_shortlisted")
SPLITS = ("dev", "heldout")
WINDOW_FROM = ("application", "closing_date")

Analyzer = Callable[[str], PostingAnalysis]


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The corpus's entries, in file order."""
    return load_jsonl(path)


@dataclass
class Report:
    """The scores of one analyzer on one split."""

    split: str
    passages: int = 0
    findings: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FINDINGS})
    windows_stated: int = 0
    windows_exact: int = 0
    windows_absent: int = 0
    windows_not_invented: int = 0
    windows_from_right: int = 0
    english: int = 0
    english_kept: int = 0
    foreign: int = 0
    foreign_flagged: int = 0
    # by finding name and "confident" / "unsure": [right, reported]
    by_confidence: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: {
            name: {"confident": [0, 0], "unsure": [0, 0]} for name in (*FINDINGS, "window")
        }
    )
    errors: list[Error] = field(default_factory=list)

    @property
    def window_from(self) -> float:
        """Share of stated windows whose starting point (application, closing date) is right."""
        return self.windows_from_right / self.windows_stated if self.windows_stated else 0.0

    @property
    def window_exact(self) -> float:
        """Share of stated windows read exactly (days and business-or-calendar)."""
        return self.windows_exact / self.windows_stated if self.windows_stated else 0.0

    @property
    def no_window_invented(self) -> float:
        """Share of passages without a window where the analyzer reports none."""
        return self.windows_not_invented / self.windows_absent if self.windows_absent else 0.0


def _window(days: int | None, business: bool) -> str:
    if days is None:
        return "none"
    return f"{days} {'business' if business else 'calendar'} days"


def evaluate(
    passages: Iterable[dict[str, Any]], split: str, analyzer: Analyzer = analyze
) -> Report:
    """Score `analyzer` on the passages of `split`."""
    report = Report(split)
    for passage in passages:
        if passage["split"] != split:
            continue
        report.passages += 1
        result = analyzer(passage["text"])
        language = passage.get("language", "en")
        if language == "en":
            report.english += 1
            if result.language_message is None:
                report.english_kept += 1
            else:
                report.errors.append(Error(passage["id"], "language", "en", result.language))
        else:
            report.foreign += 1
            if result.language_message is not None and result.language == language:
                report.foreign_flagged += 1
            else:
                got = result.language if result.language_message else "read as English"
                report.errors.append(Error(passage["id"], "language", language, got))
        for name in FINDINGS:
            if getattr(result, name):
                tally = report.by_confidence[name][
                    "confident" if result.is_confident(name) else "unsure"
                ]
                tally[0] += bool(passage[name])
                tally[1] += 1
            expected, got = bool(passage[name]), bool(getattr(result, name))
            score = report.findings[name]
            if expected and got:
                score.tp += 1
            elif got:
                score.fp += 1
            elif expected:
                score.fn += 1
            if expected != got:
                report.errors.append(Error(passage["id"], name, str(expected), str(got)))
        want = _window(passage["response_within_days"], passage["response_business_days"])
        have = _window(result.response_within_days, result.response_business_days)
        if passage["response_within_days"] is None:
            report.windows_absent += 1
            if result.response_within_days is None:
                report.windows_not_invented += 1
            else:
                report.errors.append(Error(passage["id"], "invented window", want, have))
        else:
            report.windows_stated += 1
            if want == have:
                report.windows_exact += 1
            else:
                report.errors.append(Error(passage["id"], "window", want, have))
            if result.window_counts_from == passage["window_counts_from"]:
                report.windows_from_right += 1
            elif result.response_within_days is not None:
                report.errors.append(
                    Error(
                        passage["id"],
                        "window counts from",
                        str(passage["window_counts_from"]),
                        str(result.window_counts_from),
                    )
                )
        if result.response_within_days is not None:
            tally = report.by_confidence["window"][
                "confident" if result.is_confident("response_window") else "unsure"
            ]
            tally[0] += want == have
            tally[1] += 1
    return report


def _rate(right: int, total: int) -> str:
    return f"{right / total:.2f}" if total else "-"


def format_report(report: Report) -> str:
    """The report as a Markdown table followed by its errors."""
    lines = [
        f"### {report.split}: {report.passages} passages",
        "",
        "| finding | positives | precision | recall | F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, score in report.findings.items():
        lines.append(
            f"| {name} | {score.tp + score.fn} | {score.precision:.2f} | {score.recall:.2f}"
            f" | {score.f1:.2f} |"
        )
    lines += [
        "",
        "| response window | passages | rate |",
        "| --- | --- | --- |",
        f"| exact days and kind | {report.windows_exact}/{report.windows_stated}"
        f" | {report.window_exact:.2f} |",
        f"| no window invented | {report.windows_not_invented}/{report.windows_absent}"
        f" | {report.no_window_invented:.2f} |",
        f"| counts from (application, closing date) right"
        f" | {report.windows_from_right}/{report.windows_stated} | {report.window_from:.2f} |",
        "",
        "| language | passages | rate |",
        "| --- | --- | --- |",
        f"| English read as English | {report.english_kept}/{report.english}"
        f" | {_rate(report.english_kept, report.english)} |",
        f"| not English flagged, right code | {report.foreign_flagged}/{report.foreign}"
        f" | {_rate(report.foreign_flagged, report.foreign)} |",
        "",
        f"| finding reported | confident (>= {CONFIDENT}): right/reported | precision"
        " | unsure: right/reported | precision |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, tallies in report.by_confidence.items():
        (sure_right, sure), (unsure_right, unsure) = tallies["confident"], tallies["unsure"]
        lines.append(
            f"| {name} | {sure_right}/{sure} | {_rate(sure_right, sure)}"
            f" | {unsure_right}/{unsure} | {_rate(unsure_right, unsure)} |"
        )
    lines += ["", f"{len(report.errors)} errors:"]
    lines += [
        f"- {error.id} {error.score}: expected {error.expected}, got {error.got}"
        for error in report.errors
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument(
        "--split",
        choices=SPLITS,
        action="append",
        help="report only this split (repeatable); default: both",
    )
    parser.add_argument(
        "--no-heldout-errors",
        action="store_true",
        help="print the held-out figures but not its errors (for working on the analyzer)",
    )
    parser.add_argument(
        "--cv",
        action="store_true",
        help="cross-validate the sentence models and their thresholds on dev instead"
        " (tests/reading/cv_postings.py; takes minutes)",
    )
    args = parser.parse_args(argv)
    if args.cv:
        from tests.reading import cv_postings  # trains models: scikit-learn, test deps only

        return cv_postings.main([])
    passages = load_corpus(args.corpus)
    print(f"corpus: {args.corpus} ({len(passages)} passages)\n")
    for split in args.split or SPLITS:
        report = evaluate(passages, split)
        if split == "heldout" and args.no_heldout_errors:
            report.errors = []
        print(format_report(report))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
