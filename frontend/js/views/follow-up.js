// Follow up: the plan and its reasons, the channels, the message rendered and editable, then sent.
import { get, post, optional } from '../api.js';
import { h, clear, copyText, toast, isoToday, add } from '../dom.js';
import { errorBox } from '../forms.js';
import { asks, label, values as words } from '../vocabulary.js';
import * as plans from './plan.js';

/** The post-rejection ask a template kind writes, if it writes one. */
const askOf = (kind) => asks().find((a) => a.template_kind === kind);
/** What this screen writes: an ask by its own name, any other template kind by its label. */
const title = (kind) => askOf(kind)?.label ?? label('template_kinds', kind);
/** The event that records sending an ask (follow-ups go through the policy's guard instead). */
const eventOf = (kind) => askOf(kind)?.event_kind;

function pickKind(plan, query) {
  if (query.get('kind')) return query.get('kind');
  if (plan?.recommended_template) return plan.recommended_template.kind;
  return plan?.next_steps?.find((s) => s.template_kind)?.template_kind || 'follow_up';
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
  let channel = query.get('channel') || (plan?.recommended_channel && plan.channels_allowed.includes(plan.recommended_channel) ? plan.recommended_channel : plan?.channels_allowed?.[0]) || 'email';
  if (kind !== 'follow_up' && kind !== 'find_decision_maker') channel = 'email';

  const planBox = h('section', { class: 'card' });
  function showPlan(current) {
    clear(planBox, h('h2', {}, 'The plan'));
    if (!current) {
      add(planBox, errorBox({ notAvailable: true }));
      return;
    }
    add(planBox, plans.summary(current));
    const steps = current.next_steps?.filter((s) => s.template_kind) || [];
    if (steps.length > 1 || (steps.length === 1 && steps[0].template_kind !== kind)) {
      add(planBox, h('ul', { class: 'steps' }, steps.map((s) => h('li', {},
        h('a', { href: `#/applications/${id}/follow-up?kind=${s.template_kind}`, 'aria-current': s.template_kind === kind ? 'true' : null }, s.label)))));
    }
  }
  showPlan(plan);

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
      h('h2', {}, 'Your message'),
      channelPicker(plan, app, channel, (picked) => { channel = picked; compose(); }),
      templates.length
        ? h('div', { class: 'field' }, h('label', { for: 'template' }, 'Template'), select)
        : h('p', { class: 'alert info' }, 'No template for this kind and channel yet.'),
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
    const subject = h('input', { id: 'msg-subject', value: result.subject ?? '', dataset: { messageSubject: '' } });
    const body = h('textarea', { id: 'msg-body', rows: 14, value: result.body, dataset: { messageBody: '' } });
    const mail = h('a', { class: 'btn', dataset: { action: 'mailto' } }, 'Open in mail program');
    const sync = () => {
      const params = `subject=${encodeURIComponent(subject.value)}&body=${encodeURIComponent(body.value)}`;
      mail.href = `mailto:${encodeURIComponent(result.to || '').replace('%40', '@')}?${params}`;
    };
    subject.addEventListener('input', sync);
    body.addEventListener('input', sync);
    sync();
    const copy = h('button', { type: 'button', class: 'btn', dataset: { action: 'copy' } }, 'Copy');
    copy.addEventListener('click', () => copyText(result.channel === 'email' ? `${subject.value}\n\n${body.value}` : body.value, copy));
    const outcome = h('div', { 'aria-live': 'polite', dataset: { outcome: '' } });
    const send = h('button', { type: 'button', class: 'btn primary', dataset: { action: 'mark-sent' } }, 'Mark as sent');
    send.addEventListener('click', () => markSent({ subject: subject.value, body: body.value, templateId }, outcome, send));
    return h('div', { class: 'stack' },
      h('p', { class: 'small muted' }, result.to ? `To: ${result.to}` : 'No address known yet: send it to the hiring team, and add the hiring manager as a contact when you find them.'),
      result.fallbacks?.length ? h('p', { class: 'small muted', dataset: { fallbacks: '' } },
        `Not known yet, so filled in: ${result.fallbacks.map((f) => `${f.variable.replaceAll('_', ' ')} → ${f.used ? `“${f.used}”` : 'left out'}`).join('; ')}.`) : null,
      result.channel === 'email' ? h('div', { class: 'field' }, h('label', { for: 'msg-subject' }, 'Subject'), subject) : null,
      h('div', { class: 'field' }, h('label', { for: 'msg-body' }, result.channel === 'phone' ? 'Call script' : 'Message'), body),
      h('div', { class: 'actions' }, send, copy, result.channel === 'email' ? mail : null),
      outcome);
  }

  async function markSent(message, outcome, button, overrideReason) {
    button.disabled = true;
    try {
      if (kind === 'follow_up') {
        const numeric = /^\d+$/.test(String(message.templateId));
        await post(`/applications/${id}/follow-ups`, {
          channel, sent_on: isoToday(), subject: message.subject || null, body: message.body,
          template_id: numeric ? Number(message.templateId) : null, override_reason: overrideReason || null,
        });
      } else {
        await post(`/applications/${id}/events`, {
          kind: eventOf(kind) || 'note', occurred_on: isoToday(), channel,
          summary: eventOf(kind) ? message.subject || null : `Sent: ${title(kind)}`,
        });
      }
      toast('Recorded on the timeline');
      optional(get(`/applications/${id}/plan`)).then(showPlan, () => {});
      clear(outcome, h('div', { class: 'alert success', role: 'status', dataset: { sent: '' } },
        'Recorded on the timeline. ', h('a', { href: `#/applications/${id}` }, 'Back to the application')));
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

