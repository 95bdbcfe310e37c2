// The time zone picker: a text field with the zone list as suggestions (type to search).
import { h } from './dom.js';
import { field } from './forms.js';

/** The browser's own zone ("Europe/Berlin"), or null when it cannot say. */
export function browserZone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
}

/** A labelled, searchable time zone field named `timezone`, with its datalist. */
export function zoneField(value, hint) {
  const all = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [];
  const zones = value && !all.includes(value) ? [value, ...all] : all;
  const id = `zones-${Math.random().toString(36).slice(2, 8)}`;
  const wrap = field({ label: 'Time zone', name: 'timezone', value, list: id, autocomplete: 'off', spellcheck: 'false', maxlength: 64, hint: hint || 'Type to search, such as “Berlin” or “New York”.' });
  wrap.append(h('datalist', { id }, zones.map((zone) => h('option', { value: zone }, zone.replaceAll('_', ' ')))));
  return wrap;
}
