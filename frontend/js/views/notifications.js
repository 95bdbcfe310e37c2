// Settings › Notifications: the morning digest (on/off, hour, weekdays only) and a test email.
import { api } from '../api.js';
import { h, toast } from '../dom.js';
import { field, formAlert, guard, showErrors, submitting, values } from '../forms.js';

const HOURS = Array.from({ length: 24 }, (_, hour) => [hour, `${String(hour).padStart(2, '0')}:00`]);

/** The Notifications card, filled from GET /me/notifications. */
export async function section() {
  const now = await api('/me/notifications');
  const off = now.mail_enabled ? null : h('div', { class: 'alert warning', dataset: { mailOff: '' } },
    'Mail is off on this server, so no digest or test email is sent. ',
    'The operator turns it on with TOUCHBASE_SMTP_URL.');
  const test = h('button', { type: 'button', class: 'btn', disabled: !now.mail_enabled, dataset: { action: 'test-email' } }, 'Send me a test email');
  const form = h('form', { class: 'card stack narrow', novalidate: true, dataset: { form: 'notifications' } },
    h('h2', {}, 'Notifications'),
    h('p', { class: 'muted' }, `A morning digest to ${now.email} on days with something due, closing or just past its window, at your hour in ${now.timezone}.`),
    off,
    formAlert(),
    field({ label: 'Send the morning digest', name: 'digest_enabled', type: 'checkbox', value: now.digest_enabled }),
    field({ label: 'At', name: 'digest_hour', options: HOURS, value: now.digest_hour, hint: 'Your local time.' }),
    field({ label: 'Weekdays only', name: 'weekdays_only', type: 'checkbox', value: now.weekdays_only }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Save notifications'), test));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const body = values(form);
      body.digest_hour = Number(body.digest_hour);
      await api('/me/notifications', { method: 'PATCH', body });
      toast('Notifications saved');
    });
  });
  guard(form);
  test.addEventListener('click', async () => {
    test.disabled = true;
    try {
      const sent = await api('/me/test-email', { method: 'POST' });
      toast(`Test email on its way to ${sent.to}`);
    } catch (error) {
      showErrors(form, error);
    } finally {
      test.disabled = !now.mail_enabled;
    }
  });
  return form;
}
