// Today: a short inbox of what to follow up on, grouped by when. One line per application (the
// reason on expand), inline actions with undo, and one request (GET /follow-ups/today) to load.
import { api, get, post, patch, del, optional, ApiError } from '../api.js';
import { store } from '../store.js';
import { h, clear, formatDate, add } from '../dom.js';
import { showErrors } from '../forms.js';
import { asks as offeredAsks } from '../vocabulary.js';
import { showDueCount } from '../due-count.js';
import { undoToast, note } from './undo.js';

const GROUPS = {
  due_now: { title: 'Due now', hint: 'Timely now: send it, then mark it sent.' },
  closing_soon: { title: 'Closing soon', hint: 'The time to follow up ends within {days} days.' },
  waiting: { title: 'Waiting on a date', hint: 'Nothing to do until the day shown.' },
  past_window: { title: 'Past the window', hint: 'The time to follow up has passed. Archive them to stop the reminders, or mark one sent if you did send it.' },
  imported_past_window: { title: 'Imported, past the follow-up window', hint: 'Imported with dates whose time to follow up has passed. Archive them all in one go.' },
};
const ORDER = ['due_now', 'closing_soon', 'waiting', 'past_window', 'imported_past_window'];
const PAST = new Set(['past_window', 'imported_past_window']);

/** The post-rejection ask that a template kind writes, if it writes one. */
const askOf = (templateKind) => offeredAsks().find((a) => a.template_kind === templateKind);

const shortFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const short = (iso) => (iso ? shortFormat.format(new Date(`${iso}T00:00:00Z`)) : '');
const days = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** An ISO day `n` days after `iso`. */
function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function relative(on, iso) {
  const n = days(on, iso);
  return n === 0 ? 'today' : n === 1 ? 'tomorrow' : short(iso);
}

// Reasons about contact details, not about the date: left to the follow-up screen.
const NOT_WHY = new Set(['window', 'contact_gap', 'no_contact_name', 'no_phone_calls', 'only_shortlisted', 'no_channel']);

/** Why this date: the plan's reasons that set it, in its own words. */
function why(plan) {
  const own = (plan.reasons || []).filter((r) => !NOT_WHY.has(r.rule));
  return (own.length ? own : plan.reasons || []).map((r) => r.message).join(' ');
}

/** The step the line is about (finding the hiring manager comes first but is not the action). */
function mainStep(plan) {
  const steps = plan.next_steps || [];
  return steps.find((s) => s.action !== 'find_decision_maker') || steps[0] || null;
}

function actionText(key, plan) {
  const step = mainStep(plan);
  if (plan.state === 'post_rejection') return askOf(step?.template_kind)?.label || 'Make the asks';
  const phone = plan.recommended_channel === 'phone';
  if (PAST.has(key)) return phone ? 'Call to follow up (too late)' : 'Follow up (too late)';
  return phone ? 'Call to follow up' : 'Email a follow-up';
}

function untilText(key, plan, on) {
  if (key === 'waiting') return `from ${relative(on, plan.due_on)}`;
  if (PAST.has(key)) return `ended ${short(plan.window_closes_on)}`;
  return `until ${relative(on, plan.window_closes_on)}`;
}

function writeLink(app, plan) {
  if (plan.state === 'post_rejection') {
    const step = mainStep(plan);
    return h('a', { href: `#/applications/${app.id}/follow-up${step?.template_kind ? `?kind=${step.template_kind}` : ''}` }, 'Write the ask');
  }
  if (plan.state === 'due') return h('a', { href: `#/applications/${app.id}/follow-up` }, 'Write the follow-up');
  return null;
}

export function render(root) {
  return paint(root, root);
}

/** Builds Today into `target`; its actions redraw `root` (where the first paint went). */
async function paint(target, root) {
  const page = await optional(get('/follow-ups/today'));
  const first = store.user?.name ? ` · Good to see you, ${store.user.name.split(' ')[0]}` : '';
  const head = h('header', { class: 'page-head' },
    h('div', {}, h('h1', {}, 'Today'), h('p', { class: 'muted' }, `${formatDate(page?.on)}${first}`)),
    h('a', { class: 'btn', href: '#/applications/new' }, 'Add application'));
  if (page === null) {
    add(target, head, h('p', { class: 'alert info' }, 'The follow-up list is not available on this server yet.'));
    return;
  }
  showDueCount(page.counts);
  const reload = async () => {
    const fresh = h('div');
    await paint(fresh, root);
    root.replaceChildren(...fresh.childNodes);
    const heading = root.querySelector('h1');
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true }); // the row that had focus is gone
  };
  const ctx = { on: page.on, soon: page.closing_soon_days, reload };
  const { counts } = page;
  const groups = Object.fromEntries(page.groups.map((g) => [g.key, g]));
  add(target, head, summaryLine(counts));
  if (ORDER.every((key) => !counts[key])) {
    add(target, emptyState(counts, page.on));
    return;
  }
  for (const key of ORDER) {
    if (key === 'due_now' || counts[key]) add(target, section(groups[key], ctx, counts));
  }
}

function summaryLine(counts) {
  const now = counts.due_now + counts.closing_soon;
  const parts = [`${now} due now`, `${counts.waiting} waiting`, `${counts.past_window + (counts.imported_past_window || 0)} past the window`];
  if (counts.snoozed) parts.push(`${counts.snoozed} snoozed`);
  return h('p', { class: 'today-summary muted', dataset: { summary: '' } }, parts.join(' · '));
}

function nextText(counts, on) {
  const parts = [];
  if (counts.next_due_on) parts.push(`The next follow-up falls due ${days(on, counts.next_due_on) === 1 ? 'tomorrow' : `on ${formatDate(counts.next_due_on)}`}.`);
  if (counts.snoozed) parts.push(`${counts.snoozed} snoozed; the first comes back on ${formatDate(counts.next_snooze_ends_on)}.`);
  return parts.join(' ');
}

function emptyState(counts, on) {
  const next = nextText(counts, on);
  return h('section', { class: 'card today-empty', dataset: { empty: '' } },
    h('h2', {}, 'Nothing to follow up on today'),
    h('p', { class: 'muted', dataset: { next: '' } }, next || 'Nothing scheduled yet. Add the applications you sent, and their follow-ups appear here.'));
}

function section(group, ctx, counts) {
  const { key } = group;
  const meta = GROUPS[key];
  const titleId = `today-${key}`;
  const list = h('ul', { class: 'today-list', 'aria-labelledby': titleId });
  const more = h('div', { class: 'today-more' });
  const headActions = h('div', { class: 'actions' });
  if (PAST.has(key)) headActions.append(archiveAllButton(group, ctx));
  const body = [
    h('div', { class: 'today-group-head' },
      h('h2', { id: titleId }, meta.title, ' ', h('span', { class: 'count', dataset: { count: key } }, String(group.count))),
      headActions),
    h('p', { class: 'small muted' }, meta.hint.replace('{days}', ctx.soon)),
  ];
  if (!group.items.length) {
    body.push(h('p', { class: 'empty muted', dataset: { next: '' } }, `Nothing due now. ${nextText(counts, ctx.on)}`.trim()));
  }
  const showPage = (items, cursor) => {
    add(list, items.map((item) => row(item, key, ctx)));
    clear(more, cursor ? h('button', { type: 'button', class: 'btn small', dataset: { action: 'more' } , onclick: async (event) => {
      event.currentTarget.disabled = true;
      const next = await get('/follow-ups/today', { group: key, cursor });
      showPage(next.groups[0].items, next.groups[0].next_cursor);
    } }, 'Show more') : null);
  };
  showPage(group.items, group.next_cursor);
  return h('section', { class: `card today-group group-${key}`, dataset: { group: key } }, ...body, list, more);
}

function row(item, key, ctx) {
  const { application: app, plan } = item;
  const panel = h('div', { class: 'today-panel', dataset: { panel: '' }, hidden: true });
  const label = `${app.company}, ${app.position}`;
  const open = (build) => () => {
    if (!panel.hidden && panel.dataset.open === build.name) { panel.hidden = true; return; }
    panel.dataset.open = build.name;
    clear(panel, build(item, ctx, panel));
    panel.hidden = false;
    panel.querySelector('input, textarea')?.focus();
  };
  const step = mainStep(plan);
  const write = writeLink(app, plan);
  const details = h('details', { class: 'today-details' },
    h('summary', { class: 'today-line' },
      h('span', { class: 'today-company' }, app.company),
      h('span', { class: 'today-position' }, app.position),
      h('span', { class: 'today-action' }, actionText(key, plan)),
      h('span', { class: `today-until${key === 'closing_soon' ? ' soon' : ''}`, dataset: { until: '' } }, untilText(key, plan, ctx.on))),
    h('div', { class: 'today-why' },
      h('p', { dataset: { reason: '' } }, why(plan)),
      step ? h('p', { class: 'small muted' }, step.label) : null,
      h('p', { class: 'small actions' }, write, h('a', { href: `#/applications/${app.id}` }, 'Open the application'))));
  const actions = h('div', { class: 'today-actions' },
    h('button', { type: 'button', class: 'btn small', 'aria-label': `Mark sent: ${label}`, dataset: { action: 'mark-sent' }, onclick: open(markSentForm) }, 'Mark sent'),
    h('button', { type: 'button', class: 'btn small', 'aria-label': `Snooze: ${label}`, dataset: { action: 'snooze' }, onclick: open(snoozeForm) }, 'Snooze'),
    h('button', { type: 'button', class: 'btn small ghost', 'aria-label': `Archive: ${label}`, dataset: { action: 'archive' }, onclick: () => archive(item, ctx) }, 'Archive'));
  return h('li', { class: 'today-item', dataset: { applicationId: app.id, state: plan.state } }, details, actions, panel);
}

function dateField(name, labelText, value, limits) {
  const id = `today-${name}-${Math.random().toString(36).slice(2, 8)}`;
  return h('div', { class: 'field' },
    h('label', { for: id }, labelText),
    h('input', { id, type: 'date', name, value, required: true, dataset: { field: name }, 'aria-describedby': `${id}-error`, ...limits }),
    h('p', { class: 'field-error', id: `${id}-error`, dataset: { errorFor: name }, hidden: true }));
}

function cancelButton(panel) {
  return h('button', { type: 'button', class: 'btn small ghost', onclick: () => { panel.hidden = true; } }, 'Cancel');
}

/** Records the follow-up (or the ask) sent on a day; a refusal the policy lets you override asks why. */
function markSentForm(item, ctx, panel) {
  const { application: app, plan } = item;
  const refusal = h('div', { dataset: { refusalSlot: '' } });
  const form = h('form', { class: 'today-form', dataset: { form: 'mark-sent' }, novalidate: true },
    dateField('sent_on', 'Sent on', ctx.on, { max: ctx.on }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn small primary' }, 'Record'), cancelButton(panel)),
    h('div', { class: 'alert error', role: 'alert', dataset: { formError: '' }, hidden: true }),
    refusal);
  const send = async (overrideReason) => {
    const day = form.querySelector('[data-field="sent_on"]').value;
    if (!day) {
      showErrors(form, new ApiError({ detail: 'Pick the day you sent it.', errors: [{ field: 'sent_on', message: 'Pick the day you sent it.' }] }, 422));
      return;
    }
    const ask = plan.state === 'post_rejection' ? askOf(mainStep(plan)?.template_kind) : null;
    try {
      const event = ask
        ? await post(`/applications/${app.id}/events`, { kind: ask.event_kind, occurred_on: day, channel: plan.recommended_channel || null })
        : await post(`/applications/${app.id}/follow-ups`, { channel: plan.recommended_channel || 'email', sent_on: day, override_reason: overrideReason || null });
      undoToast(`Marked sent: ${app.company}.`, () => del(`/applications/${app.id}/events/${event.id}`), ctx.reload);
      await ctx.reload();
    } catch (error) {
      if (error instanceof ApiError && error.problem?.overridable) clear(refusal, overrideBox(error, send));
      else showErrors(form, error);
    }
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); send(); });
  return form;
}

function overrideBox(error, send) {
  const id = `override-${Math.random().toString(36).slice(2, 8)}`;
  const reason = h('textarea', { id, rows: 2, maxlength: 500, dataset: { overrideReason: '' } });
  const problem = h('p', { class: 'field-error', hidden: true });
  const box = h('div', { class: 'alert warning', role: 'alert', dataset: { refusal: error.slug } },
    h('p', {}, error.detail || error.title),
    h('div', { class: 'field' }, h('label', { for: id }, 'Record it anyway? Say why (kept on the timeline)'), reason, problem),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn small', dataset: { action: 'override' }, onclick: () => {
      if (!reason.value.trim()) { problem.textContent = 'Give a reason to record it against the policy.'; problem.hidden = false; reason.focus(); return; }
      send(reason.value.trim());
    } }, 'Record with this reason')));
  return box;
}

/** Leaves the application off Today until a day; the plan keeps its dates. */
function snoozeForm(item, ctx, panel) {
  const { application: app } = item;
  const form = h('form', { class: 'today-form', dataset: { form: 'snooze' }, novalidate: true },
    dateField('until', 'Snooze until', addDays(ctx.on, 7), { min: addDays(ctx.on, 1), max: addDays(ctx.on, 365) }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn small primary' }, 'Snooze'), cancelButton(panel)),
    h('div', { class: 'alert error', role: 'alert', dataset: { formError: '' }, hidden: true }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const until = form.querySelector('[data-field="until"]').value;
    const url = `/applications/${app.id}/snooze`;
    try {
      if (!until || until <= ctx.on) throw new ApiError({ detail: 'Pick a day after today.', errors: [{ field: 'until', message: 'Pick a day after today.' }] }, 422);
      await api(url, { method: 'PUT', body: { until } });
      undoToast(`Snoozed ${app.company} until ${formatDate(until)}.`, () => del(url), ctx.reload);
      await ctx.reload();
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

async function archive(item, ctx) {
  const { application: app } = item;
  const url = `/applications/${app.id}`;
  try {
    await patch(url, { archived: true });
    undoToast(`Archived ${app.company}: no more reminders.`, () => patch(url, { archived: false }), ctx.reload);
    await ctx.reload();
  } catch (error) {
    note(`Could not archive ${app.company}: ${error.message}`);
  }
}

function archiveAllButton(group, ctx) {
  return h('button', { type: 'button', class: 'btn small', dataset: { action: 'archive-all' }, onclick: async (event) => {
    event.currentTarget.disabled = true;
    try {
      const done = await post('/follow-ups/today/archive-past-window');
      const n = done.application_ids.length;
      if (!n) { note('Nothing past the window to archive.'); await ctx.reload(); return; }
      const left = done.remaining ? ` ${done.remaining} more remain.` : '';
      undoToast(`Archived ${n} ${n === 1 ? 'application' : 'applications'} past the window.${left}`,
        () => post('/follow-ups/today/unarchive', { application_ids: done.application_ids }), ctx.reload);
      await ctx.reload();
    } catch (error) {
      note(`Could not archive them: ${error.message}`);
    }
  } }, `Archive all ${group.count}`);
}
