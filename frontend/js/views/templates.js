// The template library: built-ins to copy, your own to edit.
import { get, post } from '../api.js';
import { h, toast, add } from '../dom.js';
import { label } from '../vocabulary.js';
import { navigate } from '../router.js';


function row(t) {
  const copy = h('button', { type: 'button', class: `btn small ${t.builtin ? '' : 'ghost'}`.trim(), dataset: { action: 'copy' } }, t.builtin ? 'Copy to edit' : 'Duplicate');
  copy.addEventListener('click', async () => {
    copy.disabled = true;
    try {
      const mine = await post(`/templates/${encodeURIComponent(t.id)}/copy`);
      toast('Copied: edit your version');
      navigate(`templates/${encodeURIComponent(mine.id)}`);
    } catch (error) { toast(error.message); copy.disabled = false; }
  });
  return h('li', { class: 'row', dataset: { templateId: t.id, builtin: String(t.builtin) } },
    h('div', { class: 'row-main' },
      t.editable ? h('a', { class: 'row-title', href: `#/templates/${encodeURIComponent(t.id)}` }, t.name) : h('span', { class: 'row-title' }, t.name),
      h('span', { class: 'row-sub' }, `${label('template_kinds', t.kind)} · ${label('channels', t.channel)}`)),
    h('div', { class: 'row-meta' },
      t.builtin ? h('span', { class: 'badge' }, 'Built-in') : null,
      t.editable ? h('a', { class: 'btn small', href: `#/templates/${encodeURIComponent(t.id)}` }, 'Edit') : null,
      copy));
}

export async function render(root) {
  const templates = await get('/templates');
  const mine = templates.filter((t) => !t.builtin);
  const builtins = templates.filter((t) => t.builtin);
  add(root, 
    h('header', { class: 'page-head' },
      h('div', {}, h('h1', {}, 'Templates'), h('p', { class: 'muted' }, 'The words for each step. Copy a built-in to make it your own.')),
      h('a', { class: 'btn primary', href: '#/templates/new' }, 'New template')),
    h('section', { class: 'card', dataset: { group: 'mine' } }, h('h2', {}, 'Yours'),
      mine.length ? h('ul', { class: 'rows' }, mine.map(row))
        : h('p', { class: 'empty muted' }, 'You have no templates of your own yet. Copy a built-in below to adapt it, or start a new one.')),
    h('section', { class: 'card', dataset: { group: 'builtin' } }, h('h2', {}, 'Built-in library'),
      builtins.length ? h('ul', { class: 'rows' }, builtins.map(row)) : h('p', { class: 'empty muted' }, 'No built-in templates.')));
}
