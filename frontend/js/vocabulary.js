// The product's words (statuses, event kinds, channels, template kinds, plan states) and their
// labels, as GET /vocabulary serves them: the UI types none of them itself.
import { get } from './api.js';
import { humanize } from './dom.js';

let words = null;
let loading = null;

/** Loads the vocabulary once; the router awaits it before the first view renders. */
export async function loadVocabulary() {
  if (words) return words;
  loading ??= get('/vocabulary').then((body) => { words = body; return body; }).finally(() => { loading = null; });
  return loading;
}

function list(name) {
  if (!words) throw new Error('The vocabulary is not loaded yet.');
  return words[name];
}

/** The values of one list, in the product's order: values('channels'). */
export function values(name) {
  return list(name).map((word) => word.value);
}

/** [value, label] pairs for a select: options('statuses'). */
export function options(name) {
  return list(name).map((word) => [word.value, word.label]);
}

/** The label of one word; a word this vocabulary does not know is shown humanized. */
export function label(name, value) {
  return list(name).find((word) => word.value === value)?.label ?? humanize(value);
}

/** The post-rejection asks, each {template_kind, event_kind, label}, in the order offered. */
export function asks() {
  return list('asks');
}

/** The statuses an employer's answer can set, each {event_kind, status, label}: one click records the event. */
export function answerMoves() {
  return list('answer_moves') || [];
}
