// A toast with an Undo button: the undo goes back through the API, and the toast says how it went.
import { h } from '../dom.js';

const SHOWN_MS = 10_000;
let timer;

function slot() {
  return document.querySelector('[data-undo-toast]')
    || document.body.appendChild(h('div', { class: 'toast undo-toast', role: 'status', 'aria-live': 'polite', dataset: { undoToast: '' }, hidden: true }));
}

function show(...children) {
  const el = slot();
  el.replaceChildren(...children);
  el.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => { el.hidden = true; }, SHOWN_MS);
  return el;
}

/** Says what was done, with Undo running `revert` (async); `after` runs once it is undone. */
export function undoToast(message, revert, after) {
  const button = h('button', { type: 'button', class: 'btn small', dataset: { action: 'undo' } }, 'Undo');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await revert();
      show(h('span', {}, 'Undone.'));
      await after?.();
    } catch (error) {
      show(h('span', {}, `Could not undo: ${error.message}`));
    }
  });
  show(h('span', {}, message), button);
}

/** Just a message in the same place (a failed action, say). */
export function note(message) {
  show(h('span', {}, message));
}
