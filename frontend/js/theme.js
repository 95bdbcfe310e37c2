// Light or dark: the system's setting (prefers-color-scheme) unless the user chose one in
// Settings; the choice is remembered in this browser (localStorage).
import { h } from './dom.js';

const KEY = 'touchbase.theme';
const CHOICES = [['system', 'Same as the system'], ['light', 'Light'], ['dark', 'Dark']];
const system = window.matchMedia('(prefers-color-scheme: dark)');

/** 'system', 'light' or 'dark'. */
export function themeChoice() {
  const saved = localStorage.getItem(KEY);
  return CHOICES.some(([value]) => value === saved) ? saved : 'system';
}

function apply() {
  const choice = themeChoice();
  const dark = choice === 'dark' || (choice === 'system' && system.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function setTheme(choice) {
  if (choice === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  apply();
}

/** Follows the system setting as it changes, until the user picks light or dark. */
export function startTheme() {
  apply();
  system.addEventListener('change', apply);
  window.addEventListener('storage', (event) => { if (event.key === KEY) apply(); });
}

/** The switch: three radio buttons that take effect at once. */
export function themeSwitch() {
  const current = themeChoice();
  return h('fieldset', { class: 'theme-switch', dataset: { themeSwitch: '' } },
    h('legend', { class: 'visually-hidden' }, 'Colour theme'),
    CHOICES.map(([value, text]) => h('label', {},
      h('input', { type: 'radio', name: 'theme', value, checked: value === current, onchange: () => setTheme(value) }),
      text)));
}
