// Form building blocks: labelled fields with a slot for the API's error next to each.
import { h } from './dom.js';
import { ApiError } from './api.js';

let counter = 0;

/** A labelled control; `options` makes a select, `rows` a textarea, type 'checkbox' a checkbox. */
export function field({ label, name, type = 'text', value, options, rows, hint, required, ...attrs }) {
  const id = `f-${name}-${++counter}`;
  const errorId = `${id}-error`;
  const common = { id, name, required, 'aria-describedby': errorId, dataset: { field: name }, ...attrs };
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
  const help = hint ? h('p', { class: 'hint' }, hint) : null;
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
}

/** Puts each field problem next to its field; what matches no field goes in the form's alert. */
export function showErrors(form, error) {
  clearErrors(form);
  const problem = error instanceof ApiError ? error : new ApiError({ detail: String(error?.message || error) }, 0);
  const loose = [];
  let first = null;
  for (const item of problem.errors) {
    const message = String(item.message || '').replace(/^Value error, /, '');
    let name = String(item.field || (item.loc || []).slice(-1)[0] || '').replace(/^body\./, '');
    // Nested bodies ("policy.wait_days") name the form's field last.
    if (!form.querySelector(`[data-error-for="${CSS.escape(name)}"]`)) name = name.split('.').pop();
    // A whole-body check that names a field ("name cannot be null") belongs next to that field.
    const named = /^(\w+) cannot be null/.exec(message)?.[1];
    if (named && named !== name && form.querySelector(`[data-error-for="${CSS.escape(named)}"]`)) name = named;
    const slot = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    const text = item.line ? `Line ${item.line}: ${message}` : message;
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
      slot.hidden = false;
      const control = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
      control?.setAttribute('aria-invalid', 'true');
      first ??= control;
    } else {
      loose.push(name ? `${name}: ${text}` : text);
    }
  }
  const alert = form.querySelector('[data-form-error]');
  if (alert && (loose.length || !problem.errors.length)) {
    alert.textContent = loose.length ? loose.join(' ') : problem.detail || problem.title;
    alert.hidden = false;
  }
  (first || alert)?.focus?.();
}

/** Disables the submit button while `work` runs, and shows its errors on the form. */
export async function submitting(form, work) {
  const button = form.querySelector('[type="submit"]');
  if (button) button.disabled = true;
  clearErrors(form);
  try {
    return await work();
  } catch (error) {
    showErrors(form, error);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

export function errorBox(error) {
  const message = error?.notAvailable ? 'This part of Touchbase is not available on this server yet.' : error?.message || String(error);
  return h('div', { class: error?.notAvailable ? 'alert info' : 'alert error', role: 'alert' }, message);
}
