"""Detect a job posting's contact constraints ("posting constraints") in its text.

Pure functions only: no I/O, no clock. Each finding carries the sentence it came from,
with its exact character span, so the UI can show *why* a constraint was detected.

Confidence: every finding (every `Evidence`) carries a confidence in 0..1. A finding whose
confidence is at least `CONFIDENT` applies automatically; below it, the product asks the
user to confirm it. The booleans (`no_phone_calls`, `no_contact`, `only_shortlisted`),
`response_within_days` and `closes_on` mean "found", at any confidence: consumers apply
only the confident ones (`PostingAnalysis.is_confident(name)`), and ask about the rest.
Hedged ("we aim to", "usually"), conditional or unusual wording lowers a confidence.

Closing dates: `closes_on` is the posting's stated closing date ("applications close 15
March", "closing date: 2026-03-15", "apply by 15/03/2026"). A numeric date is read only
when it cannot be misread (15/03/2026 is 15 March; 03/04/2026 is left alone). A date
without a year takes the first year that puts it on or after `reference_date` minus
`_CLOSING_LOOKBACK` days (an application is often recorded a little after the posting
closed); without a reference date it is not read. A response window counted from the
closing date ("within 40 days after the closing date") gives `window_counts_from ==
"closing_date"`, and `response_expected_on` is then `closes_on` plus the window.

Language: only English is read. `language` is the ISO 639-1 code CLD2 (pycld2) reports,
or "und" when the text is too short to tell; when the text is clearly not English,
`language_message` says so and nothing else is found.

Speed: the text is lower-cased once (length-preserving, so positions stay valid) and
each pattern scans it once. Every pattern starts with a literal word or a set of
characters (the shortlist patterns with a look-behind for a word's start before it; the
sentence, soft-wrap and masked-number patterns look back only after their first
character), so the regex engine skips ahead cheaply; every gap between words is bounded
and possessive, and no pattern can cross a sentence boundary, so the work per position is
bounded: time is linear in the text. A sentence gives each finding once, so its further
phrases for a finding it already has at full confidence are not examined, and a sentence
said twice is scored by the models once. `make bench-postings` (bench/postings.py) times
it: a typical posting (4,000 characters) takes about 3 ms on two shared cores, 50,000
characters about 35 ms, the slowest adversarial 50,000-character text (a short sentence
with a finding, repeated 2,000 times) about 50 ms.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal, get_args

import pycld2

from app.reading import posting_models
from app.reading.windows import Window, counts_from, response_windows

__all__ = [
    "CONFIDENT",
    "FINDING_NAMES",
    "MAX_TEXT",
    "Evidence",
    "EvidenceFinding",
    "PostingAnalysis",
    "add_business_days",
    "analyze",
    "sentence_spans",
]

MAX_TEXT = 50_000
CONFIDENT = 0.8  # a finding at least this confident applies without asking the user
_SURE = 0.95  # a rule's finding, unhedged (the most confident a rule is)
# The positive findings a confidence is given for, by name.
FINDING_NAMES = ("no_phone_calls", "no_contact", "only_shortlisted", "response_window", "closes_on")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One finding and the sentence of the posting it came from.

    `finding` is one of "no_phone_calls", "no_contact", "only_shortlisted",
    "response_time", "response_date", "closes_on"; `text[start:end] == sentence`;
    `confidence` (0..1) is how sure the reader is (`CONFIDENT` and above: apply it).
    """

    finding: str
    sentence: str
    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class PostingAnalysis:
    """What a posting says about contacting the employer."""

    no_phone_calls: bool
    no_contact: bool
    only_shortlisted: bool
    response_within_days: int | None
    response_business_days: bool
    response_expected_on: date | None
    evidence: tuple[Evidence, ...]
    closes_on: date | None = None
    window_counts_from: str | None = None  # "application" or "closing_date" with a window
    language: str = "und"  # ISO 639-1, "und" when the text is too short to tell
    language_message: str | None = None  # set when the text is clearly not English
    # the confidence of each positive finding, by name (FINDING_NAMES)
    confidences: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )

    def confidence(self, name: str) -> float:
        """How sure the reader is of finding `name` (FINDING_NAMES); 0.0 when not found."""
        if name not in FINDING_NAMES:
            raise ValueError(f"unknown finding {name!r}")
        return self.confidences.get(name, 0.0)

    def is_confident(self, name: str) -> bool:
        """Finding `name` was found confidently enough to apply without asking."""
        return self.confidence(name) >= CONFIDENT


# What an Evidence's `finding` may be (the API's enum too), in the order evidence is listed.
EvidenceFinding = Literal[
    "no_phone_calls",
    "no_contact",
    "only_shortlisted",
    "response_time",
    "response_date",
    "closes_on",
]
_FINDINGS: tuple[str, ...] = get_args(EvidenceFinding)
# The evidence that carries each named finding's confidence.
_EVIDENCE_OF = {
    "no_phone_calls": "no_phone_calls",
    "no_contact": "no_contact",
    "only_shortlisted": "only_shortlisted",
    "response_window": "response_time",
    "closes_on": "closes_on",
}

# --- building blocks ------------------------------------------------------------------------
# Sentences end at newlines and at runs of . ! ? followed by whitespace or the end. No
# pattern matches those characters, so a match always lies inside one sentence.
_NL = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# "within approx. 4 weeks", "e.g. a call": the period of an abbreviation ends no sentence
# (checked after the period: a pattern that opens with a set of characters lets the engine
# skip to the next candidate; look-behinds first ran at every position, 30 times slower)
_ABBREVIATION = (
    r"(?<!\b[Aa]pprox\.)(?<!\b[Ee]\.g\.)(?<!\b[Ii]\.e\.)(?<!\b[Mm]ax\.)(?<!\b[Mm]in\.)"
    r"(?<!\b[Aa]pp\.)"
)
_BOUNDARY = re.compile(
    rf"[.!?{_NL}](?:(?<=[!?{_NL}])|{_ABBREVIATION})[.!?{_NL}]*(?:(?<=[{_NL}])|(?=\s|$))"
)
_WS = rf"[^\S{_NL}]"  # horizontal whitespace
_SEP = rf"[^\w.!?{_NL}]{{1,3}}+"  # what separates two words (possessive)
_WORD = r"[\w']{1,30}+"  # one word, bounded (possessive)
_END = rf"(?:$|[^\w\s]|[{_NL}])"  # the phrase ends: punctuation, newline or end of text


def _gap(words: int, avoid: str = "") -> str:
    """Up to `words` words between two parts of a phrase (lazy, bounded, possessive)."""
    guard = rf"(?!(?:{avoid})\b)" if avoid else ""
    return rf"(?:{_SEP}{guard}{_WORD}){{0,{words}}}?{_SEP}"


def _lead(words: str, rest: str = "") -> list[str]:
    """Branches `w1<rest>`, `w2<rest>`, ... for `_any`."""
    return [word + rest for word in words.split("|")]


def _any(branches: list[str]) -> str:
    """An alternation of branches that each start with a letter, grouped by that letter.

    A pattern whose branches all start with a literal lets the engine skip positions that
    cannot match; grouping by letter keeps each attempt at a position cheap.
    """
    groups: dict[str, list[str]] = {}
    for branch in branches:
        groups.setdefault(branch[0], []).append(branch[1:])
    return "(?:" + "|".join(f"{c}(?:{'|'.join(tails)})" for c, tails in groups.items()) + ")"


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a lower-case template: a space means 1+ horizontal spaces, `~` means 0+."""
    return re.compile(pattern.replace(" ", _WS + "+").replace("~", _WS + "*"))


def _rx_word(pattern: str) -> re.Pattern[str]:
    """`_rx` for a pattern read only through `_find`, which keeps matches that start a word:
    the same look-behind in the pattern rejects a position inside a word before any of its
    many branches is tried (the shortlist pattern reads in 0.7 of the time; a pattern whose
    branches share few first letters is faster without it)."""
    return _rx(r"(?<!\w)" + pattern)


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-one": 21, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "couple of": 2,
    "a couple of": 2,
}  # fmt: skip
# Any number _NUMBER_WORDS knows (plain words: a space in them is _rx's), longest first.
_NUM = rf"(?:\d{{1,3}}|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})\b"
_PAREN = r"(?:~\(~\d{1,3}~\))?"  # "ten (10) days"
_UNIT_DAYS = {
    "hour": 0,
    "hr": 0,
    "day": 1,
    "week": 7,
    "fortnight": 14,
    "month": 30,
}  # hours: rounded up to days


def _time(prep: str) -> str:
    """A span of time such as "within 3-4 weeks" or "in ten (10) business days"."""
    return (
        rf"{prep}(?:the )?(?:next |coming )?"
        r"(?:(?:about|around|approximately|roughly|up to|no more than|no later than|at most"
        r"|less than|fewer than|under|a maximum of|max(?:imum)?) )?"
        rf"(?:(?:between )?(?P<n1>{_NUM}){_PAREN}"
        rf"(?:~(?:-|–|—|to\b|or\b|and\b)~(?P<n2>{_NUM}){_PAREN})? "
        # "within the next week": one unit (checked singular in _days)
        r"|(?P<nx>(?<=next\x20)|(?<=coming\x20)))"
        r"(?:(?P<biz>business|working) |calendar )?(?P<unit>hour|hr|day|week|fortnight|month)s?\b"
        r"(?: or (?P<n3>two|three|[23])\b)?"
        # a service level is not a response time: "... within 24 hours to customer emails"
        r"(?! (?:to|for) (?:all |any |our |your )?(?:customer|client|patient|guest|user"
        r"|ticket|request|quer|support|service|order|complaint))"
        # an automatic receipt is not a response: "an email within 24 hours confirming ..."
        r"(?!~,?~(?:confirming|to confirm|acknowledging|to acknowledge|as confirmation"
        r"|that (?:confirms|acknowledges)))"
    )


# --- response time: the employer getting back to the applicant ------------------------------
# "Please allow 3 weeks for a response", "... up to 4 weeks after the closing date for a
# response" (what it counts from: windows.counts_from; other windows: app/reading/windows.py)
_ALLOW = _rx(
    rf"allow (?P<span>{_time('')})"
    r"(?: (?:after|from|following|of|since)(?: [\w'-]{1,20}+){1,6}?)?"
    r" for (?:a |an |our |the )?(?:final )?(?:response|reply|decision"
    r"|us to (?:respond|reply|review|get back))"
)

# --- contact restrictions -------------------------------------------------------------------
_ITEM = (
    r"(?:(?:tele)?phone(?:~calls?)?|calls?|e-?mails?|agenc(?:y|ies)|recruiters?|visits?|fax(?:es)?"
    r"|walk-ins?|drop-ins?|drop(?:-| )?offs?|messages|texts|dms|follow(?:-| )?ups?(?: calls)?)"
)
_LIST_SEP = r"(?: and/or | and / or |~[,/&]~| or | and | nor |~,~(?:or|and) )"
# A refusal of calls may go on to list anything: "no phone inquiries or hard copy materials",
# "no phone calls, direct mailings or drop-in inquiries" (items of up to three words each).
_CALLS_THEN_ANYTHING = (
    r"(?:(?:tele)?phone (?:calls|inquiries|enquiries)|calls)"
    rf"(?:{_LIST_SEP}(?:no )?[\w'-]{{1,30}}+(?: [\w'-]{{1,30}}+){{0,2}}?){{1,4}}"
)
_NO_LIST = _rx(
    # the longer reading first: "no phone calls, emails or LinkedIn messages please"
    rf"no (?:{_CALLS_THEN_ANYTHING}|{_ITEM}(?:{_LIST_SEP}(?:no )?{_ITEM}){{0,4}}"
    r"(?: (?:calls|enquiries|inquiries|contact|applications|visits))?)"
    rf"(?=~(?:{_END}|please\b|thanks?\b|thank you|to\b|regarding\b|about\b|re\b|concerning\b"
    r"|whatsoever\b|at all\b|accepted\b|will\b|allowed\b|permitted\b|for (?:this|these|the)\b"
    # a refusal in the passive: "no phone calls can be accepted", "no calls are taken"
    r"|(?:can|could|shall|may) be\b|(?:are|is) (?:accepted|allowed|permitted|taken|returned)\b"
    r"|in relation\b|from (?!agenc|recruit|third|vendor|sales)))"
)
_NO_CONTACT = _rx(
    rf"no (?:contact|enquiries|inquiries|follow-?ups?)(?=~(?:{_END}|please\b|regarding\b"
    r"|about\b|re\b|concerning\b|whatsoever\b|at all\b))"
)
_CALLISH = (
    "phone calls|phone call|phone enquiries|phone inquiries|telephone calls|telephone call"
    "|telephone enquiries|telephone inquiries|calls|call|enquiries|inquiries|e-mails|e-mail"
    "|emails|email|telephone requests|telephone queries|phone requests|phone queries"
    "|telephone|phone"
)
_CALLISH_LIST = rf"(?:{_CALLISH})(?:(?: or | and |~[/,]~)(?:{_CALLISH})){{0,2}}"
_REFUSED = _rx(
    _any(
        _lead(
            _CALLISH,
            rf"(?:(?: or | and |~[/,]~)(?:{_CALLISH})){{0,2}}"
            # "inquiries by phone", "calls regarding this position"
            r"(?: (?:by|via) (?:tele)?phone| from (?:applicants|candidates|job seekers)"
            r"| (?:regarding|about|concerning|related to|on|for"
            r"|in relation to) (?:(?:this|the|these|your|our|any) )?(?:[\w-]+ ){0,2}?(?:position"
            r"|role|job|vacancy|vacancies|posting|application|applications|opening|openings"
            r"|status|post)s?)?"
            # a refusal, in any tense or voice: "will not be returned", "are not accepted"
            r" (?:(?:will not|won't|shall not|cannot|can't|can not|are not|aren't|will never)"
            r" be|are not|aren't|is not|isn't|will not|won't) (?:accepted|returned|answered"
            r"|taken|entertained|responded to|acknowledged)\b",
        )
        + _lead(
            "we|the office|our office|the team|our team|the hiring team|our hiring team",
            r"(?: regret(?: that)? we)?(?: (?:also|unfortunately|therefore))?"
            r" (?:(?:do not|don't|cannot|can't|will not|won't|are unable to"
            r"|are not able to) (?:accept|take|answer|return|respond to|entertain|reply to)"
            r"|(?:are not|aren't|will not be|won't be) (?:accepting|taking|answering|returning"
            r"|responding to|entertaining|replying to))"
            rf"(?: any)? {_CALLISH_LIST}",
        )
    )
)
_IMPERATIVES = _any(
    [
        lead + neg
        for lead in ("please ", "kindly ", "")
        for neg in ("do not", "don't", "dont", "never", "refrain from", "abstain from", "avoid")
    ]
    + [
        f"{verb} not to"
        for verb in ("asked", "requested", "advised", "kindly asked", "kindly requested")
    ]
    # "we ask that you not call", "we request that applicants not contact ..."
    + [
        f"{verb} that {who} not"
        for verb in ("ask", "asks", "request", "requests", "require", "requires")
        for who in ("you", "applicants", "candidates")
    ]
    # a prohibitive modal said of applicants: "applicants should not call" ("you should
    # not" is the voice of advice columns: postings tell the reader in the imperative)
    + [
        f"{who} {modal}"
        for who in ("applicants", "candidates")
        for modal in ("should not", "must not", "should never", "must never")
    ]
    + ["applicants are not to", "candidates are not to"]
    # the inverted prohibitive: "under no circumstances should you call the office"
    + ["under no circumstances (?:should|may|must|are) (?:you|applicants|candidates)"]
)
# "Please do not, under any circumstances, contact the hiring manager"
_AT_ALL = r"(?:~,~(?:under any circumstances|in any circumstances|at any time|at any stage)~,)?"
_CONTACT_VERB = (
    r"(?:call(?:ing)?|phon(?:e|ing)|telephon(?:e|ing)|ring(?:ing)?|e-?mail(?:ing)?"
    r"|messag(?:e|ing)|follow(?:ing)?(?: |-)?up (?:by|via|over the) (?:tele)?phone"
    # "do not send emails or make phone calls to check on your status"
    r"|(?:make|making|place|placing) (?:any )?(?:(?:tele)?phone )?calls"
    r"|send(?:ing)? (?:any )?e-?mails)"
)
_DONT_CALL = _rx(
    rf"{_IMPERATIVES}{_AT_ALL} {_CONTACT_VERB}(?: (?:us|me))?"
    rf"(?:(?: or | and |~[/,]~|~,~(?:or|and) ){_CONTACT_VERB}(?: (?:us|me))?){{0,2}}"
    r"\b(?! (?:customers?|clients?|patients?|guests?|members?|leads?|prospects?|residents?"
    r"|tenants?|back|the (?:customer|client|patient)|someone|somebody|people|candidates"
    r"|applicants"
    # the "Do Not Call Registry" is a law a job may have to follow
    r"|(?:registry|list|lists|register|rules?|laws?|compliance|requests?)\b))"
    # "Don't call unless you have done your research": an exception lifts the ban, and "do
    # not call over and over again" asks for one call, not none
    r"(?! (?:unless|over and over|again and again|repeatedly|more than once|multiple times"
    r"|several times|constantly)\b)"
)
_TARGET = (
    r"(?:us|me|anyone|anybody|(?:the|our|any|this) (?:[\w-]+ ){0,2}?(?:manager|team|office"
    r"|recruiter|department|company|employer|hr|staff|school|store|practice|business|firm"
    r"|interviewer|panel|director|partner|owner|principal|organi[sz]ation|hospital|clinic"
    r"|restaurant|hotel|agency|faculty|member|employee|people|personnel|colleague"
    # the institutions that employ: "Please do not contact the library"
    r"|library|district|club|college|university|church|museum|cent(?:er|re)|foundation"
    r"|council|institute|academy|branch|campus|facility|location|site|board|division|unit)s?"
    # plural people without a determiner: "do not reach out to team members"
    r"|(?:[\w-]+ )?(?:team members|staff members|employees|hiring managers)"
    # the hiring office without a determiner: "Please do not contact HR"
    r"|hr|human resources|personnel|recruitment|talent acquisition"
    # whoever it is, going round the process: "Please do not contact the Club directly"
    # (not the people the job serves: "Never contact the client directly")
    r"|(?:them|(?:the|our|this) (?!(?:[\w'-]+ ){0,2}?(?:customer|client|patient|guest|resident"
    r"|tenant|student|child|children|parent|famil|member|vendor|supplier|media|press|public)"
    r"(?:s|ies|y|'s)?\b)(?:[\w-]+ ){0,2}?[\w-]+) directly)\b"
)
# An exception names whom to contact instead: "do not contact Atturra employees outside of
# the Talent Acquisition team" sends questions there, it forbids no contact.
_EXCEPT = (
    r"(?!(?: [\w-]{1,20}+){0,3}? (?:outside|other than|except|apart from|besides|rather than))"
)
_DONT_CONTACT = _rx(
    rf"{_IMPERATIVES}{_AT_ALL} (?:(?:contact(?:ing)?|get(?:ting)? in touch with"
    r"|reach(?:ing)? out(?: directly)? to|approach(?:ing)?|chas(?:e|ing)|visit(?:ing)?"
    rf"|follow(?:ing)?(?: |-)?up with) {_TARGET}{_EXCEPT}"
    r"|follow(?:ing)?(?: |-)?up(?: (?:on|regarding"
    rf"|about) (?:your|the|this|my) (?:application|submission|status)\b|(?=~{_END})))"
)
# Contact named as a noun and banned: "Direct contact with departments ... is strictly
# prohibited", "contacting the hiring manager will result in disqualification".
_BANNED = (
    r"(?:(?:is|are|will be|shall be|would be)(?: (?:strictly|expressly|also))? (?:prohibited"
    r"|forbidden|not (?:permitted|allowed|accepted|encouraged|welcome)|discouraged)"
    r"|(?:will|may|can|could|would) (?:result in|lead to|be grounds for|mean) (?:your |the |an? )?"
    r"(?:immediate |automatic )?(?:disqualification|elimination|removal|rejection)"
    r"|(?:will|may|can|could|would) (?:disqualify|eliminate|remove) (?:you|your (?:application"
    r"|candidacy)))\b"
)
_SERVED = (
    r"not|never|only|customers?|clients?|patients?|guests?|residents?|tenants?|students?"
    r"|children|minors|members|the public|media|press|vendors?|suppliers?"
)
_CONTACT_BANNED = _rx(
    _any(
        _lead(
            "direct contact|contact|contacting|calling|phoning|telephoning|e-mailing|emailing"
            "|phone calls|telephone calls|calls",
            # contact with whom: not the people the job serves ("contact with patients")
            rf"\b{_gap(10, avoid=_SERVED)}{_BANNED}",
        )
    )
)
# What it takes to be chosen, said of applicants: "who are selected", "who best meet ..."
_SELECTION = (
    r"selected|shortlisted|short-listed|successful|chosen|invited|progress(?:es|ed|ing)?"
    r"|advance[sd]?|advancing|meet|meets|match(?:es)?|align(?:s|ed)?|qualif(?:y|ies|ied)|best"
    r"|strongest"
    r"|suitable|considered|proceed(?:s|ing)?|move forward|moving forward|wish to interview"
    r"|want to interview|would like to (?:interview|invite|meet)"
)
# Not chosen, as a notice says it: "unsuccessful", "you will not have been shortlisted",
# "your application has not been progressed / taken forward"
_NOT_CHOSEN = (
    r"(?:unsuccessful|not (?:have )?(?:been )?(?:successful|shortlisted|short-listed|selected"
    r"|chosen|progressed|taken forward))"
)
# Hearing back, said of the applicants a rule has already restricted ("Candidates selected
# for an interview ..."): "will be contacted", "will hear from us", "will receive a
# response", "will be reached out to", "are contacted". Every rule that names such
# applicants ends in this one predicate, so each of them reads every way of saying it.
_HEAR_BACK = (
    r"(?:(?:will|shall|may|would)(?: then| only| also)? (?:be (?:contacted|invited|notified"
    r"|called|approached|e-?mailed|reached out to|in touch)|hear(?: back)?(?: from us)?"
    r"|receive (?:an? )?(?:e-?mail |phone )?(?:invitation|invite|call|e-?mail|notification"
    r"|response|reply|communications?))"
    # (not "are invited": "Qualified individuals are invited to email a résumé" asks them to
    # apply)
    r"|(?:are|get) (?:contacted|notified|called))\b"
)
# "only those inquiries concerning accommodation will be responded to" is not about applicants
_NOT_APPLICANTS = "inquiries|enquiries|questions|requests|accommodations?|emails|e-mails|calls"
_ONLY = _rx_word(
    _any(
        [
            rf"only\b{_gap(8, avoid=_NOT_APPLICANTS)}(?:will|shall|would|may|can)"
            # "... will be shortlisted and contacted"
            r"(?: (?:then|be able to))? (?:be(?: (?:shortlisted|short-listed|selected) and)?"
            r" (?:contacted|notified|called|invited|approached|responded to|e-?mailed|advised"
            r"|informed|in touch|reached out to)|hear|receive (?:a |an )?(?:response|reply|call"
            # "... will receive further communication"
            r"|e-?mail|invitation|invite|notification"
            r"|(?:any )?(?:further |additional )?communications?))\b",
            # in the present: "Only those selected for interview are contacted"
            rf"only\b{_gap(8, avoid=_NOT_APPLICANTS)}(?:are|get|is) (?:contacted|notified"
            r"|called)\b",
            # the notice South African adverts close with: "Correspondence will be limited to
            # short-listed candidates only", "... will only be entered into with short-listed
            # candidates", "Communication will be with shortlisted candidates only"
            *_lead(
                "correspondence|communication",
                r"s?(?: and (?:correspondence|communication)s?)? (?:will|shall) (?:only )?be"
                r" (?:(?:limited|restricted|confined) to|entered into with|with) (?:the )?"
                r"(?:short-listed|shortlisted|successful|selected) (?:candidates|applicants)\b",
            ),
            # without the verb, or in the present: "... and only shortlisted candidates
            # contacted", "only successful applicants are notified"
            r"only (?:the )?(?:shortlisted|short-listed|selected|successful|suitable)"
            r" (?:candidates|applicants|individuals) (?:are |being |get )?(?:contacted|notified"
            r"|called)\b",
            *_lead(
                "we|i",
                r"(?:'ll|'d|'re| will| can| shall| would| may| are| do| could)?"
                r"(?: (?:unfortunately|therefore|regrettably|generally|usually|normally))?"
                r" only(?: be able to| able to)? (?:contact|respond to|reply to|notify|call"
                r"|get (?:back )?in touch with|get back to|reach out to|be (?:in touch"
                r"|contacting|responding|reaching out)|e-?mail|invite)\b",
            ),
            *_lead(
                "contact|notify|respond to|reply to|get back to|be in touch with",
                r" only (?:those|the|shortlisted|short-listed|successful|selected|candidates"
                r"|applicants)\b",
            ),
            # "if you do not hear from us within 2 weeks, your application was unsuccessful"
            *_lead(
                "do not|don't|have not|haven't|did not|didn't|are not|aren't|have not been"
                "|haven't been|should you not|should you fail to",
                r" (?:hear|heard|contact|contacted|call|called|receive|received|get|got|had|been"
                # "If we have not responded within a Month from the closing date, ..."
                r"|responded|replied"
                # NHS notices are long: "... within four working weeks of the closing date
                # for this post, then regretfully in this instance, you have not been ..."
                rf" contacted)\b{_gap(24)}(?:{_NOT_CHOSEN}"
                # "..., we likely proceeded with other candidates": someone else was chosen
                r"|(?:proceeded|moved (?:forward|on)|gone ahead|went ahead|decided to (?:proceed"
                r"|move forward|go ahead)|chosen to (?:proceed|move forward)) with (?:other"
                r"|another|different) (?:candidates?|applicants?))\b",
            ),
            *_lead(
                "not shortlisted|not short-listed|not selected|not successful",
                rf"\b{_gap(4)}(?:will not|won't|shall not)(?: be)? (?:contacted|notified|hear"
                r"|receive)\b",
            ),
            # said to the reader: "they should assume that they have been unsuccessful" is not
            *_lead(
                "consider|assume|presume",
                rf"\b{_gap(8)}{_NOT_CHOSEN}\b",
            ),
            r"unsuccessful (?:applicants|candidates|applications) (?:will not|won't|are not|aren't"
            r"|are (?:generally|usually|typically|normally) not|may not|will not be) (?:be )?"
            r"(?:contacted|notified|hear|receive)\b",
            # "you may not be notified regarding the status of your application"
            *_lead(
                "you|applicants|candidates",
                r" (?:may|might|will|would) not (?:necessarily )?(?:be (?:notified|contacted"
                r"|informed|called)|hear back|receive (?:a |an )?(?:response|reply"
                r"|notification|(?:any )?(?:further |additional )?communications?))\b",
            ),
            *_lead(
                "cannot|can't|unable to|not be able to|not able to|not possible to|will not"
                "|won't|do not|don't|could not|couldn't|not always possible to|not always able to"
                "|impossible to|not feasible to|not practical to",
                r"(?: (?:personally|individually))? (?:respond|reply|get back|contact|notify"
                r"|acknowledge|write|correspond|be (?:writing|responding|replying|contacting"
                r"|notifying|getting back)"
                # "it's not possible to provide _reasonable_ replies to everyone"
                r"|(?:provide|give|send|offer)(?: [\w-]{1,20}+)? (?:replies|reply|responses"
                r"|response|answers|answer))"
                r"(?: (?:personally|individually))?(?: to| with)? (?:all|every|each|everyone"
                # ("please do not contact individual employees" asks, it promises nothing)
                r"|individual(?! (?:employees?|staff|team|members?|managers?|departments?"
                r"|offices?|schools?|faculty|recruiters?|hiring))"
                r"|unsuccessful"
                # "we do not contact applicants with the outcome of shortlisting"
                r"|(?:applicants|candidates|you|individuals) (?:with|of|about|regarding|on)"
                # ("... with the outcome by phone" names a channel, not silence)
                r" (?:the|their|your) (?:outcome|result|decision)s?\b(?!(?: [\w-]{1,20}+){0,3}?"
                r" (?:by|via|over(?: the)?) (?:tele)?phone\b))\b"
                # "... to everyone who submits feedback": not the applicants
                r"(?! (?:who|that) (?:submits?|sends?|leaves?|gives?|shares?|provides?)"
                r" (?:us )?(?:a |an |their |your |any )?(?:feedback|comments?|suggestions?|ideas?"
                r"|reviews?|questions?|enquir\w*|inquir\w*|messages?)\b)"
                # "... to every application immediately" promises a later reply
                r"(?![^.!?\n]{0,40}\b(?:immediately|right away|straight away|at once))",
            ),
            # "we do not send rejection letters"
            # "we do not send rejection letters" (said by the employer: "please do not send
            # rejection letters to the agency" is not)
            *_lead(
                "we|i",
                r"(?:'re|'ll| are| will| do| can)?(?: not| unable to| not able to| cannot| can't"
                r"| won't| don't)(?: be able to)? (?:send|issue|give|provide|write)(?: out)?"
                r"(?: any| individual)? (?:rejection|regret|decline)(?: letters?| e-?mails?"
                r"| notices?| notifications?| messages?)\b",
            ),
            # silence for those not chosen: "we are unable to provide notification if your
            # application is unsuccessful", "we will not contact you if you are not shortlisted"
            *_lead(
                "cannot|can't|unable to|not be able to|not able to|not possible to|will not|won't"
                "|do not|don't|could not|couldn't",
                r"(?: (?:personally|individually))? (?:notify|inform|contact|advise|tell|write to"
                r"|call|phone|telephone|e-?mail"
                r"|respond to|reply to|get back to|(?:provide|give|send|issue|offer)(?: an?| any"
                r"| individual| personal)? (?:notification|notice|response|reply|confirmation)s?)"
                rf"\b{_gap(8)}{_NOT_CHOSEN}\b",
            ),
            # "we will contact shortlisted applicants within five working days", "... e-mail
            # the candidates selected for interviews", "... contacts those applicants", "...
            # and contact qualified applicants for interviews" (the adjectives of the passive
            # "qualified candidates will be contacted" below)
            *_lead(
                "contact|contacts|notify|notifies|invite|invites|call|calls|respond to"
                "|responds to|reply to|replies to|get back to|gets back to|reach out to"
                "|be in touch with|be in contact with|telephone|telephones|phone|e-mail|email"
                "|e-mails|emails|write to",
                r" (?:the |our )?(?:(?:(?:most|best|highly|suitably) )?(?:shortlisted|short-listed"
                r"|selected|successful|suitable|chosen|qualified|eligible) (?:applicants|candidates"
                r"|individuals|people)\b|(?:applicants|candidates|individuals|those|people)"
                r" (?:who are |who have been |who were )?(?:selected|shortlisted|short-listed"
                r"|chosen|invited)\b)",
            ),
            # "... determines which applicants to interview and contacts those applicants"
            *_lead(
                "determine|determines|decide|decides|select|selects|identify|identifies",
                rf" which\b{_gap(16)}(?:contact|contacts|contacted|invite|invites|invited|notify"
                r"|notifies|notified|call|calls|called)\b",
            ),
            # "Candidates selected for interview will be contacted", "Those who are successful
            # will be contacted", "Applicants who best meet the requirements will be invited",
            # "Those with skills that align with the needs of the program ... will be contacted"
            # A prepositional phrase restricts them as a relative clause does: "Candidates of
            # interest will be contacted", "those under consideration will be contacted"
            *_lead(
                "candidates|applicants|individuals|those|people|persons|applications",
                rf"(?:(?: (?:who|that|whose|which|with)\b{_gap(12, avoid='not|never|un')}|{_SEP})"
                rf"(?:{_SELECTION})| of interest| under (?:serious |further )?consideration)\b"
                rf"{_gap(12)}{_HEAR_BACK}",
            ),
            # "We will contact the candidates we wish to interview"
            *_lead(
                "contact|notify|invite|call|respond to|reply to|get back to|reach out to"
                "|be in touch with",
                r" (?:the |those |only )?(?:candidates|applicants|individuals|people|ones)"
                rf" (?:who|that|whom|whose|we)\b{_gap(6, avoid='not|never')}"
                rf"(?:{_SELECTION}|interview)\b",
            ),
            # "No response means you were not selected."
            *_lead(
                "no response|no reply|no news|no word|no contact|no communication|silence",
                rf"\b{_gap(6)}(?:means|indicates|signifies|implies|should be taken)\b{_gap(6)}"
                r"(?:unsuccessful|not (?:been )?(?:successful|selected|shortlisted|short-listed"
                r"|progress))",
            ),
            # "if no notification of appointment is received within 3 months after closing
            # date, they must accept that their applications were unsuccessful"
            rf"if no (?:notification|response|reply|correspondence|communication|feedback)\b"
            rf"{_gap(4)}(?:is|has been|was|are) received\b{_gap(24)}{_NOT_CHOSEN}\b",
            # "Not everyone will hear back."
            r"not (?:everyone|everybody|every (?:applicant|candidate)|all (?:applicants|candidates"
            r"|applications)) (?:will|can|shall) (?:hear|be (?:contacted|notified|called)"
            r"|receive)\b",
            # "If you are not contacted for an interview, ..."
            r"if you (?:are|have)(?: not|n't)(?: been)? (?:contacted|invited|called)\b",
            # "You will not hear back if you're not a fit"
            rf"not hear(?: back)?\b{_gap(3)}(?:if|unless)\b",
            # "Selected candidates will be contacted", "The most qualified applicants will be ..."
            *_lead(
                "selected|shortlisted|short-listed|successful|top|most|best|strongest|chosen"
                "|suitable|suitably|qualified|interview|eligible|strong",
                r"(?: [\w-]{1,20}+)? (?:candidates|applicants|individuals|people)\b"
                rf"{_gap(4)}{_HEAR_BACK}",
            ),
            # finalists are those chosen: "Finalists will be contacted"
            *_lead("finalists|semi-finalists|semifinalists", rf"\b{_gap(4)}{_HEAR_BACK}"),
        ]
    )
)
# Contact the employer promises ("we will contact you", "you will hear back") ...
_PROMISE = _rx(
    _any(
        _lead(
            "will|we'll|you'll|they'll|i'll|we'd|shall|would|can expect to|expect to|may",
            # "we'd love to hear from you" invites an application, it promises nothing
            rf"\b{_gap(3, avoid='love|like|be happy|be glad|encourage')}(?:contact|reach out"
            r"|be in touch|get in touch|get back|hear|respond"
            r"|reply|call you|invite|be invited|notify|be notified|let you know|come back"
            r"|be contacting|be reaching|e-?mail you|follow up|be called|be emailed"
            r"|receive (?:a |an )?(?:e-?mail|call|invitation|invite|response|reply|phone call)"
            r"|call\b(?! (?:cent|custom|client|patient))|be in contact)",
        )
        + _lead("we|they", r" (?:respond|reply|contact|reach out|get back|get in touch)\b")
        # "They will review the information provided and contact you if ..."
        + [
            r"and (?:will |then )?(?:contact|notify|call|e-?mail|invite) (?:you|applicants"
            r"|candidates|those)\b"
        ]
        # "an invitation to attend a virtual interview will be extended within 60 days"
        + [rf"invitations?\b{_gap(6)}(?:will|shall) be (?:extended|sent|issued)\b"]
    )
)
# ... made only on a condition of being chosen: "if you are a good fit", "should you be
# suitable", "if we see a match", "once you have been shortlisted", "whose experience ...".
# "should" before its subject, or leading its clause (not straight after a word)
_SHOULD_BEFORE_SUBJECT = (
    r"should(?:(?<![\w'][^\S\n]should)|(?= (?:you|your|we|they|the|an?|this|that|any|there"
    r"|applicants?|candidates?)\b))"
)
# what the condition is: being chosen, fitting, matching ("if you are a good fit")
_CONDITION_REST = (
    rf"\b{_gap(12)}(?:fit|match|matches|shortlisted|short-listed|selected|successful"
    r"|suitable|qualified|strong|progress(?:es|ed)?|advance[sd]?|invited|interview"
    r"|proceed|pursue|interviews|considered|chosen|meet|meets|competitive|potential"
    r"|closest|best|(?<!you\x20are\x20)(?<!you're\x20)interest(?:ed)?"
    r"|next (?:step|stage|round)s?|move(?:d)? (?:forward|on|ahead)"
    # "only if the application is taken forward"
    r"|(?:taken|take|takes|put|carried|brought|go|goes|going) forward)\b"
)
_CONDITION = _rx(
    r"(?<!even\x20)"  # "even if you don't meet every requirement" is no condition
    + _any(
        [
            lead + _CONDITION_REST
            # "should" conditions only when it leads its clause, before its subject ("Should you
            # be suitable", "Should review of your qualifications result in ..."); after its
            # subject it is the modal ("Applications should include ...")
            for lead in ("if", "once", "unless", "whose", _SHOULD_BEFORE_SUBJECT)
        ]
        # "when" times most promises ("when we have reviewed your application"); it
        # conditions one only on a match: "... contact you when we have openings that match"
        + [rf"when\b{_gap(8)}(?:fit|fits|match|matches|matching|suitable|suits)\b"]
        # contact only as work arises: "when a need emerges", "only if a position is
        # available", "based on need and current openings"
        + _lead(
            "when|if|as|once|should",
            r"(?: (?:a|an|the|any|new|suitable)){0,2} (?:need|needs|vacanc(?:y|ies)|openings?"
            rf"|positions?)\b{_gap(2)}"
            r"(?:arises?|emerges?|occurs?|opens?|is available|are available|becomes? available)\b",
        )
        + [r"based on (?:the )?(?:need|needs|demand|openings)\b"]
    )
)
# A condition followed by an invitation to apply conditions the application, not the reply:
# "If this sounds like you, please click below to apply and one of our team will be in touch"
# (everyone who applies hears), unlike "... please apply, and we'll get back to you if we see
# a fit" (the condition after the invitation).
_APPLY_NOW = _rx(
    r"\b(?:(?:please|then|simply|just|kindly)(?: [\w-]{1,20}+){0,2}? (?:click|apply|send|submit"
    r"|forward|upload)|click(?: on)? (?:the |this |below|here|apply))\b"
)
# A scam warning says how contact comes, not who hears back: "we will only ever contact you
# from an @acme.com address".
_CHANNEL = re.compile(
    r"[^.!?\n]{0,40}?\b(?:from|using|through|via) (?:an? |our |the )?(?:@|official\b"
    r"|company (?:e-?mail|domain|address)|corporate\b|[\w-]+\.(?:com|org|net|io|co)\b)"
)
# Being told, not negated: "will be notified", "are also informed", "receive an email"
_TOLD = (
    r"(?:(?:will|shall|are|is|and|then|also|usually|normally|generally) ){0,3}(?:be )?"
    r"(?:contacted|notified|informed|advised|told|e-?mailed|written to|sent (?:an? )?(?:e-?mail"
    r"|letter|notification|message)|(?:receive|get) (?:an? )?(?:e-?mail|letter|notification"
    r"|rejection|response|reply|message|answer))\b"
)
# The passage promises an answer to everyone: "we'll be in touch either way".
_ANSWER_TO_ALL = _rx_word(
    _any(
        ["either way", "successful or not", "whether or not you", "regardless of (?:the )?outcome"]
        # "Human Resources will notify you via email of your status"
        + _lead(
            "notify you|inform you|advise you|update you",
            r"(?: (?:via|by) e-?mail)? (?:of|about|on) (?:your|the) (?:application )?(?:status"
            r"|outcome|decision|result)\b",
        )
        # telling everyone whether: "we will email you to let you know if you've been successful"
        + _lead(
            "let you know|let applicants know|let candidates know|let everyone know|inform you"
            "|notify you|tell you|advise you|update you",
            r"(?: [\w-]{1,20}+){0,3}? (?:whether|if you(?:'ve| have) been (?:successful"
            r"|unsuccessful|shortlisted|short-listed|selected))\b",
        )
        + _lead(
            "all|every|each",
            r" (?:applicants?|candidates?|applications?)\b(?: [\w-]{1,20}+){0,2}? (?:will|shall)"
            r"(?: [\w-]{1,20}+)? (?:be (?:contacted|notified|informed|advised)|hear|receive"
            r" (?:a |an )?(?:response|reply|notification|answer|decision))\b",
        )
        + _lead(
            "we",
            r"(?: (?!cannot|can't|not|unable|won't|don't|never|regret)[\w-]{1,20}+)?"
            r" (?:reply|respond|get back|answer|write back) to (?:all|every"
            r"|each|everyone)\b(?! (?:[\w-]{1,20}+ ){0,3}?(?:immediately|personally))",
        )
        + ["everyone will hear", "everyone who applies will"]
        # everyone named as the object or the subject of being told: "We will let all
        # applicants know the outcome", "Everyone will receive a response"
        + _lead(
            "let|notify|inform|advise|update|contact|write to|e-mail|email|respond to|reply to"
            "|get back to",
            r" (?:all|every|each) (?:applicants?|candidates?|applications?|of you)\b"
            r"(?! (?:who|whose|that) (?:are|is|have|were) (?:shortlisted|short-listed|selected"
            r"|successful|invited))",
        )
        + _lead("everyone|everybody", rf"(?: who applies)? {_TOLD}")
        # "... we will contact you; otherwise you will receive an email letting you know"
        + _lead("otherwise", rf"\b{_gap(4)}(?:will|'ll|shall) {_TOLD}")
        # those not chosen are told too: "Unsuccessful applicants will be notified by email",
        # "Applicants who have not been shortlisted will be contacted to be informed ..."
        + _lead(
            "unsuccessful|rejected|declined",
            r" (?:applicants|candidates|applications)\b(?: (?!not\b|never\b)[\w-]{1,20}+){0,3}?"
            rf" {_TOLD}",
        )
        + _lead(
            "applicants|candidates|those|you|anyone|individuals",
            r" (?:who (?:are|were|have|do|did)(?: not|n't)(?: been)?|not) (?:shortlisted"
            r"|short-listed|selected|successful|invited|progressed|chosen)\b"
            rf"(?: (?!not\b|never\b)[\w-]{{1,20}}+){{0,6}}? {_TOLD}",
        )
        # "If we feel you do not match the profile, we will notify you of our decision."
        + _lead(
            "if",
            rf"\b{_gap(8)}(?:not|n't)(?: [\w-]{{1,20}}+){{0,2}}? (?:match|fit|successful|selected"
            rf"|shortlisted|short-listed|suitable)\b{_gap(10)}(?:will|'ll) (?:notify|inform"
            r"|let you know|contact|e-?mail|be in touch|write)",
        )
        + _lead(
            "if",
            r" you are not (?:selected|shortlisted|short-listed|successful)\b"
            rf"{_gap(6)}(?:will|'ll) (?:be )?(?:notif|inform|contact|receiv|hear|sen[dt]|e-?mail)",
        )
        # "If, however, your application was unsuccessful, then you will receive an email"
        + _lead(
            "if",
            rf"\b{_gap(6)}(?:unsuccessful|not (?:been )?(?:successful|selected|shortlisted"
            rf"|short-listed))\b{_gap(6)}(?:will|'ll) (?:also )?(?:be )?(?:notif|inform|contact"
            r"|receiv|hear|sen[dt]|e-?mail|told|advis)",
        )
    )
)

# a negation just before a promise to all takes it back
_NEGATED_BEFORE = re.compile(
    r"(?:\b(?:not|unable|cannot|never|no\s+longer|impossible)|n't)\b(?:[^\S\n]+[\w']+){0,5}?"
    r"[^\S\n]*$"
)

# --- dates ----------------------------------------------------------------------------------
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b"
_STATED_DATE = _rx(
    _any(
        _lead(
            "close|closes|closed|closing|deadline|due|by|before|until|till|no later than|end|ends"
            "|expire|expires|expiry|expiring"
        )
    )
    + rf"\b{_gap(5)}(?:"
    r"(?<![\d-])(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d-])"
    rf"|(?<!\d)(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m1>{_MONTH})(?:,? (?P<y1>\d{{4}}))?"
    rf"(?!\d)|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    r"(?:,? (?P<y2>\d{4})(?!\d))?)"
)
# An invitation with its date is a timetable, not a notice of who hears back: "Shortlisted
# candidates will be invited to interview on Wednesday 24 June" (run-together words as
# pasted: "onWednesday")
_DATED_INVITATION = _rx(
    r" (?:to|for)(?: an?| the)? (?:interview|assessment|selection)s?\b[^.!?\n]{0,40}?"
    r"\b(?:on|w/c|week (?:commencing|beginning|of)|between)~(?:(?:mon|tues|wednes|thurs|fri"
    rf"|satur|sun)day|\d|{_MONTH})"
)
# The posting's closing date: a cue ("applications close", "closing date:", "deadline to
# apply", "apply by", "accepted until") and, a few words on, a date. Numeric dates
# (15/03/2026, 15.03.2026) are read only when they cannot be misread (see _numeric_date).
_CLOSING_CUE = _any(
    _lead("closing date|closing dates|close date|closing|closes|close|closed|deadline|deadlines")
    + _lead(
        "apply|submit|submitted|received|receipt|accepted|accepting|considered|open|reviewed"
        "|posted|advertised|available",
        r"(?: [\w']{1,20}+){0,3}? (?:by|before|until|till|through|thru|no later than|prior to"
        r"|not later than|up to|up until)",
    )
    + _lead("until|till|through|by|before|no later than|not later than|prior to")
)
_CLOSING_DATE = _rx(
    rf"(?P<cue>{_CLOSING_CUE})\b{_gap(6)}(?:"
    r"(?<![\d-])(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d-])"
    r"|(?<![\d/.])(?P<na>\d{1,2})(?P<ns>[/.])(?P<nb>\d{1,2})(?P=ns)(?P<ny>\d{4})(?![\d/])"
    rf"|(?<!\d)(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m1>{_MONTH})(?:,? (?P<y1>\d{{4}}))?"
    rf"(?!\d)|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    r"(?:,? (?P<y2>\d{4})(?!\d))?)"
)
# The cues that name a closing date by themselves; the others ("by", "until") count only in
# a sentence about applying, and not in one about hearing back ("we will reply by 1 May").
_STRONG_CUE = re.compile(r"clos(?:ing|e)\s+dates?|deadline|apply\b|submit")
_CLOSING_CONTEXT = _rx(
    _any(
        _lead(
            "appl|submi|resum|cv|posting|advert|vacanc|position|job|role|listing|competition"
            "|opening|recruit|candida|closing|deadline"
        )
    )
)
# a weak cue after these is about hearing back or starting work, not about applying
_NOT_CLOSING = re.compile(
    r"respon|repl|contact|notif|hear|decision|interview|start|commenc|begin|inform|touch"
    r"|feedback|outcome|offer|invit|shortlist|selection|review"
)
_CLOSING_LOOKBACK = 183  # days: a year-less date may lie this far before the reference date
# A date counts only in a sentence about applying or hearing back ("start by 1 June" doesn't).
_DATE_CONTEXT = _rx(
    _any(
        _lead(
            "appl|submi|resum|cv|hear|respon|touch|contact|notif|decision|interview|shortlist"
            "|posting|advert|vacanc|closing date|deadline|recruit|candida"
        )
    )
)


def add_business_days(start: date, days: int) -> date:
    """Return the date `days` business days after `start`, skipping Saturdays and Sundays."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _find(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches that start at a word boundary (patterns start with a literal, for speed)."""
    pos = 0
    while match := pattern.search(text, pos):
        start = match.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1
            continue
        yield match
        pos = match.end()


def _number(word: str | None) -> int:
    if not word:
        return 0
    word = " ".join(word.split())
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)


def _days(match: re.Match[str]) -> tuple[int, bool]:
    """Days (upper bound of a range) and whether they are business days."""
    groups = match.groupdict()
    # _RESPONSE has a second spelling of the time whose groups are prefixed with "x"
    prefix = "x" if groups.get("xunit") else ""
    n = max(_number(groups.get(prefix + group)) for group in ("n1", "n2", "n3"))
    unit = groups[prefix + "unit"]
    if groups.get(prefix + "nx") is not None:  # "the next week" is one, "the next weeks" none
        n = (
            0
            if match.string[match.end(prefix + "unit") : match.end(prefix + "unit") + 1] == "s"
            else 1
        )
    days = -(-n // 24) if unit in ("hour", "hr") else n * _UNIT_DAYS[unit]
    return days, bool(groups.get(prefix + "biz")) and unit == "day"


def _stated_date(match: re.Match[str], reference_date: date | None) -> date | None:
    """The date a match states; a date without a year needs a reference date."""
    groups = match.groupdict()
    try:
        if groups["iy"]:
            return date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
        day, month, year = (
            (groups["d1"], groups["m1"], groups["y1"])
            if groups["d1"]
            else (groups["d2"], groups["m2"], groups["y2"])
        )
        if year:
            return date(int(year), _MONTHS[month], int(day))
    except ValueError:
        return None
    if reference_date is None:
        return None
    for year_number in range(reference_date.year, reference_date.year + 9):
        try:
            candidate = date(year_number, _MONTHS[month], int(day))
        except ValueError:  # 29 February in a common year, 31 April, year 10000
            continue
        if candidate >= reference_date:
            return candidate
    return None


def _numeric_date(a: str, b: str, year: str) -> date | None:
    """15/03/2026 or 03/15/2026; None when day and month could be either (03/04/2026)."""
    first, second = int(a), int(b)
    if first != second and first <= 12 and second <= 12:
        return None
    day, month = (first, second) if first > 12 or first == second else (second, first)
    try:
        return date(int(year), month, day)
    except ValueError:
        return None


def _closing_date(match: re.Match[str], reference_date: date | None) -> tuple[date, bool] | None:
    """The closing date a match states, and whether its year was stated."""
    groups = match.groupdict()
    if groups["ny"]:
        found = _numeric_date(groups["na"], groups["nb"], groups["ny"])
        return (found, True) if found else None
    if groups["iy"] or groups["y1"] or groups["y2"]:
        found = _stated_date(match, None)
        return (found, True) if found else None
    if reference_date is None:
        return None
    month, day = (groups["m1"], groups["d1"]) if groups["d1"] else (groups["m2"], groups["d2"])
    earliest = reference_date - timedelta(
        days=min(_CLOSING_LOOKBACK, reference_date.toordinal() - 1)
    )
    for year_number in range(earliest.year, earliest.year + 9):
        try:
            candidate = date(year_number, _MONTHS[month], int(day))
        except ValueError:  # 29 February in a common year, 31 April, year 10000
            continue
        if candidate >= earliest:
            return candidate, False
    return None


def _language(text: str) -> tuple[str, str | None]:
    """The text's language (ISO 639-1, "und" when unsure) and a message when not English."""
    try:
        reliable, _, details = pycld2.detect(text.encode("utf-8", "replace"))
    except pycld2.error:  # bytes CLD2 refuses (some control characters)
        return "und", None
    name, code, percent, _ = details[0]
    english = sum(share for _, lang, share, _ in details if lang == "en")
    if not reliable or code in ("un", "xxx") or len(text.split()) < _LANGUAGE_MIN_WORDS:
        return ("en" if english >= 50 and reliable else "und"), None
    code = _CLD2_CODES.get(code, code.split("-")[0])
    if code == "en" or english >= _ENGLISH_SHARE:
        return "en", None
    return code, (f"This text looks like {name.title()}; Touchbase reads only English postings.")


def _shift(start: date, days: int, business: bool) -> date | None:
    try:
        return add_business_days(start, days) if business else start + timedelta(days=days)
    except OverflowError:
        return None


# a line break inside a sentence: after a lower-case word or a comma, before a lower-case word
# (up to 20 spaces, then an optional carriage return and the newline, then up to 20 spaces).
# It opens with a whitespace character and looks back from there: a pattern that opens with
# a set of characters lets the engine skip to the next candidate (2.5 times as fast).
_SOFT_WRAP = re.compile(
    r"\s(?:(?<=[a-z,;]\n)|(?<=[a-z,;][^\S\n])[^\S\n]{0,19}+\r?\n)[^\S\n]{0,20}+(?=[a-z])"
)


def _unwrap(match: re.Match[str]) -> str:
    return " " * len(match.group())


# A number masked by a dataset ("within **** days": the Adzuna postings mask every digit)
# reads as a word of unknown value: the sentence around it stays readable, no number is
# made up.
_MASKED = re.compile(r"\*(?<=\s\*)\*{2,5}+(?=\s)")  # 3 to 6 asterisks between spaces


def _masked_word(match: re.Match[str]) -> str:
    return "x" * len(match.group())


# A plural written as "candidate(s)" or "applicant(s)" reads as the plural, "candidates",
# padded with spaces so positions stay valid.
_PLURAL_MARK = re.compile(r"(?<=[a-z])\(s\)")
# "short listed", "short listing" read as "short-listed" (a hyphen for the space)
_SHORT_LIST = re.compile(r"(?<![\w-])short (?=list)")
# "only shortlisted candidates will be contracted": a shortlist is contacted, not given a
# contract, so the typo reads as "contacted" (padded: positions stay valid)
_CONTRACTED = re.compile(
    r"\b(?:shortlisted|short-listed)(?:[^\S\n]+[\w-]{1,20}+){1,2}?[^\S\n]+(?:will|shall)"
    r"[^\S\n]+be[^\S\n]+(?P<typo>contracted)\b"
)


def _contacted(match: re.Match[str]) -> str:
    return match.group()[: match.start("typo") - match.start()] + "contacted "


class _Sentences:
    """Maps a character position to the sentence that holds it."""

    def __init__(self, text: str, joined: str) -> None:
        self.text = text
        self.joined = joined  # `text` with its soft line wraps made spaces (same length)
        self._ends: list[int] | None = None  # computed on first use

    @property
    def ends(self) -> list[int]:
        """Where each sentence but the last ends (found on first use)."""
        if self._ends is None:
            self._ends = [m.end() for m in _BOUNDARY.finditer(self.joined)]
        return self._ends

    def bounds(self, pos: int) -> tuple[int, int]:
        """The raw (unstripped) span of the sentence holding `pos`."""
        ends = self.ends
        index = bisect_right(ends, pos)
        return (ends[index - 1] if index else 0), (
            ends[index] if index < len(ends) else len(self.text)
        )

    def stripped(self, bounds: tuple[int, int]) -> tuple[int, int]:
        """A span without the whitespace at its ends."""
        start, end = bounds
        raw = self.text[start:end]
        return start + len(raw) - len(raw.lstrip()), end - (len(raw) - len(raw.rstrip()))

    def spans(self) -> list[tuple[int, int]]:
        """Every sentence's (start, end), whitespace stripped, empty ones left out."""
        ends = self.ends
        pairs = zip([0, *ends], [*ends, len(self.text)], strict=True)
        return [self.stripped(b) for b in pairs if self.text[b[0] : b[1]].strip()]

    def evidence(self, finding: str, bounds: tuple[int, int], confidence: float) -> Evidence:
        start, end = self.stripped(bounds)
        return Evidence(finding, self.text[start:end], start, end, confidence)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of `text`, as `analyze` splits it (for training)."""
    return _Sentences(text, _SOFT_WRAP.sub(_unwrap, text)).spans()


_ASKED_OF = {"you", "applicants", "candidates", "applicant", "candidate"}


def _is_imperative(text: str, sentence_start: int, match: re.Match[str]) -> bool:
    """ "Do not call" is a request; "you do not call customers" describes the job."""
    if match.group().startswith(
        ("please", "kindly", "asked", "requested", "advised", "ask", "request", "require")
    ):
        return True
    prefix = text[max(sentence_start, match.start() - 40) : match.start()].rstrip()
    if not prefix or not prefix[-1].isalnum():
        return True
    words = prefix.split()
    if words[-1] in {"please", "kindly", "and", "so", "but", "also", "therefore", "that"}:
        return True
    # "has requested that you do not contact them", "we ask that candidates do not call"
    return len(words) > 1 and words[-2] == "that" and words[-1] in _ASKED_OF


# --- language -------------------------------------------------------------------------------
_LANGUAGE_MIN_WORDS = 4  # fewer words are too few to call a text not English
_ENGLISH_SHARE = 30  # percent of the text CLD2 finds English that makes it an English posting
_CLD2_CODES = {"iw": "he", "jw": "jv", "in": "id", "zh-Hant": "zh", "mo": "ro"}

# --- who is asked, and who is speaking -------------------------------------------------------
_CONTEXT_CHARS = 240  # how far before or after a finding, inside its sentence, we look
_QUOTE_REACH = 400  # how far before a finding an open quotation mark counts
# a quotation mark, or one mangled into "?" by an encoding ("Indicate that ?only ...?")
_QUOTES = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]|(?<![\\w?])\\?(?=[a-z])')
_QUOTE_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb?]')  # any: a quick test first
# the phrase named, not said: "This modern trend of only shortlisted candidates will be
# contacted is cruel", "the line 'no calls please'"
_MENTIONED = re.compile(
    r"\b(?:trend|practice|habit|phrase|line|notion|idea|culture|wording|words|sentence"
    r"|statement|disclaimer|cliché|cliche)\s+(?:of\s+)?[^\w\s]{0,2}$"
)
# "the ad says that ...", "many of them say that ...": reported, not stated by the employer
_REPORTED = re.compile(
    r"\b(?:says?|said|states?|stated|reads?|read|tells?|told|is clear|specif(?:y|ies))"
    r"(?: that\b|\s*:|,?\s*[\"\u201c\u201e\u00ab])"
    # "unless candidates have been told explicitly in the advertisement ... that"
    r"|\b(?:told|tells?|says?|said|states?|stated)(?: [\w'-]{1,20}+){1,12}? that\b"
    # the phrase straight after a verb of saying or writing: "the posting says no phone
    # calls", "employers write 'no calls'", "it said: ..."
    r"|\b(?:says?|said|saying|states?|stated|reads?|writes?|wrote|written|mentions?"
    r"|mentioned)\s*[:,]?\s*[\"'\u2018\u201c\u201e\u00ab]?$"
    # an opening single quotation mark just before it: "the line 'no calls please'"
    r"|(?:^|\s)[\u2018']$"
)
_AGENCY = re.compile(
    r"\b(?:agenc(?:y|ies)|agents?|headhunters?|staffing|(?<!our )(?<!the )recruiters?"
    r"|third[- ]part(?:y|ies)|vendors?|search firms?)\b"
)
_AGENCY_AFTER = re.compile(
    r"\bif you (?:are|represent|work for|work with|are from|'re)\b[^.!?\n]{0,40}?\b"
    r"(?:agen|recruit|headhunt|third[- ]part|vendor|staffing|search firm)"
)
_NO_WORD = re.compile(r"\bno\b")
# The reason a request is aimed at agencies: "...; we already have an established
# relationship with a great recruiting team"
_AGENCY_REASON = re.compile(
    r"\b(?:already|existing|established|preferred)\b[^.!?\n]{0,60}?\b(?:agenc|search firm"
    r"|vendor|staffing|recruit(?:ing|ment)? (?:partners?|firms?|agenc\w*|team))"
)
# A sentence of an agency notice, just before a bare request
_AGENCY_NOTICE = re.compile(
    rf"{_AGENCY.pattern}|\bunsolicited\b|\bsearch agreements?\b|\bagency agreements?\b"
)
_REFUSAL = re.compile(r"\b(?:no|not|never)\b")
_APPLICANTS = re.compile(r"\b(?:applicants?|candidates?|job seekers?|you|your)\b")
# Advice about employers in general, in the indefinite: "never call on the phone or simply
# email your resume to a potential employer" (the writer is not the employer)
_SOME_EMPLOYER = re.compile(
    r"\b(?:(?:an?|any|each|every)\s+(?:(?:potential|prospective|future|new)\s+)?employer"
    r"|(?:potential|prospective|future)\s+employers?)\b"
)

# --- is it a job at all? --------------------------------------------------------------------
# Applications for other things look the same ("applicants will not be contacted if they have
# not been shortlisted", "we will contact you within two working days"): a text that names
# another kind of application and nothing of a job is not read as a posting.
_ABOUT_A_JOB = re.compile(
    r"\b(?:jobs?|positions?|roles?|vacanc\w*|employ\w*|hiring|hire[sd]?|interview\w*"
    r"|recruit\w*|careers?|candidates?|cvs?|resumes?|résumés?|salary|work(?:ers?|force|place)?"
    r"|staff\w*"
    r"|postings?|advert\w*|openings?|internships?|apprentice\w*)\b"
)
# only words that name what is applied for, or what an applicant pays (a job application
# costs nothing: "processing ... not from the date of payment"), never a job's own words
# ("grant us a window", "budget approval", "consent to a background check" are not in it;
# "admissions" and "enrolment" are, for school and college places: a posting for an
# admissions clerk names the job too)
_ABOUT_SOMETHING_ELSE = re.compile(
    r"\b(?:propert(?:y|ies)|tenan(?:cy|cies|ts?)|landlords?|lettings?|bids?|bidding|bidders?"
    r"|merchants?|accreditation|scholarships?|mortgages?|loans?|payments?|fees?"
    r"|admissions?|enrol(?:l)?ments?)\b"
)


def _about_a_job(norm: str) -> bool:
    """False when the text names another kind of application and nothing of a job."""
    return _ABOUT_SOMETHING_ELSE.search(norm) is None or _ABOUT_A_JOB.search(norm) is not None


# A ban on calls in a text about a service that names nothing of a job ("Cancel anytime: no
# phone calls, no hassle", "Sorry, calling the bot is not allowed!") is a business's rule for
# its customers, not a posting's.
_ABOUT_A_SERVICE = re.compile(
    r"\b(?:bots?|chatbots?|subscri(?:be|bers?|ptions?)|cancel\w*|refunds?|bookings?"
    r"|book(?:ed|ing)? online|deliver(?:y|ies)|checkout|reservations?)\b"
)


def _about_a_service(norm: str) -> bool:
    """True when the text names a customer's service and nothing of a job."""
    return _ABOUT_A_SERVICE.search(norm) is not None and _ABOUT_A_JOB.search(norm) is None


# "Once all interviews are complete, you will be notified": a time, not a selection
_INTERVIEWS_DONE = _rx(
    r"(?:once|when|after) (?:all )?(?:the )?interviews? (?:are|have been|has been|is|have)"
    r" (?:complete|completed|finished|over|done|concluded|taken place|been held)\b"
)
# a promise that follows a condition: "If your application meets our criteria, you will
# progress ... You will then be contacted"
_THEN = _rx(r"then\b")


# The promise is made to someone else: "If you're successful we will contact them" (the
# references named before), "... will contact your referees". "Them" is the applicants
# only when the sentence names them in the third person first ("should candidates be
# shortlisted, we will contact them").
_OTHER_PARTY = re.compile(
    r"\s+(?P<them>them|him|her)\b|\s+(?:(?:your|the|their|any|all)\s+)?(?:[\w-]+\s+)?"
    r"(?:references?|referees?|previous\s+employers?|current\s+employer|former\s+employers?)\b"
)
_THIRD_PERSON_APPLICANTS = re.compile(
    r"\b(?:applicants?|candidates?|those|individuals|people|persons|applications?)\b"
)


# Chosen at the interview, not from the applications: "Those successful at the interview will
# be invited to join the team" is the offer, said after everyone has heard.
_PAST_INTERVIEW = re.compile(
    r"\b(?:successful|selected|chosen|shortlisted)[^\S\n]+(?:at|in|after|following)[^\S\n]+"
    r"(?:(?:the|your|their|an?|final|second)[^\S\n]+){0,2}interviews?\b"
)
# What is answered, not who: "We will only respond to requests for technical assistance"
# (said straight after the verb; "unable to respond to every inquiry" names the applicants)
_ANSWER_VERB = re.compile(r"\b(?:respond|reply|answer)(?:[^\S\n]+to)?$")
_ANSWERS_SOMETHING = re.compile(
    r"[^\S\n]+(?:to[^\S\n]+)?(?:(?:the|your|any|such)[^\S\n]+)?(?:requests?|quer(?:y|ies)"
    r"|enquir(?:y|ies)|inquir(?:y|ies)|questions?|messages?)\b"
)
# A modal before its subject asks, it does not promise: "How will I be notified if I am
# selected?", "When will you contact me?" (an applicant's question heading an FAQ answer).
_ASKED = re.compile(
    r"(?:will|shall|would|can|may)[^\S\n]+(?:i|you|we|they|my|applicants|candidates)\b"
    r"(?![^\S\n]+(?:will|shall|would|can|may)\b)"
)


_BEING_TOLD = re.compile(r"\b(?:be|hear|receive|expect)\b")


def _the_reader_acts(norm: str, start: int, m: re.Match[str]) -> bool:
    """ "If a candidate is suitable, you will contact them": the reader does the contacting,
    a duty of the job, not a promise to the reader."""
    text = m.group()
    said_of_you = text.startswith("you'll") or re.search(
        r"\byou[^\S\n]+$", norm[max(start, m.start() - 8) : m.start()]
    )
    return bool(said_of_you) and _BEING_TOLD.search(text) is None


def _to_someone_else(norm: str, start: int, m: re.Match[str]) -> bool:
    """The promise at `m` is of contact with someone other than the applicant."""
    other = _OTHER_PARTY.match(norm, m.end())
    if other is None:
        return False
    lo = max(start, m.start() - _SUBJECT_REACH)  # bounded: linear in the text
    return not (other.group("them") and _THIRD_PERSON_APPLICANTS.search(norm, lo, m.start()))


# A finding that starts with its verb ("contact shortlisted candidates") needs the
# employer as the verb's subject: "HR will contact shortlisted candidates" is a notice, "You
# will contact shortlisted candidates" and a bullet "- Contact shortlisted candidates" are
# the job's duties.
_VERB_FIRST = re.compile(
    r"(?:contact|notif|invit|call|respond|repl|get back|reach out|be in touch|telephon|phon"
    r"|e-?mail|write to|determin|decid|select|identif)[a-z]*+(?<!ed)\s"
)  # a participle ("selected candidates will be contacted") is no verb first
_EMPLOYER_SUBJECT = re.compile(
    r"\b(?:we|we'll|we'd|we're|us|our|i|i'll|hr|human\s+resources|team|recruit\w*|hiring"
    r"|department|manager|managers|panel|committee|council|company|school|office|employer"
    r"|organi[sz]ation|board|someone|somebody|who|which|they|they'll)\b"
)
_DUTY_SUBJECT = re.compile(r"\b(?:you|you'll|you're|responsible\s+for|duties|will\s+be)\b")
_SUBJECT_REACH = 120  # characters before the verb searched for its subject
_SUBJECT_CLAUSES = re.compile(r"[,;:()\u2022*]\s*|\s-\s|^-\s|\s(?:and|but)\s")


def _a_duty(norm: str, sentences: _Sentences, m: re.Match[str]) -> bool:
    """The verb-first finding at `m` describes what the job does, not a notice."""
    if not _VERB_FIRST.match(m.group()):
        return False
    start, _ = sentences.bounds(m.start())
    before = norm[max(start, m.start() - _SUBJECT_REACH) : m.start()]
    # the nearest clause that names someone ("... review all applications and contact
    # shortlisted applicants": coordinated verbs share their subject)
    for clause in reversed(_SUBJECT_CLAUSES.split(before)):
        if re.search(r"\b(?:are|is|be)\s+(?:[\w-]+\s+){0,2}?[\w-]+ed\s+to\s*$", clause):
            return False  # "applications are reviewed to determine which ...": the process
        if _DUTY_SUBJECT.search(clause):
            return True
        if _EMPLOYER_SUBJECT.search(clause):
            return False
    return True  # no subject: a bullet or an imperative, the job's duty


# Advice about employers in general: "Will I hear back from every school I apply to? ...
# Usually only candidates selected for interview will hear back."
_EMPLOYERS_YOU_APPLY_TO = _rx(
    r"(?:(?:employers|companies|schools|organi[sz]ations|firms|businesses|recruiters)"
    r"|(?:every|each|any) (?:employer|company|school|organi[sz]ation|firm|business|job))"
    r" (?:that |which )?(?:you|i)(?:'ve| have)? appl(?:y|ied|ying) (?:to|for|with)\b"
)


def _about_employers(norm: str, sentences: _Sentences, bounds: tuple[int, int]) -> bool:
    """The sentence, or the one before it, speaks of the employers one applies to."""
    start, end = bounds
    if _EMPLOYERS_YOU_APPLY_TO.search(norm, start, end):
        return True
    if not start:
        return False
    before_start, before_end = sentences.bounds(start - 1)
    return _EMPLOYERS_YOU_APPLY_TO.search(norm, before_start, before_end) is not None


def _conditional(norm: str, sentences: _Sentences, start: int, end: int, promise: int) -> bool:
    """The sentence's promise of contact (at `promise`) depends on being chosen (maybe said
    just before)."""
    if _INTERVIEWS_DONE.search(norm, start, end):
        return False
    for condition in _CONDITION.finditer(norm, start, end):
        if condition.start() > promise or not _APPLY_NOW.search(norm, condition.end(), promise):
            return True
    if start and _THEN.search(norm, start, end):
        before_start, before_end = sentences.bounds(start - 1)
        return _CONDITION.search(norm, before_start, before_end) is not None
    return False


def _quoted_or_reported(text: str, sentence_start: int, pos: int) -> bool:
    """The phrase at `pos` is quoted or reported by someone else ("the ad says 'No calls'")."""
    prefix = text[max(sentence_start, pos - _CONTEXT_CHARS) : pos]
    # a quotation may open a sentence or two before the phrase
    quoted = text[max(0, pos - _QUOTE_REACH) : pos + 1]  # "?only": the mark before the phrase
    return (
        (_QUOTE_MARK.search(quoted) is not None and len(_QUOTES.findall(quoted)) % 2 == 1)
        or _REPORTED.search(prefix) is not None
        or _MENTIONED.search(prefix) is not None
    )


def _aimed_at_agencies(text: str, bounds: tuple[int, int], match: re.Match[str]) -> bool:
    """A request addressed to agencies or recruiters ("To all agencies: please, no calls")."""
    prefix = text[max(bounds[0], match.start() - _CONTEXT_CHARS) : match.start()]
    # pasted postings run sentences together ("...this job poster.Please, no phone calls")
    cut = max(prefix.rfind(mark) for mark in ".!?;") + 1
    if _AGENCY.search(prefix, cut) and not _NO_WORD.search(prefix, cut):
        return True
    suffix = text[match.end() : min(bounds[1], match.end() + _CONTEXT_CHARS)]
    if _AGENCY_AFTER.search(suffix) or _AGENCY_REASON.search(suffix):
        return True
    # the request closes an agency notice: "Any resume submitted ... without a search
    # agreement will be considered unsolicited. We respectfully request no phone calls."
    if cut or _APPLICANTS.search(prefix):
        return False
    before = text[max(0, bounds[0] - _CONTEXT_CHARS) : bounds[0]].rstrip()
    previous = before[max(before.rfind(mark, 0, len(before) - 1) for mark in ".!?\n") + 1 :]
    # (a refusal before it, "We do not accept agency inquiries.", is a list of its own)
    return _AGENCY_NOTICE.search(previous) is not None and not _REFUSAL.search(previous)


# A working schedule: "Monday-Friday, no call, no weekends" (on-call duty, not a request)
_SCHEDULE = re.compile(
    r"\b(?:weekends?|nights?|evenings?|holidays?|overnights?|shifts?|rotations?|overtime"
    r"|monday|friday|m-f|mon-fri|schedule|hours|days? a week|call schedule)\b"
)
_BARE_CALL = re.compile(r"no\s+calls?\b")


# "No phone calls or emails required": what is not needed, not what is refused
_NEEDED = r"(?:required|needed|necessary|involved)\b"
_NOT_NEEDED = _rx(rf"~{_NEEDED}")
_NEEDED_LAST = re.compile(rf"\b{_NEEDED}$")


def _not_needed(norm: str, m: re.Match[str]) -> bool:
    """The list of "no ..." at `m` says what the reader need not do, not what is refused."""
    return (
        _NEEDED_LAST.search(m.group()) is not None or _NOT_NEEDED.match(norm, m.end()) is not None
    )


def _on_call_schedule(norm: str, bounds: tuple[int, int], m: re.Match[str]) -> bool:
    """A bare "no call(s)" listed with the hours of the job is about on-call duty."""
    if not _BARE_CALL.match(m.group()):
        return False
    near = norm[max(bounds[0], m.start() - 40) : min(bounds[1], m.end() + 40)]
    return _SCHEDULE.search(near) is not None


def _forbids(match_text: str) -> tuple[bool, bool]:
    """(no phone calls, no contact at all) for a phrase like "no phone calls or emails"."""
    phone = re.search(r"\b(?:call|phon|telephon|ring)", match_text) is not None
    return phone, phone and _EMAIL.search(match_text) is not None


# e-mail, not post: "no phone calls, direct mailings or drop-in inquiries" leaves e-mail open
_EMAIL = re.compile(r"\be-?mail")


# The ways of getting in touch a ban on contact may name: "do not contact the Company by
# phone" forbids calls only, "... by e-mail" no call at all, "by phone or e-mail" both.
_MEANS = r"(?:(?:tele)?phone|e-?mail|mail|post|letter|text(?: messages?)?|sms|in person|linkedin)"
_BY_MEANS = _rx(
    rf"(?: [\w'-]{{1,20}}+){{0,6}}? (?:by|via|over|through)(?: the)? {_MEANS}"
    rf"(?:(?: or | and |~[/,]~|~,~(?:or|and) )(?:by )?{_MEANS}){{0,3}}\b"
)
_PHONE_MEANS = re.compile(r"phone")


def _contact_forbidden(norm: str, m: re.Match[str]) -> tuple[bool, bool]:
    """(no phone calls, no contact at all) for a ban on contact, by the means it names:
    none named, or calls and e-mail, is all contact; calls alone are calls."""
    means = _BY_MEANS.search(norm, m.start(), m.end()) or _BY_MEANS.match(norm, m.end())
    if means is None:
        return True, True
    phone = _PHONE_MEANS.search(means.group()) is not None
    return phone, phone and _EMAIL.search(means.group()) is not None


# Wording that hedges the promise or request itself, said just before it ("we aim to
# respond", "we may contact", "ideally, no calls"). Words that only round a number
# ("usually within", "about two weeks") do not: on the dev split such findings were as
# often right as any.
_HEDGE = re.compile(
    r"\b(?:aims?\s+(?:is\s+)?to|aim\s+is|try\s+to|tries\s+to|trying\s+to|hopes?\s+to"
    r"|hopefully|endeavou?rs?\s+to|strives?\s+to|intends?\s+to|plans?\s+to|may|might|could"
    r"|ideally|preferably|if\s+possible|where\s+possible|if\s+at\s+all\s+possible"
    r"|wherever\s+possible|(?:would|'d)\s+(?:prefer|appreciate))\b"
)
_HEDGE_REACH = 60  # characters before a finding's phrase in which a hedge counts
_HEDGED = 0.75  # a hedged finding keeps this share of its confidence


class _Hedges:
    """Whether the words just before a finding hedge it (bounded: linear in the text)."""

    def __init__(self, norm: str) -> None:
        self.norm = norm

    def confidence(self, base: float, bounds: tuple[int, int], pos: int) -> float:
        """`base`, lowered when the finding at `pos` (in sentence `bounds`) is hedged."""
        lo = max(bounds[0], pos - _HEDGE_REACH)
        hedged = _HEDGE.search(self.norm, lo, min(bounds[1], pos + 30)) is not None
        return round(base * _HEDGED, 2) if hedged else base


def _second_opinion(
    text: str,
    norm: str,
    sentences: _Sentences,
    hits: list[tuple[str, int, float]],
    opinions: Sequence[posting_models.Opinion],
) -> list[tuple[str, int, float]]:
    """The rules' hits judged by the sentence models (app/reading/posting_models.py).

    A rule's hit is kept, made unsure or dropped by its sentence's probability; `no_contact`
    is judged by the no-phone-calls model (it implies no phone calls). A sentence no rule
    found anything in may be found by a model alone, unsure.
    """
    by_finding = {opinion.finding: opinion for opinion in opinions}
    probabilities: dict[tuple[str, tuple[int, int]], float] = {}
    by_text: dict[tuple[str, str], float] = {}  # a sentence said twice is scored once

    def scored(opinion: posting_models.Opinion, bounds: tuple[int, int], pos: int) -> float:
        key = (opinion.finding, bounds)
        if key not in probabilities:
            said = (opinion.finding, posting_models.scored_text(text, bounds, pos))
            if said not in by_text:
                by_text[said] = posting_models.probability(opinion, said[1])
            probabilities[key] = by_text[said]
        return probabilities[key]

    judged: list[tuple[str, int, float]] = []
    for finding, pos, sure in hits:
        opinion = by_finding.get("no_phone_calls" if finding == "no_contact" else finding)
        if opinion is None:
            judged.append((finding, pos, sure))
            continue
        confidence = posting_models.judge(
            opinion, scored(opinion, sentences.bounds(pos), pos), sure
        )
        if confidence is not None:
            judged.append((finding, pos, confidence))
    for opinion in opinions:
        if opinion.add is None:
            continue
        for start, end in sentences.spans():
            bounds = sentences.bounds(start)
            if (opinion.finding, bounds) in probabilities or end - start > 2 * posting_models.REACH:
                continue
            cue = opinion.gate.search(norm, start, end)
            if cue is None:
                continue
            confidence = posting_models.judge(opinion, scored(opinion, bounds, start), None)
            # the rules' reading of who speaks to whom holds for a model's finding too
            if confidence is not None and not _not_the_employers_request(norm, bounds, cue):
                judged.append((opinion.finding, start, confidence))
    return judged


def _not_the_employers_request(norm: str, bounds: tuple[int, int], m: re.Match[str]) -> bool:
    """The phrase at `m` is quoted or reported, aimed at agencies, or advice about employers."""
    return (
        _quoted_or_reported(norm, bounds[0], m.start())
        or _aimed_at_agencies(norm, bounds, m)
        or _SOME_EMPLOYER.search(norm, *bounds) is not None
    )


def analyze(
    text: str,
    reference_date: date | None = None,
    *,
    opinions: Sequence[posting_models.Opinion] = posting_models.OPINIONS,
) -> PostingAnalysis:
    """Detect a posting's contact constraints, with the sentences they came from.

    `reference_date` (usually the applied date) turns a relative response time into
    `response_expected_on` and resolves dates stated without a year. A stated date and a
    relative time both count: the later resulting date wins; a time counted from the
    closing date counts from `closes_on`. Text that is clearly not English gives
    `language_message` and no findings. `opinions` are the sentence models that judge the
    rules' findings (by default the committed ones; `()` reads with the rules alone, as the
    cross-validation does). Raises ValueError when `text` is longer than MAX_TEXT characters.
    """
    if len(text) > MAX_TEXT:
        raise ValueError(f"posting text longer than {MAX_TEXT} characters")
    language, message = _language(text)
    if message is not None:
        return PostingAnalysis(
            False, False, False, None, False, None, (), language=language, language_message=message
        )
    # A line break between two lower-case words wraps a sentence, it does not end one. The
    # wraps are found in the text as written (in the lower-cased text every line break
    # between two words would look like one: "No Phone Calls\nThe Library is ..." would
    # read as one sentence to the patterns but as two to the sentence splitter).
    joined = _SOFT_WRAP.sub(_unwrap, text)
    # Same length as text, so positions stay valid: U+0130 is the one character whose
    # lower case is two characters long.
    norm = joined.replace("\u0130", "i").replace("\u2019", "'").lower()
    norm = _MASKED.sub(_masked_word, norm)
    if "(s)" in norm:  # a substring test first: most postings have neither
        norm = _PLURAL_MARK.sub("s  ", norm)
    if "short list" in norm:
        norm = _SHORT_LIST.sub("short-", norm)
    if "contracted" in norm:
        norm = _CONTRACTED.sub(_contacted, norm)
    sentences = _Sentences(text, joined)
    hedges = _Hedges(norm)
    hits: list[tuple[str, int, float]] = []
    a_job = _about_a_job(norm)
    advice: dict[int, bool] = {}  # by sentence start: each sentence searched once
    # A sentence gives each finding once, at its best confidence: once a phrase found it at
    # full confidence (the first, so the one the models score), the sentence's other phrases
    # for it are not examined (linear: a phrase repeated in one sentence is not re-read).
    certain: set[tuple[str, int]] = set()  # (finding, sentence start)

    contact_rules = (_NO_LIST, _REFUSED, _DONT_CALL, _NO_CONTACT, _DONT_CONTACT, _CONTACT_BANNED)
    for pattern in () if _about_a_service(norm) else contact_rules:
        for m in _find(pattern, norm):
            bounds = sentences.bounds(m.start())
            if pattern is _NO_LIST and (_on_call_schedule(norm, bounds, m) or _not_needed(norm, m)):
                continue
            phone, everything = _forbids(m.group())
            if pattern in (_NO_CONTACT, _DONT_CONTACT) or m.group().startswith(
                ("contact", "direct contact")
            ):
                # a posting that forbids all contact forbids calls, unless it names the means
                phone, everything = _contact_forbidden(norm, m)
            banned = [f for f, on in (("no_phone_calls", phone), ("no_contact", everything)) if on]
            if all((f, bounds[0]) in certain for f in banned):
                continue
            imperative = pattern in (_DONT_CALL, _DONT_CONTACT)
            if imperative and not _is_imperative(norm, bounds[0], m):
                continue
            if bounds[0] not in advice:
                advice[bounds[0]] = _SOME_EMPLOYER.search(norm, *bounds) is not None
            if (
                _quoted_or_reported(norm, bounds[0], m.start())
                or _aimed_at_agencies(norm, bounds, m)
                or advice[bounds[0]]
            ):
                continue
            sure = hedges.confidence(_SURE, bounds, m.start())
            for finding in banned:
                hits.append((finding, m.start(), sure))
                if sure == _SURE:
                    certain.add((finding, bounds[0]))
    shortlisted = [
        (m.start(), _SURE)
        for m in _find(_ONLY, norm)
        if not _CHANNEL.match(norm, m.end())
        and not _PAST_INTERVIEW.search(m.group())
        and not (_ANSWER_VERB.search(m.group()) and _ANSWERS_SOMETHING.match(norm, m.end()))
        and not _a_duty(norm, sentences, m)
        and not (m.group().endswith("invited") and _DATED_INVITATION.match(norm, m.end()))
    ]
    conditional: dict[int, bool] = {}  # by sentence start
    for m in _find(_PROMISE, norm):
        if _CHANNEL.match(norm, m.end()) or _ASKED.match(m.group()):
            continue
        start, end = sentences.bounds(m.start())
        if _to_someone_else(norm, start, m) or _the_reader_acts(norm, start, m):
            continue
        if start not in conditional:
            conditional[start] = _conditional(norm, sentences, start, end, m.start())
            if conditional[start]:
                shortlisted.append((m.start(), 0.85))  # a condition, not the word "only"
    # "not everyone will hear", "we are not able to personally respond to all
    # applications" promise nothing to all
    if not any(
        _NEGATED_BEFORE.search(norm, max(0, m.start() - 40), m.start()) is None
        for m in _find(_ANSWER_TO_ALL, norm)
    ):
        about_employers: dict[int, bool] = {}  # by sentence start: each sentence read once
        for pos, base in shortlisted:
            bounds = sentences.bounds(pos)
            if ("only_shortlisted", bounds[0]) in certain:
                continue
            if bounds[0] not in about_employers:
                about_employers[bounds[0]] = _about_employers(norm, sentences, bounds)
            if not _quoted_or_reported(norm, bounds[0], pos) and not about_employers[bounds[0]]:
                sure = hedges.confidence(base, bounds, pos)
                hits.append(("only_shortlisted", pos, sure))
                if sure == _SURE:
                    certain.add(("only_shortlisted", bounds[0]))

    hits = _second_opinion(text, norm, sentences, hits, opinions)

    # The latest stated date wins; dates are read only in sentences about applying.
    stated: tuple[date, int] | None = None
    context: dict[int, bool] = {}  # by sentence start
    parsed: dict[tuple[str | None, ...], date | None] = {}
    for m in _find(_STATED_DATE, norm):
        start, end = sentences.bounds(m.start())
        if start not in context:
            context[start] = _DATE_CONTEXT.search(norm, start, end) is not None
        if not context[start]:
            continue
        groups = m.group("iy", "im", "id", "d1", "m1", "y1", "m2", "d2", "y2")
        if groups not in parsed:
            parsed[groups] = _stated_date(m, reference_date)
        value = parsed[groups]
        if value and (stated is None or value > stated[0]):
            stated = (value, m.start())

    # The closing date: the latest one stated ("extended to ..." comes after the first).
    closing: tuple[date, int, float] | None = None
    closing_context: dict[int, bool] = {}  # by sentence start
    for m in _find(_CLOSING_DATE, norm):
        start, end = sentences.bounds(m.start())
        if not _STRONG_CUE.match(m.group("cue")):
            if start not in closing_context:
                closing_context[start] = _CLOSING_CONTEXT.search(norm, start, end) is not None
            if not closing_context[start] or _NOT_CLOSING.search(norm, start, m.start()):
                continue
        read = _closing_date(m, reference_date)
        if read and (closing is None or read[0] > closing[0]):
            sure = 0.95 if read[1] else 0.85
            closing = (read[0], m.start(), hedges.confidence(sure, (start, end), m.start()))

    # The longest response window wins (business days compared as 7/5 calendar days).
    best: Window | None = None
    best_key = 0
    allowed = (
        Window(*_days(m), anchor or "application", m.start(), 0.8)
        for m in _find(_ALLOW, norm)
        if (anchor := counts_from(norm, m.end("span"))) != "other"
    )
    for window in (*response_windows(norm, sentences.bounds), *allowed):
        key = -(-window.days * 7 // 5) if window.business else window.days
        if window.days > 0 and key > best_key:
            best, best_key = window, key

    if not a_job:  # another kind of application: nothing in it is a job's contact rule
        hits.clear()
        best = stated = None
    expected = stated[0] if stated else None
    if best:
        if best.counts_from == "closing_date":
            origin = closing[0] if closing else None
        else:
            origin = reference_date
        relative = _shift(origin, best.days, best.business) if origin else None
        if relative and (expected is None or relative > expected):
            expected = relative
        sure = hedges.confidence(best.confidence, sentences.bounds(best.pos), best.pos)
        hits.append(("response_time", best.pos, sure))
    if stated:
        hits.append(
            (
                "response_date",
                stated[1],
                hedges.confidence(0.9, sentences.bounds(stated[1]), stated[1]),
            )
        )
    if closing:
        hits.append(("closes_on", closing[1], closing[2]))

    unique: dict[tuple[str, tuple[int, int]], float] = {}
    for finding, pos, sure in hits:
        where = (finding, sentences.bounds(pos))
        unique[where] = max(sure, unique.get(where, 0.0))
    evidence = sorted(
        (sentences.evidence(finding, bounds, sure) for (finding, bounds), sure in unique.items()),
        key=lambda e: (e.start, _FINDINGS.index(e.finding)),
    )
    confidences: dict[str, float] = {}
    for name in FINDING_NAMES:
        scores = [e.confidence for e in evidence if e.finding == _EVIDENCE_OF[name]]
        if name == "response_window" and best:
            scores = [unique[("response_time", sentences.bounds(best.pos))]]
        if scores:
            confidences[name] = max(scores)
    found = {e.finding for e in evidence}
    return PostingAnalysis(
        no_phone_calls="no_phone_calls" in found,
        no_contact="no_contact" in found,
        only_shortlisted="only_shortlisted" in found,
        response_within_days=best.days if best else None,
        response_business_days=best.business if best else False,
        response_expected_on=expected,
        evidence=tuple(evidence),
        closes_on=closing[0] if closing else None,
        window_counts_from=best.counts_from if best else None,
        language=language,
        confidences=MappingProxyType(confidences),
    )
