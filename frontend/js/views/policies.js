// Follow-up policies: edit the numbers, watch an example application's timeline move.
import { api, get, post, latest, isAborted } from '../api.js';
import { h, clear, debounce, formatDate, toast, add } from '../dom.js';
import { field, formAlert, submitting, values, showErrors, clearErrors, guard } from '../forms.js';
import { stateBadge } from './plan.js';
import { navigate } from '../router.js';
import { options, values as words } from '../vocabulary.js';

const EXAMPLE_APPLIED = '2026-03-02'; // a Monday, so the weekend rules show

function timeline(plan, example) {
  const points = [
    ['Applied', example.applied_on],
    example.response_expected_on ? ['They said they would reply by', example.response_expected_on] : null,
    plan.due_on ? ['Follow-up due', plan.due_on] : null,
    plan.window_closes_on ? ['Too late after', plan.window_closes_on] : null,
  ].filter(Boolean);
  return h('div', { class: 'sim', dataset: { simulation: '' } },
    h('ol', { class: 'sim-line' }, points.map(([label, day]) => h('li', { dataset: { point: label } },
      h('span', { class: 'sim-date' }, formatDate(day)), h('span', { class: 'sim-label' }, label)))),
    h('p', {}, 'Channels: ', plan.channels_allowed.length ? plan.channels_allowed.join(', ') : 'none'),
    h('ul', { class: 'reasons' }, plan.reasons.map((r) => h('li', {}, r.message))));
}

function editor(policy, onSaved) {
  const form = h('form', { class: 'card stack', novalidate: true, dataset: { form: 'policy' } },
    formAlert(),
    field({ label: 'Name', name: 'name', value: policy.name, required: true, maxlength: 100 }),
    h('div', { class: 'grid two' },
      field({ label: 'Wait before following up (days)', name: 'wait_days', type: 'number', min: 1, max: 90, value: policy.wait_days }),
      field({ label: 'Timely for (days after due)', name: 'window_days', type: 'number', min: 1, max: 90, value: policy.window_days }),
      field({ label: 'Follow-ups at most', name: 'max_follow_ups', type: 'number', min: 0, max: 5, value: policy.max_follow_ups }),
      field({ label: 'Grace after a stated reply date (days)', name: 'response_grace_days', type: 'number', min: 0, max: 30, value: policy.response_grace_days }),
      field({ label: 'Holiday country (with business days)', name: 'holiday_country', value: policy.holiday_country, placeholder: 'e.g. DE, US', maxlength: 3 })),
    h('div', { class: 'grid two' },
      field({ label: 'Count business days', name: 'business_days', type: 'checkbox', value: policy.business_days }),
      field({ label: 'Move weekend due dates to Monday', name: 'avoid_weekends', type: 'checkbox', value: policy.avoid_weekends }),
      options('channels').map(([channel, text]) => field({ label: text, name: `channel_${channel}`, type: 'checkbox', value: policy.channels.includes(channel) })),
      field({ label: 'Use for applications that name no policy (default)', name: 'is_default', type: 'checkbox', value: policy.is_default, disabled: policy.is_default, hint: policy.is_default ? 'To change the default, make another policy the default.' : null })),
    h('p', { class: 'field-error', dataset: { errorFor: 'channels' }, hidden: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, policy.id ? 'Save policy' : 'Create policy'),
      policy.id && !policy.is_default ? h('button', { type: 'button', class: 'btn ghost danger', dataset: { action: 'delete' }, onclick: remove }, 'Delete') : null));
  async function remove() {
    if (!confirm(`Delete “${policy.name}”? Its applications go back to the default policy.`)) return;
    try {
      await api(`/policies/${policy.id}`, { method: 'DELETE' });
      toast('Policy deleted');
      navigate('policies');
    } catch (error) { showErrors(form, error); }
  }
  const read = () => {
    const rest = values(form);
    const channels = words('channels').filter((channel) => rest[`channel_${channel}`]);
    for (const channel of words('channels')) delete rest[`channel_${channel}`];
    // The API takes country codes as written: DE, not de.
    const country = rest.holiday_country ? rest.holiday_country.toUpperCase() : rest.holiday_country;
    return { ...rest, holiday_country: country, channels };
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const saved = policy.id ? await api(`/policies/${policy.id}`, { method: 'PATCH', body: read() }) : await post('/policies', read());
      toast('Policy saved');
      onSaved(saved);
    });
  });
  guard(form);
  return { form, read };
}

export async function render(root, { id }) {
  const list = await get('/policies');
  const creating = id === 'new';
  const current = creating
    ? { ...list.find((p) => p.is_default), id: null, name: '', is_default: false }
    : list.find((p) => String(p.id) === id) || list.find((p) => p.is_default) || list[0];
  const sim = h('div', { 'aria-live': 'polite' });
  const stated = h('input', { type: 'checkbox', id: 'sim-stated' });
  const { form, read } = editor(current, (saved) => { navigate(`policies/${saved.id}`); if (String(saved.id) === id) render(clear(root), { id }); });

  const simulating = latest();
  async function simulate() {
    const example = { applied_on: EXAMPLE_APPLIED, status: 'applied', company: 'Northwind', has_contact_email: true, response_expected_on: stated.checked ? '2026-03-16' : null };
    try {
      const body = { policy: read(), application: example, events: [], on: EXAMPLE_APPLIED };
      const plan = await simulating('/policies/simulate', { method: 'POST', body });
      clearErrors(form);
      clear(sim, h('p', {}, 'Plan on the day of applying: ', stateBadge(plan.state)), timeline(plan, example));
    } catch (error) {
      if (isAborted(error)) return;
      showErrors(form, error);
      clear(sim, h('p', { class: 'muted small' }, 'Fix the marked settings to see the preview.'));
    }
  }
  form.addEventListener('input', debounce(simulate, 250));
  stated.addEventListener('change', simulate);

  add(root, 
    h('header', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Follow-up policy'), h('p', { class: 'muted' }, 'When to follow up, for how long, and how often.')),
      h('a', { class: 'btn', href: '#/policies/new' }, 'New policy')),
    list.length > 1 || creating ? h('nav', { class: 'tabs', 'aria-label': 'Policies' }, list.map((p) =>
      h('a', { href: `#/policies/${p.id}`, 'aria-current': !creating && p.id === current.id ? 'page' : null }, p.name, p.is_default ? ' (default)' : ''))) : null,
    h('div', { class: 'columns wide-left' },
      form,
      h('section', { class: 'card' },
        h('h2', {}, 'Preview'),
        h('p', { class: 'small muted' }, `An example application sent on ${formatDate(EXAMPLE_APPLIED)}.`),
        h('div', { class: 'field check' }, stated, h('label', { for: 'sim-stated' }, 'The posting says “we will reply within 2 weeks”')),
        sim)));
  await simulate();
}
