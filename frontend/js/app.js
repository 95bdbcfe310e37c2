// The signed-in shell and the route table; router.js does the routing.
import { api } from './api.js';
import { store } from './store.js';
import { startRouter, toSignIn } from './router.js';
import { startDueCount } from './due-count.js';
import { startMenu } from './menu.js';
import { startTheme } from './theme.js';
import * as auth from './views/auth.js';
import * as today from './views/today.js';
import * as applications from './views/applications.js';
import * as board from './views/board.js';
import * as applicationForm from './views/application-form.js';
import * as application from './views/application.js';
import * as followUp from './views/follow-up.js';
import * as templates from './views/templates.js';
import * as templateEditor from './views/template-editor.js';
import * as policies from './views/policies.js';
import * as integrations from './views/integrations.js';
import * as settings from './views/settings.js';
import * as quickAdd from './views/quick-add.js';
import * as yourData from './views/your-data.js';

const ROUTES = [
  ['signin', auth.signIn, { public: true }],
  ['signup', auth.signUp, { public: true }],
  ['today', today.render],
  ['applications', applications.render],
  ['board', board.render],
  ['applications/new', applicationForm.render],
  [quickAdd.ROUTE, quickAdd.render],
  ['applications/:id', application.render],
  ['applications/:id/edit', applicationForm.render],
  ['applications/:id/follow-up', followUp.render],
  ['templates', templates.render],
  ['templates/new', templateEditor.render],
  ['templates/:id', templateEditor.render],
  ['policies', policies.render],
  ['policies/:id', policies.render],
  ['integrations', integrations.render],
  ['settings', settings.render],
  ['forgot-password', auth.forgotPassword, { public: true }],
  ['reset-password', auth.resetPassword, { public: true, anyone: true }],
  [yourData.ROUTE, yourData.render],
];

function syncNav() {
  document.querySelector('[data-nav]').hidden = !store.user;
}

async function start() {
  startTheme();
  store.addEventListener('change', syncNav);
  startDueCount();
  startMenu();
  document.querySelector('[data-sign-out]').addEventListener('click', async () => {
    try { await api('/auth/logout', { method: 'POST' }); } catch { /* signed out either way */ }
    store.signOut();
    toSignIn();
  });
  try {
    store.setUser(await api('/me'));
  } catch {
    store.signOut();
  }
  store.addEventListener('unauthorized', () => {
    store.signOut();
    toSignIn();
  });
  await startRouter(ROUTES);
}

start();
