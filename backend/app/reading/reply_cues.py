"""The cue phrases of the reply reader (`app.reading.replies`): one weighted table per kind.

Each entry is (kind, weight, pattern) over the lower-cased reply with placeholders read as a
plain word. Weights: 1.2 and 1.1 beat a rejection said beside them (offers, closed posts), 1.0
decisive, 0.9 strong, 0.8 enough to name the reply, 0.6 and below only with others. Every
pattern starts with a literal word and its gaps are bounded and stay inside a sentence, so
reading stays linear in the text. "withdrawal" is the applicant's own withdrawal, confirmed
(an acknowledgment that beats the rejection it reads like).
"""

from __future__ import annotations

import re

__all__ = ["GAP", "GAP_LONG", "KIND_CUES", "NOT", "OTHERS", "PEOPLE", "cue"]

_G = r"[^.!?\n]{0,40}?"  # a short gap inside a sentence (bounded)
_GL = r"[^.!?\n]{0,90}?"  # a longer one
_NOT = r"(?:not|n't|never|no\s+longer|unable\s+to|un\w+)"


def _c(pattern: str) -> re.Pattern[str]:
    """A lower-case cue; a space is any run of spaces, and " ?" an optional one."""
    return re.compile(pattern.replace(" ?", r"\s*").replace(" ", r"\s+"))


_OTHERS = (
    r"(?:other|another|a\s+different|different|the\s+other|more\s+suitable|stronger"
    r"|an?\s+(?:internal|external|more\s+\w+)|someone\s+else)"
)
_PEOPLE = r"(?:candidates?|applicants?|applications?|individuals?|profiles?|people|person)"
# (kind, weight, cue). Weights: 1.0 decisive, 0.8 strong, 0.5 suggestive, 0.3 weak.
_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    # rejection
    ("rejection", 1.0, _c(
        r"(?:not|n't|unable to|no longer) (?:be )?(?:moving|move|going"
        r"|proceed\w*|progress\w*|continu\w*|tak\w+)(?: forward| further"
        rf"| ahead)?{_G} (?:with|on) (?:your|you)\b"
    )),
    ("rejection", 1.0, _c(
        r"(?:not|n't|unable to) (?:be )?(?:moving|move|going|proceed\w*"
        r"|progress\w*|advanc\w*|tak\w+) (?:you|your \w+)(?: forward| further"
        r"| ahead| to the next)?"
    )),
    ("rejection", 1.0, _c(
        r"(?:decided|decision|chosen|choose|chose|opted|elected|going|selected"
        r"|will be|are|have|we'll|we've|we're|we) (?:to |made to |of )?(?:move"
        r"|moving|go|going|proceed|proceeding|pursue|pursuing|continue"
        rf"|continuing|progress|advance|focus|move ahead|moved)\w*{_G} "
        rf"(?:with|on|to the next \w+ with|forward with) {_OTHERS} "
    )),
    ("rejection", 1.0, _c(
        r"(?:decided|chosen|opted|elected|decision) (?:made )?not to (?:move"
        r"|proceed|pursue|progress|continue|take|advance|offer|invite|select"
        r"|go)"
    )),
    ("rejection", 1.0, _c(
        r"(?:not|n't|never) (?:been |be |being )?(?:selected|chosen|shortlisted"
        r"|short-listed|successful|progressed|invited|considered further)"
    )),
    ("rejection", 1.0, _c(r"did not select (?:it|you|your)")),
    ("rejection", 1.0, _c(
        r"(?:decided|chosen|chose|choose|opted|elected|decision) (?:made )?to "
        r"(?:pursue|consider|select|hire|appoint|interview|proceed with|progress"
        rf"|offer the \w+ to) {_OTHERS} (?:\w+ )?{_PEOPLE}"
    )),
    ("rejection", 0.9, _c(rf"(?:not|n't) see (?:a|an) {_G}(?:fit|match)")),
    ("rejection", 1.0, _c(
        r"(?:decided|chosen|chose|opted|elected|decision|will be|are|we'll"
        r"|we're) (?:made )?(?:to )?(?:move|moving|go|going|proceed|proceeding"
        r"|continue|continuing) (?:forward |ahead )?with (?:the )?(?:candidates?"
        r"|applicants?|those|someone|people|individuals) (?:whose|who|that)\b"
    )),
    ("rejection", 0.6, _c(
        r"(?:although|while|though|whilst) (?:we|our \w+|i) (?:were|was"
        r"|are) (?:very |really |truly )?impressed"
    )),
    ("rejection", 1.0, _c(r"unsuccessful")),
    ("rejection", 0.9, _c(
        rf"(?:not|n't|unable to) (?:be )?(?:able to )?offer(?:ing)? you{_G} (?:employment"
        r"|the|this|a|an|further|position|role|job)"
    )),
    ("rejection", 0.9, _c(
        r"(?:not|n't) (?:the |a |an )?(?:right|best|strong\w*|good|most \w+|close"
        r"|suitable)?\s?(?:mutual )?(?:fit|match|candidate|applicant)\b"
    )),
    ("rejection", 0.9, _c(
        r"(?:could not|couldn't|can't|cannot|did not|didn't) find an? "
        r"(?:\w+ )?(?:match|fit)"
    )),
    ("rejection", 0.9, _c(
        rf"(?:extended|extend|made|make|accepted) an? (?:\w+ )?offer{_G} "
        r"(?:to|from) (?:a|another|the|an) (?:\w+ )?(?:candidate|applicant"
        r"|person)"
    )),
    ("rejection", 0.9, _c(
        rf"{_NOT} (?:to )?(?:be )?(?:pursu|proceed|continu|mov|progress)\w*{_G} "
        r"(?:further|forward|your|with you|candidacy|application)"
    )),
    ("rejection", 0.6, _c(r"(?:regret|sorry) to (?:inform|tell|let you know|advise|say)")),
    ("rejection", 0.6, _c(
        r"(?:has|have|had) moved (?:on|forward) to the next (?:step|stage"
        r"|phase|round)"
    )),
    ("rejection", 0.5, _c(rf"with {_OTHERS} (?:\w+ )?{_PEOPLE}")),
    ("rejection", 0.5, _c(r"unfortunately")),
    # position closed
    ("position_closed", 1.1, _c(
        rf"(?:position|role|vacancy|job|opening|post|spots|requisition|search|opportunity"
        rf"|posting)\b{_G} (?:has|have|is|are|was|were|had) (?:(?:now|already|just|recently"
        r"|since|successfully|officially|finally) )*(?:been )?(?:(?:now|already|just|recently"
        r"|successfully|officially|finally) )*(?:filled|cancel+ed|closed|put on hold|placed on hold"
        r"|on hold|withdrawn|eliminated|frozen)"
    )),
    ("position_closed", 1.1, _c(
        r"(?:filled|cancel+ed|closed|froze|frozen|withdrawn|withdrew) (?:this|the|our) (?:position"
        r"|role|vacancy|job|opening|post|requisition|posting|search|opportunity)"
        r"|(?:paused|pausing|suspended|suspending|halted|frozen|froze|postponed|postponing"
        r"|stopped|cancel+ed) (?:all |our |the )?(?:hiring|recruitment|recruiting) (?:for|on)\b"
        r"|(?:someone|somebody) else (?:was|has been|had been|is being) (?:hired|appointed)"
        r"|accepted by (?:another|an?|the) (?:\w+ )?(?:candidate|applicant|person|individual)"
        r"|no longer (?:be )?(?:filling|recruiting for|hiring for) (?:the|this|that|our)\b"
        r"|(?:not|n't|no longer) (?:be )?(?:moving forward|proceeding|going ahead) with (?:filling"
        r"|hiring for|recruiting for)\b"
    )),
    ("position_closed", 1.1, _c(
        r"(?:putting|put|placing|placed) (?:this|the|our) (?:position|role|vacancy|job|opening"
        r"|search|hiring|recruitment|requisition)\b[^.!?\n]{0,30}? on (?:hold|pause)\b"
    )),
    ("position_closed", 1.1, _c(
        r"(?:role|position|vacancy|job|opening) will not be (?:moving ahead"
        r"|going ahead|filled|proceeding)"
    )),
    ("position_closed", 1.1, _c(
        r"(?:no longer|not) (?:hiring|recruiting|looking for new candidates"
        r"|accepting applications)"
    )),
    ("position_closed", 1.1, _c(
        r"(?:completed|concluded|finali[sz]ed|closed) (?:the|our|this) "
        rf"(?:recruitment|hiring|selection|search) (?:process )?{_G}(?:selected"
        r"|appointed|hired|filled)"
    )),
    # offer
    ("offer", 1.2, _c(
        r"(?:pleased|delighted|happy|excited|thrilled) to (?:extend|offer"
        r"|make) (?:you|an offer)"
    )),
    ("offer", 1.2, _c(r"(?:offer you|extend to you) (?:the|a|this) (?:position|role|job)")),
    ("offer", 1.2, _c(r"(?:offer of employment|job offer|offer letter|your (?:\w+ )?offer)\b")),
    ("offer", 1.0, _c(
        r"(?:accept|decline|respond to|response to) (?:this|the|our|your) (?:\w+ )?offer\b"
    )),
    # interview invitation
    ("interview_invitation", 1.0, _c(
        r"(?:like|love|want|pleased|happy|delighted|glad|excited) to (?:invite"
        rf"|schedule|arrange|set up|book|have|offer) (?:you )?{_G}(?:interview"
        r"|call|phone screen|chat|conversation|meeting|video)"
    )),
    ("interview_invitation", 1.0, _c(
        rf"invit\w+ you (?:to|for) {_G}(?:interview|call|phone screen|chat"
        r"|conversation|meeting|video)"
    )),
    ("interview_invitation", 0.9, _c(
        r"(?:like|love|want) to (?:connect|speak|talk|meet|chat) (?:with you"
        r"|further)"
    )),
    ("interview_invitation", 0.9, _c(
        r"(?:schedule|book|arrange|set up) (?:an? |the |your )?(?:\w+ )?"
        r"(?:interview|phone screen|screening call|call)"
    )),
    ("interview_invitation", 0.8, _c(
        r"(?:move|moving|progress|advance|invite)\w* (?:you|your application"
        rf"|your candidacy){_G} to the next (?:step|stage|round|phase)"
        r"|(?:successful|selected) (?:in|for) (?:progressing|moving|advancing|getting|reaching"
        r"|proceeding) (?:through )?(?:to )?the next (?:step|stage|round|phase)"
        r"|(?:you've|you have|you are|you're) (?:now )?(?:progressed|advanced|moved on|made it"
        r"|been moved|been progressed|been advanced|through) to the next (?:step|stage|round|phase)"
    )),
    ("interview_invitation", 0.8, _c(r"your availability")),
    ("interview_invitation", 1.0, _c(
        r"(?:phone|video|screening|intro\w*) (?:screen|call|chat)\b[^.!?\n]{0,40}? (?:is|has been)"
        r" (?:now )?(?:confirmed|scheduled|booked|set)"
        r"|(?:are|would) you (?:be )?(?:free|around|available) for (?:a|an) (?:quick |short "
        r"|brief )?(?:call|chat|phone call|video call|conversation)"
        r"|(?:calendly|my calendar|booking) link\b"
        r"|(?:attend|join|come in for|come for|come to) (?:an?|the|your|our) (?:\w+ )?interview\b"
    )),
    # assessment
    ("assessment", 1.0, _c(
        rf"(?:complete|take|attempt|finish|submit) (?:a|an|the|our|this)?{_G}"
        r"(?:assessment|test|coding challenge|challenge|assignment|questionnaire|survey"
        r"|exercise|take-home|case study|(?:online |recorded |short )video)s?\b"
    )),
    ("assessment", 0.9, _c(r"\b(?:hackerrank|codility|codesignal|testgorilla|take-home)")),
    # a test named by its kind, or an invitation to one ("invited to an assessment centre")
    ("assessment", 1.0, _c(
        r"next (?:step|stage|round) (?:is|will be|would be|involves) (?:to complete )?(?:a|an|our"
        r"|the) (?:\w+ ){0,3}?(?:assessment|test|task|exercise|challenge|assignment|questionnaire"
        r"|case study)\b"
        r"|link to (?:a|an|the|our|your) (?:\w+ ){0,2}?(?:assessment|test|exercise|challenge"
        r"|questionnaire)\b"
    )),
    ("assessment", 1.0, _c(
        r"invit\w* (?:you )?(?:to|for) (?:an? |the |our )?(?:\w+ ){0,2}?(?:assessments?"
        r"|tests?|exercises?|challenges?|assessment (?:centre|center|day))\b"
        r"|(?:your|the|an?|our) (?:online |technical |coding |written |skills? |aptitude "
        r"|psychometric |numerical |verbal |cognitive )(?:assessment|test|exercise|challenge)s?"
        r" (?:link|invitation|will|is|can)\b"
    )),
    # request for information
    ("request_info", 0.9, _c(
        r"(?:please|kindly|need you to|you'll need to|you will need to"
        rf"|we need|could you|can you|would you) {_G}(?:send|provide|submit"
        rf"|complete|fill|share|confirm|upload|forward|answer|review)\w*{_GL}"
        r"(?:references|availability|documents?|form|questions|information"
        r"|details|transcripts?|portfolio|sheet|salary)\b"
    )),
    ("request_info", 0.9, _c(
        r"in order for (?:your application|you) to be (?:considered|processed"
        r"|reviewed)"
    )),
    # further cues, each general: who was chosen, what happened to the post, what you are asked
    ("rejection", 1.0, _c(
        r"(?:selected|chosen|chose|choose|hired|appointed|decided on|identified"
        r"|offered the (?:position|role|job) to) (?:another|a different"
        r"|someone|other|an? internal|an? external|an? (?:\w+ )?(?:candidate"
        r"|applicant|individual|person) (?:who|whose|that|whom)|the (?:candidate"
        r"|applicant|individual|person) (?:who|whose|that|whom))"
    )),
    ("rejection", 1.0, _c(r"no longer (?:be )?consider\w* (?:you|your)")),
    ("rejection", 1.0, _c(
        r"(?:decision|decided) (?:has been |was )?(?:made )?not to (?:\w+ )?"
        r"(?:your|you)"
    )),
    ("rejection", 0.9, _c(
        rf"{_OTHERS} {_PEOPLE} (?:\w+ ){{0,3}}?(?:more|better|most|whose|who|that|closer"
        r"|which) (?:closely )?(?:meet|met|match|fit|align|suit)\w*"
    )),
    ("rejection", 0.9, _c(
        r"(?:n't|not) (?:feel|think|believe) (?:that )?(?:\w+ ){0,4}(?:is"
        r"|are|would be) (?:the|a) (?:best|right|good|strong) (?:match"
        r"|fit)"
    )),
    ("rejection", 0.8, _c(
        r"(?:wish|wishing) you (?:\w+ ){0,3}(?:success|best|luck)\w* (?:\w+ ){0,3}"
        r"(?:future|career|job search|endeavou?rs)"
    )),
    ("rejection", 0.8, _c(r"(?:much|every|continued) success in your (?:future|career|job)")),
    ("position_closed", 1.1, _c(
        r"(?:pause|paused|pausing|suspend\w*|cancel\w*|halt\w*|freez\w*|defer\w*|postpon\w*"
        r"|withdr[ae]wn?|froze) (?:this|the|our) (?:search|recruitment|hiring|role|position"
        r"|requisition|vacancy|opening)"
    )),
    ("position_closed", 1.1, _c(
        rf"(?:position|role|vacancy|job|opening|search|requisition|recruitment)\b{_G} "
        r"(?:is|are|has been|was|being|is being) (?:now |currently |being )?"
        r"(?:placed |put )?(?:temporar\w+ |indefinite\w* )?on (?:temporary "
        r"|an indefinite )?hold"
    )),
    ("position_closed", 1.1, _c(
        r"(?:have|has|had) (?:now |since |already |just |recently )?(?:hired"
        r"|appointed|filled)\b"
    )),
    ("position_closed", 1.1, _c(r"(?:position|role|job|post) has been (?:given|awarded) to")),
    # the post filled from inside: "we have decided to fill the role internally"
    ("position_closed", 1.1, _c(
        r"(?:fill|filled|filling|hire|hired|hiring|recruit|recruited|recruiting|promote|promoted"
        r"|promoting) (?:(?:the|this|that|our) (?:\w+ )?(?:position|role|vacancy|post"
        r"|job|opening) )?(?:internally|from within)"
    )),
    ("offer", 1.2, _c(
        r"(?:like|love|want|pleased|happy|delighted|glad|excited) to (?:hire you"
        r"|welcome you|have you join|offer you)"
    )),
    ("offer", 1.2, _c(r"(?:chosen|selected) (?:you )?to (?:fill|take|join)")),
    ("offer", 1.2, _c(
        r"(?:like|love|want|pleased|happy|delighted|excited|going|ready) to (?:make|extend) you"
        r" (?:an|a|our) (?:\w+ )?offer\b"
    )),
    # the job given in other words: you got it, your contract, your appointment, join us as
    ("offer", 1.2, _c(
        r"\byou(?:'ve| have)? (?:got|landed|won) the (?:job|position|role|post)\b"
        r"|(?:attached|enclosed|find) (?:\w+ ){0,2}?(?:your )?(?:contract of employment"
        r"|employment contract)|confirm (?:your|the) (?:appointment|hire|employment) as\b"
        r"|invit\w* you to join (?:us|our|the) (?:\w+ ){0,3}?as (?:an? |our )"
    )),
    ("offer", 1.2, _c(r"(?:verbal|formal|written|conditional|employment|salary) offer\b")),
    # successful at a stage is not the job: "successful in reaching the next stage"
    ("offer", 0.9, _c(
        r"(?:have been|you are|were) successful\b(?! (?:in|at|for|with|through) (?:the |this |our"
        r" |your )?(?:\w+ )?(?:stage|round|step|phase|part|screening|test|assessment|interview"
        r"|progressing|moving|getting|reaching|advancing|passing)|(?: \w+){0,3} to the next\b)"
    )),
    ("interview_invitation", 1.0, _c(
        r"(?:(?:the|your|our) (?:\w+ )?interview (?:will take place|is scheduled"
        r"|has been scheduled|is set|is confirmed|will be held|date)|(?:confirm"
        r"|arrangements for|reminder of|reminder for) (?:your |our |the )?"
        r"(?:scheduled )?interview|invited to (?:attend )?(?:an? |the )?"
        r"(?:\w+ )?interview|short ?-?listed for (?:a |an )?(?:call|interview)"
        r"|wants? to interview you|(?:would|'d) like to interview you|able to interview "
        r"(?:for|with))"
    )),
    ("interview_invitation", 1.0, _c(
        r"invit\w+ you (?:in|into|to come|to visit(?! (?:our|the|my) (?:\w+ )?(?:web|site|page"
        r"|career|linkedin|blog|social))|for a visit|to our|to meet)"
    )),
    ("interview_invitation", 0.9, _c(
        r"(?:schedule|book|arrange|set up|find|select|choose|pick) a (?:\w+ )?(?:time|date|slot)"
    )),
    ("interview_invitation", 0.8, _c(r"(?:been|are) short ?-?listed")),
    ("interview_invitation", 0.8, _c(r"^\W*(?:subject\W*)?interview (?:with|invitation|for)")),
    ("assessment", 1.2, _c(
        r"(?:written|one-way|recorded|video|ai|automated|screening|online"
        rf"|asynchronous) (?:\w+ )?interview\b{_G}(?:complete|take|record"
        r"|platform|start)|(?:complete|take|record|start) (?:a|an"
        r"|the|your|our)? ?(?:quick )?(?:\d+-minute )?(?:written|one-way"
        r"|recorded|video|screening|online|ai) interview|interview will be "
        r"(?:conducted|led) (?:on|by) (?:an? )?(?:ai|automated|online platform)"
    )),
    # a one-way interview is a test the applicant takes alone, however it is offered
    ("assessment", 1.2, _c(
        r"(?:one-way|recorded|pre-recorded|self-recorded|asynchronous|on-demand|automated"
        r"|ai-led|ai-powered) (?:\w+ ){0,2}?interview"
    )),
    ("assessment", 1.0, _c(
        r"(?:answer|complete|fill (?:in|out)) (?:some|a few|the following"
        r"|these|our|a short) (?:\w+ )?(?:questions|questionnaire|survey)"
    )),
    ("request_info", 0.9, _c(
        rf"(?:please|kindly|could you|can you|would you) {_G}(?:send|provide"
        rf"|submit|complete|upload|forward|remember)\w*{_GL}(?:references"
        r"|documents?|items?|information|details|transcripts?|portfolio"
        r"|salary|application|passport|identification|proof|certificates?|visa|cover letter)\b"
    )),
    ("request_info", 0.9, _c(
        r"(?:did not|didn't|not yet) (?:complete|finish|submit)\w* (?:your "
        r"|the )?application|(?:appears|seems) (?:to be )?incomplete"
        r"|to continue with your application"
        rf"|(?:application|submission|profile|file)\b{_G} (?:is|was|remains) (?:still )?incomplete"
        r"|(?:we are|we're) (?:still )?missing (?:your|a|an|the|some)\b"
        r"|(?:let us know|tell us|advise us of|confirm) (?:what )?your (?:notice period|salary"
        r"|expected salary|current salary|salary expectations|earliest start date|start date)"
    )),
    ("rejection", 1.0, _c(r"no longer (?:under|being|in) consider"
        r"|(?:not|n't) (?:make|made|making) (?:it )?(?:the|our|onto the|on the|to the|into the) "
        r"(?:short ?-?list|next (?:round|stage|step))")),
    ("position_closed", 1.1, _c(rf"(?:position|role|search|vacancy)\b{_G} "
        r"(?:was|has been|had been) (?:left )?(?:not|un)\s?filled|(?:will not|won't) be filled")),
    ("withdrawal", 1.3, _c(r"(?:learn|hear|note|see|understand) that you (?:have decided|will not"
        r"|are not|no longer|wish to|would like to|have chosen)|your (?:decision|request|wish) to "
        r"withdraw|you (?:have )?withdr[ae]wn?|withdrawal of your application"
        # the applicant's acceptance of an offer, confirmed: nothing new decided by the employer
        r"|thank\w* (?:you )?for accepting (?:our|the|your|this) (?:\w+ )?(?:offer|position|role"
        r"|job)|(?:glad|pleased|delighted|happy|thrilled) (?:that |to (?:hear|learn|see) that )?"
        r"you(?:'ve| have)? accepted")),
    # the decision said of the application itself, or of what you did not pass or get
    ("rejection", 1.0, _c(
        rf"(?:application|candidacy|submission|candidature)\b{_G} (?:has been|was|is|have been"
        r"|had been) (?:now )?(?:declined|rejected|turned down|not successful|unsuccessful"
        r"|not approved|not accepted)\b"
        r"|(?:decided|decision) (?:has been made |was made )?to (?:close|decline|reject)"
        r" your (?:application|candidacy)"
    )),
    ("rejection", 0.9, _c(
        r"(?:cannot|can't|can not|unable to|not able to|not be able to) (?:\w+ )?(?:consider"
        r"|progress|proceed|advance|shortlist|short-list|select|invite|accept|offer|take|pursue"
        r"|interview|move) (?:you|your)\b"
        r"|(?:did not|didn't|have not|haven't|has not|hasn't|not) (?:\w+ )?(?:pass|passed|clear"
        r"|cleared|get through|got through|make it (?:through|past)) (?:the|this|our) (?:\w+ )?"
        r"(?:stage|round|step|screening|assessment|test|selection)"
        r"|(?:not|n't) (?:be )?tak\w+ (?:things|this|it|matters|you) (?:any )?further"
        r"|(?:do not|don't|does not|doesn't) have (?:a|an|any) (?:\w+ )?(?:position|role|opening"
        r"|vacancy|place|spot) (?:\w+ )?for you"
    )),
    ("rejection", 1.0, _c(
        r"(?:you|your (?:application|candidacy)) (?:won't|will not) be (?:joining|incorporated"
        r"|hired|selected|considered|progressing|progressed|advancing|advanced|continuing)\b"
    )),
    ("rejection", 1.0, _c(
        r"not (?:among|one of) the (?:\w+ )?(?:candidates|applicants|people|individuals|ones)"
        r" (?:selected|chosen|shortlisted|short-listed|invited|who|that|to)\b"
        r"|(?:decided|chosen|chose|opted|elected|decision) (?:made )?to (?:pursue|consider|select"
        r"|hire|interview|proceed with|move forward with|go with|progress|continue with) (?:\w+ )?"
        r"(?:candidates|applicants|individuals|people|others|those) (?:with|whose|who|that)\b"
        r"|(?:not|n't) (?:be )?(?:scheduling|offering|arranging|inviting|booking) (?:you )?(?:an? "
        r"|any )?(?:\w+ )?(?:interviews?|calls?)\b"
        rf"|(?:application|candidacy|candidature)\b{_G} (?:will not|won't|did not|didn't|does not"
        r"|doesn't|has not|hasn't|is not|isn't) (?:be )?(?:advanc|progress|mov|proceed|go)\w*"
        r"|(?:declin|reject)\w* your (?:application|candidacy|candidature)"
    )),
    ("rejection", 0.9, _c(
        r"(?:chosen|decided|chose|opted) to (?:move on|pass)\b(?![^.!?\n]{0,40}? to (?:the|our))"
    )),
    ("rejection", 0.9, _c(
        r"(?:identified|selected|chosen|found|shortlisted) (?:\w+ )?(?:candidates|applicants"
        r"|individuals|people|profiles) (?:whose|who|that)\b"
        r"|(?:gone|went|go|going) with (?:someone|somebody|another|an? (?:internal|external"
        r"|different)|other) ?(?:\w+)?"
    )),
    # the post gone, in the words the earlier cues miss
    ("position_closed", 1.1, _c(
        r"(?:an |the )?appointment has (?:now )?been made"
        r"|(?:decided|chosen|elected) not to (?:hire|recruit) (?:for|at|anyone)\b"
        r"|(?:unable|not able|cannot|can't) (?:to )?(?:proceed|move forward|go ahead) with (?:the"
        r"|this|our) (?:recruitment|appointment|hire|hiring|search|position|role|vacancy)\b"
        rf"|(?:process|recruitment|hiring|search|position|role)\b{_G} (?:is|are|has been|was"
        r"|have been|had been) (?:now |currently |temporarily )?(?:being )?(?:placed |put )?on "
        r"(?:a )?(?:temporary )?(?:pause|hold)\b"
        r"|(?:opportunity|posting|requisition|vacancy|position|role)\b[^.!?\n]{0,30}? (?:is|are"
        r"|has been|was) (?:now )?no longer (?:available|open|active)"
        r"|(?:someone|somebody|a candidate|an applicant|the successful candidate) (?:has|had) "
        r"(?:now |already |just )?been (?:hired|appointed|selected and hired)"
    )),
    # acknowledgment
    ("acknowledgment", 0.8, _c(
        r"(?:have|has|had|we've|we) (?:successfully |safely )?(?:received"
        r"|reached us|been received|been submitted|got) (?:your|the)?\s?"
        r"(?:application|resume|cv|submission|details|responses)?"
    )),
    ("acknowledgment", 0.8, _c(
        rf"(?:application|resume|cv|submission|responses)\b{_G} (?:has|have"
        r"|was|were|is) (?:been )?(?:successfully |safely )?(?:received"
        r"|submitted|reached us)"
    )),
    ("acknowledgment", 0.8, _c(r"(?:reached us|received your|receipt of your)")),
    # the application read, nothing decided: "the hiring team has reviewed your application"
    ("acknowledgment", 0.8, _c(
        r"(?:has|have|had) (?:now |just |already )?(?:reviewed|looked at|looked over|read) your"
        r" (?:application|resume|cv|profile|submission)\b"
    )),
    # a receipt said as a confirmation: "this is to confirm your application"
    ("acknowledgment", 0.8, _c(
        r"(?:confirm|confirming|confirms|confirmation of) (?:the )?(?:receipt of )?your (?:\w+ )?"
        r"(?:application|submission|cv|resume)\b"
    )),
    # a job board's receipt: the application passed on to the employer
    ("acknowledgment", 0.8, _c(
        rf"(?:application|resume|cv|profile)\b{_G} (?:has been|was|have been|were|is being)"
        r" (?:successfully )?(?:sent|forwarded|passed on|shared|delivered|submitted) to\b"
    )),
    ("acknowledgment", 0.8, _c(
        r"(?:will|are|is|still|currently|now|we're) (?:be )?(?:carefully )?(?:review"
        r"|reviewing|evaluat|assess|consider|look\w* over|look\w* through|go\w* through"
        rf"|go\w* over)\w*(?: and \w+)?{_G} (?:your|all|the|applications|it|candidates"
        r"|applicants|submissions|everyone)\b"
    )),
    ("acknowledgment", 0.8, _c(
        rf"(?:application|resume|cv|profile|responses|submission|candidacy)s?\b{_G} "
        r"(?:is|are|will be|has been|have been) (?:currently |now |still "
        r"|carefully )*(?:being )?(?:reviewed|considered|evaluated|assessed"
        r"|under (?:review|consideration)|in review)"
    )),
    ("acknowledgment", 0.8, _c(
        r"(?:currently|now|are|still) (?:completing|conducting|holding"
        r"|finishing) (?:\w+ )?interviews"
    )),
    ("acknowledgment", 0.8, _c(
        r"(?:congratulations on|thank\w* (?:you )?for) (?:submitting|completing"
        r"|your submission)"
    )),
    ("acknowledgment", 0.4, _c(
        r"thank\w* (?:you )?(?:for|so much for) (?:applying|your application"
        r"|submitting)"
    )),
    # third pass, from dev errors, each general: who took the post, a full post, meeting asks
    ("rejection", 1.0, _c(
        r"(?:position|role|job|post|vacancy) (?:has been|was|had been) offered to "
        r"(?:an? |another |the |someone|other)(?!you)"
    )),
    ("position_closed", 1.1, _c(
        r"(?:candidate|applicant|individual|person|someone|who|she|he) (?:has |had )?"
        r"(?:been offered and (?:has |had )?)?accepted (?:the|our|this|an?|that) "
        r"(?:position|role|job|offer|post)"
    )),
    ("position_closed", 1.1, _c(
        r"no (?:more|longer any) (?:places|spots|openings|vacancies|positions)\b"
        r"|(?:places|spots|positions) (?:have |had )?(?:all )?filled up"
        r"|(?:position|role|course|vacancy|programme|program) is (?:now )?(?:full|no longer"
        r" available|no longer open)"
    )),
    ("interview_invitation", 0.9, _c(
        r"(?:can|could|would) you (?:meet|come in|come by|stop by|be available to meet)"
        r" (?:on|at|with|us|for|this|next)|let's (?:get together|meet)\b"
        r"|\byou have an? (?:\w+ )?interview (?:with|on|at)"
    )),
    ("assessment", 1.2, _c(
        r"(?:video|one-way|recorded|asynchronous|on-demand) interview(?:ing)? (?:stage|link"
        r"|invitation|platform)|(?:video|one-way|recorded) interview(?:ing)?\b[^.!?\n]{0,90}?"
        r"(?:when and where you like|at your (?:own )?convenience|at any time|anytime)"
    )),
    ("request_info", 0.9, _c(
        r"(?:encourage|remind|ask|invite)\w* you to (?:create|complete|finish|submit|update)"
        r" (?:a|an|the|your) (?:\w+ )?(?:application|form|profile)\b"
    )),
    # "checking in to see if you still have any interest": they ask for your answer
    ("request_info", 0.9, _c(
        r"(?:see|know|check|confirm|tell us) (?:if|whether) you (?:are |still |have |any )*"
        r"(?:interest|interested)\b"
    )),
    ("request_info", 0.9, _c(
        r"(?:has|have) requested that you (?:complete|provide|submit|send|fill|upload)"
        r"|\byou need to (?:get|provide|submit|send|complete|upload|fill) (?:in |out )?"
        r"(?:another|an?|the|your|more|some) (?:\w+ )?(?:references?|documents?|forms?"
        r"|information|details|transcripts?|certificates?)"
    )),
    ("offer", 1.0, _c(r"(?:you've|you have) met (?:your|the|all) (?:\w+ )?conditions")),
    ("acknowledgment", 0.8, _c(
        r"(?:need|take)\w* (?:\w+ ){0,6}?to (?:evaluate|review|consider|assess) (?:them|each"
        r"|all|every|your|the applications)|\breview each one"
    )),
    # status updates that decide nothing (guide): a delay, a later deadline, a check under
    # way, a reserve list, an application still being processed
    ("acknowledgment", 0.8, _c(
        r"tak\w+ (?:a )?(?:little |bit |lot |much |slightly |somewhat |a bit )*longer than (?:we )?"
        r"(?:expected|anticipated|planned|hoped|originally|usual|initially)"
        rf"|(?:process|recruitment|hiring|decision|search|timeline|review|selection)\b{_G} (?:has"
        r" been|is|was|have been|are|will be) (?:slightly |somewhat |a little )?(?:delayed|pushed"
        r" back|running late|behind schedule)"
        r"|extend\w* (?:the |our )?(?:application |closing |submission )?(?:deadline|closing date)"
        r"|(?:deadline|closing date)\b[^.!?\n]{0,30}? (?:has been|was|is being|have been) extended"
        r"|background (?:check|screening|verification)s?\b[^.!?\n]{0,30}? (?:is|are|has|have)"
        r" (?:now )?(?:been )?(?:under ?way|in progress|started|begun|initiated|being)"
        r"|(?:reserve|waiting|wait) ?-?list\b|\bwaitlist"
        r"|(?:application|candidacy)\b[^.!?\n]{0,30}? (?:is|are) (?:still )?being processed"
    )),
    # the consideration promised is a cue of its own (the model reads a bare thanks otherwise)
    ("acknowledgment", 0.8, _c(
        r"(?:give|giving|given) (?:\w+ )?consideration to your (?:application|candidacy|resume|cv)"
    )),
    # general phrasings of the same news (dev errors' neighbours): direction, availability, hires
    ("rejection", 0.8, _c(
        r"(?:not|n't) (?:be )?(?:moving|going|proceeding) (?:forward|ahead|further)\b"
        r"|(?:go|move|proceed|going|moving) in (?:a )?(?:different|another) direction"
    )),
    ("position_closed", 1.1, _c(
        r"(?:position|role|job|vacancy|opening|post)\b[^.!?\n]{0,30}? (?:is|are|has been|was)"
        r" (?:now )?no longer (?:available|open|needed|required)"
        r"|(?:decided|chosen|elected) not to (?:fill|proceed with (?:the|this) (?:position|role"
        r"|hire|search|vacancy))|(?:will|are) not (?:be )?(?:filling|fill) (?:the|this) "
        r"(?:position|role|vacancy)"
        r"|(?<!your\s)(?<!the\s)offer (?:was|has been|had been) (?:made and )?accepted"
    )),
    # the post gone in other words (general, checked on dev): hires said without 'have', holds
    # and cancellations in other verbs, a freeze, a post taken or accepted by someone
    ("position_closed", 1.1, _c(
        r"(?:we've|i've|they've|we|they) (?:now |already |just |recently )*(?:hired|appointed)"
        r" (?:a|an|someone|another|the|our|somebody|one)\b"
        r"|(?:we've|i've|they've) (?:now |already |just |recently )*(?:hired|appointed|filled)\b"
        rf"|(?:position|role|vacancy|job|opening|post|requisition|search|posting)\b{_G} "
        r"(?:has|have|is|are|was|were|had) (?:now |already |just |recently |since )*(?:been )?"
        r"(?:suspended|postponed|paused|discontinued|terminated|abandoned|removed|taken down"
        r"|closed out|taken|accepted by)\b"
        r"|(?:decided|decision (?:was |has been )?made) to (?:close|cancel|withdraw|pause|suspend"
        r"|postpone|freeze|discontinue) (?:the|this|our) (?:position|role|search|recruitment"
        r"|vacancy|requisition|opening|job|hiring|post)"
        r"|(?:are|is|we're) (?:now )?closing (?:the|this|our) (?:position|role|search|vacancy"
        r"|requisition|opening|job|post)\b"
        r"|hiring freeze|freeze on (?:all )?(?:hiring|recruitment)|hiring (?:is|has been|was)"
        r" (?:now )?(?:frozen|paused|suspended|put on hold|on hold)"
        r"|(?:will not|won't) be (?:hiring|recruiting) (?:for|anyone|any)\b"
        r"|(?:a|the successful) (?:\w+ )?(?:candidate|applicant|person|individual) (?:has|had)"
        r" (?:now )?been (?:hired|appointed)"
        r"|(?:have|has|we've) (?:now )?made (?:a|the|our) hire\b"
        r"|(?:position|role|job|post|vacancy)\b[^.!?\n]{0,30}? (?:was|had been|is being) (?:given"
        r"|awarded) to"
        r"|no (?:current |immediate |further )?plans to (?:hire|fill|recruit)"
        r"|(?:search|recruitment) (?:was|has been|proved) (?:unsuccessful|failed)"
        r"|hold off (?:on )?(?:hiring|filling|the search|recruiting|recruitment)"
        r"|(?:not|n't) (?:be )?(?:proceeding|moving forward|going ahead) with (?:the|this|our)"
        r" (?:recruitment|position|role|search|vacancy|appointment|hire|hiring)\b"
        r"|no longer (?:looking|seeking) (?:to (?:fill|hire)|for (?:a|an|someone|candidates))"
        r"|(?:position|role|job|post|vacancy)\b[^.!?\n]{0,30}? no longer exists"
        r"|(?:due to|because of|owing to|following) (?:a |an |the |recent |unexpected |our "
        r"|some )*(?:budget (?:cuts?|constraints|restrictions|reductions|freeze)|funding (?:cuts?"
        r"|constraints|issues)|restructur\w*|reorgani[sz]ation)"
    )),
    ("interview_invitation", 0.9, _c(
        r"(?:what|which) (?:times?|days?|dates?) (?:would )?(?:work|suit|are you available)"
        r"|(?:set|book|schedule|find) (?:up )?(?:some )?time (?:to (?:talk|chat|speak|meet)"
        r"|for (?:a|an) (?:call|chat|interview|conversation))"
        r"|next (?:step|stage) (?:is|will be|would be) (?:a|an) (?:\w+ ){0,2}?(?:interview|screen"
        r"|call|conversation|chat|meeting)"
    )),
    ("acknowledgment", 0.8, _c(
        r"(?:will|we'll|i'll|shall) (?:be in touch|get back to you|contact you|reach out to you"
        r"|let you know|update you|be contacting you)"
    )),
    # skills that do not meet the requirements; references still awaited
    ("rejection", 0.9, _c(
        r"(?:skills|experiences?|qualifications|background|profile)\b[^.!?\n]{0,40}? (?:do|does"
        r"|did) not (?:fully |quite )?(?:meet|match|align with|fit)\b"
        r"|(?:not|n't) (?:meet|match) (?:the|our|all|those) (?:\w+ )?(?:requirements|criteria"
        r"|needs|qualifications)"
    )),
    ("request_info", 0.9, _c(
        r"(?:you asked|we asked|(?:we are|we're) (?:still )?waiting for|we have not (?:yet )?"
        r"received|we haven't (?:yet )?received) (?:\w+ ){0,4}?(?:for )?(?:a |an |your |the )?"
        r"(?:references?|documents?|transcripts?|certificates?|forms?)\b"
    )),
    # general phrasings, each checked on dev for regressions: others chosen, offers, invitations
    ("rejection", 0.9, _c(
        r"(?:not|n't) (?:be )?able to (?:move|take|progress|proceed|advance|consider|offer)\b"
    )),
    ("rejection", 0.9, _c(
        rf"(?:pursue|pursuing|selected|selecting|chose|chosen|choose) (?:\w+ )?{_OTHERS} "
        rf"(?:\w+ )?{_PEOPLE}"
    )),
    ("rejection", 1.0, _c(
        rf"{_OTHERS} (?:\w+ )?{_PEOPLE} (?:was|were|has been|have been|had been) (?:selected"
        r"|chosen|offered)"
    )),
    ("position_closed", 1.1, _c(
        rf"{_OTHERS} (?:\w+ )?{_PEOPLE} (?:was|were|has been|have been|had been) (?:hired"
        r"|appointed)"
    )),
    ("offer", 1.0, _c(
        r"(?:selected|chosen) (?:as|for) (?:the|our) (?:\w+ ){0,3}?(?:position|role|job)\b"
        r"(?! interview)"
    )),
    # a declined invitation, the job not got (dev errors r0405, r0426, general forms)
    ("rejection", 1.0, _c(
        r"(?:not|n't|unable to) (?:be )?(?:able to )?(?:invite|inviting|ask|asking) you (?:in "
        r"|back )?(?:for|to)\b"
        r"|(?:did not|didn't|will not|won't|do not|don't) (?:get|receive|land|win) (?:the|this"
        r"|our) (?:job|position|role|post|offer)\b"
    )),
    ("interview_invitation", 1.0, _c(r"invitation to (?:an? |the )?(?:\w+ )?interview")),
    ("interview_invitation", 0.9, _c(
        r"(?:like|love|want) to (?:learn|hear|know) more about you\b[^.!?\n]{0,40}?(?:chat|call"
        r"|conversation|interview|meet|talk|speak)"
    )),
    ("request_info", 0.9, _c(
        r"(?:we|i) (?:still |will |'ll |would |do |really )?(?:need|require) (?:a copy of "
        r"|copies of )?(?:(?:your|the|this|that|a|an|two|three|some|more|additional|further) )?"
        r"(?:\w+ )?"
        r"(?:references?|referees?|documents?|transcripts?|certificates?|forms?|proof"
        r"|identification|portfolio|details|information|passport|visa|diploma|degree)\b"
    )),
    ("interview_invitation", 0.9, _c(
        r"(?:like|love|want) to (?:meet|speak to|talk to|speak with|talk with) you\b"
        r"|(?:are|would) you (?:be )?available for (?:a|an) (?:\w+ )?(?:interview|call|chat"
        r"|conversation|meeting)"
    )),
    # sixth pass, general forms from the new dev replies: a search ended without a hire, the post
    # accepted by someone named (third person: "has accepted"), no longer a fit
    ("position_closed", 1.1, _c(
        r"(?:decided|chosen|elected|decision) (?:made )?not to (?:offer|award) (?:the|this|our)"
        r" (?:\w+ )?(?:position|role|post|job|fellowship|appointment) to any"
        r"|not to (?:hire|appoint|select) any(?:one| of the (?:applicants|candidates))\b"
        r"|none of the (?:applicants|candidates)\b[^.!?\n]{0,30}? (?:was|were|has been|have been)"
        r" (?:selected|hired|appointed|offered)"
        r"|no (?:appointment|hire|selection) (?:was|has been|will be) made\b"
        r"|(?:search|recruitment|process) (?:has )?(?:ended|concluded|closed) without (?:a |an )?"
        r"(?:hire|appointment|offer|selection)"
        r"|\bhas (?:now |already |just |recently )?accepted (?:the|our|this|that) (?:\w+ ){0,2}?"
        r"(?:position|role|job|offer|post|appointment)\b"
    )),
    # ninth pass: an offer confirmed by the one it was made to (the post is taken)
    ("position_closed", 1.1, _c(
        r"(?:received|had|have|got) (?:\w+ )?(?:confirmation|acceptance|word) (?:\w+ )?from"
        r" (?:a|an|the|our) (?:\w+ )?(?:candidate|applicant|finalist)\b[^.!?\n]{0,40}?\boffered"
        r"|(?:candidate|applicant|finalist) (?:has |had )?confirmed (?:\w+ )?acceptance"
    )),
    # a take-home brief or test in the words briefs use (general: what the task is, what it is
    # for, and the test platforms by name)
    ("assessment", 1.0, _c(
        r"(?:assignments?|challenges?|exercises?|tasks?|tests?|assessments?) (?:is|are|will be)"
        r" (?:used|designed|meant|intended) (?:as|to|for)\b"
        r"|(?:we|i) (?:would )?(?:ask|like|want|invite|expect) you to (?:implement|build|write"
        r"|create|develop|design|solve|code|program|prototype)\b"
        r"|(?:your|the) (?:task|assignment|challenge|exercise) (?:is|will be) to\b"
        r"|(?:solve|complete|finish|pick|choose|attempt) (?:one|two|any|the following|these|this"
        r"|both|all) (?:of (?:the|these) )?(?:\w+ )?(?:challenges|exercises|tasks|problems"
        r"|assignments)\b"
    )),
    # the post gone, more words: a posting expired or taken down, its budget or headcount cut
    ("position_closed", 1.1, _c(
        r"(?:posting|advert|advertisement|listing|requisition|job ad)\b[^.!?\n]{0,30}? (?:has|have"
        r"|is|was) (?:now )?(?:expired|been archived|been removed|been taken down|been deactivated"
        r"|been unpublished)"
        r"|(?:funding|budget|headcount)\b[^.!?\n]{0,40}? (?:has been|was|have been|were) (?:cut"
        r"|withdrawn|eliminated|frozen|reallocated|removed|pulled)\b"
        r"|(?:role|position|vacancy|opening)\b[^.!?\n]{0,30}? (?:has been|was) (?:cut|pulled"
        r"|scrapped|dropped)\b"
    )),
    # an interview offered in other words: bring you in for, available ... to meet
    ("interview_invitation", 1.0, _c(
        r"(?:bring|have|get) you (?:in|back|on ?-?site|into (?:the|our) office)\b[^.!?\n]{0,40}?"
        r"(?:interview|meet|chat|conversation)"
        r"|(?:would|will|are) you be available\b[^.!?\n]{0,40}? to (?:meet|interview|speak|talk"
        r"|chat)"
    )),
    # the test only named: enough alone, not against an interview offered beside it
    ("assessment", 0.8, _c(
        r"(?:take[- ]home|take home|home) (?:assignment|test|task|exercise|project|challenge)"
        r"|(?:coding|programming|technical|design|writing|practical|skills?) (?:challenge"
        r"|exercise|task|assignment|test|assessment)s? (?:is|are|will|as part|to complete"
        r"|for you)\b"
        r"|\b(?:hirevue|pymetrics|wonderlic|criteria corp|shl|saville|vervoe|testdome|devskiller"
        r"|coderbyte|hackerearth|mettl|spark hire|willo|vidcruiter|sova|arctic shores)\b"
    )),
    # eighth pass, general forms of a rejection: others pursued, not taken forward, not among
    # the successful, not through to the next round
    ("rejection", 1.0, _c(
        r"(?:pursue|pursuing|progress|progressing|proceed|proceeding) (?:with )?(?:\w+ )?"
        r"(?:candidates|applicants) (?:with|whose|who|that)\b"
        r"|(?:not|n't) (?:been |be )?(?:taken|carried|put) forward\b"
        r"|not (?:among|one of) the successful\b"
        r"|(?:not|n't) (?:currently |yet )?in a position to (?:offer|make you|extend|move|proceed"
        r"|progress|take)\b(?! (?:\w+ )?(?:feedback|comments|advice|responses?|replies|reasons))"
        r"|(?:did not|didn't|will not|won't|have not|haven't|has not|hasn't) (?:\w+ )?(?:progress"
        r"|advance|move|proceed|make it|go) (?:\w+ )?(?:forward |through )?to the next (?:round"
        r"|stage|step|phase)"
    )),
    # eighth pass, general forms: a time asked for a test, an invitation to take part in one
    ("assessment", 1.0, _c(
        r"(?:availability|a time|a date|a slot) for (?:the|a|an|our|your) (?:\w+ ){0,2}?"
        r"(?:assessment|test|exercise|challenge)\b"
        r"|(?:participate|take part) in (?:the|a|an|our) (?:\w+ ){0,2}?(?:assessment|test"
        r"|exercise|challenge|survey|questionnaire)\b"
    )),
    # the test handed over, described or to sit (general: attached, its length, sitting it)
    ("assessment", 1.0, _c(
        r"(?:attached|enclosed|find attached|find enclosed|here is|here's|below is|link to)"
        r" (?:is |are )?(?:the |a |an |our |your )?(?:\w+ ){0,2}?(?:exercise|assignment"
        r"|case study|test|assessment|challenge|questionnaire)\b"
        r"|(?:test|assessment|exercise|assignment|questionnaire|challenge) (?:will|should|takes"
        r"|must|is expected to) (?:take|last|be completed|be submitted|be returned)\b"
        r"|\bsit (?:a|an|the|our) (?:\w+ ){0,2}?(?:test|exam\w*|assessment|paper)\b"
        r"|record (?:your )?(?:answers|responses|video responses)\b|\btrial (?:task|project)\b"
        r"|(?:your|the|our) (?:assessment|test) (?:link|invitation|invite)\b"
        r"|(?:assessment|test|exercise|challenge) (?:\w+ ){0,4}?is (?:now )?(?:ready|available|open"
        r"|live)\b"
        r"|next (?:step|stage|round) (?:(?:of|in) (?:the|our|this) (?:\w+ )?process )?(?:is|will be"
        r"|would be|involves)? ?,? ?(?:which is )?(?:to complete )?(?:a|an|our|the) (?:\w+ ){0,3}?"
        r"(?:assessment|test|task|exercise|challenge|assignment|questionnaire|case study)\b"
    )),
    # eighth pass, general forms: what you are asked to send, said as a request or as a gap
    ("request_info", 0.9, _c(
        r"(?:ask|request)\w* (?:that )?you (?:to )?(?:kindly )?(?:reply|respond|send|provide|submit"
        r"|share|upload|forward|fill|confirm|resend)\b"
        r"|request (?:the following|some|additional|further|more|a few|your) (?:\w+ )?"
        r"(?:information|details|documents|references)\b"
        r"|(?:did not|didn't|does not|doesn't) (?:include|contain|specify|mention|attach)"
        r" (?:a |an |the |your |any )?(?:\w+ )?(?:resume|cv|cover letter|position|job title"
        r"|portfolio|documents?|references?)\b"
    )),
    ("rejection", 0.9, _c(
        r"no longer (?:\w+ly )?(?:an? |the )?(?:good |right |strong |great |close )?(?:fit|match)\b"
        r"|(?:is|was|are|were) (?:\w+ly )?not (?:\w+ly )?(?:an? |the )?(?:good |right |strong "
        r"|great )?(?:fit|match) (?:any ?more|at this time|for (?:this|the|us))"
    )),
)  # fmt: skip

cue = _c
GAP, GAP_LONG, NOT, OTHERS, PEOPLE, KIND_CUES = _G, _GL, _NOT, _OTHERS, _PEOPLE, _CUES
