// One application: its plan, constraints, timeline with quick actions, and contacts.
import { api, get, optional } from '../api.js';
import { h, clear, formatDate, badge, toast, add } from '../dom.js';
import { errorBox } from '../forms.js';
import { label } from '../vocabulary.js';
import * as plans from './plan.js';
import * as timeline from './timeline.js';
import * as contacts from './contacts.js';
import * as posting from './posting.js';
import * as reply from './reply.js';
import { navigate } from '../router.js';

function constraints(app, refresh) {
  const asked = posting.questions(app, refresh);
  return [
    posting.languageNote(app.posting_language, app.posting_language_message),
    asked ? [h('h3', { class: 'small-head' }, 'Does the posting say this?'), asked] : null,
    posting.sources(app, refresh),
  ];
}

function planCard(id) {
  const box = h('section', { class: 'card', dataset: { planCard: '' } });
  /** Draws the plan; `plan` undefined fetches it again (a contact added or removed). */
  async function show(plan) {
    const current = plan === undefined ? await optional(get(`/applications/${id}/plan`)) : plan;
    clear(box, h('h2', {}, 'Follow-up plan'));
    if (current) {
      add(box, plans.summary(current), current.state === 'post_rejection' ? plans.nextSteps(current, id) : null,
        h('div', { class: 'actions' }, h('a', { class: 'btn primary', href: `#/applications/${id}/follow-up`, dataset: { action: 'follow-up' } },
          current.state === 'post_rejection' ? 'Write the next ask' : 'Write a follow-up')));
    } else {
      add(box, errorBox({ notAvailable: true }),
        h('div', { class: 'actions' }, h('a', { class: 'btn', href: `#/applications/${id}/follow-up` }, 'Write a follow-up')));
    }
  }
  return { box, show };
}

/** Renders the page; `after.answered` is a response just recorded (its status offer is shown). */
export async function render(root, { id }, query, after = {}) {
  const [app, plan] = await Promise.all([get(`/applications/${id}`), optional(get(`/applications/${id}/plan`))]);
  const planBox = planCard(id);
  await planBox.show(plan);

  const remove = h('button', { type: 'button', class: 'btn ghost danger', dataset: { action: 'delete' } }, 'Delete');
  remove.addEventListener('click', async () => {
    if (!confirm(`Delete ${app.company} — ${app.position}, with its contacts and timeline?`)) return;
    try {
      await api(`/applications/${id}`, { method: 'DELETE' });
      toast('Application deleted');
      navigate('applications');
    } catch (error) { toast(error.message); }
  });

  const refresh = (next = {}) => render(clear(root), { id }, query, next);
  add(root, 
    h('header', { class: 'page-head' },
      h('div', {},
        h('a', { class: 'back', href: '#/applications' }, '← Applications'),
        h('h1', {}, app.company),
        h('p', { class: 'lead' }, app.position, app.location ? ` · ${app.location}` : ''),
        h('p', { class: 'meta' }, badge(label('statuses', app.status), `status-${app.status}`),
          h('span', { class: 'muted small' }, app.applied_on ? ` Applied ${formatDate(app.applied_on)}` : ' Not applied yet'),
          app.posting_url ? [' · ', h('a', { href: app.posting_url, rel: 'noopener noreferrer', target: '_blank' }, 'Posting')] : null)),
      h('div', { class: 'head-actions' },
        h('a', { class: 'btn', href: `#/applications/${id}/edit` }, 'Edit'), remove)),
    h('div', { class: 'columns' },
      h('div', { class: 'stack' },
        planBox.box,
        reply.section(id, refresh),
        await timeline.section(id, refresh, { app, answered: after.answered })),
      h('div', { class: 'stack' },
        h('section', { class: 'card' }, h('h2', {}, 'Posting constraints'), constraints(app, refresh),
          app.notes ? [h('h3', { class: 'small-head' }, 'Notes'), h('p', { class: 'prewrap' }, app.notes)] : null),
        await contacts.section(id, () => planBox.show().catch((error) => toast(error.message))))));
}

