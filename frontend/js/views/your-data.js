// Settings › Your data: import a CSV (the detected mapping, a dry-run preview, confirm),
// export everything, change the password or the email, delete the account.
import { api, ApiError } from '../api.js';
import { store } from '../store.js';
import { h, clear, add, toast } from '../dom.js';
import { field, formAlert, showErrors, submitting, values } from '../forms.js';
import { navigate } from '../router.js';

export const ROUTE = 'settings/data';

// The bounds of one import (MAX_IMPORT_ROWS, MAX_IMPORT_BYTES in backend/app/data/models.py).
const MAX_ROWS = 5000;
const MAX_MEGABYTES = 5;

// What a column can fill (ImportField in backend/app/data/models.py), in the order offered.
const FIELDS = [
  ['company', 'Company'],
  ['position', 'Position'],
  ['posting_url', 'Posting URL'],
  ['applied_on', 'Applied on'],
  ['status', 'Status'],
  ['location', 'Location'],
  ['salary', 'Salary (goes into the notes)'],
  ['notes', 'Notes'],
  ['source', 'Source'],
  ['contact_name', 'Contact name'],
  ['contact_email', 'Contact email'],
  ['posting_text', 'Posting text'],
  ['closes_on', 'Closes on'],
];
const IGNORE = '';
const OUTCOMES = { create: 'Create', duplicate: 'Already in Touchbase', error: 'Error' };

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Throws a problem that showErrors puts next to `name` (a check made in the browser). */
function fieldProblem(name, message) {
  throw new ApiError({ detail: message, errors: [{ field: name, message }] }, 0);
}

/** Runs work; a wrong password is said next to its field in the API's sentence, not its code. */
async function plainly(work) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError && error.slug === 'wrong-password') {
      throw new ApiError({ ...error.problem, errors: error.errors.map((e) => ({ ...e, message: error.detail })) }, error.status);
    }
    throw error;
  }
}

// --- import -----------------------------------------------------------------------------------

function mappingTable(columns, used, onChange) {
  const rows = columns.map((column, i) => {
    const id = `import-column-${i}`;
    const select = h('select', { 'aria-labelledby': id, dataset: { column } },
      h('option', { value: IGNORE }, 'Ignore this column'),
      FIELDS.map(([value, text]) => h('option', { value, selected: used[column] === value }, text)));
    select.addEventListener('change', onChange);
    return h('tr', {}, h('th', { scope: 'row', id }, column), h('td', {}, select));
  });
  return h('table', { class: 'data-table', dataset: { importMapping: '' } },
    h('caption', { class: 'visually-hidden' }, 'Columns of the file and what each fills'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Column in the file'), h('th', { scope: 'col' }, 'Imports into'))),
    h('tbody', {}, rows));
}

function problems(row) {
  const all = [...row.errors.map((e) => ['error', e]), ...(row.warnings || []).map((e) => ['warning', e])];
  if (!all.length) return '';
  return h('ul', { class: 'plain' }, all.map(([kind, e]) =>
    h('li', { class: kind === 'error' ? 'bad' : 'muted', dataset: { rowProblem: kind } }, `${e.column}: ${e.message}`)));
}

function rowsTable(rows) {
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Rows of the file' },
    h('table', { class: 'data-table', dataset: { importRows: '' } },
      h('thead', {}, h('tr', {}, ['Line', 'Company', 'Position', 'What happens', 'Problems'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((row) => h('tr', { dataset: { line: row.line, outcome: row.outcome } },
        h('td', {}, String(row.line)),
        h('td', {}, row.company || ''),
        h('td', {}, row.position || ''),
        h('td', {}, OUTCOMES[row.outcome] || row.outcome),
        h('td', {}, problems(row)))))));
}

function countsText(counts) {
  return `${plural(counts.rows, 'row')}: ${counts.create} to create, ${counts.duplicate} already in Touchbase, ${counts.error} with errors.`;
}

function importCard() {
  let source = null; // the CSV as a Blob, sent again for each preview and the import
  let columns = []; // the file's columns, in the order first shown
  let detected = {}; // what Touchbase recognised by name: the mapping sends only the changes
  const upload = h('form', { class: 'stack', novalidate: true, dataset: { form: 'import' } },
    formAlert(),
    field({ label: 'CSV file (or a Touchbase JSON export)', name: 'file', type: 'file', accept: '.csv,text/csv,text/plain,.json,application/json' }),
    field({ label: 'Or paste the CSV', name: 'csv_text', rows: 4, hint: 'The first line names the columns.' }),
    field({ label: 'Dates such as 03/04/2026 are', name: 'date_format', value: '', options: [
      ['', 'Worked out from the file'], ['dmy', 'Day first (3 April 2026)'], ['mdy', 'Month first (March 4, 2026)'], ['iso', 'Year first (2026-03-04)']] }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Preview the import')));
  const mappingBox = h('div', { class: 'stack', dataset: { importMappingBox: '' } });
  const previewBox = h('div', { class: 'stack', dataset: { importPreview: '' } });

  function chosen() {
    const changes = {};
    for (const select of mappingBox.querySelectorAll('select[data-column]')) {
      const target = select.value || null;
      if ((detected[select.dataset.column] ?? null) !== target) changes[select.dataset.column] = target;
    }
    return Object.keys(changes).length ? JSON.stringify(changes) : undefined;
  }

  function query(extra) {
    const { date_format: dateFormat } = values(upload);
    return { date_format: dateFormat || undefined, mapping: chosen(), ...extra };
  }

  function showMapping(used, note) {
    clear(mappingBox,
      h('h3', {}, 'Column mapping'),
      h('p', { class: 'muted' }, 'What Touchbase found in each column, by its name. Change any you disagree with; the preview follows.'),
      note,
      mappingTable(columns, used, () => preview()));
  }

  function showPreview(result, refusal) {
    const confirm = h('form', { class: 'stack', novalidate: true, dataset: { form: 'import-confirm' } },
      formAlert(),
      result.counts.error ? field({ label: `Skip the ${plural(result.counts.error, 'row')} with errors and import the others`, name: 'skip_invalid', type: 'checkbox' }) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'btn primary', disabled: !result.counts.create }, `Import ${plural(result.counts.create, 'application')}`)));
    confirm.addEventListener('submit', (event) => {
      event.preventDefault();
      submitting(confirm, () => run(values(confirm).skip_invalid ?? false));
    });
    const unknown = result.unknown_statuses?.length
      ? h('div', { class: 'alert warning', dataset: { unknownStatuses: '' } },
        `Stage names no Touchbase status matches: ${result.unknown_statuses.join(', ')}. Those rows are kept as applied (or saved, without a date).`)
      : null;
    clear(previewBox,
      h('h3', {}, 'Preview'),
      refusal ? h('div', { class: 'alert error', role: 'alert' }, refusal) : null,
      h('p', { dataset: { importCounts: '' } }, countsText(result.counts)),
      result.date_format ? h('p', { class: 'muted' }, `Dates read as ${{ dmy: 'day first', mdy: 'month first', iso: 'year first' }[result.date_format]}.`) : null,
      unknown,
      result.counts.error ? h('p', { class: 'muted' }, 'Rows with errors come first.') : null,
      result.rows.length ? rowsTable([...result.rows].sort((a, b) => (b.outcome === 'error') - (a.outcome === 'error') || a.line - b.line)) : null,
      result.counts.create || result.counts.error ? confirm : h('p', { class: 'muted' }, 'Nothing new to import: every row is already in Touchbase.'));
  }

  function used(mapping) {
    return Object.fromEntries(columns.map((c) => [c, mapping[c] ?? IGNORE]));
  }

  async function preview() {
    try {
      const result = await api('/imports', { method: 'POST', query: query({ dry_run: 'true' }), body: source });
      if (result.format === 'touchbase-export') {
        clear(mappingBox); // an export names its fields itself: nothing to map
      } else {
        if (!columns.length) {
          columns = [...Object.keys(result.mapping), ...result.unmapped];
          detected = { ...result.mapping };
        }
        showMapping(used(result.mapping));
      }
      showPreview(result);
    } catch (error) {
      if (error instanceof ApiError && error.slug === 'import-columns-missing') {
        // The file reads, but no column is named as a company or a position: map them here.
        if (!columns.length) {
          columns = error.problem.columns || [];
          detected = { ...(error.problem.mapping || {}) };
        }
        const found = Object.values(error.problem.mapping || {});
        const missing = ['company', 'position'].filter((f) => !found.includes(f));
        const words = `No column of the file holds the ${missing.join(' and ')}: choose ${missing.length > 1 ? 'them' : 'it'} in the table below.`;
        showMapping(used(error.problem.mapping || {}), h('div', { class: 'alert error', role: 'alert', dataset: { columnsMissing: '' } }, words));
        clear(previewBox);
        return;
      }
      clear(previewBox);
      if (!columns.length) clear(mappingBox);
      showErrors(upload, error);
    }
  }

  async function run(skipInvalid) {
    try {
      const result = await api('/imports', { method: 'POST', query: query({ skip_invalid: skipInvalid ? 'true' : undefined }), body: source });
      const created = result.rows.filter((r) => r.outcome === 'create').length;
      clear(mappingBox);
      clear(previewBox, h('div', { class: 'alert success', role: 'status', dataset: { importDone: '' } },
        h('p', {}, h('strong', {}, `Imported ${plural(created, 'application')}.`)),
        h('p', {}, [
          result.counts.duplicate ? `${plural(result.counts.duplicate, 'row')} already in Touchbase, left as they were. ` : '',
          result.counts.error ? `${plural(result.counts.error, 'row')} with errors skipped. ` : '',
          'Those applied long ago wait on Today under “Imported, past the follow-up window”.',
        ]),
        h('p', {}, h('a', { href: '#/applications' }, 'See your applications'))));
      source = null;
      columns = [];
      upload.reset();
      toast(`Imported ${plural(created, 'application')}`);
    } catch (error) {
      if (error instanceof ApiError && error.slug === 'import-refused') {
        const { counts } = error.problem;
        showPreview({ ...error.problem, unknown_statuses: [] },
          `${counts.error} of ${counts.rows} rows have errors, so nothing was imported. Fix them in the file, or tick “Skip the rows with errors” to import the others.`);
        return;
      }
      throw error;
    }
  }

  upload.addEventListener('submit', (event) => {
    event.preventDefault();
    submitting(upload, async () => {
      const file = upload.querySelector('[data-field="file"]').files[0];
      const text = values(upload).csv_text;
      if (!file && !text) fieldProblem('file', 'Choose a CSV file, or paste the CSV below.');
      if (file && file.size > MAX_MEGABYTES * 1024 * 1024) fieldProblem('file', `The file is larger than ${MAX_MEGABYTES} MB; split it into smaller files.`);
      // The bytes go as they are: the server reads the encoding and says if it is not UTF-8.
      // A Touchbase export is a JSON object; a CSV never starts with "{".
      const json = /^\uFEFF?\s*\{/.test(file ? await file.slice(0, 64).text() : text);
      source = new Blob([file || text], { type: json ? 'application/json' : 'text/csv' });
      columns = [];
      detected = {};
      await preview();
    });
  });

  return h('section', { class: 'card stack', dataset: { section: 'import' } },
    h('h2', {}, 'Import applications'),
    h('p', { class: 'muted' }, `A CSV from a spreadsheet or another tracker (Huntr, Teal and the like), or a Touchbase JSON export to restore: at most ${MAX_ROWS.toLocaleString('en')} rows and ${MAX_MEGABYTES} MB. Nothing is written until you confirm, and rows you already have are not added twice.`),
    upload, mappingBox, previewBox);
}

// --- export and the account ----------------------------------------------------------------

function exportCard() {
  return h('section', { class: 'card stack narrow', dataset: { section: 'export' } },
    h('h2', {}, 'Export'),
    h('p', { class: 'muted' }, 'Take everything with you. The CSV opens in any spreadsheet; the JSON holds the whole account and imports back into Touchbase.'),
    h('div', { class: 'actions' },
      h('a', { class: 'btn', href: '/api/v1/export.csv', download: 'touchbase-applications.csv' }, 'Download applications (CSV)'),
      h('a', { class: 'btn', href: '/api/v1/export.json', download: 'touchbase-export.json' }, 'Download everything (JSON)')));
}

function passwordCard() {
  const form = h('form', { class: 'card stack narrow', novalidate: true, dataset: { form: 'password' } },
    h('h2', {}, 'Change your password'),
    formAlert(),
    field({ label: 'Current password', name: 'current_password', type: 'password', autocomplete: 'current-password', required: true }),
    field({ label: 'New password', name: 'new_password', type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters. Every other browser signed in to your account is signed out.' }),
    field({ label: 'Also revoke my API tokens', name: 'revoke_tokens', type: 'checkbox' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Change password')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = values(form);
    submitting(form, async () => {
      const done = await plainly(() => api('/me/password', { method: 'POST', body: { current_password: body.current_password ?? '', new_password: body.new_password ?? '', revoke_tokens: body.revoke_tokens } }));
      form.reset();
      toast(`Password changed. ${plural(done.sessions_ended, 'other session')} signed out, ${plural(done.tokens_revoked, 'token')} revoked.`);
    });
  });
  return form;
}

function emailCard() {
  const form = h('form', { class: 'card stack narrow', novalidate: true, dataset: { form: 'email' } },
    h('h2', {}, 'Change your email'),
    formAlert(),
    field({ label: 'New email', name: 'new_email', type: 'email', autocomplete: 'email', required: true }),
    field({ label: 'Current password', name: 'current_password', type: 'password', autocomplete: 'current-password', required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Change email')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = values(form);
    submitting(form, async () => {
      const user = await plainly(() => api('/me/email', { method: 'POST', body: { new_email: body.new_email ?? '', current_password: body.current_password ?? '' } }));
      store.setUser(user);
      form.reset();
      document.querySelector('[data-signed-in-as]')?.replaceChildren(`Signed in as ${user.email}`);
      toast(`Your email is now ${user.email}`);
    });
  });
  return form;
}

function deleteCard() {
  const form = h('form', { class: 'card stack narrow danger-zone', novalidate: true, dataset: { form: 'delete-account' } },
    h('h2', {}, 'Delete your account'),
    h('p', {}, 'This deletes your account and everything in it (applications, contacts, timelines, templates, policies, tokens) at once, and cannot be undone. Export first to keep a copy.'),
    formAlert(),
    field({ label: 'Type your email to confirm', name: 'confirm_email', type: 'email', autocomplete: 'off', required: true }),
    field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn danger' }, 'Delete my account')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = values(form);
    submitting(form, async () => {
      const email = store.user?.email ?? '';
      if ((body.confirm_email ?? '').trim().toLowerCase() !== email.toLowerCase()) {
        fieldProblem('confirm_email', `Type your account’s email, ${email}, exactly.`);
      }
      if (!body.password) fieldProblem('password', 'Enter your password.');
      await plainly(() => api('/me', { method: 'DELETE', body: { password: body.password } }));
      store.signOut();
      navigate('signin');
      toast('Your account and everything in it are deleted.');
    });
  });
  return form;
}

export async function render(root) {
  const me = await api('/me');
  add(root,
    h('header', { class: 'page-head' }, h('div', {},
      h('p', { class: 'muted' }, h('a', { href: '#/settings' }, '← Settings')),
      h('h1', {}, 'Your data'),
      h('p', { class: 'muted', dataset: { signedInAs: '' } }, `Signed in as ${me.email}`))),
    h('div', { class: 'stack' }, importCard(), exportCard(), passwordCard(), emailCard(), deleteCard()));
}
