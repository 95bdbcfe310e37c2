// Form building blocks: labelled fields, checks in the browser before sending, and every
// problem (the browser's or the API's) in plain words next to its field (messages.js words them).
import { h } from './dom.js';
import { ApiError } from './api.js';
import { browserProblem, labelOf, problemSentence, sentence, serverSentence } from './messages.js';

// The API's date bounds (app/inputs.py FIRST_DAY, LAST_DAY): a date field offers no other.
const FIRST_DAY = '1900-01-01';
const LAST_DAY = '2999-12-31';
let counter = 0;

/**
 * A labelled control; `options` makes a select, `rows` a textarea, type 'checkbox' a checkbox.
 * `noun` names it in messages ("Enter your email"); `patternHint` explains a `pattern`.
 */
export function field({ label, name, type = 'text', value, options, rows, hint, required, noun, patternHint, ...attrs }) {
  const id = `f-${name}-${++counter}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const bounds = type === 'date' ? { min: FIRST_DAY, max: LAST_DAY } : {};
  const common = {
    id, name, required, ...bounds, 'aria-describedby': hint ? `${hintId} ${errorId}` : errorId,
    dataset: { field: name, label, ...(noun ? { noun } : {}), ...(patternHint ? { patternHint } : {}) }, ...attrs,
  };
  let control;
  if (options) {
    control = h('select', common, options.map(([v, text]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, text)));
  } else if (rows) {
    control = h('textarea', { ...common, rows, value: value ?? '' });
  } else if (type === 'checkbox') {
    control = h('input', { ...common, type, checked: Boolean(value) });
  } else {
    control = h('input', { ...common, type, value: value ?? '' });
  }
  const error = h('p', { class: 'field-error', id: errorId, dataset: { errorFor: name }, hidden: true });
  const help = hint ? h('p', { class: 'hint', id: hintId }, hint) : null;
  if (type === 'checkbox') {
    return h('div', { class: 'field check' }, control, h('label', { for: id }, label), help, error);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null), control, help, error);
}

export function formAlert() {
  return h('div', { class: 'alert error', role: 'alert', tabindex: '-1', dataset: { formError: '' }, hidden: true });
}

/** The form's values: empty text is null, checkboxes are booleans, numbers are numbers. */
export function values(form) {
  const out = {};
  for (const el of form.querySelectorAll('[data-field]')) {
    const name = el.dataset.field;
    if (el.type === 'checkbox') out[name] = el.checked;
    else if (el.type === 'number') out[name] = el.value === '' ? null : Number(el.value);
    else out[name] = el.value.trim() === '' ? null : el.value;
  }
  return out;
}

export function clearErrors(form) {
  for (const el of form.querySelectorAll('[data-error-for]')) { el.hidden = true; el.textContent = ''; }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const alert = form.querySelector('[data-form-error]');
  if (alert) { alert.hidden = true; alert.textContent = ''; }
  form.querySelector('[data-conflict]')?.remove();
}

const controlFor = (form, name) => form.querySelector(`[data-field="${CSS.escape(name)}"]`);
const slotFor = (form, name) => form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);

/** Shows `text` next to the field `name`; false when the form has no such field. */
function mark(form, name, text) {
  const slot = slotFor(form, name);
  if (!slot) return false;
  slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
  slot.hidden = false;
  controlFor(form, name)?.setAttribute('aria-invalid', 'true');
  return true;
}

function focusFirst(form) {
  const first = form.querySelector('[aria-invalid="true"]') || form.querySelector('[data-form-error]:not([hidden])');
  first?.focus?.();
}

/**
 * Checks every field with the browser's constraint checks (required, type, minlength,
 * maxlength, min, max, pattern) and marks each problem in words; true when all is well.
 */
export function validate(form) {
  clearErrors(form);
  const wrong = [];
  for (const control of form.querySelectorAll('[data-field]')) {
    const problem = browserProblem(control);
    if (!problem) continue;
    const name = control.dataset.field;
    mark(form, name, sentence(problem, control, name));
    wrong.push(labelOf(control, name));
  }
  if (!wrong.length) return true;
  const alert = form.querySelector('[data-form-error]');
  if (alert) {
    alert.textContent = wrong.length === 1 ? `Check ${wrong[0].toLowerCase()}, marked below.` : `Check the ${wrong.length} marked fields: ${wrong.join(', ')}.`;
    alert.hidden = false;
  }
  focusFirst(form);
  return false;
}

/** Puts each field problem next to its field, in words; what matches no field goes in the form's alert. */
export function showErrors(form, error) {
  clearErrors(form);
  const problem = error instanceof ApiError ? error : new ApiError({ detail: String(error?.message || error) }, 0);
  const loose = [];
  for (const item of problem.errors) {
    const message = String(item.message || '').replace(/^Value error, /, '');
    let name = String(item.field || (item.loc || []).slice(-1)[0] || '').replace(/^body\./, '');
    // Nested bodies ("policy.wait_days") name the form's field last.
    if (!slotFor(form, name)) name = name.split('.').pop();
    // A whole-body check that names a field ("name cannot be null") belongs next to that field.
    const named = /^(\w+) cannot be null/.exec(message)?.[1];
    if (named && named !== name && slotFor(form, named)) name = named;
    const words = serverSentence(item, controlFor(form, name), name);
    const text = item.line ? `Line ${item.line}: ${words}` : words;
    if (!mark(form, name, text)) loose.push(text);
  }
  const alert = form.querySelector('[data-form-error]');
  if (alert && (loose.length || !problem.errors.length)) {
    alert.textContent = loose.length ? loose.join(' ') : problemSentence(problem);
    alert.hidden = false;
  }
  focusFirst(form);
}

/**
 * Checks the form, then runs `work` with the submit button disabled; a problem is shown on
 * the form (by `onError`, default showErrors). Success marks the form saved (see guard()).
 */
export async function submitting(form, work, { onError = showErrors } = {}) {
  if (!validate(form)) return undefined;
  const button = form.querySelector('[type="submit"]');
  if (button) button.disabled = true;
  try {
    const result = await work();
    markSaved(form);
    return result;
  } catch (error) {
    onError(form, error);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** Sets the form's controls from `data` (the inverse of values()), for the fields it names. */
export function fill(form, data) {
  for (const control of form.querySelectorAll('[data-field]')) {
    const name = control.dataset.field;
    if (!(name in data)) continue;
    if (control.type === 'checkbox') control.checked = Boolean(data[name]);
    else control.value = data[name] ?? '';
  }
}

// --- unsaved changes: guarded forms ask before the page or the route is left ---------------

const guarded = new Map(); // form → its values as last loaded or saved (JSON)
const snapshot = (form) => JSON.stringify(values(form));

/** From now on, leaving with changes to this form asks first (router.js and beforeunload). */
export function guard(form) {
  guarded.set(form, snapshot(form)); // the router forgets them when the screen is replaced
  return form;
}

/** The form's current values are saved: leaving no longer asks. */
export function markSaved(form) {
  if (guarded.has(form)) guarded.set(form, snapshot(form));
}

/** True when a form on the page has changes that were not saved. */
export function hasUnsavedChanges() {
  for (const [form, saved] of guarded) {
    if (form.isConnected && snapshot(form) !== saved) return true;
  }
  return false;
}

/** Forgets every guarded form (the user chose to leave them). */
export function forgetUnsaved() {
  guarded.clear();
}

window.addEventListener('beforeunload', (event) => {
  if (!hasUnsavedChanges()) return;
  event.preventDefault();
  event.returnValue = ''; // older browsers need it set to show their own question
});

// --- edit conflicts ----------------------------------------------------------------------

/**
 * Someone else saved first (412): offers to load their version and put the user's own
 * changes back on top. `reapply` does that and resolves to a sentence saying what it did.
 */
export function offerReapply(form, reapply) {
  clearErrors(form);
  const button = h('button', { type: 'button', class: 'btn small', dataset: { action: 'reapply' } }, 'Reload and reapply my changes');
  const box = h('div', { class: 'alert warning', role: 'alert', tabindex: '-1', dataset: { conflict: '' } },
    h('p', {}, 'Someone else changed this since you opened it (in another tab or on another device), so your changes are not saved yet.'),
    h('p', {}, 'Reload their version and put your changes back on top, then check and save again.'),
    button);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const done = await reapply();
      box.replaceWith(h('div', { class: 'alert info', role: 'status', dataset: { conflict: '', reapplied: '' } }, done));
    } catch (error) {
      box.remove();
      showErrors(form, error);
    }
  });
  form.prepend(box);
  box.focus();
}

/** The fields whose values differ between two values() results. */
export function changedFields(before, after) {
  return Object.keys(after).filter((name) => JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null));
}

export function errorBox(error) {
  const message = error?.notAvailable ? 'This part of Touchbase is not available on this server yet.' : error instanceof ApiError ? problemSentence(error) : error?.message || String(error);
  return h('div', { class: error?.notAvailable ? 'alert info' : 'alert error', role: 'alert' }, message);
}
