// "Paste a reply": Touchbase reads the employer's reply, shows it as a proposed timeline
// event with its news filled in and the evidence highlighted; the user edits or confirms,
// and one click records it (POST /applications/{id}/replies).
import { api } from '../api.js';
import { h, clear, isoToday, toast } from '../dom.js';
import { field, formAlert, showErrors, submitting, values } from '../forms.js';
import { label } from '../vocabulary.js';

const KINDS = [
  ['acknowledgment', 'Acknowledgment: they received it'],
  ['rejection', 'Rejection'],
  ['interview_invitation', 'Interview invitation'],
  ['assessment', 'Assessment: a test or task'],
  ['offer', 'Offer'],
  ['request_info', 'They ask for something'],
  ['position_closed', 'Position closed'],
  ['other', 'Other'],
];
const FINDING_LABELS = {
  kind: 'what it is',
  position_still_open: 'position still open',
  applicant_count: 'how many applied',
  interviews_being_scheduled: 'interviews being scheduled',
  still_under_consideration: 'still under consideration',
  response_window: 'when you hear next',
  future_openings_invited: 'future openings',
  feedback_offered: 'feedback',
};
const YES_NO = [['', 'Not said'], ['true', 'Yes'], ['false', 'No']];
const FEEDBACK = [['', 'Not said'], ['offered', 'Offered'], ['refused', 'Refused']];

/** The pasted text with each evidence sentence marked (text nodes only, never HTML). */
function highlighted(text, evidence, end) {
  const spans = [...new Map(evidence.map((e) => [e.start, e])).values()].sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const e of spans) {
    if (e.start < at) continue;
    out.push(text.slice(at, e.start));
    const names = evidence.filter((x) => x.start === e.start).map((x) => FINDING_LABELS[x.finding]).join(', ');
    out.push(h('mark', { title: names, dataset: { evidence: e.start } }, text.slice(e.start, e.end)));
    at = e.end;
  }
  out.push(text.slice(at, end));
  return h('blockquote', { class: 'evidence prewrap', dataset: { replyEvidence: '' } }, out);
}

function proposal(id, data, done) {
  const { analysis, outcome } = data;
  const unsure = new Set(analysis.unsure);
  const news = outcome.news;
  const sure = (name) => (unsure.has(name) ? ' (please check)' : '');
  const form = h('form', { class: 'card inset stack', novalidate: true, dataset: { form: 'reply-proposal' } },
    h('h3', { class: 'small-head' }, `Proposed: ${label('event_kinds', outcome.event_kind)}`,
      outcome.status ? ` · status ${label('statuses', outcome.status)}` : ''),
    formAlert(),
    highlighted(data.text, analysis.evidence, analysis.quoted_from ?? data.text.length),
    analysis.quoted_from != null ? h('p', { class: 'small muted' }, 'The quoted earlier messages below the reply were not read.') : null,
    h('div', { class: 'grid two' },
      field({ label: `Kind${sure('kind')}`, name: 'kind', value: outcome.kind, options: KINDS }),
      field({ label: 'Received on', name: 'received_on', type: 'date', value: outcome.occurred_on })),
    h('fieldset', { class: 'news' }, h('legend', {}, 'News it carried'),
      h('div', { class: 'grid two' },
        field({ label: `Position still open?${sure('position_still_open')}`, name: 'position_still_open', value: news.position_still_open ?? '', options: YES_NO }),
        field({ label: 'How many applied', name: 'applicant_count', type: 'number', min: 0, value: news.applicant_count ?? '' }),
        field({ label: 'Interviews being scheduled', name: 'interviews_being_scheduled', type: 'checkbox', value: news.interviews_being_scheduled }),
        field({ label: 'Still under consideration', name: 'still_under_consideration', type: 'checkbox', value: news.still_under_consideration }),
        field({ label: `You hear next within (days)${sure('response_window')}`, name: 'response_within_days', type: 'number', min: 1, max: 365, value: analysis.response_within_days ?? '' }),
        field({ label: 'Business days', name: 'response_business_days', type: 'checkbox', value: analysis.response_business_days }),
        field({ label: `They keep you in mind for future openings${sure('future_openings_invited')}`, name: 'future_openings_invited', type: 'checkbox', value: analysis.future_openings_invited }),
        field({ label: `Feedback${sure('feedback_offered')}`, name: 'feedback_offered', value: analysis.feedback_offered ?? '', options: FEEDBACK }))),
    field({ label: 'Summary', name: 'summary', rows: 2, value: outcome.summary ?? '' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary', dataset: { action: 'record-reply' } }, 'Record it'),
      h('button', { type: 'button', class: 'btn ghost', onclick: () => form.remove() }, 'Cancel')));
  const key = crypto.randomUUID();  // one click records once, even when retried
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = values(form);
    const body = {
      text: data.text,
      received_on: v.received_on,
      kind: v.kind,
      position_still_open: v.position_still_open === null ? null : v.position_still_open === 'true',
      applicant_count: v.applicant_count,
      interviews_being_scheduled: v.interviews_being_scheduled,
      still_under_consideration: v.still_under_consideration,
      response_within_days: v.response_within_days,
      response_business_days: v.response_business_days,
      future_openings_invited: v.future_openings_invited,
      feedback_offered: v.feedback_offered,
      summary: v.summary,
    };
    submitting(form, async () => {
      await api(`/applications/${id}/replies`, { method: 'POST', body, headers: { 'Idempotency-Key': key } });
      toast('Reply recorded');
      done();
    });
  });
  return form;
}

/** The "Paste a reply" card for application `id`; `refresh` redraws the page after recording. */
export function section(id, refresh) {
  const slot = h('div', {});
  const form = h('form', { class: 'stack', novalidate: true, dataset: { form: 'reply' } },
    formAlert(),
    field({ label: "The employer's reply", name: 'text', rows: 5, maxlength: 50000, hint: 'Paste the whole email; quoted earlier messages are left out.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn', dataset: { action: 'read-reply' } }, 'Read it')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { text } = values(form);
    if (!text) return;
    try {
      const data = await api(`/applications/${id}/replies`, { method: 'POST', body: { text, received_on: isoToday(), dry_run: true } });
      clear(slot, proposal(id, { ...data, text }, refresh));
    } catch (error) { showErrors(form, error); }
  });
  return h('section', { class: 'card', dataset: { pasteReply: '' } },
    h('details', { class: 'add' }, h('summary', {}, 'Paste a reply'), form, slot));
}
