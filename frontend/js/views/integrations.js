// Integrations: personal access tokens (shown once), the private calendar feed and webhooks.
import { api, get, post, optional } from '../api.js';
import { h, clear, copyText, formatDate, toast, add } from '../dom.js';
import { field, formAlert, submitting, values } from '../forms.js';
import { problemSentence } from '../messages.js';
import { webhooks } from './webhooks.js';
import { bookmarkletSection } from './quick-add.js';

function secretBox(label, secret, extra) {
  const copy = h('button', { type: 'button', class: 'btn small', dataset: { action: 'copy' } }, 'Copy');
  copy.addEventListener('click', () => copyText(secret, copy));
  return h('div', { class: 'secret' },
    h('p', { class: 'small' }, label),
    h('div', { class: 'secret-row' }, h('code', { dataset: { secret: '' } }, secret), copy),
    extra);
}

function tokenRow(token, revoked) {
  const revoke = h('button', { type: 'button', class: 'btn small ghost danger', dataset: { action: 'revoke' } }, 'Revoke');
  revoke.addEventListener('click', () => {
    if (confirm(`Revoke “${token.name}”? Anything using it stops working.`)) revoked(token);
  });
  return h('li', { class: 'row', dataset: { tokenId: token.id } },
    h('div', { class: 'row-main' },
      h('span', { class: 'row-title' }, token.name),
      h('span', { class: 'row-sub' }, h('code', {}, `${token.prefix}…`), ` · ${token.scopes.join(' + ')} · created ${formatDate(token.created_at)}`,
        token.expires_at ? ` · expires ${formatDate(token.expires_at)}` : ' · never expires')),
    h('div', { class: 'row-meta' }, revoke));
}

async function tokens() {
  const box = h('section', { class: 'card stack', dataset: { tokens: '' } });
  const created = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', novalidate: true, dataset: { form: 'token' } },
    formAlert(),
    h('div', { class: 'grid three' },
      field({ label: 'Name', name: 'name', required: true, maxlength: 100, placeholder: 'e.g. My scripts' }),
      field({ label: 'Access', name: 'access', value: 'read', options: [['read', 'Read only'], ['write', 'Read and write']] }),
      field({ label: 'Expires after (days)', name: 'expires_in_days', type: 'number', min: 1, max: 3650, step: 1, hint: 'Empty: never.' })),
    h('p', { class: 'field-error', dataset: { errorFor: 'scopes' }, hidden: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Create token')));
  const list = h('div', {});
  const problem = h('div', { class: 'alert error', role: 'alert', dataset: { tokenError: '' }, hidden: true });
  let all = [];
  function paint() {
    clear(list, all.length ? h('ul', { class: 'rows' }, all.map((t) => tokenRow(t, revoked)))
      : h('p', { class: 'empty muted' }, 'No tokens yet. Create one to use Touchbase from scripts or other apps.'));
  }
  async function reload() {
    all = await get('/tokens');
    paint();
  }
  // The row goes at once; should the server refuse, it comes back with the reason.
  async function revoked(token) {
    problem.hidden = true;
    all = all.filter((t) => t.id !== token.id);
    paint();
    try {
      await api(`/tokens/${token.id}`, { method: 'DELETE' });
      toast('Token revoked');
    } catch (error) {
      if (error.status !== 404) { // a token already gone is revoked all the same
        problem.textContent = `“${token.name}” could not be revoked: ${problemSentence(error)}`;
        problem.hidden = false;
        await reload().catch(() => {});
      }
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = values(form);
    submitting(form, async () => {
      const token = await post('/tokens', { name: v.name ?? '', scopes: v.access === 'write' ? ['read', 'write'] : ['read'], expires_in_days: v.expires_in_days });
      form.reset();
      const curl = `curl -H "Authorization: Bearer ${token.token}" ${location.origin}/api/v1/follow-ups`;
      clear(created, h('div', { class: 'alert success', dataset: { createdToken: '' } },
        h('strong', {}, 'Copy your token now: it is shown only once.'),
        secretBox('Token', token.token),
        secretBox('Try it:', curl)));
      await reload();
    });
  });
  add(box, h('h2', {}, 'API tokens'),
    h('p', { class: 'small muted' }, 'For scripts and other apps: send it as “Authorization: Bearer …”.'),
    form, created, problem, list);
  await reload();
  return box;
}

async function calendar() {
  const box = h('section', { class: 'card stack', dataset: { calendar: '' } }, h('h2', {}, 'Calendar feed'));
  const feed = await optional(get('/calendar'));
  if (!feed) {
    add(box, h('p', { class: 'alert info' }, 'The calendar feed is not available on this server yet.'));
    return box;
  }
  const body = h('div', {});
  const show = (f) => clear(body, secretBox('Subscribe to this address in your calendar app: each follow-up appears on its due date. Keep it private.', f.url));
  const rotate = h('button', { type: 'button', class: 'btn ghost', dataset: { action: 'rotate' } }, 'Replace the address');
  rotate.addEventListener('click', async () => {
    if (!confirm('Replace the feed address? Calendars subscribed to the old one stop updating.')) return;
    show(await post('/calendar/rotate'));
    toast('New calendar address');
  });
  show(feed);
  add(box, body, h('div', { class: 'actions' }, rotate));
  return box;
}

export async function render(root) {
  add(root, 
    h('header', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Integrations'), h('p', { class: 'muted' }, 'Use Touchbase from your calendar and your own scripts.'))),
    await tokens(),
    await calendar(),
    await webhooks(),
    bookmarkletSection());
}
