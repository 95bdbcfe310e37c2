// Hash routing and the signed-in shell.
import { api, ApiError } from './api.js';
import { store } from './store.js';
import { h, clear, add } from './dom.js';
import { errorBox } from './forms.js';
import * as auth from './views/auth.js';
import * as today from './views/today.js';
import * as applications from './views/applications.js';
import * as applicationForm from './views/application-form.js';
import * as application from './views/application.js';
import * as followUp from './views/follow-up.js';
import * as templates from './views/templates.js';
import * as templateEditor from './views/template-editor.js';
import * as policies from './views/policies.js';
import * as integrations from './views/integrations.js';
import * as settings from './views/settings.js';

const ROUTES = [
  ['signin', auth.signIn, { public: true }],
  ['signup', auth.signUp, { public: true }],
  ['today', today.render],
  ['applications', applications.render],
  ['applications/new', applicationForm.render],
  ['applications/:id', application.render],
  ['applications/:id/edit', applicationForm.render],
  ['applications/:id/follow-up', followUp.render],
  ['templates', templates.render],
  ['templates/new', templateEditor.render],
  ['templates/:id', templateEditor.render],
  ['policies', policies.render],
  ['policies/:id', policies.render],
  ['integrations', integrations.render],
  ['settings', settings.render],
];

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, view, options = {}] of ROUTES) {
    const want = pattern.split('/');
    if (want.length !== parts.length) continue;
    const params = {};
    if (want.every((p, i) => (p.startsWith(':') ? (params[p.slice(1)] = decodeURIComponent(parts[i])) : p === parts[i]))) {
      return { view, params, options, section: want[0] };
    }
  }
  return null;
}

export function navigate(path) {
  location.hash = `#/${path.replace(/^#?\//, '')}`;
}

async function route() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const found = match(path || 'today');
  const outlet = document.querySelector('[data-outlet]');
  if (!found) return navigate('today');
  if (!found.options.public && !store.user) return navigate('signin');
  if (found.options.public && store.user) return navigate('today');
  for (const link of document.querySelectorAll('[data-route]')) {
    if (link.dataset.route === found.section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // Each render writes into its own container, so a slow, stale render lands nowhere.
  const view = h('div', { class: 'view', dataset: { view: path.split('/')[0] || 'today' } });
  clear(outlet, view);
  try {
    await found.view(view, found.params, new URLSearchParams(search));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    add(view, errorBox(error));
    console.error(error);
  }
  const heading = view.querySelector('h1');
  if (heading && document.activeElement === document.body) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  document.title = heading ? `${heading.textContent} · Touchbase` : 'Touchbase';
}

function syncNav() {
  document.querySelector('[data-nav]').hidden = !store.user;
}

async function start() {
  store.addEventListener('change', syncNav);
  document.querySelector('[data-sign-out]').addEventListener('click', async () => {
    try { await api('/auth/logout', { method: 'POST' }); } catch { /* signed out either way */ }
    store.signOut();
    navigate('signin');
  });
  try {
    store.setUser(await api('/me'));
  } catch {
    store.signOut();
  }
  store.addEventListener('unauthorized', () => {
    store.signOut();
    navigate('signin');
  });
  window.addEventListener('hashchange', route);
  await route();
}

start();
