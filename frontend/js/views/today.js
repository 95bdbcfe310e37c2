// Today: what to send now (and why), what is coming, the asks after a rejection, and what to let go.
import { get, optional } from '../api.js';
import { store } from '../store.js';
import { h, formatDate, isoToday, add } from '../dom.js';
import { asks as offeredAsks } from '../vocabulary.js';
import { stateBadge } from './plan.js';

/** The post-rejection ask that a template kind writes, if it writes one. */
const askOf = (templateKind) => offeredAsks().find((a) => a.template_kind === templateKind);

const GROUPS = [
  { key: 'due', title: 'Due today', empty: 'Nothing to send today.', action: 'Write the follow-up' },
  { key: 'waiting', title: 'Coming up', empty: 'Nothing scheduled yet. Add the applications you sent, and their follow-ups appear here.', action: 'Open' },
  { key: 'post_rejection', title: 'After a rejection', empty: 'No open asks.', action: 'Write the ask' },
  { key: 'move_on', title: 'They know you are interested; move on?', empty: 'Nothing to let go of.', action: 'Open' },
];

async function all(query) {
  const items = [];
  let cursor;
  for (let page = 0; page < 5; page += 1) {
    const result = await get('/follow-ups', { ...query, limit: 100, cursor });
    items.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return items;
}

// Reasons about contact details, not about the date: left to the follow-up screen.
const NOT_WHY = new Set(['window', 'contact_gap', 'no_contact_name', 'no_phone_calls', 'only_shortlisted', 'no_channel']);

/** Why this date: the plan's reasons that set it, in its own words. */
function why(plan) {
  const own = (plan.reasons || []).filter((r) => !NOT_WHY.has(r.rule));
  return (own.length ? own : plan.reasons || []).map((r) => r.message).join(' ');
}

function openAsks(plan) {
  const open = plan.next_steps?.filter((s) => askOf(s.template_kind)) || [];
  return h('ul', { class: 'chips' }, open.map((s) => h('li', { class: 'chip soft' }, askOf(s.template_kind).label)));
}

function row(item, group) {
  const { application: app, plan } = item;
  const steps = plan.next_steps?.filter((s) => s.template_kind) || [];
  const ask = steps.find((s) => askOf(s.template_kind)) || steps[0];
  const href = group.key === 'due' || group.key === 'post_rejection'
    ? `#/applications/${app.id}/follow-up${group.key === 'post_rejection' && ask ? `?kind=${ask.template_kind}` : ''}`
    : `#/applications/${app.id}`;
  const when = group.key === 'waiting' && plan.due_on ? `Due ${formatDate(plan.due_on)}`
    : group.key === 'due' && plan.window_closes_on ? `Timely until ${formatDate(plan.window_closes_on)}` : '';
  return h('li', { class: 'row today-row', dataset: { applicationId: app.id, state: plan.state } },
    h('div', { class: 'row-main' },
      h('a', { class: 'row-title', href: `#/applications/${app.id}` }, app.company, h('span', { class: 'row-sub' }, ` · ${app.position}`)),
      group.key === 'post_rejection' ? openAsks(plan) : h('p', { class: 'why small' }, why(plan))),
    h('div', { class: 'row-meta' },
      when ? h('span', { class: 'small muted' }, when) : stateBadge(plan.state),
      h('a', { class: `btn small ${group.key === 'due' ? 'primary' : ''}`.trim(), href, dataset: { action: 'write' } }, group.action)));
}

export async function render(root) {
  const today = isoToday();
  const [upcoming, due, late, asks] = await Promise.all([
    optional(all({ until: isoToday(90) })),
    optional(all({ state: 'due' })),
    optional(all({ state: 'too_late' })),
    optional(all({ state: 'post_rejection' })),
  ]);
  const hello = h('header', { class: 'page-head' },
    h('div', {}, h('h1', {}, 'Today'),
      h('p', { class: 'muted' }, `${formatDate(today)}${store.user?.name ? ` · Good to see you, ${store.user.name.split(' ')[0]}` : ''}`)),
    h('a', { class: 'btn', href: '#/applications/new' }, 'Add application'));
  if (upcoming === null) {
    add(root, hello, h('p', { class: 'alert info' }, 'The follow-up list is not available on this server yet.'));
    return;
  }
  const seen = new Set();
  const buckets = { due: [], waiting: [], post_rejection: [], move_on: [] };
  for (const item of [...due, ...asks, ...upcoming, ...late]) {
    if (seen.has(item.application.id)) continue;
    seen.add(item.application.id);
    const state = item.plan.state;
    const key = state === 'too_late' || state === 'done' ? 'move_on' : state;
    buckets[key]?.push(item);
  }
  add(root, hello, ...GROUPS.map((group) => h('section', { class: `card today-group group-${group.key}`, dataset: { group: group.key } },
    h('h2', {}, group.title, buckets[group.key].length ? h('span', { class: 'count' }, ` ${buckets[group.key].length}`) : null),
    buckets[group.key].length
      ? h('ul', { class: 'rows' }, buckets[group.key].map((item) => row(item, group)))
      : h('p', { class: 'empty muted' }, group.empty))));
}
