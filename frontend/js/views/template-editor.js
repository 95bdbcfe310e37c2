// Edit a template with a live preview, a palette of variables, and errors at their lines.
import { api, get, post, latest, isAborted } from '../api.js';
import { h, clear, debounce, toast, add } from '../dom.js';
import { field, formAlert, submitting, values, clearErrors, showErrors, guard } from '../forms.js';
import { options, values as words } from '../vocabulary.js';
import { navigate } from '../router.js';

function insertAt(area, text) {
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? start;
  area.setRangeText(text, start, end, 'end');
  area.focus();
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Each problem under its field, quoting the line it names. */
function lineProblems(form, error) {
  showErrors(form, error);
  for (const item of error.errors || []) {
    const line = item.line ?? Number(/line (\d+)/i.exec(item.message || '')?.[1]);
    const control = form.querySelector(`[data-field="${item.field}"]`);
    const slot = form.querySelector(`[data-error-for="${item.field}"]`);
    if (!line || !control || !slot) continue;
    const source = control.value.split('\n')[line - 1];
    if (source !== undefined) add(slot, h('code', { class: 'error-line', dataset: { errorLine: line } }, `${line} │ ${source}`));
  }
}

export async function render(root, { id }) {
  const creating = !id;
  const [template, variables] = await Promise.all([
    creating ? { kind: words('template_kinds')[0], channel: words('channels')[0], name: '', subject: '', body: '' } : get(`/templates/${encodeURIComponent(id)}`),
    get('/templates/variables'),
  ]);
  const preview = h('div', { class: 'preview', 'aria-live': 'polite', dataset: { preview: '' } });
  const form = h('form', { class: 'card stack', novalidate: true, dataset: { form: 'template' } },
    formAlert(),
    field({ label: 'Name', name: 'name', value: template.name, required: true, maxlength: 100 }),
    h('div', { class: 'grid two' },
      field({ label: 'Kind', name: 'kind', value: template.kind, options: options('template_kinds') }),
      field({ label: 'Channel', name: 'channel', value: template.channel, options: options('channels') })),
    field({ label: 'Subject', name: 'subject', value: template.subject, maxlength: 10000 }),
    field({ label: 'Body', name: 'body', value: template.body, rows: 14, class: 'mono', spellcheck: 'false', required: true, maxlength: 10000 }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, creating ? 'Create template' : 'Save template'),
      h('a', { class: 'btn ghost', href: '#/templates' }, 'Back to the library'),
      creating ? null : h('button', { type: 'button', class: 'btn ghost danger', dataset: { action: 'delete' }, onclick: remove }, 'Delete')));
  async function remove() {
    if (!confirm(`Delete the template “${template.name}”?`)) return;
    try {
      await api(`/templates/${encodeURIComponent(id)}`, { method: 'DELETE' });
      toast('Template deleted');
      navigate('templates');
    } catch (error) { showErrors(form, error); }
  }
  const control = (name) => form.querySelector(`[data-field="${name}"]`);
  let lastFocused = control('body');
  for (const name of ['subject', 'body']) control(name).addEventListener('focus', () => { lastFocused = control(name); });
  const subjectField = control('subject').closest('.field');
  const syncChannel = () => { subjectField.hidden = control('channel').value !== 'email'; };
  control('channel').addEventListener('change', syncChannel);
  syncChannel();

  const palette = h('section', { class: 'card palette' },
    h('h2', {}, 'Variables'),
    h('p', { class: 'small muted' }, 'Click one to insert it where the cursor is.'),
    h('ul', { class: 'variables' }, variables.map((v) => h('li', {},
      h('button', { type: 'button', class: 'chip-button', dataset: { variable: v.name }, title: v.description, onclick: () => insertAt(lastFocused, `{{ ${v.name} }}`) }, v.name),
      h('span', { class: 'small muted' }, ` ${v.description}`)))));

  const previewing = latest();
  async function refresh() {
    const v = values(form);
    try {
      const body = { channel: v.channel, subject: v.channel === 'email' ? v.subject : null, body: v.body ?? '' };
      const result = await previewing('/templates/preview', { method: 'POST', body });
      clearErrors(form);
      clear(preview,
        result.subject ? h('p', { class: 'preview-subject', dataset: { previewSubject: '' } }, result.subject) : null,
        h('pre', { class: 'preview-body', dataset: { previewBody: '' } }, result.body));
    } catch (error) {
      if (isAborted(error)) return;
      lineProblems(form, error);
      clear(preview, h('p', { class: 'muted small' }, 'Fix the problem marked in the editor to see the preview.'));
    }
  }
  form.addEventListener('input', debounce(refresh, 350));
  guard(form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = values(form);
    if (body.channel !== 'email') body.subject = null;
    body.body ??= '';
    submitting(form, async () => {
      const saved = creating
        ? await post('/templates', body)
        : await api(`/templates/${encodeURIComponent(id)}`, { method: 'PATCH', body });
      toast('Template saved');
      root.querySelector('h1').textContent = `Edit: ${saved.name}`;
      if (creating) navigate(`templates/${encodeURIComponent(saved.id)}`);
    }, { onError: lineProblems });
  });

  add(root, 
    h('header', { class: 'page-head' },
      h('div', {}, h('a', { class: 'back', href: '#/templates' }, '← Templates'), h('h1', {}, creating ? 'New template' : `Edit: ${template.name}`))),
    h('div', { class: 'columns wide-left' },
      form,
      h('div', { class: 'stack' },
        h('section', { class: 'card' }, h('h2', {}, 'Preview'), h('p', { class: 'small muted' }, 'With sample details; updates as you type.'), preview),
        palette)));
  await refresh();
}
