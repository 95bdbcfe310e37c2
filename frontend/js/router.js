// Navigation, owned here alone: hash routes to views, the signed-in guard, the nav's current
// link, focus and title. Views move with navigate(); app.js hands over the route table.
import { ApiError, isAborted } from './api.js';
import { store } from './store.js';
import { h, clear, add } from './dom.js';
import { errorBox, hasUnsavedChanges, forgetUnsaved } from './forms.js';
import { loadVocabulary } from './vocabulary.js';

const HOME = 'today';
const SIGN_IN = 'signin';
let routes = [];
let shown = null; // the address of the screen on show, to return to when leaving is cancelled
const LEAVE = 'You have changes that are not saved. Leave this page and lose them?';

/** Goes to an app path ('applications/3', '#/templates'); the hashchange renders it. */
export function navigate(path) {
  location.hash = `#/${path.replace(/^#?\//, '')}`;
}

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, view, options = {}] of routes) {
    const want = pattern.split('/');
    if (want.length !== parts.length) continue;
    const params = {};
    if (want.every((p, i) => (p.startsWith(':') ? (params[p.slice(1)] = decodeURIComponent(parts[i])) : p === parts[i]))) {
      return { view, params, options, section: want[0] };
    }
  }
  return null;
}

/** Unsaved changes on the screen: ask before leaving it; on "no", stay (address included). */
function mayLeave() {
  if (!store.user || shown === null || location.href === shown || !hasUnsavedChanges()) return true;
  if (window.confirm(LEAVE)) return true;
  history.pushState(null, '', shown); // sets the address back without another hashchange
  return false;
}

async function route() {
  if (!mayLeave()) return;
  forgetUnsaved(); // the screen's forms are replaced (a form may be guarded before it is shown)
  shown = location.href;
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const found = match(path || HOME);
  const outlet = document.querySelector('[data-outlet]');
  if (!found) return navigate(HOME);
  if (!found.options.public && !store.user) return navigate(SIGN_IN);
  // A public page is for the signed-out, except those open to anyone (an emailed reset link).
  if (found.options.public && !found.options.anyone && store.user) return navigate(HOME);
  for (const nav of document.querySelectorAll('[data-route]')) {
    if (nav.dataset.route === found.section) nav.setAttribute('aria-current', 'page');
    else nav.removeAttribute('aria-current');
  }
  // Each render writes into its own container, so a slow, stale render lands nowhere.
  const view = h('div', { class: 'view', dataset: { view: path.split('/')[0] || HOME } });
  clear(outlet, view);
  try {
    await loadVocabulary();
    await found.view(view, found.params, new URLSearchParams(search));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    if (isAborted(error)) return; // a newer request took over, and renders its own answer
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

/** Renders the current route now and on every hash change; routes are [pattern, view, options]. */
export async function startRouter(table) {
  routes = table;
  window.addEventListener('hashchange', route);
  await route();
}

/** Back to the sign-in screen (a lost session, or signing out). */
export function toSignIn() {
  navigate(SIGN_IN);
}
