// Posting analysis: detected constraints, each with its sentence highlighted in context.
import { latest, optional } from '../api.js';
import { h, clear, formatDate } from '../dom.js';

const FINDINGS = {
  no_phone_calls: 'No phone calls',
  no_contact: 'No contact at all',
  only_shortlisted: 'Only shortlisted candidates hear back',
  response_time: 'Stated response time',
  response_date: 'Stated response date',
};

/** The text around [start, end) with that part in a <mark>; everything via text nodes. */
export function highlighted(text, start, end, context = 80) {
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  // Cut the context at word boundaries.
  if (from > 0) { const space = text.indexOf(' ', from); if (space !== -1 && space < start) from = space + 1; }
  if (to < text.length) { const space = text.lastIndexOf(' ', to); if (space > end) to = space; }
  return h('blockquote', { class: 'evidence' },
    from > 0 ? '…' : '', text.slice(from, start),
    h('mark', {}, text.slice(start, end)),
    text.slice(end, to), to < text.length ? '…' : '');
}

const analyzing = latest(); // typing on cancels the analysis of the text before

export async function analyze(text, referenceDate) {
  const body = { text, reference_date: referenceDate || null };
  return optional(analyzing('/postings/analyze', { method: 'POST', body }), undefined);
}

/** Renders the analysis into `panel`; returns nothing. `analysis` undefined = not available. */
export function show(panel, text, analysis) {
  if (analysis === undefined) {
    clear(panel, h('p', { class: 'muted small' }, 'Posting analysis is not available on this server yet; set the constraints yourself.'));
    return;
  }
  if (!analysis.evidence?.length) {
    clear(panel, h('p', { class: 'muted small' }, 'Nothing in the posting limits how you follow up.'));
    return;
  }
  clear(panel,
    h('h3', { class: 'small-head' }, 'Detected in the posting'),
    h('ul', { class: 'findings', dataset: { findings: '' } }, analysis.evidence.map((item) =>
      h('li', { dataset: { finding: item.finding } },
        h('strong', {}, FINDINGS[item.finding] || item.finding,
          item.finding.startsWith('response') && analysis.response_expected_on ? ` (by ${formatDate(analysis.response_expected_on)})` : ''),
        highlighted(text, item.start, item.end)))),
    h('p', { class: 'muted small' }, 'Each one is set below; change it if the employer told you otherwise.'));
}
