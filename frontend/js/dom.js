// Builds elements without innerHTML: strings always become text nodes.

const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'textContent', 'readOnly', 'required', 'multiple']);

/** h('a', {href: '#/x', class: 'btn'}, 'text', child, [more]) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (PROPS.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

const TOAST_MS = 3500; // how long a toast stays
const TOAST_GAP = 12; // px kept between a toast and what it must not cover
// What a toast never covers: refusals, field errors, the invalid controls, the focused control.
const KEEP_CLEAR = '[role="alert"]:not([hidden]), .field-error:not([hidden]), [aria-invalid="true"], [data-conflict]';

function overlaps(a, b) {
  return a.left < b.right + TOAST_GAP && b.left < a.right + TOAST_GAP && a.top < b.bottom + TOAST_GAP && b.top < a.bottom + TOAST_GAP;
}

/** Puts the toast at the bottom, else the top, else just beside whatever it would cover. */
function placeToast(el) {
  const keep = [...document.querySelectorAll(KEEP_CLEAR)];
  if (document.activeElement && document.activeElement !== document.body) keep.push(document.activeElement);
  const boxes = keep.filter((k) => k !== el && !el.contains(k)).map((k) => k.getBoundingClientRect()).filter((r) => r.width || r.height);
  el.style.top = '0px';
  el.style.bottom = 'auto';
  const { height, left, right } = el.getBoundingClientRect();
  const room = window.innerHeight;
  const tries = [room - height - 20, 20, ...boxes.flatMap((b) => [b.bottom + TOAST_GAP, b.top - TOAST_GAP - height])];
  const free = tries.find((top) => top >= 0 && top + height <= room
    && boxes.every((b) => !overlaps({ top, bottom: top + height, left, right }, b)));
  el.style.top = `${Math.round(free ?? tries[1])}px`;
}

let toastTimer;
export function toast(message) {
  const el = document.querySelector('[data-toast]');
  el.textContent = message;
  el.hidden = false;
  placeToast(el);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, TOAST_MS);
}
// A toast stays clear of what it answers while the page scrolls or resizes under it.
for (const event of ['scroll', 'resize']) {
  window.addEventListener(event, () => {
    const el = document.querySelector('[data-toast]');
    if (el && !el.hidden) placeToast(el);
  }, { passive: true });
}

export async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', { class: 'visually-hidden', value: text });
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  if (button) {
    const label = button.textContent;
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = label; }, 1500);
  }
  toast('Copied to the clipboard');
}

/** Today as YYYY-MM-DD in the browser's zone (the API uses the user's zone for its own "today"). */
export function isoToday(offsetDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
export function formatDate(iso) {
  if (!iso) return '';
  return dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

export function humanize(word) {
  if (!word) return '';
  const text = String(word).replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function badge(text, tone = '') {
  return h('span', { class: `badge ${tone}`.trim() }, humanize(text));
}

/** Appends children, skipping null and false (Element.append would print "null"). */
export function add(el, ...children) {
  append(el, children);
  return el;
}
