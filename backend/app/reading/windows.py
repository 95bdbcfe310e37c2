"""Response windows: how long a posting says an applicant waits to hear back.

Two steps, each general rather than a list of phrases:

1. **Time expressions** (`durations`): a span of time is parsed once, whatever its form:
   numbers and number words ("10 days", "ten (10) days", "twenty-one days", "a
   fortnight", "a couple of days"), ranges ("2-4 weeks", "one to three weeks", "a week or
   two": the upper bound), bounds ("in under a week", "less than 2 weeks", "up to"),
   business or working days, hours (rounded up to days) and months (30 days), with the
   word before it ("within", "in", "after", "takes") and what it counts from ("of the
   closing date", "after applications close", "of submitting your application", "after
   your interview").
2. **The clause** around it (`response_windows`): a window is a promise of contact from
   the employer to the applicant: "we (will) contact / respond / get back to you", "you
   will hear from us / be contacted / receive a response", "if you have not heard
   within ...". The contact clause must precede the span in the same sentence with no
   other time expression in between, and its subject or object must be the employer and
   the applicant ("employers often contact candidates" or "we reply to your request"
   are not). A sentence that only times a step ("This process can take 1-3 weeks", "We
   aim to do this within two weeks") counts when the sentence before or after it is such
   a contact clause. Spans counted from an interview, a hire or a start date, spans of an
   automatic receipt ("an email within 24 hours confirming ..."), and quoted or reported
   text are not windows.

Pure and linear: every pattern is bounded, a sentence is examined at most once per span,
and at most `_SPANS_PER_SENTENCE` spans of one sentence are examined.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = [
    "ONES_RX",
    "TENS_RX",
    "Duration",
    "Window",
    "counts_from",
    "durations",
    "number_value",
    "response_windows",
]

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ONE = {"a": 1, "an": 1, "a single": 1, "a couple of": 2, "couple of": 2, "a couple": 2}
# The number words as regex alternatives (the reply reader's applicant counts use them too).
ONES_RX = "|".join(sorted(_ONES, key=len, reverse=True))
TENS_RX = "|".join(_TENS)
_NUMBER = (
    rf"(?:\d{{1,3}}(?![\d,.]\d)|(?:{TENS_RX})(?:[-\s](?:{ONES_RX}))?|{ONES_RX}"
    r"|a\s+couple(?:\s+of)?|couple\s+of|a\s+single|an?)\b"
)
_UNIT_DAYS = {
    "hour": 0, "hr": 0, "day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "mth": 30,
}  # fmt: skip
_BOUND = (
    r"(?:about|around|approximately|approx\.?|roughly|some|up\s+to|no\s+more\s+than"
    r"|not\s+more\s+than|no\s+longer\s+than|at\s+most|less\s+than|fewer\s+than|under"
    r"|(?:a\s+)?maximum\s+of|max\.?|anywhere\s+(?:from|between)|from|between|usually"
    r"|typically|normally|generally|just|only|at\s+least|over)"
)
_PREPS = r"(?:within|in|inside|over|during|after|take|takes|taking|took|for|before|by)"
_DURATION = re.compile(
    rf"(?<![\w-])(?:(?P<prep>{_PREPS})\s+)?"
    # "it will take the team two weeks": the verb's object between it and the span
    r"(?:(?:(?<=take\s)|(?<=takes\s)|(?<=taking\s)|(?<=took\s))(?:us|me|them|(?:the|our)\s+"
    r"[a-z-]+)\s+)?"
    r"(?:(?:the|a\s+period\s+of)\s+)?"
    r"(?:(?P<next>next|coming|following)\s+)?"
    rf"(?:{_BOUND}\s+){{0,3}}"
    rf"(?:(?P<n1>{_NUMBER})(?:\s*\(\s*\d{{1,3}}\s*\))?"
    rf"(?:\s*(?:-|–|—|to|or|and|/)\s*(?P<n2>{_NUMBER})(?:\s*\(\s*\d{{1,3}}\s*\))?)?(?:\s*|-)"
    r"|(?<=next\s)|(?<=coming\s)|(?<=following\s))"
    r"(?:(?P<kind>business|working|work|calendar)\s+)?"
    r"(?P<unit>hour|hr|day|week|wk|fortnight|month|mth)(?P<plural>s)?\b"
    r"(?:\s+or\s+(?P<n3>two|three|four|[2-4])\b(?:\s+(?:hour|day|week|month)s?\b)?)?"
)
# What a span counts from: "of the closing date", "after applications close", "of applying"
# ("4 weeks within the advertised closing date": "within" for "of", as NHS notices write it)
# ("3 weeks' of the closing date", "21 days post closing date")
_FROM = re.compile(
    r"'?\s*,?\s*(?:of|after|from|following|past|since|within|post|beyond|once)\s+(?P<what>[^.!?;\n]{0,60})"
)
_FROM_CLOSING = re.compile(
    r"(?:the\s+|this\s+|our\s+|a\s+)?(?:(?:job|posting|post|vacancy|advert|advertisement|role"
    r"|position|application|applications|recruitment|advertising)\s+){0,2}"
    r"(?:clos(?:ing|ure|e|es|ed)\b|deadline|period\s+(?:ends|closes))"
    # "the competition closing date", "the posted application deadline"
    r"|(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:closing\s+date|deadline)\b"
    r"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:application|advertising|advert|advertisement|posting"
    r"|recruitment)"
    r"|(?:the\s+)?(?:job|posting|vacancy|advert|advertisement)\s+(?:closes|has\s+closed)"
    r"|(?:the\s+)?(?:application|submission|filing)\s+(?:deadline|period)"
)
_FROM_APPLICATION = re.compile(
    r"(?:the\s+|your\s+|their\s+)?(?:submitting|applying|submission|receipt|receiving|date\s+of"
    r"|(?:your\s+|the\s+)?application\b|you\s+(?:apply|submit|applied|submitted)|we\s+receive)"
)
_FROM_OTHER = re.compile(
    r"(?:the\s+|your\s+|their\s+|an\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:interview|assessment|meeting"
    r"|test|hire|hiring|employment|start|appointment|offer|commencement|visit|call|event"
    r"|exam|onboarding|placement|contract|enrol|being\s+[a-z]+"
    # a reply to a question, not to the application: "within 7 days of a question asked"
    r"|question|quer(?:y|ies)|enquir|inquir|request|message)"
)
# An anchor stated before the span: "After the deadline, we notify all applicants within ..."
_BEFORE_CLOSING = re.compile(
    r"\b(?:after|following|once|when)\s+(?:the\s+)?(?:(?:closing\s+date|deadline)\b"
    r"|(?:applications?|posting|vacancy|advert|advertisement|job|role)\s+(?:has\s+|have\s+)?"
    r"(?:clos(?:e|es|ed)|been\s+closed)\b)"
)
# the sentence names its own starting point before the span: "after you apply", "once we
# receive your application"
_ANCHOR_BEFORE = re.compile(
    r"\b(?:after|once|when|following|from)\s+(?:you\s+(?:apply|submit|applied|submitted"
    r"|have\s+(?:applied|submitted))|we"
    r"\s+(?:receive|have\s+received)|(?:your|the)\s+(?:application|submission|interview))"
)
_AFTER_INTERVIEW = re.compile(
    r"\b(?:after|following|once\s+you(?:'ve|\s+have)?(?:\s+(?:completed?|had|attended))?"
    r"|if\s+you\s+(?:complete|completed|attend|attended|have\s+had|had)|at)"
    r"\s+(?:(?:your|the|an|our|a|final|all|first|second|further|any)\s+){0,2}(?:interviews?"
    # "After further assessments are completed": a later stage, as an interview is
    r"|(?:assessments?|tests?|assessment\s+(?:centres?|centers?|days?))\b"
    r"(?!\s+of\s+(?:(?:your|the|all|each)\s+)?applications?))\b"
)

# --- who contacts whom ----------------------------------------------------------------------
_EMPLOYER = re.compile(
    r"\b(?:we|we'll|we'd|we've|we're|our|us|i|i'll|hr|human\s+resources|team|recruit\w*|hiring"
    r"|talent|department|someone|somebody|a\s+member|panel|manager|office"
    r"|school|council|agency|consultant|store|practice)\b"
)
# subjects that are not this employer: people in general, or the applicant reporting
_GENERIC = re.compile(
    r"\b(?:employers?|compan(?:y|ies)|organi[sz]ations?|businesses|firms|recruiters|hiring"
    r"\s+managers|they|they'll|they've|most|many|some|often|sometimes|generally\s+speaking)\b"
    r"(?<!our\scompany)"
)
# Advice to an applicant about some other employer: "..., follow up with the employer",
# "it's fine to call them": the writer is not the employer.
_ADVICE = re.compile(
    r"\b(?:follow(?:-|\s)?up|check\s+in|contact|call|e-?mail|reach\s+out\s+to|ring|chase)"
    r"\s+(?:with\s+)?(?:the\s+(?:employer|company|hiring\s+manager|recruiter|organi[sz]ation)"
    r"|them|him|her|the\s+person)\b"
    r"|\bit(?:'s|\s+is)\s+(?:ok|okay|fine|acceptable|appropriate|reasonable|normal|perfectly)"
    r"|\b(?:hear|heard)\s+(?:back\s+)?from\s+(?:the\s+)?(?:employer|company|recruiter)s?\b"
)
_APPLICANT = re.compile(
    r"\b(?:you|you'll|you've|you're|applicants?|candidates?|those|individuals|people|everyone"
    r"|everybody|interviewees|finalists|applications?)\b"
)
# Contact from the employer, in three voices; `act` verbs need an employer subject or an
# applicant object, `pas` ones an applicant subject.
_ADVERBS = r"(?:(?:not|never|usually|typically|normally|generally|then|also|only|all|each"
_ADVERBS += r"|personally|individually|directly|promptly|always)\s+){0,2}"
_CONTACT = re.compile(
    r"\b(?:(?P<act>contact(?:s|ed|ing)?|notif(?:y|ies|ied|ying)|inform(?:s|ed|ing)?"
    r"|advis(?:e|es|ing)|call(?:s|ing)?|telephon(?:e|es|ing)|phon(?:e|es|ing)|ring(?:s|ing)?"
    r"|approach(?:es|ing)?"
    r"|e-?mail(?:s|ing)?|writ(?:e|es|ing)\s+to|invit(?:e|es|ing)|get(?:s|ting)?\s+back"
    r"(?:\s+in\s+touch)?|com(?:e|es|ing)\s+back|reach(?:es|ing)?\s+out|respond(?:s|ed|ing)?"
    # "... and confirm if you have made it to the next stage"
    r"|confirm(?:s|ing)?(?:\s+(?:to\s+)?(?:you|applicants|candidates))?\s+(?:if|whether)"
    r"|repl(?:y|ies|ied|ying)|revert(?:s|ing)?|answer(?:s|ing)?|(?:be|get|gets|getting|keep)\s+in"
    r"\s+touch|mak(?:e|es|ing)\s+contact|let(?:s|ting)?\s+(?:you|applicants|candidates"
    r"|all\s+applicants|everyone|everybody)\s+know|follow(?:s|ing)?\s+up"
    r"|(?:provid(?:e|es|ing)|giv(?:e|es|ing)|send(?:s|ing)?|offer(?:s|ing)?)(?:\s+(?:you"
    r"|applicants|candidates))?(?:\s+with)?(?:\s+(?:a|an|our|some))?\s+(?:response|reply"
    r"|answer|feedback|update|decision|outcome|notification)"
    r"|mak(?:e|es|ing)\s+(?:a|our|the|any)\s+(?:final\s+|hiring\s+)?decisions?)\b"
    rf"|(?P<pas>(?:be|been|being|are|is|get|gets)\s+{_ADVERBS}"
    r"(?:contacted|notified|informed|advised|invited|called|phoned|telephoned|e-?mailed|told"
    r"|approached"
    # ("we have not contacted you" is active: its "contacted" is read as `act`)
    r"|in\s+touch)|(?<!have\s)(?<!has\s)(?<!had\s)(?:not|never)\s+(?:contacted|notified"
    r"|informed|called|invited)"
    r"|(?:hear|hears|heard|hearing)(?:\s+(?:back|anything|something"
    r"|a\s+response))?"
    r"(?:\s+from\s+(?:us|me|someone|somebody|hr|human\s+resources|(?:the|our|a|one\s+of"
    r"\s+our)\s+(?:[\w-]+\s+){0,2}?(?:team|manager|recruiter|company|employer|department"
    r"|office|member|representative|hr|human\s+resources|panel|school)s?|[a-z]+\s+(?:hr"
    r"|recruitment|talent)))?"
    r"|(?:receive|receives|received|receiving|get|gets|got|had|expect)\s+(?:(?:a|an|our|any|some)"
    r"\s+)?(?:response|reply|answer|call|phone\s+call|e-?mail|notification|invitation|invite"
    r"|feedback|update|decision|outcome|word|communication|contact))\b"
    # "a decision will be made", "responses are usually sent": the answer itself
    r"|(?P<noun>(?:a\s+|our\s+|the\s+)?(?:[\w-]+\s+)?(?:response|reply|replies|responses|answer"
    r"|decision|decisions|outcome|feedback|notification|invitation|invite)s?(?:\s+[\w-]+){0,5}?\s+(?:will|shall|should"
    r"|can|is|are|would)(?:\s+(?:usually|typically|normally|generally|then|be\s+expected))?"
    r"(?:\s+be)?\s+(?:made|given|sent|provided|communicated|expected|issued|reached|extended"
    # "if no notification of appointment is received within 3 months"
    r"|received)"
    # "our response time is usually 2-3 weeks"
    r"|(?:response|reply|turnaround|turn-around)\s+times?\s+(?:is|are|of|will\s+be)"
    r"(?:\s+(?:usually|typically|normally|generally))?)\b)"
)
# "hear" or "be contacted" must be said of the applicant, not read by someone else
_HEAR_FROM_OTHER = re.compile(r"\s+from\s+(?:her|him|them|the\s+(?:employer|company)s)\b")
# objects that are not the applicant: "reply to your request", "contact customers"
_OTHER_OBJECT = re.compile(
    r"\s+(?:to\s+|with\s+)?(?:(?:your|the|our|their|all|any|each|every|a|an)\s+)?(?:[\w-]+\s+)?"
    r"(?:customers?|clients?|patients?|guests?|tickets?|requests?|quer(?:y|ies)|orders?"
    r"|complaints?|invoices?|inquir(?:y|ies)|enquir(?:y|ies)|messages?|it|them|me|him|her"
    r"|references?|referees?|members?|tenants?|residents?|users?|students?|parents?)\b"
)
_APPLICANT_OBJECT = re.compile(
    r"\s+(?:back\s+)?(?:to\s+|with\s+)?(?:(?P<you>you|your\s+(?:application|cv|resume"
    r"|submission))\b|(?:(?:all|every|each|the|those|our)\s+)?(?:(?:shortlisted|short-listed"
    r"|successful|selected|suitable|chosen)\s+)?(?:applicants?|candidates?|everyone"
    r"|everybody)\b)"
)
# a service level: "within 24 hours to customer emails", "for all support tickets"
_SERVICE = re.compile(
    r"\s+(?:to|for|on)\s+(?:(?:all|any|our|your|the|each|every)\s+)?(?:[\w-]+\s+)?"
    r"(?:customers?|clients?|patients?|guests?|tickets?|requests?|quer(?:y|ies)|orders?"
    r"|complaints?|invoices?|inquir(?:y|ies)|enquir(?:y|ies)|messages?|e-?mails|calls)\b"
)
# A contact clause that names the span said before it: "by this time", "by then", "within
# this time frame" (the cue alone, and said straight after a contact clause)
_BACK_CUE = re.compile(
    r"(?:by\s+then\b|(?:by|within|in|during|after|at)\s+(?:this|that|such\s+a)\s+"
    r"(?:time|date|point|period|timeframe|time\s+frame|deadline)\b)"
)
_BACK_REFERENCE = re.compile(r"\s*,?\s*" + _BACK_CUE.pattern)
_BACK_WORDS = ("then", "this", "that", "such")  # one of them is in every _BACK_CUE
_THE_PERIOD = re.compile(r"\s+(?:period|term|window|timeframe|time\s+frame)\b")
# Between the contact and the span: another time, or a new clause, takes the span away.
_BREAK = re.compile(
    r"as\s+soon\s+as|asap|immediately|promptly|shortly|right\s+away|straight\s+away|soon\b"
    r"|;|\bbut\b|\bhowever\b|\bwhile\b|\bwhereas\b|\bwhich\b|\bthat\s+(?:is|are|will)\b"
)
# An automatic receipt is not an answer: "an email within 24 hours confirming ..."
# ("within two weeks of receipt of your application" names where the span counts from)
_RECEIPT = re.compile(
    r"acknowledg|confirm(?!\w*\s+(?:if|whether)\b)|(?<!\bof\s)(?<!after\s)(?<!from\s)receipt"
    r"|automatic|auto-"
)
# A sentence that only times a step of the process: "This process can take 1-3 weeks",
# "We aim to do this within two weeks", "this usually happens within ...".
_STEP = re.compile(
    r"\b(?:(?:this|the|that|each|which)\s+(?:[\w-]+\s+){0,2}?(?:can|will|may|should|could"
    r"|usually|typically|normally|generally|often)?\s*(?:take|takes|taking|happen|happens"
    r"|occur|occurs)|(?:do|doing|done)\s+(?:this|so|that)|(?:takes|take)\b"
    r"|applications?\s+(?:will|are|is|should)\s+(?:(?:usually|typically|normally|generally)\s+)?"
    r"(?:be\s+)?(?:reviewed|processed|assessed|screened|considered|shortlisted)"
    # a stage of the process, done: "shortlisting is normally done within two working weeks"
    r"|(?:shortlisting|short-listing|screening|selection|sifting|the\s+review|assessment)\s+"
    r"(?:is|will\s+be|are|should\s+be)\s+(?:(?:usually|typically|normally|generally)\s+)?"
    r"(?:done|completed|carried\s+out|undertaken|conducted|finished|finali[sz]ed)"
    # the review, said actively: "Our team will review your application within 5-7 days"
    r"|(?:will|shall|to|we'll)\s+(?:(?:carefully|then|personally)\s+)?review\s+(?:your|each|all"
    r"|every|the)\s+(?:applications?|cv|resume|submission|profile))"
)
_BETWEEN_STEPS = re.compile(
    r"\s+(?:in\s+)?between\s+(?:each|every|the|all|two|interviews?|stages?|steps?|rounds?)\b"
)
# Contact that waits for a step the same sentence then times: "A candidate will be contacted
# for interview after document screening is completed which normally takes two weeks"
_AFTER_STEP = re.compile(r"\b(?:after|once|when)\b")
_STEP_TIMED = re.compile(
    r"\bwhich\s+(?:(?:can|will|may|should|usually|typically|normally|generally|often)\s+)?"
    r"(?:takes?|lasts?)\s*$"
)
_QUOTES = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_REPORTED = re.compile(
    r"\b(?:says?|said|saying|states?|stated|stating|reads?|tells?|told|note\s+saying"
    r"|surveyed|survey|found\s+that|expect(?:ed|ing)?\s+(?:the|an?)\s+(?:organi[sz]ation"
    r"|employer|company|recruiter))\b"
)
# a contact word used as a noun: "via email", "a call", "by phone or e-mail", "by mobile phone"
_NOUN_USE = re.compile(
    r"\b(?:via|by|an?|the|or|and|your|our|per|through)\s+(?:(?:mobile|cell|cellular|video)\s+)?$"
)
# the contact clause names a time: "our response time is usually ..."
_TIME_IS = re.compile(r"\btimes?\s+(?:is|are|of|will\s+be)(?:\s+[a-z]+)?\s*$")
_QUOTE_REACH = 400  # characters before a span in which an open quotation mark counts
_SPANS_PER_SENTENCE = 12  # more spans than this in one sentence are not examined
_REACH_BACK = 160  # characters before a span searched for its contact clause
_GAP_WORDS = 14  # at most this many words between the contact clause and the span
# characters before a contact verb searched for its subject: a long subject ("only candidates
# whose skills and experience closely match the position requirements will be contacted")
_SUBJECT_REACH = 120


@dataclass(frozen=True, slots=True)
class Duration:
    """A span of time in the text: `days` (the upper bound), in business days or not."""

    start: int
    end: int
    days: int
    business: bool
    prep: str | None
    counts_from: str | None  # "closing_date", "application", "other" or None (unsaid)


@dataclass(frozen=True, slots=True)
class Window:
    """A response window: the span, what it counts from and how sure the reading is."""

    days: int
    business: bool
    counts_from: str  # "application" or "closing_date"
    pos: int
    confidence: float


def number_value(word: str | None) -> int:
    """The value of a number as written: "12", "twelve", "twenty-one", "a couple of"."""
    if not word:
        return 0
    word = " ".join(word.replace("-", " ").split())
    if word.isdigit():
        return int(word)
    if word in _ONE:
        return _ONE[word]
    tens, _, ones = word.partition(" ")
    if tens in _TENS:
        return _TENS[tens] + _ONES.get(ones, 0)
    return _ONES.get(word, 0)


def durations(norm: str, start: int, end: int) -> Iterator[Duration]:
    """The spans of time in `norm[start:end]` (lower-cased text), in order."""
    for count, m in enumerate(_DURATION.finditer(norm, start, end)):
        if count >= _SPANS_PER_SENTENCE:
            return
        n = max(number_value(m.group(g)) for g in ("n1", "n2", "n3"))
        if m.group("n1") is None:  # "within the next week" is one; "the next weeks" none
            n = 0 if m.group("plural") else 1
        unit = m.group("unit")
        days = -(-n // 24) if unit in ("hour", "hr") else n * _UNIT_DAYS[unit]
        if days <= 0:
            continue
        business = bool(m.group("kind")) and m.group("kind") != "calendar" and unit == "day"
        yield Duration(
            m.start(), m.end(), days, business, m.group("prep"), counts_from(norm, m.end())
        )


# "the date (on which) the advert closes", "the day applications close": a date named by
# the event that fixes it
_THE_DATE = re.compile(
    r"(?:the\s+)?(?:date|day)\s+(?:on\s+which\s+|that\s+|when\s+|of\s+(?=clos))?"
)


def counts_from(norm: str, pos: int) -> str | None:
    """What a span of time ending at `pos` counts from, said just after it ("of the closing
    date"): "closing_date", "application", "other" (an interview, a start date) or None."""
    after = _FROM.match(norm, pos)
    if after is None:
        return None
    what = after.group("what")
    named = _THE_DATE.match(what)
    if named and not _FROM_APPLICATION.match(what, named.end()):
        what = what[named.end() :]  # "the date the advertisement closes": the event
    if _FROM_CLOSING.match(what):
        return "closing_date"
    if _FROM_OTHER.match(what):
        return "other"
    if _FROM_APPLICATION.match(what):
        return "application"
    return None


def _quoted_or_reported(norm: str, start: int, pos: int) -> bool:
    """Inside a quotation (opened in this sentence or one just before), or reported speech."""
    quoted = norm[max(0, pos - _QUOTE_REACH) : pos]
    prefix = norm[max(start, pos - 240) : pos]
    return len(_QUOTES.findall(quoted)) % 2 == 1 or _REPORTED.search(prefix) is not None


def _contact_before(norm: str, start: int, pos: int) -> bool:
    """A contact clause from the employer to the applicant ends shortly before `pos`."""
    lo = max(start, pos - _REACH_BACK)
    candidates = list(_CONTACT.finditer(norm, lo, pos))
    for m in reversed(candidates):
        between = norm[m.end() : pos]
        if len(between.split()) > _GAP_WORDS or _BREAK.search(between):
            return False  # the nearest clause is too far, or cut off: earlier ones too
        channel = m.group("act") in ("call", "phone", "telephone", "email", "e-mail", "ring")
        if channel and _NOUN_USE.search(norm, max(lo, m.start() - 12), m.start()):
            continue  # "by phone or email": a channel, not a verb
        return _is_contact(norm, start, m)  # the nearest contact clause owns the span
    return False


# a participle straight after an applicant noun is a passive: "candidates contacted within"
_REDUCED_PASSIVE = re.compile(r"\b(?:applicants|candidates|individuals)\s+$")
_CLAUSES = re.compile(r"[,:;()]|\b(?:and|or|but|if|as|when|once|because|so|while|whether)\b")
_NAMES_SOMEONE = re.compile(f"{_EMPLOYER.pattern}|{_GENERIC.pattern}|{_APPLICANT.pattern}")


def _subject(before: str) -> str:
    """The words before a verb that name who does it: the nearest clause that names someone
    ("as they come in and we'll" -> " we'll "); all of `before` when none does."""
    parts = _CLAUSES.split(before)
    for part in reversed(parts):
        if _NAMES_SOMEONE.search(part):
            return part
    return before


def _is_contact(norm: str, start: int, m: re.Match[str]) -> bool:
    """`m` is contact from this employer to this applicant (not someone else's)."""
    before = norm[max(start, m.start() - _SUBJECT_REACH) : m.start()]
    subject = _subject(before)
    if re.search(r"\b(?:i|i've|i'd|my)\s+(?:[\w']+\s+){0,2}$", subject) and m.group("pas"):
        return False  # "I received contact from them": the writer is the applicant
    if m.group("noun"):
        return not _GENERIC.search(subject)
    if m.group().startswith(("let", "lets", "letting")):  # "let applicants know": named
        return not _GENERIC.search(subject) and not re.search(
            r"\byou\s+(?:[\w']+\s+){0,2}$", subject
        )
    if m.group("act") and m.group().endswith("ed") and _REDUCED_PASSIVE.search(before):
        return True  # "... and shortlisted candidates contacted within 3 weeks"
    if m.group("pas"):
        if _HEAR_FROM_OTHER.match(norm, m.end()) or _GENERIC.search(subject):
            return False
        if _SERVICE.match(norm, m.end()):
            return False  # "receive a response to your request": not to the application
        if m.group().startswith(("receiv", "get", "got")) and _RECEIPT.search(
            norm, m.end(), m.end() + 60
        ):
            return False
        # "you will be contacted", "expect to hear from us", "if you have not heard"
        return (
            _APPLICANT.search(subject) is not None
            # "expect to hear from us", "Please expect a reply within ..."
            or re.search(r"\b(?:expect|hope|wait)\s+to\s*$|^\s*(?:please\s+)?$", subject)
            is not None
        )
    if _OTHER_OBJECT.match(norm, m.end()) and not _APPLICANT_OBJECT.match(norm, m.end()):
        return False
    if re.search(r"\byou(?:'ll|'d)?\s+(?:[\w']+\s+){0,3}$", subject):
        return False  # "you will contact candidates": the job, not the employer's answer
    if _GENERIC.search(subject):
        return False
    # "... will contact you": the reader; "the AAA will notify applicants": whoever that is
    applicant = _APPLICANT_OBJECT.match(norm, m.end())
    return (applicant is not None and applicant.group("you") is not None) or (
        _EMPLOYER.search(subject) is not None
    )


# A unit of time not inside a word ("24hours" counts): the first letter, then a look back
# (a pattern that opens with a set of letters lets the engine skip to the next candidate).
_UNIT_WORD = re.compile(
    r"[dfhmw](?<![a-z][dfhmw])(?:(?<=h)(?:ours?|rs?)|(?<=d)ays?|(?<=w)(?:eeks?|ks?)"
    r"|(?<=f)ortnights?|(?<=m)(?:onths?|ths?))\b"
)


def response_windows(norm: str, bounds: Callable[[int], tuple[int, int]]) -> Iterator[Window]:
    """The response windows stated in `norm` (lower-cased text), each with its span.

    `bounds(pos)` gives the (start, end) of the sentence holding `pos`.
    """
    seen: set[int] = set()
    for m in _UNIT_WORD.finditer(norm):
        start, end = bounds(m.start())
        if start in seen:
            continue
        seen.add(start)
        for span in durations(norm, start, end):
            window = _window(norm, bounds, start, end, span)
            if window is not None:
                yield window


def _window(
    norm: str,
    bounds: Callable[[int], tuple[int, int]],
    start: int,
    end: int,
    span: Duration,
) -> Window | None:
    if span.counts_from == "other" or _AFTER_INTERVIEW.search(norm, start, end):
        return None
    if span.prep in ("for", "before", "by") or _BETWEEN_STEPS.match(norm, span.end):
        return None  # ("up to 2 weeks in between each step": an interval, not the wait)
    if (
        span.counts_from is None
        and _THE_PERIOD.match(norm, span.end)
        and (span.prep != "within" or not _contact_before(norm, start, span.start))
    ):
        return None  # "during the six month period": a period said before, not a wait
    # ("if you are not contacted within the 30-day window" is one)
    if _RECEIPT.search(norm, span.end, min(end, span.end + 40)) or _SERVICE.match(norm, span.end):
        return None  # a receipt, or a service level: "within 24 hours to customer emails"
    if _quoted_or_reported(norm, start, span.start) or _ADVICE.search(norm, start, end):
        return None
    counts_from = span.counts_from
    if counts_from is None and _BEFORE_CLOSING.search(norm, start, span.start):
        counts_from = "closing_date"
    elif (
        counts_from is None
        and start
        and not _ANCHOR_BEFORE.search(norm, max(start, span.start - _REACH_BACK), span.start)
    ):
        # the timeline begins in the sentence before: "Once the vacancy has closed, the panel
        # shortlists. You will hear within two weeks."
        previous = bounds(start - 1)
        if _BEFORE_CLOSING.search(norm, previous[0], min(previous[1], previous[0] + _REACH_BACK)):
            counts_from = "closing_date"
    confidence = 0.9
    before = _contact_before(norm, start, span.start)
    if (
        span.prep is None
        and counts_from is None
        and not (before and _TIME_IS.search(norm, max(start, span.start - 40), span.start))
    ):
        return None  # "two weeks" alone times nothing; "our response time is 2 weeks" does
    if not before and _contact_after(norm, start, end, span):
        pass  # "it may take up to 4 weeks for us to respond", "Within 2 weeks, we will ..."
    elif not before and _points_back(norm, bounds, start, end, span):
        confidence = 0.75  # "... within three weeks; if you have not heard by this time, ..."
    elif not before and _waits_for_step(norm, start, span):
        confidence = 0.75
    elif not before:
        # a step of the process, timed, next to a sentence that promises contact
        if not _STEP.search(norm, start, span.start + len(span.prep or "")):
            return None
        near = [bounds(start - 1) if start else None, bounds(end) if end < len(norm) else None]
        if not any(other and other != (start, end) and _has_contact(norm, other) for other in near):
            return None
        confidence = 0.75
    return Window(span.days, span.business, counts_from or "application", span.start, confidence)


def _waits_for_step(norm: str, start: int, span: Duration) -> bool:
    """The span times, in a "which" clause, the step a contact clause just before waits for
    ("... will be contacted after screening is completed which normally takes two weeks")."""
    lo = max(start, span.start - _REACH_BACK)
    if not _STEP_TIMED.search(norm, lo, span.start + len(span.prep or "")):
        return False
    for m in _CONTACT.finditer(norm, lo, span.start):
        after = _AFTER_STEP.search(norm, m.end(), span.start)
        between = norm[m.end() : after.start()] if after else ""
        if after and len(between.split()) <= 3 and _is_contact(norm, start, m):
            return True
    return False


def _contact_after(norm: str, start: int, end: int, span: Duration) -> bool:
    """A contact clause follows a span that leads its clause ("Within two weeks, we will
    contact ...") or times a step ("it may take 4 weeks for us to respond")."""
    leads = span.prep in ("within", "in", "over", "during") and not norm[start : span.start].strip(
        " \t*-•"
    )
    if not (leads or span.prep in ("take", "takes", "taking", "took")):
        return False
    m = _CONTACT.search(norm, span.end, min(end, span.end + _REACH_BACK))
    if m is None or _BREAK.search(norm, span.end, m.start()):
        return False
    between = norm[span.end : m.start()]
    if len(between.split()) > _GAP_WORDS or _SERVICE.match(norm, m.end()):
        return False  # too far, or "... to receive a response to your request"
    # "it can take six weeks to hear back": the applicant hears, unnamed
    return _is_contact(norm, start, m) or (
        m.group("pas") is not None and re.fullmatch(r"\s*to\s+", between) is not None
    )


def _points_back(
    norm: str,
    bounds: Callable[[int], tuple[int, int]],
    start: int,
    end: int,
    span: Duration,
) -> bool:
    """A contact clause after the span, in its sentence or early in the next, points back at
    it: "Interviews will take place within three weeks of the closing date; if you have not
    heard from us by this time, ...", "... by then"."""
    places = [(start, span.end, min(end, span.end + _REACH_BACK))]
    if end < len(norm):
        following = bounds(end)
        if following != (start, end):
            places.append((following[0], following[0], min(following[1], following[0] + 80)))
    for owner, lo, hi in places:
        # the back-reference first (rare: a substring test skips most texts), then a
        # contact clause just before it
        if not any(word in norm[lo : hi + 40] for word in _BACK_WORDS):
            continue
        for cue in _BACK_CUE.finditer(norm, lo, hi + 40):
            for m in _CONTACT.finditer(norm, max(lo, cue.start() - _REACH_BACK // 2), cue.start()):
                if _BACK_REFERENCE.match(norm, m.end()) and _is_contact(norm, owner, m):
                    return True
    return False


def _has_contact(norm: str, bounds: tuple[int, int]) -> bool:
    start, end = bounds
    return any(
        _is_contact(norm, start, m) and not _quoted_or_reported(norm, start, m.start())
        for m in _CONTACT.finditer(norm, start, min(end, start + 600))
    )
