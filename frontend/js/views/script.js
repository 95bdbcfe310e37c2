// A call script laid out to be read aloud: its parts (the call, the voicemail) under their own
// headings, what to say as numbered lines, and the [stage directions] set apart, not to be said.
import { h } from '../dom.js';

/** A line in capitals ("CALL", "VOICEMAIL (if no one answers)") starts a part of the script. */
const PART = /^([A-Z][A-Z' -]*[A-Z])(\s*\(.*\))?\s*:?$/;
/** A line wholly in square brackets is for the caller, not to be said. */
const DIRECTION = /^\[(.*)\]$/s;

/** The script's parts: [{ name, title, steps: [{ say } | { direction }] }], in order. */
export function parts(text) {
  const out = [];
  let part = null;
  let saying = null;
  const start = (name, title) => {
    part = { name, title, steps: [] };
    out.push(part);
    saying = null;
  };
  for (const raw of String(text || '').split('\n')) {
    const line = raw.trim();
    if (!line) { saying = null; continue; }
    const heading = PART.exec(line);
    if (heading) {
      const words = heading[1].toLowerCase();
      start(words.split(/[\s-]/)[0], `${words.charAt(0).toUpperCase()}${words.slice(1)}${heading[2] || ''}`);
      continue;
    }
    if (!part) start('call', 'Call');
    const direction = DIRECTION.exec(line);
    if (direction) {
      part.steps.push({ direction: direction[1] });
      saying = null;
    } else if (saying) {
      saying.say += ` ${line}`;
    } else {
      saying = { say: line };
      part.steps.push(saying);
    }
  }
  return out;
}

/** The script as the caller reads it. */
export function layout(text) {
  return h('div', { class: 'script', dataset: { phoneScript: '' } }, parts(text).map((part) => {
    let n = 0;
    return h('section', { class: `script-part part-${part.name}`, dataset: { scriptPart: part.name } },
      h('h3', { class: 'small-head' }, part.title),
      h('ol', { class: 'script-steps' }, part.steps.map((step) => (step.direction
        ? h('li', { class: 'script-direction', dataset: { direction: '' } }, h('span', { class: 'visually-hidden' }, 'Do, not to be said: '), step.direction)
        : h('li', { class: 'script-say', dataset: { say: String(++n) } }, h('span', { class: 'script-n', 'aria-hidden': 'true' }, `${n}`), h('span', {}, step.say))))));
  }));
}
