// The navigation's count of what is due now (Today's due now and closing soon groups).
// Today publishes the counts it loads; other pages ask for them, at most every half minute.
import { get } from './api.js';
import { store } from './store.js';
import { h } from './dom.js';

const FRESH_MS = 30_000;
let fetchedAt = 0;

function badge() {
  const link = document.querySelector('[data-nav] [data-route="today"]');
  if (!link) return null;
  return link.querySelector('[data-due-count]')
    || link.appendChild(h('span', { class: 'nav-count', dataset: { dueCount: '' }, hidden: true }));
}

/** Shows TodayCounts in the navigation: the number due now, or nothing. */
export function showDueCount(counts) {
  const el = badge();
  if (!el) return;
  const now = counts ? counts.due_now + counts.closing_soon : 0;
  fetchedAt = counts ? Date.now() : 0;
  el.replaceChildren(String(now), h('span', { class: 'visually-hidden' }, ' due now'));
  el.hidden = !now;
}

const onToday = () => /^#?\/?(today)?(\?|$)/.test(location.hash);

async function refresh() {
  if (!store.user) return showDueCount(null);
  if (onToday() || Date.now() - fetchedAt < FRESH_MS) return undefined;
  fetchedAt = Date.now();
  try {
    return showDueCount(await get('/follow-ups/today/counts'));
  } catch {
    fetchedAt = 0; // a count is a nicety: the page itself shows any error
    return undefined;
  }
}

/** Keeps the count current as the user signs in and moves between pages. */
export function startDueCount() {
  store.addEventListener('change', refresh);
  window.addEventListener('hashchange', refresh);
}
