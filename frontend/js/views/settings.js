// Settings: name, time zone, phone, signature; Notifications (views/notifications.js); a link
// to Your data (views/your-data.js: import, export, password, email, deleting the account).
import { api } from '../api.js';
import { store } from '../store.js';
import { h, toast, add } from '../dom.js';
import { field, formAlert, submitting, values, guard } from '../forms.js';
import * as notifications from './notifications.js';
import { zoneField } from '../zones.js';
import { themeSwitch } from '../theme.js';

export async function render(root) {
  const me = await api('/me');
  const form = h('form', { class: 'card stack narrow', novalidate: true, dataset: { form: 'settings' } },
    formAlert(),
    field({ label: 'Name', name: 'name', value: me.name, autocomplete: 'name', required: true, maxlength: 200, noun: 'your name' }),
    zoneField(me.timezone, 'Decides what “today” means for your follow-ups. Type to search.'),
    field({ label: 'Phone', name: 'phone', type: 'tel', value: me.phone, autocomplete: 'tel', maxlength: 40, hint: 'Used in phone scripts and signatures.' }),
    field({ label: 'Email signature', name: 'signature', value: me.signature, rows: 4, maxlength: 2000 }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Save settings')));
  guard(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      store.setUser(await api('/me', { method: 'PATCH', body: values(form) }));
      toast('Settings saved');
    });
  });
  add(root, 
    h('header', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Settings'), h('p', { class: 'muted' }, `Signed in as ${me.email}`)),
      h('a', { class: 'btn', href: '#/settings/data', dataset: { yourData: '' } }, 'Your data and account')),
    form,
    h('section', { class: 'card stack narrow', dataset: { appearance: '' } },
      h('h2', {}, 'Appearance'),
      h('p', { class: 'small muted' }, 'Light or dark; remembered in this browser.'),
      themeSwitch()),
    await notifications.section());
}
