// Add or edit an application; pasting the posting shows what it says about contact.
import { api, get, optional } from '../api.js';
import { h, debounce, isoToday, add } from '../dom.js';
import { field, formAlert, submitting, values, fill, guard, offerReapply, changedFields, showErrors } from '../forms.js';
import { options } from '../vocabulary.js';
import * as posting from './posting.js';
import { navigate } from '../router.js';

const CONSTRAINTS = ['no_phone_calls', 'no_contact', 'only_shortlisted', 'response_expected_on', 'closes_on'];
const DATES = new Set(['response_expected_on', 'closes_on']);
// The API's limits (openapi.yaml, ApplicationCreate): checked here before sending.
const MAX = { company: 200, position: 200, posting_url: 2000, posting_text: 50000, location: 200, source: 100, notes: 10000 };
const EVIDENCE = { response_expected_on: ['response_time', 'response_window', 'response_date'], closes_on: ['closes_on', 'response_date'] };

export async function render(root, { id }) {
  const editing = Boolean(id);
  let { data: app, etag } = editing ? await api(`/applications/${id}`, { raw: true }) : { data: { status: 'applied', applied_on: isoToday() }, etag: null };
  const policies = (await optional(get('/policies'), [])) || [];
  const fallback = policies.find((p) => p.is_default);
  const findings = h('div', { class: 'analysis', 'aria-live': 'polite', dataset: { analysis: '' } });
  const touched = new Set();

  const form = h('form', { class: 'card stack', novalidate: true, dataset: { form: 'application' } },
    formAlert(),
    h('div', { class: 'grid two' },
      field({ label: 'Company', name: 'company', value: app.company, required: true, maxlength: MAX.company }),
      field({ label: 'Position', name: 'position', value: app.position, required: true, maxlength: MAX.position }),
      field({ label: 'Applied on', name: 'applied_on', type: 'date', value: app.applied_on, hint: 'Leave empty if you saved it to apply later.' }),
      field({ label: 'Status', name: 'status', value: app.status, options: options('statuses') }),
      field({ label: 'Posting link', name: 'posting_url', type: 'url', value: app.posting_url, placeholder: 'https://', maxlength: MAX.posting_url, pattern: 'https?://\\S+', patternHint: 'Enter a web address that starts with https:// or http://.' }),
      field({ label: 'Location', name: 'location', value: app.location, maxlength: MAX.location }),
      field({ label: 'Source', name: 'source', value: app.source, maxlength: MAX.source, placeholder: 'LinkedIn, referral, careers page…' }),
      policies.length ? field({
        label: 'Follow-up policy', name: 'policy_id', value: app.policy_id ?? '',
        options: [['', `Default${fallback ? ` (${fallback.name})` : ''}`], ...policies.filter((p) => !p.is_default).map((p) => [p.id, p.name])],
      }) : null),
    field({ label: 'Posting text', name: 'posting_text', value: app.posting_text, rows: 8, maxlength: MAX.posting_text, hint: 'Paste the job posting: Touchbase reads what it says about calls, contact and response times.' }),
    findings,
    h('fieldset', { class: 'constraints' },
      h('legend', {}, 'What the posting says about contact'),
      h('div', { class: 'grid two' },
        field({ label: 'No phone calls', name: 'no_phone_calls', type: 'checkbox', value: app.no_phone_calls }),
        field({ label: 'No contact at all (no follow-up)', name: 'no_contact', type: 'checkbox', value: app.no_contact }),
        field({ label: 'Only shortlisted candidates are contacted', name: 'only_shortlisted', type: 'checkbox', value: app.only_shortlisted }),
        field({ label: 'They will respond by', name: 'response_expected_on', type: 'date', value: app.response_expected_on }),
        field({ label: 'Applications close on', name: 'closes_on', type: 'date', value: app.closes_on }))),
    field({ label: 'Notes', name: 'notes', value: app.notes, rows: 3, maxlength: MAX.notes }),
    editing ? field({ label: 'Archived (hidden from lists and Today)', name: 'archived', type: 'checkbox', value: app.archived }) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, editing ? 'Save changes' : 'Add application'),
      h('a', { class: 'btn ghost', href: editing ? `#/applications/${id}` : '#/applications' }, 'Cancel')));

  const control = (name) => form.querySelector(`[data-field="${name}"]`);
  for (const name of CONSTRAINTS) control(name).addEventListener('change', () => touched.add(name));

  async function runAnalysis(fill = true) {
    const text = control('posting_text').value;
    if (!text.trim()) { findings.replaceChildren(); return; }
    const result = await posting.analyze(text, control('applied_on').value);
    if (text !== control('posting_text').value) return; // typed on meanwhile
    posting.show(findings, text, result);
    if (!result || !fill) return;
    for (const name of CONSTRAINTS) {
      if (touched.has(name)) continue;
      // Unsure findings are the server's to ask about, on the application's page.
      const sure = (result.evidence || []).every((e) => (e.confidence ?? 1) >= (result.confident ?? 0.8) || !(EVIDENCE[name] || [name]).includes(e.finding));
      if (DATES.has(name)) control(name).value = (sure && result[name]) || '';
      else control(name).checked = sure && Boolean(result[name]);
    }
  }
  const later = debounce(() => runAnalysis().catch(() => {}), 500);
  control('posting_text').addEventListener('input', later);
  control('applied_on').addEventListener('change', later);
  // On edit, the saved constraints stand: the findings are shown, not applied.
  if (app.posting_text) runAnalysis(false).catch(() => {});

  guard(form);
  let base = values(form); // what the user started from: their changes are the difference

  /** After a 412: their version in the form, the user's own changes put back on top. */
  async function reapply() {
    const mine = values(form);
    const changed = changedFields(base, mine);
    const latest = await api(`/applications/${id}`, { raw: true });
    fill(form, { ...latest.data, policy_id: latest.data.policy_id ?? '' });
    app = latest.data;
    etag = latest.etag;
    const theirs = values(form);
    const clashes = changed.filter((name) => changedFields({ [name]: base[name] }, { [name]: theirs[name] }).length);
    fill(form, Object.fromEntries(changed.map((name) => [name, mine[name]])));
    base = theirs;
    const label = (name) => control(name)?.dataset.label || name;
    return [
      changed.length ? `Loaded the latest version and put back your changes to ${changed.map(label).join(', ')}.` : 'Loaded the latest version.',
      clashes.length ? ` Your change replaces theirs for ${clashes.map(label).join(', ')}.` : '',
      ' Check the form and save again.',
    ].join('');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = values(form);
    if ('policy_id' in body) body.policy_id = body.policy_id ? Number(body.policy_id) : null;
    // Constraints nobody changed are left to the server, which reads the posting itself (and
    // asks about what it is unsure of); a changed one is the user's choice and sticks.
    for (const name of CONSTRAINTS) if (!touched.has(name)) delete body[name];
    submitting(form, async () => {
      const saved = editing
        ? await api(`/applications/${id}`, { method: 'PATCH', body, headers: etag ? { 'If-Match': etag } : {} })
        : await api('/applications', { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}` } });
      navigate(`applications/${saved.id}`);
    }, { onError: (f, error) => (error.status === 412 && editing ? offerReapply(f, reapply) : showErrors(f, error)) });
  });

  add(root, 
    h('header', { class: 'page-head' },
      h('div', {},
        h('a', { class: 'back', href: editing ? `#/applications/${id}` : '#/applications' }, editing ? `← ${app.company}` : '← Applications'),
        h('h1', {}, editing ? 'Edit application' : 'Add an application'))),
    form);
}

