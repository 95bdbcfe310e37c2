// Add from posting: paste a posting (or arrive from the bookmarklet); the server reads its
// title, company, location and dates, the form is pre-filled, and the user corrects and saves.
import { api, post, ApiError } from '../api.js';
import { h, add, clear, isoToday, toast } from '../dom.js';
import { field, formAlert, guard, submitting, values, showErrors } from '../forms.js';
import { options } from '../vocabulary.js';
import * as posting from './posting.js';
import { navigate } from '../router.js';

export const ROUTE = 'add-from-posting';
export const MAX_PAYLOAD = 60000; // characters of the bookmarklet's payload in the URL fragment
const MAX_PASTE = 100000; // the server reads at most this much (posting_fields.MAX_INPUT)
const SURE = 0.8;
const READ = { title: 'position', company: 'company', location: 'location', closes_on: 'closes_on' };
const FLAGS = ['no_phone_calls', 'no_contact', 'only_shortlisted'];

/** The bookmarklet's payload from the fragment (?p=…): {u: url, t: title, s: selection, j: [JSON-LD]}. */
function payload(query) {
  const raw = query?.get('p');
  if (!raw || raw.length > MAX_PAYLOAD) return null;
  try {
    const p = JSON.parse(raw);
    return {
      url: typeof p.u === 'string' && /^https?:\/\//.test(p.u) ? p.u.slice(0, 2000) : '',
      title: typeof p.t === 'string' ? p.t.slice(0, 300) : '',
      text: typeof p.s === 'string' ? p.s.slice(0, MAX_PASTE) : '',
      jsonLd: Array.isArray(p.j) ? p.j.filter((b) => typeof b === 'string').slice(0, 5) : [],
    };
  } catch {
    return null;
  }
}

function readTag(name, found) {
  const unsure = found.confidence < SURE;
  return h('span', { class: `read-tag${unsure ? ' unsure' : ''}`, dataset: { readFrom: found.source, readField: name } },
    unsure ? 'Read from the posting: check it' : 'Read from the posting');
}

export async function render(root, _params, query) {
  const arrived = payload(query);
  if (arrived) history.replaceState(null, '', `#/${ROUTE}`); // a reload starts clean
  const source = { jsonLd: arrived?.jsonLd ?? [], title: arrived?.title ?? '' };
  const touched = new Set();
  const readFrom = {};

  const paste = h('form', { class: 'card stack', novalidate: true, dataset: { form: 'paste' } },
    h('h2', {}, '1. The posting'),
    formAlert(),
    field({ label: 'Posting text or HTML', name: 'posting', rows: 8, value: arrived?.text ?? '', maxlength: MAX_PASTE,
      hint: 'Paste the job posting: its text, or the page’s HTML (which often names the employer and closing date exactly).' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Read the posting')));

  const findings = h('div', { class: 'analysis', 'aria-live': 'polite', dataset: { analysis: '' } });
  const form = h('form', { class: 'card stack', novalidate: true, hidden: true, dataset: { form: 'quick-add' } },
    h('h2', {}, '2. Check and save'),
    h('p', { class: 'muted small' }, 'Fields marked “read from the posting” were filled in for you: correct anything that is wrong.'),
    formAlert(),
    h('div', { class: 'grid two' },
      field({ label: 'Position', name: 'position', required: true, maxlength: 200 }),
      field({ label: 'Company', name: 'company', required: true, maxlength: 200 }),
      field({ label: 'Location', name: 'location', maxlength: 200 }),
      field({ label: 'Applications close on', name: 'closes_on', type: 'date' }),
      field({ label: 'Applied on', name: 'applied_on', type: 'date', value: isoToday(), hint: 'Leave empty if you saved it to apply later.' }),
      field({ label: 'Status', name: 'status', value: 'applied', options: options('statuses') }),
      field({ label: 'Posting link', name: 'posting_url', type: 'url', value: arrived?.url ?? '', placeholder: 'https://' })),
    findings,
    h('fieldset', { class: 'constraints' },
      h('legend', {}, 'What the posting says about contact'),
      h('div', { class: 'grid two' },
        field({ label: 'No phone calls', name: 'no_phone_calls', type: 'checkbox' }),
        field({ label: 'No contact at all (no follow-up)', name: 'no_contact', type: 'checkbox' }),
        field({ label: 'Only shortlisted candidates are contacted', name: 'only_shortlisted', type: 'checkbox' }))),
    field({ label: 'Posting text (kept with the application)', name: 'posting_text', rows: 6 }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, 'Add application'),
      h('a', { class: 'btn ghost', href: '#/applications' }, 'Cancel')));

  const control = (name) => form.querySelector(`[data-field="${name}"]`);
  for (const el of form.querySelectorAll('[data-field]')) {
    el.addEventListener(el.type === 'checkbox' ? 'change' : 'input', () => {
      touched.add(el.dataset.field);
      el.closest('.field')?.querySelector('[data-read-from]')?.remove(); // the user's now
    });
  }

  function fill(name, found) {
    const el = control(name);
    const wrap = el.closest('.field');
    wrap.querySelector('[data-read-from]')?.remove();
    delete readFrom[name];
    if (touched.has(name)) return;
    el.value = found ? String(found.value) : '';
    if (!found) return;
    readFrom[name] = found.source;
    wrap.querySelector('label').after(readTag(name, found));
  }

  async function read() {
    const text = paste.querySelector('[data-field="posting"]').value;
    if (!text.trim() && !source.jsonLd.length) {
      showErrors(paste, new ApiError({ detail: 'Paste the posting first, or use the bookmarklet on its page.' }, 0));
      return;
    }
    const found = await post('/postings/read', { text, json_ld: source.jsonLd, page_title: source.title || null, reference_date: isoToday() });
    for (const [key, name] of Object.entries(READ)) fill(name, found[key]);
    if (!touched.has('posting_text')) control('posting_text').value = found.text;
    form.hidden = false;
    await analyze(found.text);
    (form.querySelector('[aria-invalid], [data-field="position"]'))?.focus();
  }

  async function analyze(text) {
    if (!text.trim()) { clear(findings); return; }
    const result = await posting.analyze(text, control('applied_on').value);
    posting.show(findings, text, result);
    for (const name of FLAGS) {
      const el = control(name);
      el.closest('.field').querySelector('[data-read-from]')?.remove();
      if (touched.has(name)) continue;
      el.checked = Boolean(result?.[name]) && (result.evidence || [])
        .filter((e) => e.finding === name).every((e) => (e.confidence ?? 1) >= (result.confident ?? SURE));
      if (el.checked) el.after(readTag(name, { source: 'text', confidence: 1 }));
    }
  }

  paste.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(paste, read);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = values(form);
    const missing = ['position', 'company'].filter((name) => !body[name]);
    if (missing.length) {
      showErrors(form, new ApiError({ errors: missing.map((name) => ({ field: name, message: `Enter the ${name}.` })) }, 0));
      return;
    }
    // Untouched flags are the server's to read from posting_text (it asks about unsure ones);
    // a closing date is sent when the JSON-LD said it (the text may not) or the user set it.
    for (const name of FLAGS) if (!touched.has(name)) delete body[name];
    if (!touched.has('closes_on') && readFrom.closes_on !== 'json_ld') delete body.closes_on;
    submitting(form, async () => {
      const saved = await api('/applications', { method: 'POST', body, headers: { 'Idempotency-Key': crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}` } });
      toast('Application added');
      navigate(`applications/${saved.id}`);
    });
  });

  add(root,
    h('header', { class: 'page-head' },
      h('div', {},
        h('a', { class: 'back', href: '#/applications' }, '← Applications'),
        h('h1', {}, 'Add from posting'),
        h('p', { class: 'muted' }, arrived ? `From ${arrived.title || arrived.url || 'the bookmarklet'}` : 'Paste a job posting: Touchbase fills in what it can read, and you check it.'))),
    paste, form);
  guard(paste); // once on the page (guard forgets forms that are not)
  guard(form);
  if (arrived && (arrived.text || arrived.jsonLd.length)) await submitting(paste, read);
}

/** The bookmarklet's code: sends this page's URL, title, selection and JobPosting JSON-LD here. */
export function bookmarkletCode(origin) {
  const code = `(()=>{const M=${MAX_PAYLOAD},d=document,b=[];`
    + 'for(const s of d.querySelectorAll(\'script[type="application/ld+json"]\')){let t=s.textContent||"";'
    + 'if(!/JobPosting/.test(t))continue;'
    + 'try{t=JSON.stringify(JSON.parse(t),(k,v)=>k==="description"&&typeof v==="string"?v.slice(0,8000):v)}catch(e){}'
    + 'b.push(t.slice(0,20000))}'
    + 'const p={u:location.href.slice(0,2000),t:d.title.slice(0,300),s:String(getSelection()).slice(0,20000),j:b.slice(0,3)};'
    + 'const e=()=>encodeURIComponent(JSON.stringify(p));let q=e();'
    + 'while(q.length>M&&p.s){p.s=p.s.slice(0,p.s.length>>1);q=e()}'
    + 'while(q.length>M&&p.j.length){p.j.pop();q=e()}'
    + `const u=${JSON.stringify(`${origin}/#/${ROUTE}?p=`)}+q;`
    + 'if(!window.open(u,"_blank"))location.href=u})()';
  return `javascript:${encodeURIComponent(code)}`;
}

/** The Integrations page's section offering the bookmarklet, with instructions. */
export function bookmarkletSection() {
  const link = h('a', { class: 'btn', href: bookmarkletCode(location.origin), dataset: { bookmarklet: '' } }, 'Add to Touchbase');
  // Clicked here it would do nothing useful (and this page's CSP refuses javascript: links).
  link.addEventListener('click', (event) => { event.preventDefault(); toast('Drag the button to your bookmarks bar, then use it on a job posting.'); });
  return h('section', { class: 'card stack', dataset: { bookmarkletSection: '' } },
    h('h2', {}, 'Add from any job posting'),
    h('p', {}, 'Drag this button to your browser’s bookmarks bar: ', link),
    h('ol', { class: 'small' },
      h('li', {}, 'Open a job posting on any site.'),
      h('li', {}, 'Optionally select the posting’s text.'),
      h('li', {}, 'Click “Add to Touchbase” in your bookmarks: a Touchbase tab opens with the form filled in from the posting (its title, company, location and closing date where the page states them).'),
      h('li', {}, 'Check the fields and save.')),
    h('p', { class: 'muted small' }, `It sends only the page’s address, title, your selection and the page’s JobPosting data, in the address of the new tab (at most ${MAX_PAYLOAD.toLocaleString('en')} characters); Touchbase fetches nothing from the job site. Or paste a posting on `, h('a', { href: `#/${ROUTE}` }, 'Add from posting'), '.'));
}
