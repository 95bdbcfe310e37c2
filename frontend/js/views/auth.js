// Sign in and sign up.
import { api } from '../api.js';
import { store } from '../store.js';
import { h, add } from '../dom.js';
import { field, formAlert, submitting, values } from '../forms.js';
import { navigate } from '../router.js';
import { browserZone, zoneField } from '../zones.js';

function card(title, intro, form, footer) {
  return h('section', { class: 'auth' },
    h('div', { class: 'auth-card' },
      h('h1', {}, title),
      h('p', { class: 'muted' }, intro),
      form,
      h('p', { class: 'auth-footer' }, footer)));
}

async function signInWith(email, password) {
  store.signIn(await api('/auth/login', { method: 'POST', body: { email, password } }));
  navigate('today');
}

export function signIn(root) {
  const form = h('form', { class: 'stack', novalidate: true, dataset: { form: 'signin' } },
    formAlert(),
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true }),
    field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit', class: 'btn primary' }, 'Sign in'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { email, password } = values(form);
    submitting(form, () => signInWith(email ?? '', password ?? ''));
  });
  add(root, card('Sign in', 'Follow up on your job applications at the right time, politely.', form,
    ['New here? ', h('a', { href: '#/signup' }, 'Create an account')]));
}

export function signUp(root) {
  const form = h('form', { class: 'stack', novalidate: true, dataset: { form: 'signup' } },
    formAlert(),
    field({ label: 'Your name', name: 'name', autocomplete: 'name', required: true }),
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true }),
    field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters.' }),
    zoneField(browserZone() || 'UTC', 'Detected from this browser: it decides what “today” means for your follow-ups.'),
    h('button', { type: 'submit', class: 'btn primary' }, 'Create account'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = values(form);
    submitting(form, async () => {
      await api('/auth/register', { method: 'POST', body: { name: body.name ?? '', email: body.email ?? '', password: body.password ?? '', timezone: body.timezone } });
      await signInWith(body.email, body.password);
    });
  });
  add(root, card('Create your account', 'Track each application and know exactly when and how to follow up.', form,
    ['Already have an account? ', h('a', { href: '#/signin' }, 'Sign in')]));
}
