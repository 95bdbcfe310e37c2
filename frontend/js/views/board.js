// The board: one column per status, a card per application (company, position, next due).
// Drag a card to another column, or use its "Move to…" menu from the keyboard: either records
// the event the move implies (POST /applications/{id}/status), and the plan follows.
import { get, post } from '../api.js';
import { h, clear, add, formatDate } from '../dom.js';
import { options } from '../vocabulary.js';
import { note } from './undo.js';

const PER_COLUMN = 100; // cards shown per column; the list shows the rest

/** One column's cards: the status's applications, soonest due first (not archived). */
const column = (status) => get('/applications', { status, archived: 'false', sort: 'next_due_on', limit: PER_COLUMN });

export async function render(root) {
  const statuses = options('statuses');
  const board = h('div', { class: 'board', role: 'region', 'aria-label': 'Columns by status', tabindex: '0', dataset: { board: '' } });
  add(root,
    h('header', { class: 'page-head' },
      h('div', {},
        h('h1', {}, 'Board'),
        h('p', { class: 'muted small' }, 'Drag a card to another column, or use its Move to… button. The move is recorded on the timeline.')),
      h('a', { class: 'btn', href: '#/applications' }, 'List view')),
    board);
  const ctx = { statuses, board, focusId: null };
  await paint(ctx);
}

async function paint(ctx) {
  const pages = await Promise.all(ctx.statuses.map(([status]) => column(status)));
  clear(ctx.board, ctx.statuses.map(([status, text], i) => columnOf(ctx, status, text, pages[i])));
  if (ctx.focusId) {
    ctx.board.querySelector(`[data-application-id="${ctx.focusId}"] [data-action="move"]`)?.focus();
    ctx.focusId = null;
  }
}

function columnOf(ctx, status, text, page) {
  const titleId = `board-${status}`;
  const list = h('ul', { class: 'board-cards', 'aria-labelledby': titleId });
  add(list, page.items.map((app) => card(ctx, app)));
  if (!page.items.length) add(list, h('li', { class: 'board-empty muted small' }, 'None'));
  const more = page.total > page.items.length
    ? h('a', { class: 'small', href: `#/applications?status=${status}` }, `${page.total - page.items.length} more in the list`)
    : null;
  const section = h('section', { class: `board-column status-col-${status}`, dataset: { column: status } },
    h('h2', { id: titleId }, text, ' ', h('span', { class: 'count', dataset: { count: status } }, String(page.total))),
    list, more);
  section.addEventListener('dragover', (event) => {
    if (!event.dataTransfer.types.includes('application/x-touchbase-card')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    section.classList.add('drop-target');
  });
  section.addEventListener('dragleave', (event) => {
    if (!section.contains(event.relatedTarget)) section.classList.remove('drop-target');
  });
  section.addEventListener('drop', (event) => {
    event.preventDefault();
    section.classList.remove('drop-target');
    const raw = event.dataTransfer.getData('application/x-touchbase-card');
    if (!raw) return;
    const app = JSON.parse(raw);
    if (app.status !== status) move(ctx, app, status, false);
  });
  return section;
}

function card(ctx, app) {
  const label = `${app.company}, ${app.position}`;
  const menu = h('div', { class: 'board-menu', role: 'menu', 'aria-label': `Move ${label} to`, hidden: true });
  const toggle = h('button', {
    type: 'button', class: 'btn small ghost', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-label': `Move ${label} to…`, dataset: { action: 'move' },
  }, 'Move to…');
  const close = (refocus) => {
    menu.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    if (refocus) toggle.focus();
  };
  for (const [status, text] of ctx.statuses) {
    if (status === app.status) continue;
    add(menu, h('button', { type: 'button', role: 'menuitem', class: 'board-menu-item', dataset: { moveTo: status }, onclick: () => { close(false); move(ctx, app, status, true); } }, text));
  }
  toggle.addEventListener('click', () => {
    const opening = menu.hidden;
    for (const other of ctx.board.querySelectorAll('.board-menu:not([hidden])')) other.hidden = true;
    menu.hidden = !opening;
    toggle.setAttribute('aria-expanded', String(opening));
    if (opening) menu.querySelector('button')?.focus();
  });
  menu.addEventListener('keydown', (event) => {
    const items = [...menu.querySelectorAll('button')];
    const at = items.indexOf(document.activeElement);
    if (event.key === 'Escape') { event.preventDefault(); close(true); }
    else if (event.key === 'ArrowDown') { event.preventDefault(); items[(at + 1) % items.length].focus(); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); }
  });
  const li = h('li', { class: 'board-card', draggable: 'true', dataset: { applicationId: app.id, status: app.status } },
    h('a', { class: 'board-company', href: `#/applications/${app.id}` }, app.company),
    h('span', { class: 'board-position' }, app.position),
    h('span', { class: 'board-due small muted', dataset: { due: '' } }, app.next_due_on ? `Next follow-up ${formatDate(app.next_due_on)}` : 'Nothing scheduled'),
    h('div', { class: 'board-card-actions' }, toggle, menu));
  li.addEventListener('dragstart', (event) => {
    event.dataTransfer.setData('application/x-touchbase-card', JSON.stringify({ id: app.id, version: app.version, status: app.status, company: app.company }));
    event.dataTransfer.effectAllowed = 'move';
    li.classList.add('dragging');
  });
  li.addEventListener('dragend', () => li.classList.remove('dragging'));
  return li;
}

/** Records the move; with If-Match, so a card another tab changed is not moved blindly. */
async function move(ctx, app, status, byKeyboard) {
  const target = ctx.statuses.find(([value]) => value === status)?.[1] || status;
  try {
    await post(`/applications/${app.id}/status`, { status }, { headers: { 'If-Match': `"${app.id}-${app.version}"` } });
    note(`Moved ${app.company} to ${target}.`);
  } catch (error) {
    note(error.status === 412
      ? `${app.company} changed since the board loaded; the board now shows it as it is.`
      : `Could not move ${app.company}: ${error.message}`);
  }
  if (byKeyboard) ctx.focusId = app.id;
  await paint(ctx);
}
