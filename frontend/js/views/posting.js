// Posting analysis: detected constraints, each with its sentence highlighted in context;
// the unsure ones asked as questions, and where each constraint came from.
import { api, latest, optional } from '../api.js';
import { h, clear, formatDate, toast } from '../dom.js';

const FINDINGS = {
  no_phone_calls: 'No phone calls',
  no_contact: 'No contact at all',
  only_shortlisted: 'Only shortlisted candidates hear back',
  response_time: 'Stated response time',
  response_window: 'Stated response time',
  response_date: 'Stated response date',
  closes_on: 'Closing date',
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
  const language = languageNote(analysis.language, analysis.language_message);
  if (!analysis.evidence?.length) {
    clear(panel, language || h('p', { class: 'muted small' }, 'Nothing in the posting limits how you follow up.'));
    return;
  }
  const confident = analysis.confident ?? 0.8;
  const when = (item) => {
    if (item.finding === 'closes_on' && analysis.closes_on) return ` (${formatDate(analysis.closes_on)})`;
    if (item.finding.startsWith('response') && analysis.window_counts_from === 'closing_date') return ' (counted from the closing date)';
    if (item.finding.startsWith('response') && analysis.response_expected_on) return ` (by ${formatDate(analysis.response_expected_on)})`;
    return '';
  };
  clear(panel,
    language,
    h('p', { class: 'small-head' }, 'Detected in the posting'),
    h('ul', { class: 'findings', dataset: { findings: '' } }, analysis.evidence.map((item) =>
      h('li', { dataset: { finding: item.finding, sure: String((item.confidence ?? 1) >= confident) } },
        h('strong', {}, FINDINGS[item.finding] || item.finding, when(item)),
        (item.confidence ?? 1) < confident ? h('span', { class: 'muted small' }, ' · unsure: you will be asked before it applies') : null,
        highlighted(text, item.start, item.end)))),
    h('p', { class: 'muted small' }, 'Each sure one is set below; change it if the employer told you otherwise.'));
}

/** "This posting is not in English…": said instead of silently finding nothing. */
export function languageNote(language, message) {
  if (!message) return null;
  return h('p', { class: 'alert', role: 'status', dataset: { postingLanguage: language || 'und' } }, message);
}

/** The findings the reader is unsure of, each a question with its evidence: Apply / Dismiss. */
export function questions(app, onAnswered) {
  if (!app.posting_questions?.length) return null;
  return h('ul', { class: 'findings', dataset: { postingQuestions: '' } }, app.posting_questions.map((q) => {
    const answer = (apply) => async (event) => {
      for (const button of event.currentTarget.parentElement.querySelectorAll('button')) button.disabled = true;
      try {
        await api(`/applications/${app.id}/posting-questions/${q.finding}`, { method: 'POST', body: { apply } });
        toast(apply ? 'Applied to the plan' : 'Dismissed: it will not be asked again');
        onAnswered();
      } catch (error) {
        toast(error.message);
        for (const button of event.currentTarget?.parentElement?.querySelectorAll('button') ?? []) button.disabled = false;
      }
    };
    return h('li', { dataset: { question: q.finding } },
      h('strong', {}, q.question),
      highlighted(app.posting_text || '', q.start, q.end),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn primary', dataset: { answer: 'apply' }, onclick: answer(true) }, 'Apply'),
        h('button', { type: 'button', class: 'btn ghost', dataset: { answer: 'dismiss' }, onclick: answer(false) }, 'Dismiss')));
  }));
}

function windowWords(app) {
  const days = app.response_window_days;
  if (days == null) return null;
  let span;
  if (app.response_window_business) span = `${days} business day${days === 1 ? '' : 's'}`;
  else if (days % 7 === 0) span = `${days / 7} week${days === 7 ? '' : 's'}`;
  else span = `${days} day${days === 1 ? '' : 's'}`;
  return app.window_counts_from === 'closing_date' ? `They respond within ${span} of the closing date` : `They respond within ${span} of your application`;
}

/** Each posting constraint, where it came from (the posting or you), and a switch to override it. */
export function sources(app, onChanged) {
  const mine = new Set(app.user_set || []);
  const from = (name) => h('span', { class: 'muted small', dataset: { source: mine.has(name) ? 'you' : 'posting' } },
    mine.has(name) ? ' · you said so' : ' · from the posting');
  // A flag is the user's to set either way (PATCH); the window is the posting's, applied or not.
  const flip = (name, value) => async () => {
    try {
      if (name === 'response_window') await api(`/applications/${app.id}/posting-questions/${name}`, { method: 'POST', body: { apply: value } });
      else await api(`/applications/${app.id}`, { method: 'PATCH', body: { [name]: value } });
      onChanged();
    } catch (error) { toast(error.message); }
  };
  const flags = [
    ['no_contact', 'No contact at all'],
    ['no_phone_calls', 'No phone calls'],
    ['only_shortlisted', 'Only shortlisted candidates are contacted'],
  ];
  const rows = flags.filter(([name]) => app[name]).map(([name, text]) => h('li', { class: 'chip', dataset: { constraint: name } },
    text, from(name), ' ', h('button', { type: 'button', class: 'chip-button', dataset: { override: name }, onclick: flip(name, false) }, 'Turn off')));
  const windowText = windowWords(app);
  if (windowText) {
    rows.push(h('li', { class: 'chip', dataset: { constraint: 'response_window' } }, windowText, from('response_window'), ' ',
      h('button', { type: 'button', class: 'chip-button', dataset: { override: 'response_window' }, onclick: flip('response_window', false) }, 'Turn off')));
  }
  if (app.closes_on) rows.push(h('li', { class: 'chip', dataset: { constraint: 'closes_on' } }, `Applications close ${formatDate(app.closes_on)}`, from('closes_on')));
  if (app.response_expected_on) {
    rows.push(h('li', { class: 'chip', dataset: { constraint: 'response_expected_on' } }, `They respond by ${formatDate(app.response_expected_on)}`));
  }
  const off = flags.filter(([name]) => !app[name] && mine.has(name));
  return [
    rows.length
      ? h('ul', { class: 'chips', dataset: { constraints: '' } }, rows)
      : h('p', { class: 'muted small' }, 'The posting sets no limits on contact.'),
    off.length
      ? h('p', { class: 'muted small', dataset: { dismissed: '' } }, 'You said the posting does not ask for: ',
        off.map(([name, text], i) => [i ? ', ' : '', h('span', { dataset: { dismissedFinding: name } }, text.toLowerCase()), ' (',
          h('button', { type: 'button', class: 'chip-button', dataset: { restore: name }, onclick: flip(name, true) }, 'turn on'), ')']))
      : null,
  ];
}
