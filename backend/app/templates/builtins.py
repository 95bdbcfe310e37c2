"""The built-in template library every user sees (read-only).

Square brackets mark what the user should write or do themselves: a line to fill in for
an email, a stage direction in a call script. Everything else can be sent as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class BuiltinTemplate:
    """A template shipped with Touchbase; `subject` is None for phone scripts."""

    key: str
    kind: str
    channel: str
    name: str
    subject: str | None
    body: str


def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


# " on March 2, 2026", or nothing when the applied date is unknown.
_ON_APPLIED = "{% if days_since_applied %} on {{ applied_on }}{% endif %}"
# contact_name falls back to "Hiring Manager": greet by name only when one is known.
_IF_CONTACT = '{% if contact_name != "Hiring Manager" %}'
_HELLO = "Hello" + _IF_CONTACT + " {{ contact_first_name }}{% endif %}"
_DEAR = "Dear {{ contact_first_name }},"
_SIGN_OFF = "Best regards,\n{{ signature }}"

_FOLLOW_UP_EMAIL = _text(
    _DEAR,
    "My name is {{ applicant_name }}, and I applied for the {{ position }} position at "
    "{{ company }}" + _ON_APPLIED + ". I'm writing to make sure my application reached you, "
    "and to say that I remain very interested in the role.",
    "[One sentence on why you fit: a result or skill that matches the posting, e.g. "
    '"In my current role I cut monthly reporting time by 40% using the tools your team uses."]',
    "I'd be glad to send anything else that would help, such as references or work samples. "
    "Thank you for your time and consideration.",
    _SIGN_OFF,
)

# A call script opens with whom to ask for, and its voicemail gives a way back, twice.
_ASK_FOR = (
    "CALL\n" + _IF_CONTACT + "\n[Ask for {{ contact_name }}.]\n{% else %}\n"
    "[Ask for the hiring manager for the {{ position }} position.]\n{% endif %}"
)
_VOICEMAIL = "VOICEMAIL (if no one answers)"
_CALL_BACK = (
    "{% if applicant_phone %}You can reach me at {{ applicant_phone }}, "
    "or by email at {{ applicant_email }}. Again, my number is {{ applicant_phone }}."
    "{% else %}You can reach me by email at {{ applicant_email }}.{% endif %}"
)

_FOLLOW_UP_PHONE = _text(
    _ASK_FOR,
    _HELLO
    + ", this is {{ applicant_name }}. I applied for the {{ position }} position"
    + _ON_APPLIED
    + ", and I'm calling to make sure my application reached you. "
    "I'm still very interested in the role.",
    "[One sentence on why you fit: a result or skill that matches the posting.]",
    "Is the position still open? And is there anything else I can send to help with your decision?",
    "Thank you for your time.",
    "[Write down what you hear: whether the position is still open, how many people applied, "
    "whether interviews are being scheduled.]",
    _VOICEMAIL,
    _HELLO + ", this is {{ applicant_name }}, calling about my application for the "
    "{{ position }} position. I'm still very interested, and I'd be glad to send anything "
    "else you need. " + _CALL_BACK + " Thank you, and have a good day.",
)

_FEEDBACK_REQUEST_EMAIL = _text(
    _DEAR,
    "Thank you for letting me know your decision about the {{ position }} position. "
    "While I'm disappointed, I appreciate the time you and the team gave my application.",
    "If you have a few minutes, could you share one or two things that would have made me "
    "a stronger candidate? Even a short note would help me with my next application.",
    "I understand if you can't share details, and I appreciate your time either way.",
    _SIGN_OFF,
)

_INFORMATIONAL_INTERVIEW_EMAIL = _text(
    _DEAR,
    "Thank you again for considering me for the {{ position }} position. Although it "
    "didn't work out this time, I'm still very interested in {{ company }} and the work "
    "your team does.",
    "Would you be open to a 20-minute conversation in the coming weeks? I'd value your "
    "view on [one or two topics: the skills your team looks for, how the role is changing, "
    "your own path into the field]. I'm not asking you to revisit the decision; I'd simply "
    "like to learn from your experience.",
    "I'm happy to work around your schedule, by phone or video.",
    _SIGN_OFF,
)

_FUTURE_OPENINGS_EMAIL = _text(
    _DEAR,
    "Thank you for letting me know your decision about the {{ position }} position. "
    "My interest in {{ company }} hasn't changed.",
    "I'd welcome the chance to be considered for future openings that fit my background in "
    '[your field or strength, e.g. "retail sales analytics"]. If a suitable role comes up, '
    "I'd be glad to hear from you, and I'll keep an eye on your careers page as well.",
    "Thank you again for your time.",
    _SIGN_OFF,
)

# The three post-rejection asks as calls: thanks first, one ask, no arguing with the decision.
_THANKS_FOR_DECISION = (
    _HELLO + ", this is {{ applicant_name }}. I applied for the {{ position }} position, and "
    "I'm calling to thank you for letting me know your decision."
)

_FEEDBACK_REQUEST_PHONE = _text(
    _ASK_FOR,
    _THANKS_FOR_DECISION,
    "Do you have a minute for one question? What would have made me a stronger candidate? "
    "Even one or two points would help me with my next application.",
    "[Listen and write down what you hear. Don't argue with the decision.]",
    "I understand if you can't share details. Thank you for your time.",
    _VOICEMAIL,
    _HELLO + ", this is {{ applicant_name }}, calling about the {{ position }} position. "
    "Thank you for letting me know your decision. If you have a few minutes, I'd value one "
    "or two thoughts on what would have made me a stronger candidate. " + _CALL_BACK + " "
    "Thank you.",
)

_INFORMATIONAL_INTERVIEW_PHONE = _text(
    _ASK_FOR,
    _THANKS_FOR_DECISION,
    "I'm still very interested in {{ company }} and the work your team does. Would you be "
    "open to a 20-minute conversation in the coming weeks? I'm not asking you to revisit "
    "the decision; I'd simply like to learn from your experience.",
    "[Say one or two topics you'd like to ask about, then offer to work around their schedule.]",
    "Thank you for your time.",
    _VOICEMAIL,
    _HELLO + ", this is {{ applicant_name }}, calling about the {{ position }} position. "
    "Thank you for letting me know your decision. I'm still very interested in "
    "{{ company }}, and I'd value a 20-minute conversation about your work whenever suits "
    "you. " + _CALL_BACK + " Thank you.",
)

_FUTURE_OPENINGS_PHONE = _text(
    _ASK_FOR,
    _THANKS_FOR_DECISION,
    "My interest in {{ company }} hasn't changed. Could you keep me in mind for future "
    "openings that fit my background?",
    '[Say in one line what your background is, e.g. "retail sales analytics".]',
    "Thank you. I'll keep an eye on your careers page as well.",
    _VOICEMAIL,
    _HELLO + ", this is {{ applicant_name }}, calling about the {{ position }} position. "
    "Thank you for letting me know your decision. My interest in {{ company }} hasn't "
    "changed, and I'd be glad to be considered for future openings. " + _CALL_BACK + " "
    "Thank you.",
)

_FIND_DECISION_MAKER_PHONE = _text(
    "[Call the main number and ask reception for one thing only: the name of the hiring "
    "manager. Don't ask to be put through, and don't pitch yourself.]",
    "Hello, my name is {{ applicant_name }}. I applied for the {{ position }} position"
    + _ON_APPLIED
    + ", and I'd like to address my follow-up to the right person. Could you tell me the "
    "name of the hiring manager for that role?",
    "[If they give a name:] Thank you. Could you spell that for me, please?",
    "[If they can't share it:] I understand. Thank you for your help.",
    "[Add the name as the application's contact, then send your follow-up.]",
)

_FIND_DECISION_MAKER_EMAIL = _text(
    "Hello {{ company }} Hiring Team,",
    "My name is {{ applicant_name }}, and I applied for the {{ position }} position"
    + _ON_APPLIED
    + ". I'd like to send a short follow-up to the person leading the search for this role.",
    "Could you tell me the name of the hiring manager, or pass this note along to them?",
    "Thank you for your help.",
    _SIGN_OFF,
)

_INTERVIEW_THANK_YOU_EMAIL = _text(
    _DEAR,
    "Thank you for taking the time to talk with me about the {{ position }} position. "
    "I enjoyed learning about [a specific topic from the conversation], and it confirmed "
    "my interest in joining {{ company }}.",
    "[One sentence linking something you discussed to your experience or a result you achieved.]",
    "If I can send anything else that would help, please let me know. I look forward to "
    "hearing about the next steps.",
    _SIGN_OFF,
)

BUILTINS: tuple[BuiltinTemplate, ...] = (
    BuiltinTemplate(
        key="builtin-follow-up-email",
        kind="follow_up",
        channel="email",
        name="Follow-up email",
        subject="Following up on my application for {{ position }}",
        body=_FOLLOW_UP_EMAIL,
    ),
    BuiltinTemplate(
        key="builtin-follow-up-phone",
        kind="follow_up",
        channel="phone",
        name="Follow-up call, with voicemail",
        subject=None,
        body=_FOLLOW_UP_PHONE,
    ),
    BuiltinTemplate(
        key="builtin-feedback-request-email",
        kind="feedback_request",
        channel="email",
        name="Ask for feedback after a rejection",
        subject="Request for feedback: {{ position }}",
        body=_FEEDBACK_REQUEST_EMAIL,
    ),
    BuiltinTemplate(
        key="builtin-informational-interview-email",
        kind="informational_interview",
        channel="email",
        name="Ask for an informational interview after a rejection",
        subject="A short conversation about your work at {{ company }}?",
        body=_INFORMATIONAL_INTERVIEW_EMAIL,
    ),
    BuiltinTemplate(
        key="builtin-future-openings-email",
        kind="future_openings",
        channel="email",
        name="Ask to be considered for future openings",
        subject="Future openings at {{ company }}",
        body=_FUTURE_OPENINGS_EMAIL,
    ),
    BuiltinTemplate(
        key="builtin-feedback-request-phone",
        kind="feedback_request",
        channel="phone",
        name="Call to ask for feedback, with voicemail",
        subject=None,
        body=_FEEDBACK_REQUEST_PHONE,
    ),
    BuiltinTemplate(
        key="builtin-informational-interview-phone",
        kind="informational_interview",
        channel="phone",
        name="Call to ask for an informational interview, with voicemail",
        subject=None,
        body=_INFORMATIONAL_INTERVIEW_PHONE,
    ),
    BuiltinTemplate(
        key="builtin-future-openings-phone",
        kind="future_openings",
        channel="phone",
        name="Call to ask about future openings, with voicemail",
        subject=None,
        body=_FUTURE_OPENINGS_PHONE,
    ),
    BuiltinTemplate(
        key="builtin-find-decision-maker-phone",
        kind="find_decision_maker",
        channel="phone",
        name="Ask reception for the hiring manager's name",
        subject=None,
        body=_FIND_DECISION_MAKER_PHONE,
    ),
    BuiltinTemplate(
        key="builtin-find-decision-maker-email",
        kind="find_decision_maker",
        channel="email",
        name="Ask a careers inbox for the hiring manager's name",
        subject="Question about the {{ position }} position",
        body=_FIND_DECISION_MAKER_EMAIL,
    ),
    BuiltinTemplate(
        key="builtin-interview-thank-you-email",
        kind="interview_thank_you",
        channel="email",
        name="Thank you after an interview",
        subject="Thank you: {{ position }} interview",
        body=_INTERVIEW_THANK_YOU_EMAIL,
    ),
)

BUILTINS_BY_KEY: Mapping[str, BuiltinTemplate] = MappingProxyType({b.key: b for b in BUILTINS})
