// Sign in and sign up; a forgotten password (ask for a link, then set a new one with it).
import { api, ApiError } from '../api.js';
import { store } from '../store.js';
import { h, add, clear, toast } from '../dom.js';
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
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true, minlength: 3, maxlength: 254, noun: 'your email address' }),
    field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 256, noun: 'your password' }),
    h('button', { type: 'submit', class: 'btn primary' }, 'Sign in'),
    h('p', { class: 'hint' }, h('a', { href: '#/forgot-password' }, 'Forgot your password?')));
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
    field({ label: 'Your name', name: 'name', autocomplete: 'name', required: true, maxlength: 200, noun: 'your name' }),
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true, maxlength: 254, noun: 'your email address' }),
    field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 8, maxlength: 256, noun: 'a password', hint: 'At least 8 characters.' }),
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

export function forgotPassword(root) {
  const form = h('form', { class: 'stack', novalidate: true, dataset: { form: 'forgot-password' } },
    formAlert(),
    field({ label: 'Email', name: 'email', type: 'email', autocomplete: 'username', required: true }),
    h('button', { type: 'submit', class: 'btn primary' }, 'Send me a link'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { email } = values(form);
    submitting(form, async () => {
      await api('/auth/password-reset', { method: 'POST', body: { email: email ?? '' } });
      // The same words whether an account has the email or not: the page tells nobody which.
      clear(form, h('div', { class: 'alert success', role: 'status', dataset: { resetRequested: '' } },
        h('p', {}, `If an account has the email ${email}, a link to set a new password is on its way.`),
        h('p', {}, 'The link works once, within an hour. No email? Check the spam folder, or ask again.')));
    });
  });
  add(root, card('Forgot your password?', 'Tell us the email you sign in with, and we will email you a link to set a new password.', form,
    ['Remembered it? ', h('a', { href: '#/signin' }, 'Sign in')]));
}

export function resetPassword(root, params, query) {
  const token = query?.get('token') || '';
  const form = h('form', { class: 'stack', novalidate: true, dataset: { form: 'reset-password' } },
    formAlert(),
    field({ label: 'New password', name: 'new_password', type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters.' }),
    h('button', { type: 'submit', class: 'btn primary' }, 'Set new password'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { new_password: password } = values(form);
    submitting(form, async () => {
      try {
        await api('/auth/password-reset/confirm', { method: 'POST', body: { token, new_password: password ?? '' } });
      } catch (error) {
        // The link itself is no field of this form: say in words what is wrong with it.
        if (error instanceof ApiError && error.errors.some((e) => e.field === 'token' || String(e.loc).includes('token'))) {
          throw new ApiError({ detail: 'This reset link is unknown, used already or expired. Ask for a new one below.' }, error.status);
        }
        throw error;
      }
      store.signOut(); // the new password signed every session out, this one too
      navigate('signin');
      toast('Your new password is set. Sign in with it.');
    });
  });
  const body = token ? form : h('div', { class: 'alert error', role: 'alert' }, 'This address has no reset token. Open the link from the email again, or ask for a new one.');
  add(root, card('Set a new password', 'Choose the password you will sign in with from now on.', body,
    ['Link not working? ', h('a', { href: '#/forgot-password' }, 'Ask for a new one')]));
}
