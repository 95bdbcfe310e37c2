// Webhooks on the Integrations page: add one (its secret shown once), pick its events, read
// its delivery log, redeliver, and see why Touchbase switched one off.
import { api, get, patch, post } from '../api.js';
import { h, clear, copyText, toast, add } from '../dom.js';
import { field, formAlert, guard, submitting, values } from '../forms.js';

const EVENTS = [
  ['application.created', 'An application is added'],
  ['application.updated', 'An application is changed'],
  ['application.deleted', 'An application is deleted'],
  ['event.created', 'An event is recorded on a timeline'],
  ['follow_up.recorded', 'A follow-up is recorded'],
  ['follow_up.due', 'A follow-up falls due (once, that morning)'],
  ['plan.changed', 'A plan changes'],
];

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');

function secretShown(secret) {
  const copy = h('button', { type: 'button', class: 'btn small', dataset: { action: 'copy' } }, 'Copy');
  copy.addEventListener('click', () => copyText(secret, copy));
  return h('div', { class: 'alert success', dataset: { webhookSecret: '' } },
    h('strong', {}, 'Copy the signing secret now: it is shown only once.'),
    h('p', { class: 'small' }, 'Verify each delivery’s webhook-signature header with it (Standard Webhooks).'),
    h('div', { class: 'secret-row' }, h('code', { dataset: { secret: '' } }, secret), copy));
}

function deliveryRow(hook, d, reload) {
  const redeliver = h('button', { type: 'button', class: 'btn small ghost', dataset: { action: 'redeliver' } }, 'Redeliver');
  redeliver.addEventListener('click', async () => {
    await post(`/webhooks/${hook.id}/deliveries/${d.id}/redeliver`);
    toast('Queued again');
    reload();
  });
  const outcome = d.status_code ? `HTTP ${d.status_code}` : (d.error || '');
  return h('tr', { dataset: { deliveryId: d.id, status: d.status } },
    h('td', {}, when(d.last_attempt_at || d.created_at)),
    h('td', {}, h('code', {}, d.event_type)),
    h('td', {}, d.status),
    h('td', {}, outcome),
    h('td', {}, d.duration_ms == null ? '' : `${d.duration_ms} ms`),
    h('td', {}, String(d.attempt)),
    h('td', {}, d.response_body ? h('details', {}, h('summary', {}, 'Response'), h('pre', { class: 'small' }, d.response_body))
      : (d.error && d.status_code ? d.error : '')),
    h('td', {}, redeliver));
}

async function deliveryLog(hook, box) {
  async function reload() {
    const page = await get(`/webhooks/${hook.id}/deliveries`, { limit: 25 });
    clear(box, page.items.length
      ? h('table', { class: 'table small', dataset: { deliveryLog: '' } },
        h('thead', {}, h('tr', {}, ['Time', 'Event', 'Status', 'Answer', 'Took', 'Attempt', '', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, page.items.map((d) => deliveryRow(hook, d, reload))))
      : h('p', { class: 'empty muted', dataset: { deliveryLog: '' } }, 'Nothing sent yet.'));
  }
  await reload();
}

function hookRow(hook, reload) {
  const log = h('div', {});
  const button = (label, action, fn) => {
    const b = h('button', { type: 'button', class: 'btn small ghost', dataset: { action } }, label);
    b.addEventListener('click', fn);
    return b;
  };
  const secret = h('div', { 'aria-live': 'polite' });
  const actions = [
    button('Send a ping', 'ping', async () => { await post(`/webhooks/${hook.id}/ping`); toast('Ping queued'); deliveryLog(hook, log); }),
    button('Delivery log', 'log', () => deliveryLog(hook, log)),
    button('New secret', 'rotate', async () => {
      if (!confirm('Replace the signing secret? Deliveries are signed with the new one at once.')) return;
      clear(secret, secretShown((await post(`/webhooks/${hook.id}/rotate-secret`)).secret));
    }),
    button(hook.enabled ? 'Turn off' : 'Turn on', 'toggle', async () => { await patch(`/webhooks/${hook.id}`, { enabled: !hook.enabled }); reload(); }),
    button('Delete', 'delete', async () => {
      if (!confirm(`Delete the webhook to ${hook.url}?`)) return;
      await api(`/webhooks/${hook.id}`, { method: 'DELETE' });
      toast('Webhook deleted');
      reload();
    }),
  ];
  const warning = hook.disabled_reason
    ? h('p', { class: 'alert warning', role: 'status', dataset: { switchedOff: '' } }, hook.disabled_reason, ' Turn it on again once the receiver answers.')
    : null;
  return h('li', { class: 'row stack', dataset: { webhookId: hook.id } },
    h('div', { class: 'row-main' },
      h('span', { class: 'row-title' }, h('code', {}, hook.url)),
      h('span', { class: 'row-sub' }, `${hook.enabled ? 'On' : 'Off'} · ${hook.event_types.join(', ')}`)),
    warning, secret,
    h('div', { class: 'actions' }, actions),
    log);
}

export async function webhooks() {
  const box = h('section', { class: 'card stack', dataset: { webhooks: '' } });
  const created = h('div', { 'aria-live': 'polite' });
  const checks = EVENTS.map(([type, label]) => field({ label: `${label} (${type})`, name: `event:${type}`, type: 'checkbox' }));
  const form = h('form', { class: 'stack', novalidate: true, dataset: { form: 'webhook' } },
    formAlert(),
    field({ label: 'Webhook URL', name: 'url', type: 'url', required: true, placeholder: 'https://example.com/hooks/touchbase' }),
    h('fieldset', { class: 'stack' }, h('legend', {}, 'Send these events'), checks),
    h('p', { class: 'field-error', dataset: { errorFor: 'event_types' }, hidden: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Add webhook')));
  const list = h('div', {});
  async function reload() {
    const all = await get('/webhooks');
    clear(list, all.length ? h('ul', { class: 'rows' }, all.map((w) => hookRow(w, reload)))
      : h('p', { class: 'empty muted' }, 'No webhooks yet. Add one to hear of changes without polling.'));
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = values(form);
    const types = EVENTS.map(([type]) => type).filter((type) => v[`event:${type}`]);
    submitting(form, async () => {
      const hook = await post('/webhooks', { url: v.url ?? '', event_types: types });
      form.reset();
      clear(created, secretShown(hook.secret));
      await reload();
    });
  });
  guard(form);
  add(box, h('h2', {}, 'Webhooks'),
    h('p', { class: 'small muted' }, 'Touchbase POSTs each event as signed JSON (Standard Webhooks headers) and retries for about a day.'),
    form, created, list);
  await reload();
  return box;
}
