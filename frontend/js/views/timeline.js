// The timeline with quick actions to record what happened.
import { api, get } from '../api.js';
import { h, clear, add, formatDate, isoToday, toast } from '../dom.js';
import { field, formAlert, submitting, values } from '../forms.js';
import { options, label, values as words, answerMoves } from '../vocabulary.js';
import { undoToast } from './undo.js';

const QUICK = [
  ['response', 'Response'],
  ['interview', 'Interview'],
  ['rejection', 'Rejection'],
  ['offer', 'Offer'],
  ['withdrawn', 'Withdrawal'],
  ['note', 'Note'],
];

const YES_NO = [['', 'Not said'], ['true', 'Yes'], ['false', 'No']];

function newsFields() {
  return h('fieldset', { class: 'news' },
    h('legend', {}, 'News it carried'),
    h('div', { class: 'grid two' },
      field({ label: 'Position still open?', name: 'position_still_open', options: YES_NO }),
      field({ label: 'Interviews being scheduled?', name: 'interviews_being_scheduled', options: YES_NO }),
      field({ label: 'Still a finalist?', name: 'still_a_finalist', options: YES_NO }),
      field({ label: 'How many applied', name: 'applicant_count', type: 'number', min: 0 })));
}

function eventForm(kind, id, done) {
  const form = h('form', { class: 'card inset stack', novalidate: true, dataset: { form: `event-${kind}` } },
    h('h3', { class: 'small-head' }, `Record: ${label('event_kinds', kind)}`),
    formAlert(),
    h('div', { class: 'grid two' },
      field({ label: 'Date', name: 'occurred_on', type: 'date', value: isoToday() }),
      kind === 'note' ? null : field({ label: 'Channel', name: 'channel', value: words('event_channels')[0], options: options('event_channels') })),
    kind === 'response' ? newsFields() : null,
    field({ label: kind === 'note' ? 'Note' : 'What happened', name: 'summary', rows: 2 }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, 'Save'),
      h('button', { type: 'button', class: 'btn ghost', onclick: () => form.remove() }, 'Cancel')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = values(form);
    const body = { kind, occurred_on: v.occurred_on, summary: v.summary };
    if (v.channel) body.channel = v.channel;
    if (kind === 'response') {
      const yn = (x) => (x === null ? null : x === 'true');
      body.news = {
        position_still_open: yn(v.position_still_open),
        interviews_being_scheduled: yn(v.interviews_being_scheduled),
        still_a_finalist: yn(v.still_a_finalist),
        applicant_count: v.applicant_count,
      };
    }
    submitting(form, async () => {
      const created = await api(`/applications/${id}/events`, { method: 'POST', body });
      toast(`${label('event_kinds', kind)} recorded`);
      done(kind === 'response' ? { answered: created } : {});
    });
  });
  return form;
}

/**
 * After a response: one click records the event that moves the status (an interview,
 * a rejection, an offer) on the response's day, with undo. The statuses already reached
 * are not offered.
 */
function statusOffer(app, answered, id, refresh) {
  const moves = answerMoves().filter((m) => m.status !== app.status);
  if (!moves.length) return null;
  const box = h('div', { class: 'alert info status-offer', role: 'group', 'aria-label': 'Update the status', dataset: { statusOffer: '' } },
    h('p', {}, `They answered: update the status? It is ${label('statuses', app.status)} now.`));
  const buttons = moves.map((move) => h('button', {
    type: 'button', class: 'btn small', dataset: { moveTo: move.status },
    onclick: async () => {
      for (const b of buttons) b.disabled = true;
      try {
        const event = await api(`/applications/${id}/events`, {
          method: 'POST', body: { kind: move.event_kind, occurred_on: answered.occurred_on, channel: answered.channel || null },
        });
        undoToast(`${label('statuses', move.status)}: recorded as ${label('event_kinds', move.event_kind).toLowerCase()} on the timeline.`,
          () => api(`/applications/${id}/events/${event.id}`, { method: 'DELETE' }), () => refresh());
        await refresh();
      } catch (error) {
        for (const b of buttons) b.disabled = false;
        toast(error.message);
      }
    },
  }, `${move.label}?`));
  const keep = h('button', { type: 'button', class: 'btn small ghost', dataset: { action: 'keep-status' }, onclick: () => box.remove() },
    `Keep ${label('statuses', app.status)}`);
  add(box, h('div', { class: 'actions' }, buttons, keep));
  return box;
}

function news(n) {
  if (!n) return null;
  const bits = [];
  if (n.position_still_open != null) bits.push(n.position_still_open ? 'position still open' : 'position filled');
  if (n.applicant_count != null) bits.push(`${n.applicant_count} applied`);
  if (n.interviews_being_scheduled != null) bits.push(n.interviews_being_scheduled ? 'interviews being scheduled' : 'no interviews yet');
  if (n.still_a_finalist != null) bits.push(n.still_a_finalist ? 'still a finalist' : 'not a finalist');
  if (n.still_under_consideration) bits.push('still under consideration');
  return bits.length ? h('p', { class: 'small' }, `News: ${bits.join(', ')}`) : null;
}

function item(event, id, refresh) {
  const remove = h('button', { type: 'button', class: 'icon-button', 'aria-label': `Remove ${label('event_kinds', event.kind)} of ${formatDate(event.occurred_on)}` }, '×');
  remove.addEventListener('click', async () => {
    if (!confirm('Remove this entry from the timeline?')) return;
    await api(`/applications/${id}/events/${event.id}`, { method: 'DELETE' });
    refresh();
  });
  return h('li', { class: `event kind-${event.kind}`, dataset: { eventKind: event.kind } },
    h('div', { class: 'event-dot', 'aria-hidden': 'true' }),
    h('div', { class: 'event-body' },
      h('p', { class: 'event-title' }, h('strong', {}, label('event_kinds', event.kind)),
        h('span', { class: 'muted small' }, ` · ${formatDate(event.occurred_on)}`, event.channel && event.kind !== 'note' ? ` · ${label('event_channels', event.channel).toLowerCase()}` : '')),
      event.subject ? h('p', { class: 'small' }, event.subject) : null,
      event.summary ? h('p', { class: 'small prewrap' }, event.summary) : null,
      news(event.news),
      event.reply_text ? h('details', { class: 'reply-text', dataset: { replyText: '' } }, h('summary', { class: 'small' }, 'The reply'), h('p', { class: 'small prewrap' }, event.reply_text)) : null,
      event.override_reason ? h('p', { class: 'small muted' }, `Sent despite the policy: ${event.override_reason}`) : null),
    remove);
}

/** The timeline card; `answered` is a response just recorded, whose status offer shows first. */
export async function section(id, refresh, { app, answered } = {}) {
  const events = await get(`/applications/${id}/events`);
  const slot = h('div', {}, app && answered ? statusOffer(app, answered, id, refresh) : null);
  const quick = h('div', { class: 'quick', role: 'group', 'aria-label': 'Record what happened' },
    QUICK.map(([kind, label]) => h('button', {
      type: 'button', class: 'btn small', dataset: { quick: kind },
      onclick: () => { clear(slot, eventForm(kind, id, refresh)); slot.querySelector('input, select, textarea')?.focus(); },
    }, label)));
  return h('section', { class: 'card', dataset: { timeline: '' } },
    h('h2', {}, 'Timeline'),
    quick, slot,
    events.length
      ? h('ol', { class: 'timeline' }, [...events].reverse().map((e) => item(e, id, refresh)))
      : h('p', { class: 'empty muted' }, 'Nothing recorded yet. Use the buttons above when you hear back.'));
}
