// SPDX-License-Identifier: Apache-2.0
// The dashboard's shell: the top bar (language, admin, log out, CSV export), the menu and a hash
// router (#/overview, #/agents?q=kim&offset=50, …). A view that is still loading when the admin
// moves on is dropped (ctx.stale()), so a slow reply never paints over the page now shown.

import * as api from './api.js';
import {clear, h, notice} from './dom.js';
import {language, setLanguage, t} from './i18n.js';
import * as views from './views.js';

const ROUTES = {
  'login': {view: views.loginView, auth: false},
  'password': {view: views.passwordView, auth: true},
  'overview': {view: views.overviewView, nav: 'nav.overview'},
  'agents': {view: views.agentsView, nav: 'nav.agents'},
  'findings': {view: views.findingsView, nav: 'nav.findings'},
  'top-files': {view: views.topFilesView, nav: 'nav.top_files'},
  'exceptions': {view: views.exceptionsView, nav: 'nav.exceptions'},
  'policy': {view: views.policyView, nav: 'nav.policy'},
  'audit': {view: views.auditView, nav: 'nav.audit'},
};

let renderSeq = 0;
let pendingOldPassword = '';

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [name, query] = raw.split('?');
  return {name: name || 'overview', params: new URLSearchParams(query || '')};
}

function navigate(hash, replace) {
  if (location.hash === hash) {
    render();
  } else if (replace) {
    history.replaceState(null, '', hash);
    render();
  } else {
    location.hash = hash;
  }
}

function renderTopbar(route) {
  const bar = clear(document.getElementById('topbar'));
  const signedIn = route.auth !== false && api.hasSession();
  bar.append(
      h('div', {class: 'brand'}, h('span', {class: 'brand-mark', 'aria-hidden': 'true'}),
        h('span', {class: 'brand-name'}, t('app.title'))),
      h('div', {class: 'topbar-actions'},
        signedIn && route.nav ? h('a', {class: 'btn btn-light', href: '/api/admin/export.csv', download: 'jamul-export.csv',
                           id: 'export-csv', title: t('app.export_hint')}, t('app.export')) : null,
        h('button', {type: 'button', class: 'btn btn-ghost', id: 'lang-toggle', lang: language() === 'ko' ? 'en' : 'ko',
                     'aria-label': t('app.lang_label'),
                     onclick: () => { setLanguage(language() === 'ko' ? 'en' : 'ko'); render(); }},
          t('app.lang')),
        signedIn ? h('span', {class: 'who'}, t('app.user', {user: api.sessionUser()})) : null,
        signedIn ? h('button', {type: 'button', class: 'btn btn-ghost', id: 'logout',
                                onclick: async () => {
                                  try { await api.logout(); } catch (e) { /* ended anyway */ }
                                  navigate('#/login');
                                }}, t('app.logout')) : null));
}

function renderNav(name, route) {
  const nav = clear(document.getElementById('nav'));
  if (!route.nav) {
    nav.hidden = true;
    return;
  }
  nav.hidden = false;
  nav.setAttribute('aria-label', t('nav.label'));
  nav.appendChild(h('ul', null, Object.entries(ROUTES).filter(([, r]) => r.nav).map(([key, r]) =>
      h('li', null, h('a', {href: '#/' + key, 'aria-current': key === name ? 'page' : false,
                            dataset: {route: key}}, t(r.nav))))));
}

async function render() {
  const seq = ++renderSeq;
  let {name, params} = parseHash();
  let route = ROUTES[name];
  if (!route) {
    name = 'overview';
    route = ROUTES.overview;
  }
  // Without a CSRF token there is no session worth asking the server about (a request would
  // only earn a 401): go to the login page straight away.
  if (route.auth !== false && !api.hasSession()) {
    history.replaceState(null, '', '#/login');
    name = 'login';
    route = ROUTES.login;
  }
  if (route.nav && api.hasSession() && api.mustChangePassword()) {
    history.replaceState(null, '', '#/password');
    name = 'password';
    route = ROUTES.password;
  }
  document.documentElement.lang = language();
  document.title = (route.nav ? t(route.nav) + ' · ' : '') + t('app.title');
  document.body.classList.toggle('auth-page', !route.nav);
  renderTopbar(route);
  renderNav(name, route);
  document.getElementById('footer').textContent = t('app.footer');
  const main = clear(document.getElementById('main'));
  main.setAttribute('aria-busy', 'true');
  const loading = h('p', {class: 'loading', role: 'status'}, t('app.loading'));
  main.appendChild(loading);
  const ctx = {
    main: h('div', {class: 'view', dataset: {view: name}}),
    params,
    navigate,
    stale: () => seq !== renderSeq,
    refresh: () => { if (seq === renderSeq) render(); },
    hashWith: (changes) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(changes)) {
        if (v === '' || v === undefined || v === null) next.delete(k);
        else next.set(k, String(v));
      }
      const qs = next.toString();
      return '#/' + name + (qs ? '?' + qs : '');
    },
    setPendingOldPassword: (p) => { pendingOldPassword = p; },
    takePendingOldPassword: () => { const p = pendingOldPassword; pendingOldPassword = ''; return p; },
  };
  try {
    await route.view(ctx);
    if (seq !== renderSeq) return;
    clear(main).appendChild(ctx.main);
    const title = document.getElementById('page-title');
    if (title && route.nav && document.activeElement === document.body) title.focus();
  } catch (err) {
    if (seq !== renderSeq || err.status === 401) return;
    clear(main).append(h('div', {class: 'view'},
        notice('error', views.errorText(err)),
        h('button', {type: 'button', class: 'btn', onclick: () => render()}, t('app.retry'))));
  } finally {
    if (seq === renderSeq) main.removeAttribute('aria-busy');
  }
  // The login and password pages start in their first empty field (the view was still detached
  // from the document while it rendered, so it could not focus it itself).
  if (seq === renderSeq && !route.nav) {
    const first = [...main.querySelectorAll('input')].find((input) => !input.value);
    if (first && document.activeElement === document.body) first.focus();
  }
}

function start() {
  api.onUnauthorized(() => navigate('#/login?expired=1'));
  document.getElementById('skip').addEventListener('click', (ev) => {
    ev.preventDefault();
    document.getElementById('main').focus();
  });
  document.getElementById('skip').textContent = t('app.skip');
  window.addEventListener('hashchange', render);
  render();
}

start();
