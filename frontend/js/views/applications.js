// Applications: search, filter, sort, and page through with next_cursor.
import { latest, isAborted } from '../api.js';
import { h, clear, debounce, formatDate, badge, add, toast } from '../dom.js';
import { options, label } from '../vocabulary.js';

const PAGE = 20;

const SORTS = [
  ['-updated_at', 'Recently updated'],
  ['-applied_on', 'Applied, newest first'],
  ['applied_on', 'Applied, oldest first'],
  ['company', 'Company A–Z'],
  ['-company', 'Company Z–A'],
];

export function row(app) {
  return h('li', { class: 'row', dataset: { applicationId: app.id } },
    h('div', { class: 'row-main' },
      h('a', { class: 'row-title', href: `#/applications/${app.id}` }, app.company),
      h('span', { class: 'row-sub' }, app.position, app.location ? ` · ${app.location}` : '')),
    h('div', { class: 'row-meta' },
      app.archived ? badge('archived') : null,
      badge(label('statuses', app.status), `status-${app.status}`),
      h('span', { class: 'muted small' }, app.applied_on ? `Applied ${formatDate(app.applied_on)}` : 'Not applied yet')));
}

export async function render(root, _params, query) {
  const state = { q: query.get('q') || '', status: query.get('status') || '', sort: query.get('sort') || '-updated_at', archived: query.get('archived') === 'true' };
  const list = h('ul', { class: 'rows card', dataset: { list: 'applications' } });
  const more = h('div', { class: 'more' });
  const count = h('p', { class: 'muted small', 'aria-live': 'polite' });

  const search = h('input', { type: 'search', id: 'app-search', placeholder: 'Company or position', value: state.q, dataset: { filter: 'q' } });
  const status = h('select', { id: 'app-status', dataset: { filter: 'status' } },
    h('option', { value: '' }, 'All statuses'),
    options('statuses').map(([value, text]) => h('option', { value, selected: value === state.status }, text)));
  const sort = h('select', { id: 'app-sort', dataset: { filter: 'sort' } }, SORTS.map(([v, t]) => h('option', { value: v, selected: v === state.sort }, t)));
  const archived = h('input', { type: 'checkbox', id: 'app-archived', checked: state.archived, dataset: { filter: 'archived' } });

  let shown = 0;
  // A new search or filter cancels the request before it, and so does "Show more".
  const fetchPage = latest();
  async function load(cursor) {
    const page = await fetchPage('/applications', { query: {
      q: state.q, status: state.status, sort: state.sort, archived: state.archived ? 'true' : 'false', limit: PAGE, cursor,
    } });
    if (!cursor) { clear(list); shown = 0; }
    shown += page.items.length;
    add(list, ...page.items.map(row));
    if (!shown) {
      const filtered = state.q || state.status || state.archived;
      clear(list, h('li', { class: 'empty' },
        h('p', {}, filtered ? 'No applications match these filters.' : 'No applications yet.'),
        h('p', { class: 'muted' }, filtered ? 'Try another search or status.' : 'Add the jobs you have applied to, and Touchbase will tell you when to follow up.'),
        filtered ? null : h('a', { class: 'btn primary', href: '#/applications/new' }, 'Add your first application')));
    }
    count.textContent = shown ? `${shown} shown` : '';
    clear(more, page.next_cursor
      ? h('button', { type: 'button', class: 'btn', dataset: { action: 'more' }, onclick: () => load(page.next_cursor).catch((e) => { if (!isAborted(e)) toast(e.message); }) }, 'Show more')
      : null);
  }
  const reload = () => load().catch((e) => { if (!isAborted(e)) clear(list, h('li', { class: 'alert error' }, e.message)); });
  search.addEventListener('input', debounce(() => { state.q = search.value.trim(); reload(); }, 300));
  status.addEventListener('change', () => { state.status = status.value; reload(); });
  sort.addEventListener('change', () => { state.sort = sort.value; reload(); });
  archived.addEventListener('change', () => { state.archived = archived.checked; reload(); });

  add(root, 
    h('header', { class: 'page-head' },
      h('h1', {}, 'Applications'),
      h('div', { class: 'head-actions' }, h('a', { class: 'btn', href: '#/add-from-posting' }, 'Add from posting'), h('a', { class: 'btn primary', href: '#/applications/new' }, 'Add application'))),
    h('div', { class: 'toolbar', role: 'search' },
      h('div', { class: 'field grow' }, h('label', { for: 'app-search' }, 'Search'), search),
      h('div', { class: 'field' }, h('label', { for: 'app-status' }, 'Status'), status),
      h('div', { class: 'field' }, h('label', { for: 'app-sort' }, 'Sort'), sort),
      h('div', { class: 'field check' }, archived, h('label', { for: 'app-archived' }, 'Archived'))),
    count, list, more);
  await load();
}
