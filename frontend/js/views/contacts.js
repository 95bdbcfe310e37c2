// The people at the employer.
import { api, get } from '../api.js';
import { h, clear } from '../dom.js';
import { field, formAlert, guard, submitting, values } from '../forms.js';

const ROLES = [['hiring_manager', 'Hiring manager'], ['recruiter', 'Recruiter'], ['referral', 'Referral'], ['other', 'Other']];
const roleText = Object.fromEntries(ROLES);

function card(contact, id, reload) {
  const remove = h('button', { type: 'button', class: 'icon-button', 'aria-label': `Remove ${contact.name}` }, '×');
  remove.addEventListener('click', async () => {
    if (!confirm(`Remove ${contact.name}?`)) return;
    await api(`/applications/${id}/contacts/${contact.id}`, { method: 'DELETE' });
    reload();
  });
  return h('li', { class: 'contact', dataset: { contactId: contact.id } },
    h('div', {},
      h('p', {}, h('strong', {}, contact.name), h('span', { class: 'muted small' }, ` · ${roleText[contact.role] || contact.role}`)),
      contact.title ? h('p', { class: 'small' }, contact.title) : null,
      contact.email ? h('p', { class: 'small' }, h('a', { href: `mailto:${contact.email}` }, contact.email)) : null,
      contact.phone ? h('p', { class: 'small' }, contact.phone) : null),
    remove);
}

function addForm(id, reload) {
  const form = h('form', { class: 'stack', novalidate: true, dataset: { form: 'contact' } },
    formAlert(),
    field({ label: 'Name', name: 'name', required: true, maxlength: 200, noun: 'their name' }),
    field({ label: 'Role', name: 'role', value: 'hiring_manager', options: ROLES }),
    field({ label: 'Title', name: 'title', maxlength: 200 }),
    field({ label: 'Email', name: 'email', type: 'email', maxlength: 254 }),
    field({ label: 'Phone', name: 'phone', type: 'tel', maxlength: 40, pattern: '[0-9+\\(\\)\\/. x\\-]{3,40}', patternHint: 'Write the phone number with digits, spaces and + ( ) - . / only.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Add contact')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      await api(`/applications/${id}/contacts`, { method: 'POST', body: values(form) });
      reload();
    });
  });
  return guard(form);
}

/** The contacts card; `changed` runs after a contact is added or removed (the plan follows). */
export async function section(id, changed = () => {}) {
  const box = h('section', { class: 'card', dataset: { contacts: '' } });
  async function reload(after = changed) {
    const list = await get(`/applications/${id}/contacts`);
    const details = h('details', { class: 'add' }, h('summary', {}, 'Add a contact'), addForm(id, reload));
    clear(box, h('h2', {}, 'Contacts'),
      list.length
        ? h('ul', { class: 'contacts' }, list.map((c) => card(c, id, reload)))
        : h('p', { class: 'empty muted' }, 'No contact yet. The hiring manager’s name makes a follow-up land: look on the team page or your network.'),
      details);
    after();
  }
  await reload(() => {});
  return box;
}
