// Applications: search, filter, sort, and page through with next_cursor. The view's search,
// filters and sort live in the URL (#/applications?q=…&status=…&sort=…&archived=true), so a
// reload or a shared link shows the same list and back and forward step through changes.
// Selected rows take bulk actions (POST /applications/bulk): status, archive, delete with undo.
import { latest, isAborted, post } from '../api.js';
import { h, clear, debounce, formatDate, badge, add, toast } from '../dom.js';
import { options, label } from '../vocabulary.js';
import { undoToast, note } from './undo.js';

const PAGE = 20;
const DEFAULT_SORT = '-updated_at';

const SORTS = [
  ['-updated_at', 'Recently updated'],
  ['next_due_on', 'Next follow-up, soonest first'],
  ['-next_due_on', 'Next follow-up, latest first'],
  ['-applied_on', 'Applied, newest first'],
  ['applied_on', 'Applied, oldest first'],
  ['company', 'Company A–Z'],
  ['-company', 'Company Z–A'],
];

export function row(app, selection) {
  const name = `${app.company}, ${app.position}`;
  const box = selection
    ? h('input', { type: 'checkbox', class: 'row-select', 'aria-label': `Select ${name}`, checked: selection.has(app.id), dataset: { select: app.id } })
    : null;
  return h('li', { class: 'row', dataset: { applicationId: app.id } },
    box,
    h('div', { class: 'row-main' },
      h('a', { class: 'row-title', href: `#/applications/${app.id}` }, app.company),
      h('span', { class: 'row-sub' }, app.position, app.location ? ` · ${app.location}` : '')),
    h('div', { class: 'row-meta' },
      app.archived ? badge('archived') : null,
      badge(label('statuses', app.status), `status-${app.status}`),
      h('span', { class: 'muted small row-due', dataset: { due: '' } }, app.next_due_on ? `Follow up ${formatDate(app.next_due_on)}` : 'Nothing scheduled'),
      h('span', { class: 'muted small' }, app.applied_on ? `Applied ${formatDate(app.applied_on)}` : 'Not applied yet')));
}

/** The list's state as read from the URL's query. */
function stateOf(query) {
  const sort = query.get('sort');
  return {
    q: query.get('q') || '',
    status: query.get('status') || '',
    sort: SORTS.some(([value]) => value === sort) ? sort : DEFAULT_SORT,
    archived: query.get('archived') === 'true',
  };
}

/** The hash that shows `state` (defaults left out, so the plain list stays #/applications). */
function hashOf(state) {
  const query = new URLSearchParams();
  if (state.q) query.set('q', state.q);
  if (state.status) query.set('status', state.status);
  if (state.sort !== DEFAULT_SORT) query.set('sort', state.sort);
  if (state.archived) query.set('archived', 'true');
  const text = query.toString();
  return `#/applications${text ? `?${text}` : ''}`;
}

export async function render(root, _params, query) {
  const state = stateOf(query);
  const selection = new Set();
  const list = h('ul', { class: 'rows card', dataset: { list: 'applications' } });
  const more = h('div', { class: 'more' });
  const count = h('p', { class: 'muted small', 'aria-live': 'polite', dataset: { total: '' } });

  const search = h('input', { type: 'search', id: 'app-search', placeholder: 'Company, position, notes, location, contact', value: state.q, maxlength: 200, dataset: { filter: 'q' } });
  const status = h('select', { id: 'app-status', dataset: { filter: 'status' } },
    h('option', { value: '' }, 'All statuses'),
    options('statuses').map(([value, text]) => h('option', { value, selected: value === state.status }, text)));
  const sort = h('select', { id: 'app-sort', dataset: { filter: 'sort' } }, SORTS.map(([v, t]) => h('option', { value: v, selected: v === state.sort }, t)));
  const archived = h('input', { type: 'checkbox', id: 'app-archived', checked: state.archived, dataset: { filter: 'archived' } });

  const bulkBar = bulkActions(state, selection, () => reload());
  const all = h('input', { type: 'checkbox', id: 'app-select-all', dataset: { selectAll: '' } });
  const allField = h('div', { class: 'field check select-all' }, all, h('label', { for: 'app-select-all' }, 'Select all shown'));

  let shown = 0;
  // A new search or filter cancels the request before it, and so does "Show more".
  const fetchPage = latest();
  async function load(cursor) {
    const page = await fetchPage('/applications', { query: {
      q: state.q, status: state.status, sort: state.sort, archived: state.archived ? 'true' : 'false', limit: PAGE, cursor,
    } });
    if (!cursor) { clear(list); shown = 0; selection.clear(); }
    shown += page.items.length;
    add(list, ...page.items.map((app) => row(app, selection)));
    allField.hidden = !shown;
    all.checked = false;
    if (!shown) {
      const filtered = state.q || state.status || state.archived;
      clear(list, h('li', { class: 'empty' },
        h('p', {}, filtered ? 'No applications match these filters.' : 'No applications yet.'),
        h('p', { class: 'muted' }, filtered ? 'Try another search or status.' : 'Add the jobs you have applied to, and Touchbase will tell you when to follow up.'),
        filtered ? null : h('a', { class: 'btn primary', href: '#/applications/new' }, 'Add your first application')));
    }
    const noun = page.total === 1 ? 'application' : 'applications';
    count.textContent = !page.total ? '' : shown < page.total ? `${page.total} ${noun} · ${shown} shown` : `${page.total} ${noun}`;
    bulkBar.sync();
    clear(more, page.next_cursor
      ? h('button', { type: 'button', class: 'btn', dataset: { action: 'more' }, onclick: () => load(page.next_cursor).catch((e) => { if (!isAborted(e)) toast(e.message); }) }, 'Show more')
      : null);
  }
  const reload = () => load().catch((e) => { if (!isAborted(e)) clear(list, h('li', { class: 'alert error' }, e.message)); });
  // Each change is a new history entry; the router renders the list again from the URL on
  // back and forward (a pushState alone fires no hashchange, so this render goes on).
  const commit = () => {
    const target = hashOf(state);
    if (target !== location.hash) history.pushState(null, '', target);
    reload();
  };
  search.addEventListener('input', debounce(() => { state.q = search.value.trim(); commit(); }, 300));
  status.addEventListener('change', () => { state.status = status.value; commit(); });
  sort.addEventListener('change', () => { state.sort = sort.value; commit(); });
  archived.addEventListener('change', () => { state.archived = archived.checked; commit(); });
  list.addEventListener('change', (event) => {
    const id = Number(event.target.dataset?.select);
    if (!id) return;
    if (event.target.checked) selection.add(id); else selection.delete(id);
    all.checked = selection.size === shown;
    bulkBar.sync();
  });
  all.addEventListener('change', () => {
    for (const box of list.querySelectorAll('[data-select]')) {
      box.checked = all.checked;
      if (all.checked) selection.add(Number(box.dataset.select)); else selection.delete(Number(box.dataset.select));
    }
    bulkBar.sync();
  });

  add(root,
    h('header', { class: 'page-head' },
      h('h1', {}, 'Applications'),
      h('div', { class: 'actions' },
        h('a', { class: 'btn', href: '#/board' }, 'Board view'),
        h('a', { class: 'btn', href: '#/add-from-posting' }, 'Add from posting'),
        h('a', { class: 'btn primary', href: '#/applications/new' }, 'Add application'))),
    h('div', { class: 'toolbar', role: 'search' },
      h('div', { class: 'field grow' }, h('label', { for: 'app-search' }, 'Search'), search),
      h('div', { class: 'field' }, h('label', { for: 'app-status' }, 'Status'), status),
      h('div', { class: 'field' }, h('label', { for: 'app-sort' }, 'Sort'), sort),
      h('div', { class: 'field check' }, archived, h('label', { for: 'app-archived' }, 'Archived'))),
    h('div', { class: 'list-head' }, count, allField),
    bulkBar.el, list, more);
  await load();
}

/** The bar the selected rows' actions sit in; sync() shows it when something is selected. */
function bulkActions(state, selection, reload) {
  const counter = h('span', { class: 'bulk-count', dataset: { selected: '' } });
  const target = h('select', { id: 'bulk-status', dataset: { bulkStatus: '' } },
    options('statuses').map(([value, text]) => h('option', { value }, text)));
  const buttons = [];
  const run = async (body, done) => {
    const ids = [...selection];
    for (const b of buttons) b.disabled = true;
    try {
      const result = await post('/applications/bulk', { ...body, ids });
      done(result);
      await reload();
    } catch (error) {
      note(`Nothing was changed: ${error.message}`);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };
  const plural = (n) => `${n} ${n === 1 ? 'application' : 'applications'}`;
  const statusButton = h('button', { type: 'button', class: 'btn small', dataset: { bulk: 'status' }, onclick: () => {
    const text = label('statuses', target.value);
    run({ action: 'status', status: target.value }, (r) => note(`Moved ${plural(r.ids.length)} to ${text}; each move is on its timeline.`));
  } }, 'Change status');
  const archiveButton = h('button', { type: 'button', class: 'btn small', dataset: { bulk: 'archive' }, onclick: () => {
    const action = state.archived ? 'unarchive' : 'archive';
    const undo = state.archived ? 'archive' : 'unarchive';
    run({ action }, (r) => undoToast(`${state.archived ? 'Unarchived' : 'Archived'} ${plural(r.ids.length)}.`,
      () => post('/applications/bulk', { action: undo, ids: r.ids }), reload));
  } }, 'Archive');
  const deleteButton = h('button', { type: 'button', class: 'btn small danger', dataset: { bulk: 'delete' }, onclick: () => {
    run({ action: 'delete' }, (r) => undoToast(`Deleted ${plural(r.ids.length)}.`,
      () => post('/applications/restore', { ids: r.ids }), reload));
  } }, 'Delete');
  buttons.push(statusButton, archiveButton, deleteButton);
  const el = h('div', { class: 'bulk-bar card inset', role: 'region', 'aria-label': 'Selected applications', dataset: { bulkBar: '' }, hidden: true },
    counter,
    h('div', { class: 'bulk-status' }, h('label', { for: 'bulk-status' }, 'Move to'), target, statusButton),
    archiveButton, deleteButton);
  return {
    el,
    sync() {
      el.hidden = selection.size === 0;
      counter.textContent = `${selection.size} selected`;
      archiveButton.textContent = state.archived ? 'Unarchive' : 'Archive';
    },
  };
}
