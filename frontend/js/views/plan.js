// The follow-up plan, shown the same way on the application and the follow-up screens.
import { h, formatDate } from '../dom.js';
import { label } from '../vocabulary.js';

export function stateBadge(state) {
  return h('span', { class: `badge state-${state}`, dataset: { planState: state } }, label('plan_states', state));
}

export function dates(plan) {
  const fact = (label, value, data = {}) => h('div', { class: 'fact', dataset: data }, h('span', { class: 'fact-label' }, label), h('strong', {}, value));
  return h('div', { class: 'facts' },
    plan.due_on ? fact('Due', formatDate(plan.due_on), { dueOn: plan.due_on }) : null,
    plan.window_closes_on ? fact('Timely until', formatDate(plan.window_closes_on)) : null,
    fact('Follow-ups sent', `${plan.follow_ups_sent} of ${plan.follow_ups_allowed}`));
}

export function reasons(plan) {
  if (!plan.reasons?.length) return null;
  return h('ul', { class: 'reasons', dataset: { reasons: '' } }, plan.reasons.map((r) =>
    h('li', { dataset: { rule: r.rule } }, r.message)));
}

/** Whether the user set this constraint by hand (else it came from the posting). */
function saidByYou(app, name) {
  return (app?.user_set || []).includes(name);
}

function noContact(app) {
  return saidByYou(app, 'no_contact') ? 'You said: no contact with the employer.' : 'The posting asks not to be contacted.';
}

/** The reason phone is off, from the plan's own reasons where it gives one. */
export function phoneOffReason(plan, app) {
  const said = plan.reasons?.find((r) => /phone|call/i.test(r.rule) || /phone|call/i.test(r.message));
  if (said) return said.message;
  if (app?.no_phone_calls) return saidByYou(app, 'no_phone_calls') ? 'You said: no phone calls.' : 'The posting says no phone calls.';
  if (app?.no_contact) return noContact(app);
  return 'Your follow-up policy does not use phone.';
}

/** The plan's next steps that have words to send, each a link to writing it. */
export function nextSteps(plan, id) {
  const steps = plan.next_steps?.filter((s) => s.template_kind) || [];
  if (!steps.length) return null;
  return h('ul', { class: 'steps', dataset: { nextSteps: '' } }, steps.map((s) => h('li', { dataset: { step: s.template_kind } },
    h('a', { href: `#/applications/${id}/follow-up?kind=${s.template_kind}` }, s.label),
    s.due_on ? h('span', { class: 'small muted' }, ` · from ${formatDate(s.due_on)}`) : null)));
}

export function emailOffReason(plan, app) {
  const said = plan.reasons?.find((r) => r.rule === 'no_contact' || r.rule === 'no_channel');
  if (said) return said.message;
  return app?.no_contact ? noContact(app) : 'Your follow-up policy does not use email.';
}

export function summary(plan) {
  return h('div', { class: 'plan', dataset: { plan: '' } },
    h('div', { class: 'plan-head' }, stateBadge(plan.state), dates(plan)),
    reasons(plan));
}
