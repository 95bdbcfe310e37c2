// Plain words for every field problem: the browser's own checks and the API's validation
// errors (pydantic's wording, the API's own terse messages) end up as one sentence naming the field.

const DAY_BOUNDS = ['1900', '2999']; // the API's first and last plausible year (app/inputs.py)

/** The field's name as the user reads it: its label, else the API's name made readable. */
export function labelOf(control, name) {
  const label = control?.dataset.label;
  if (label) return label;
  const text = String(name || '').split('.').pop().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function nounOf(control, name) {
  return control?.dataset.noun || `the ${labelOf(control, name).toLowerCase()}`;
}

const number = (text) => Number(/(-?\d+(?:\.\d+)?)/.exec(text)?.[1]);

/** One problem, described as {kind, ...}, as a sentence about that field. */
export function sentence(problem, control, name) {
  const label = labelOf(control, name);
  const noun = nounOf(control, name);
  const isDate = control?.type === 'date';
  switch (problem.kind) {
    case 'missing': return control?.tagName === 'SELECT' ? `Choose ${noun}.` : `Enter ${noun}.`;
    case 'email': return 'Enter an email address such as name@example.com.';
    case 'url': return 'Enter a web address that starts with https:// or http://.';
    case 'date': return `Enter a real date for ${label.toLowerCase()}.`;
    case 'date-range': return `${label} must be a date between the years ${DAY_BOUNDS[0]} and ${DAY_BOUNDS[1]}.`;
    case 'short': return `${label} needs at least ${problem.limit} characters.`;
    case 'long': return `${label} can be at most ${problem.limit} characters${problem.now ? ` (it has ${problem.now})` : ''}.`;
    case 'range':
      if (isDate) return sentence({ kind: 'date-range' }, control, name);
      if (problem.min !== undefined && problem.max !== undefined) return `${label} must be from ${problem.min} to ${problem.max}.`;
      return problem.min !== undefined ? `${label} must be at least ${problem.min}.` : `${label} must be at most ${problem.max}.`;
    case 'whole': return `${label} must be a whole number.`;
    case 'number': return `${label} must be a number.`;
    case 'choose':
      if (control && control.tagName !== 'SELECT') {
        return `${label} is not one of the values Touchbase knows${control.placeholder ? ` (${control.placeholder})` : ''}.`;
      }
      return `Choose one of the options for ${label.toLowerCase()}.`;
    case 'too-many': return `Choose at most ${problem.limit} for ${label.toLowerCase()}.`;
    case 'pattern': return control?.dataset.patternHint || `${label} contains characters that are not accepted.`;
    case 'stored': return `${label} contains a character that cannot be saved (a NUL byte); remove it.`;
    case 'zone': return 'Choose a time zone from the list, such as Europe/Berlin.';
    case 'common-password': return 'This password is one of the most common ones: choose one that is harder to guess.';
    case 'extra': return `${label} cannot be set here.`;
    case 'text': return problem.text;
    case 'text-of': return `${label} ${problem.text}.`;
    default: return `Check ${noun}: this value is not accepted.`;
  }
}

/** The first problem the browser's constraint checks find in one control, or null. */
export function browserProblem(control) {
  if (control.disabled || control.closest('[hidden]')) return null;
  const v = control.validity;
  if (control.type === 'checkbox') return control.required && !control.checked ? { kind: 'missing' } : null;
  const text = control.value ?? '';
  if (v?.badInput) return { kind: control.type === 'date' ? 'date' : 'number' };
  // Required text of only spaces is empty to the API too ("must not be blank").
  if (text.trim() === '') return control.required ? { kind: 'missing' } : null;
  if (v?.typeMismatch) return { kind: control.type };
  // The browser flags length only after typing; a pasted or filled value is checked here.
  if (control.minLength > 0 && text.length < control.minLength) return { kind: 'short', limit: control.minLength };
  if (control.maxLength >= 0 && text.length > control.maxLength) return { kind: 'long', limit: control.maxLength, now: text.length };
  if (v?.rangeUnderflow || v?.rangeOverflow) {
    return { kind: 'range', min: control.min === '' ? undefined : control.min, max: control.max === '' ? undefined : control.max };
  }
  if (v?.stepMismatch) return { kind: 'whole' };
  if (v?.patternMismatch) return { kind: 'pattern' };
  return null;
}

// pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/).
const TYPES = {
  missing: () => ({ kind: 'missing' }),
  string_too_short: (m) => (number(m) <= 1 ? { kind: 'missing' } : { kind: 'short', limit: number(m) }),
  string_too_long: (m) => ({ kind: 'long', limit: number(m) }),
  too_long: (m) => ({ kind: 'too-many', limit: number(m) }),
  too_short: () => ({ kind: 'missing' }),
  greater_than_equal: (m) => ({ kind: 'range', min: number(m) }),
  greater_than: (m) => ({ kind: 'range', min: number(m) + 1 }),
  less_than_equal: (m) => ({ kind: 'range', max: number(m) }),
  less_than: (m) => ({ kind: 'range', max: number(m) - 1 }),
  int_parsing: () => ({ kind: 'whole' }),
  int_type: () => ({ kind: 'whole' }),
  int_from_float: () => ({ kind: 'whole' }),
  float_parsing: () => ({ kind: 'number' }),
  float_type: () => ({ kind: 'number' }),
  date_parsing: () => ({ kind: 'date' }),
  date_type: () => ({ kind: 'date' }),
  date_from_datetime_parsing: () => ({ kind: 'date' }),
  date_from_datetime_inexact: () => ({ kind: 'date' }),
  literal_error: () => ({ kind: 'choose' }),
  enum: () => ({ kind: 'choose' }),
  url_parsing: () => ({ kind: 'url' }),
  url_scheme: () => ({ kind: 'url' }),
  extra_forbidden: () => ({ kind: 'extra' }),
  string_pattern_mismatch: (m, control) => ({ kind: control?.type === 'url' ? 'url' : control?.type === 'date' ? 'date' : 'pattern' }),
};

// The API's own messages (validators and field_error), some terse, all rephrased around the field.
const MESSAGES = [
  [/not a valid email address|email address is not valid|@-sign/i, () => ({ kind: 'email' })],
  [/must not be blank|cannot be null|not set to null/i, () => ({ kind: 'missing' })],
  [/must be (?:a real )?date|date written/i, () => ({ kind: 'date' })],
  [/must be between \d{4}-\d\d-\d\d and/i, () => ({ kind: 'date-range' })],
  [/must be a whole number|an id is from/i, () => ({ kind: 'whole' })],
  [/NUL characters/i, () => ({ kind: 'stored' })],
  [/IANA time zone/i, () => ({ kind: 'zone' })],
  [/most common passwords/i, () => ({ kind: 'common-password' })],
  [/^wrong password$/i, () => ({ kind: 'text', text: 'That password is not right.' })],
  [/^in the future$/i, () => ({ kind: 'text-of', text: 'cannot be in the future' })],
  [/^too far ahead$/i, () => ({ kind: 'text-of', text: 'is too far ahead' })],
  [/^must be after today$/i, () => ({ kind: 'text-of', text: 'must be after today' })],
  [/^scopes must be/i, () => ({ kind: 'choose' })],
  [/^no such (\w+)/i, (m) => ({ kind: 'text', text: `That ${/^no such (\w+)/i.exec(m)[1]} no longer exists: choose another.` })],
];

const PYDANTIC_WORDING = /^(Input should|Field required|String should|Value should|List should|Extra inputs|Unable to|Object has|Dictionary should|Tuple should|Set should|Decimal|Datetime should|Date should|Time should|URL|Invalid)\b/;

/** An API field problem ({field, message, type}) as one plain sentence about its field. */
export function serverSentence(item, control, name) {
  const message = String(item.message || '').replace(/^Value error, /, '');
  // Problems this app wrote itself (no pydantic type) are already worded for people.
  if (!item.type) return message;
  const typed = TYPES[item.type];
  if (typed) return sentence(typed(message, control), control, name);
  for (const [pattern, make] of MESSAGES) if (pattern.test(message)) return sentence(make(message), control, name);
  // Wording only pydantic uses: never shown as it is.
  if (PYDANTIC_WORDING.test(message)) return sentence({ kind: 'other' }, control, name);
  // A short phrase of the API's own ("must end by …", "an email needs a subject"): said of the field.
  const text = message.replace(/\.$/, '');
  if (/^(must|cannot|may|is|has|needs) /i.test(text)) return `${labelOf(control, name)} ${text}.`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Words for a whole-request problem that names no field; never a version tag or raw code. */
export function problemSentence(problem) {
  if (problem.status === 412 || problem.slug === 'stale-etag') return 'Someone else changed this since you opened it, so your changes were not saved.';
  const text = problem.detail || problem.title || 'Something went wrong.';
  return text.replace(/\s*\(now W?\/?"[^"]*"\)/g, '');
}
