// The navigation's menu at phone width: one button opens the whole navigation (Integrations,
// Settings and Sign out included); a route change, Escape or a click elsewhere closes it.
import { store } from './store.js';

export function startMenu() {
  const nav = document.querySelector('[data-nav]');
  const button = document.querySelector('[data-menu-toggle]');
  if (!nav || !button) return;
  const set = (open) => {
    button.setAttribute('aria-expanded', String(open));
    nav.toggleAttribute('data-open', open);
  };
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
  window.addEventListener('hashchange', () => set(false));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && nav.hasAttribute('data-open')) { set(false); button.focus(); }
  });
  document.addEventListener('click', (event) => {
    if (!nav.contains(event.target) && !button.contains(event.target)) set(false);
  });
  const sync = () => { button.hidden = !store.user; if (!store.user) set(false); };
  store.addEventListener('change', sync);
  sync();
}
