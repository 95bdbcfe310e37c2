// Follow up: the plan and its reasons, the channels, the message rendered and editable, then sent.
import { get, post, optional } from '../api.js';
import { h, clear, copyText, toast, formatDate, add } from '../dom.js';
import { errorBox } from '../forms.js';
import { store } from '../store.js';
import { asks, label, values as words } from '../vocabulary.js';
import * as plans from './plan.js';
import * as script from './script.js';

/** The post-rejection ask a template kind writes, if it writes one. */
const askOf = (kind) => asks().find((a) => a.template_kind === kind);
/** What this screen writes: an ask by its own name, any other template kind by its label. */
const title = (kind) => askOf(kind)?.label ?? label('template_kinds', kind);
/** The event that records sending an ask (follow-ups go through the policy's guard instead). */
const eventOf = (kind) => askOf(kind)?.event_kind;
/** The plan reason that says why a plan is in its state (the engine's rule names). */
const STATE_RULE = { too_late: 'too_late', done: 'follow_up_limit', closed: 'closed', responded: 'responded', blocked: 'no_contact', not_applied: 'not_applied', post_rejection: 'rejected' };
/** The longest part of a placeholder a message names when it blocks sending. */
const NAMED_CHARS = 60;

/** Today as YYYY-MM-DD in the user's own zone (the API's "today"), else the browser's. */
export function userToday(now = new Date()) {
  const zone = store.user?.timezone;
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

/**
 * What is still to be filled in: any {{ variable }} or {% tag %} left as typed, and in an
 * email every [square-bracketed line] the template asks you to write (builtins.py). In a call
 * script brackets are stage directions, for you and not to be said, so they stay.
 */
export function unfilled(text, channel) {
  const found = [...(text || '').matchAll(/\{\{.*?\}\}|\{%.*?%\}/gs)].map((m) => m[0]);
  if (channel === 'email') found.push(...[...(text || '').matchAll(/\[[^\][]*\]/g)].map((m) => m[0]));
  return [...new Set(found)];
}

function named(placeholder) {
  const flat = placeholder.replace(/\s+/g, ' ');
  return flat.length > NAMED_CHARS ? `${flat.slice(0, NAMED_CHARS - 1)}…` : flat;
}

function pickKind(plan, query) {
  if (query.get('kind')) return query.get('kind');
  if (plan?.recommended_template) return plan.recommended_template.kind;
  return plan?.next_steps?.find((s) => s.template_kind)?.template_kind || 'follow_up';
}

/** Email or phone: the one asked for, else the plan's recommendation, else the first allowed. */
function pickChannel(plan, query) {
  const allowed = plan ? plan.channels_allowed : words('channels');
  const asked = query.get('channel');
  if (asked && allowed.includes(asked)) return asked;
  if (plan?.recommended_channel && allowed.includes(plan.recommended_channel)) return plan.recommended_channel;
  return allowed[0] || 'email';
}

/**
 * Said before anything is recorded: the plan does not call for this message today (too early,
 * too late, closed, already sent...). Recording a follow-up anyway asks why; an ask is yours.
 */
function planWarning(plan, kind) {
  if (!plan) return null;
  const reason = (rule) => plan.reasons?.find((r) => r.rule === rule)?.message;
  let head = null;
  let why = null;
  if (kind === 'follow_up') {
    if (plan.state === 'due') return null;
    if (plan.state === 'waiting') {
      head = 'Too early';
      why = plan.due_on ? `The follow-up is due on ${formatDate(plan.due_on)}; sooner annoys the hiring manager.` : null;
    } else {
      head = plan.state === 'too_late' ? 'Too late' : `The plan says: ${label('plan_states', plan.state)}`;
      why = reason(STATE_RULE[plan.state]);
    }
  } else if (askOf(kind)) {
    if (plan.next_steps?.some((s) => s.template_kind === kind)) return null;
    head = plan.state === 'post_rejection' ? 'Already asked' : `The plan says: ${label('plan_states', plan.state)}`;
    why = plan.state === 'post_rejection' ? 'This ask is made once, and it is already on the timeline.' : reason(STATE_RULE[plan.state]);
  } else {
    return null;
  }
  const then = kind === 'follow_up'
    ? 'You can still record it if you know better (a recruiter asked you to write, say): you will be asked why, and the timeline keeps the reason.'
    : 'You can still record it.';
  return h('div', { class: 'alert warning', role: 'status', dataset: { planWarning: plan.state } },
    h('strong', {}, head), why ? h('p', {}, why) : null, h('p', { class: 'small' }, then));
}

function channelPicker(plan, app, chosen, onPick) {
  const allowed = plan ? plan.channels_allowed : words('channels');
  return h('fieldset', { class: 'channels', dataset: { channels: '' } },
    h('legend', {}, 'Channel'),
    words('channels').map((channel) => {
      const on = allowed.includes(channel);
      const id = `channel-${channel}`;
      const input = h('input', { type: 'radio', name: 'channel', id, value: channel, checked: channel === chosen, disabled: !on });
      input.addEventListener('change', () => onPick(channel));
      const why = on ? null : h('span', { class: 'off-reason', dataset: { offReason: channel } },
        channel === 'phone' ? plans.phoneOffReason(plan, app) : plans.emailOffReason(plan, app));
      return h('div', { class: `channel ${on ? 'on' : 'off'}`, dataset: { channel, allowed: String(on) } },
        input, h('label', { for: id }, label('channels', channel), on ? '' : ' (off)'), why);
    }));
}

export async function render(root, { id }, query) {
  const [app, plan] = await Promise.all([get(`/applications/${id}`), optional(get(`/applications/${id}/plan`))]);
  const kind = pickKind(plan, query);
  let channel = pickChannel(plan, query);
  let current = plan;

  const planBox = h('section', { class: 'card' });
  function showPlan(fresh) {
    current = fresh;
    clear(planBox, h('h2', {}, 'The plan'));
    if (!fresh) {
      add(planBox, errorBox({ notAvailable: true }));
      return;
    }
    add(planBox, plans.summary(fresh));
    const steps = fresh.next_steps?.filter((s) => s.template_kind) || [];
    if (steps.length > 1 || (steps.length === 1 && steps[0].template_kind !== kind)) {
      add(planBox, h('ul', { class: 'steps' }, steps.map((s) => h('li', {},
        h('a', { href: `#/applications/${id}/follow-up?kind=${s.template_kind}`, 'aria-current': s.template_kind === kind ? 'true' : null }, s.label)))));
    }
  }
  showPlan(plan);

  const warning = planWarning(plan, kind) || h('div', { hidden: true });
  const composer = h('section', { class: 'card stack', dataset: { composer: '' } });
  add(root,
    h('header', { class: 'page-head' },
      h('div', {},
        h('a', { class: 'back', href: `#/applications/${id}` }, `← ${app.company}`),
        h('h1', {}, title(kind)),
        h('p', { class: 'lead' }, `${app.position} at ${app.company}`))),
    h('div', { class: 'columns wide-left' }, composer, planBox));

  async function compose() {
    const templates = await optional(get('/templates', { kind, channel }), []);
    const chosen = templates.find((t) => !t.builtin) || templates[0];
    const select = h('select', { id: 'template', dataset: { template: '' } },
      templates.map((t) => h('option', { value: t.id, selected: t === chosen }, t.builtin ? `${t.name} (built-in)` : t.name)));
    const message = h('div', { class: 'stack' });
    clear(composer,
      h('h2', {}, channel === 'phone' ? 'Your call' : 'Your message'),
      warning,
      channelPicker(current, app, channel, (picked) => { channel = picked; compose(); }),
      templates.length
        ? h('div', { class: 'field' }, h('label', { for: 'template' }, channel === 'phone' ? 'Script' : 'Template'), select)
        : h('p', { class: 'alert info' }, 'No template for this kind and channel yet. ', h('a', { href: '#/templates' }, 'Write one in Templates'), '.'),
      message);
    select.addEventListener('change', () => fill(select.value));
    if (chosen) await fill(chosen.id);

    async function fill(templateId) {
      let result;
      try {
        result = await post(`/applications/${id}/render`, { template_id: String(templateId) });
      } catch (error) {
        clear(message, errorBox(error));
        return;
      }
      clear(message, editor(result, templateId));
    }
  }

  function editor(result, templateId) {
    const phone = result.channel === 'phone';
    const subject = h('input', { id: 'msg-subject', value: result.subject ?? '', dataset: { messageSubject: '' } });
    const body = h('textarea', { id: 'msg-body', rows: 14, value: result.body, dataset: { messageBody: '' } });
    const mail = h('a', { class: 'btn', dataset: { action: 'mailto' } }, 'Open in mail program');
    const spoken = phone ? h('div', { dataset: { scriptSlot: '' } }) : null;
    const toFill = h('p', { class: 'small to-fill', dataset: { toFill: '' }, hidden: true });
    const sync = () => {
      const params = `subject=${encodeURIComponent(subject.value)}&body=${encodeURIComponent(body.value)}`;
      mail.href = `mailto:${encodeURIComponent(result.to || '').replace('%40', '@')}?${params}`;
      if (spoken) clear(spoken, script.layout(body.value));
      const left = unfilled(`${phone ? '' : subject.value}\n${body.value}`, result.channel);
      toFill.hidden = !left.length;
      toFill.textContent = left.length ? `Still to fill in: ${left.map(named).join(' · ')}` : '';
    };
    subject.addEventListener('input', sync);
    body.addEventListener('input', sync);
    sync();
    const copy = h('button', { type: 'button', class: 'btn', dataset: { action: 'copy' } }, phone ? 'Copy the script' : 'Copy');
    copy.addEventListener('click', () => copyText(phone ? body.value : `${subject.value}\n\n${body.value}`, copy));
    const outcome = h('div', { 'aria-live': 'polite', dataset: { outcome: '' } });
    const today = userToday();
    const dateId = `sent-on-${Math.random().toString(36).slice(2, 8)}`;
    const sentOn = h('input', { id: dateId, type: 'date', value: today, max: today, required: true, dataset: { field: 'sent_on' }, 'aria-describedby': `${dateId}-error` });
    const dateError = h('p', { class: 'field-error', id: `${dateId}-error`, dataset: { errorFor: 'sent_on' }, hidden: true });
    const send = h('button', { type: 'button', class: 'btn primary', dataset: { action: 'mark-sent' } }, phone ? 'Mark as called' : 'Mark as sent');
    /** Says what is left to fill in, if anything: then nothing is sent or recorded. */
    const blocked = () => {
      const left = unfilled(`${phone ? '' : subject.value}\n${body.value}`, result.channel);
      if (!left.length) return false;
      clear(outcome, h('div', { class: 'alert error', role: 'alert', dataset: { unfilled: String(left.length) } },
        h('strong', {}, left.length === 1 ? 'One placeholder is not filled in' : `${left.length} placeholders are not filled in`),
        h('p', {}, 'Write these yourself before sending: '),
        h('ul', {}, left.map((p) => h('li', { dataset: { placeholder: p } }, named(p))))));
      body.closest('details')?.setAttribute('open', '');
      body.focus();
      return true;
    };
    mail.addEventListener('click', (event) => { if (blocked()) event.preventDefault(); });
    send.addEventListener('click', () => {
      dateError.hidden = true;
      sentOn.removeAttribute('aria-invalid');
      const day = sentOn.value;
      const problem = !day ? `Pick the day you ${phone ? 'called' : 'sent it'}.` : day > userToday() ? 'That day has not come yet: pick today or a day before.' : null;
      if (problem) {
        dateError.textContent = problem;
        dateError.hidden = false;
        sentOn.setAttribute('aria-invalid', 'true');
        sentOn.focus();
        return;
      }
      if (blocked()) return;
      markSent({ subject: phone ? null : subject.value, body: body.value, templateId, day }, outcome, send);
    });
    const call = phone && result.to ? h('a', { class: 'btn', href: `tel:${result.to.replace(/[^\d+]/g, '')}`, dataset: { action: 'call' } }, `Call ${result.to}`) : null;
    return h('div', { class: 'stack' },
      h('p', { class: 'small muted' }, result.to ? `${phone ? 'Number' : 'To'}: ${result.to}` : phone
        ? 'No number known yet: call the main line, and add the hiring manager as a contact when you find them.'
        : 'No address known yet: send it to the hiring team, and add the hiring manager as a contact when you find them.'),
      result.fallbacks?.length ? h('p', { class: 'small muted', dataset: { fallbacks: '' } },
        `Not known yet, so filled in: ${result.fallbacks.map((f) => `${f.variable.replaceAll('_', ' ')} → ${f.used ? `“${f.used}”` : 'left out'}`).join('; ')}.`) : null,
      phone ? null : h('div', { class: 'field' }, h('label', { for: 'msg-subject' }, 'Subject'), subject),
      phone ? spoken : null,
      phone
        ? h('details', { class: 'script-edit' }, h('summary', {}, 'Edit the script'), h('div', { class: 'field' }, h('label', { for: 'msg-body' }, 'Call script'), body))
        : h('div', { class: 'field' }, h('label', { for: 'msg-body' }, 'Message'), body),
      toFill,
      h('div', { class: 'send-row' },
        h('div', { class: 'field' }, h('label', { for: dateId }, phone ? 'Called on' : 'Sent on'), sentOn, dateError),
        h('div', { class: 'actions' }, send, call, copy, phone ? null : mail)),
      outcome);
  }

  async function markSent(message, outcome, button, overrideReason) {
    button.disabled = true;
    try {
      if (kind === 'follow_up') {
        const numeric = /^\d+$/.test(String(message.templateId));
        await post(`/applications/${id}/follow-ups`, {
          channel, sent_on: message.day, subject: message.subject || null, body: message.body,
          template_id: numeric ? Number(message.templateId) : null, override_reason: overrideReason || null,
        });
      } else {
        await post(`/applications/${id}/events`, {
          kind: eventOf(kind) || 'note', occurred_on: message.day, channel,
          summary: eventOf(kind) ? message.subject || (channel === 'phone' ? `Called: ${title(kind)}` : null) : `Sent: ${title(kind)}`,
        });
      }
      toast('Recorded on the timeline');
      warning.hidden = true; // recorded: what the plan said is history now
      optional(get(`/applications/${id}/plan`)).then(showPlan, () => {});
      clear(outcome, h('div', { class: 'alert success', role: 'status', dataset: { sent: '' } },
        `Recorded on the timeline for ${formatDate(message.day)}. `, h('a', { href: `#/applications/${id}` }, 'Back to the application')));
    } catch (error) {
      clear(outcome, refusal(error, message, outcome, button));
    } finally {
      button.disabled = false;
    }
  }

  function refusal(error, message, outcome, button) {
    const box = h('div', { class: 'alert warning', role: 'alert', dataset: { refusal: error.slug || '' } },
      h('strong', {}, error.title || 'Not sent'), h('p', {}, error.detail || error.message));
    if (error.problem?.overridable) {
      const reason = h('textarea', { id: 'override-reason', rows: 2, dataset: { overrideReason: '' } });
      const form = h('form', { class: 'stack', novalidate: true },
        h('div', { class: 'field' }, h('label', { for: 'override-reason' }, 'Send anyway? Say why (kept on the timeline)'), reason,
          h('p', { class: 'field-error', hidden: true, dataset: { errorFor: 'override_reason' } })),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn', dataset: { action: 'override' } }, 'Record with this reason')));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const why = reason.value.trim();
        if (!why) {
          const slot = form.querySelector('[data-error-for]');
          slot.textContent = 'Give a reason to override the policy.';
          slot.hidden = false;
          reason.focus();
          return;
        }
        markSent(message, outcome, button, why);
      });
      add(box, form);
    }
    if (error.slug === 'channel-not-allowed' || error.slug === 'contact-forbidden') {
      add(box, h('p', {}, 'If the employer told you otherwise, ', h('a', { href: `#/applications/${id}/edit` }, 'edit the posting constraints'), '.'));
    }
    return box;
  }

  await compose();
}
