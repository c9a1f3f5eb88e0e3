// SPDX-License-Identifier: Apache-2.0
// The dashboard's pages. Each view renders into the <main> element from the admin API; lists are
// always fetched a page at a time (offset/limit, or a bounded `limit`), so a 10,000-agent fleet
// costs the browser what 50 agents do. Page state (search, offset, filter) lives in the hash so
// that Back, reload and links work.

import * as api from './api.js';
import * as charts from './charts.js';
import {badge, clear, confirmDialog, field, h, notice, numCell, pager, section, table, toast}
    from './dom.js';
import {auditActionName, formatDate, formatDateTime, formatNumber, formatPercent, formatRelative,
        ruleName, t} from './i18n.js';

function pageHeader(title, ...extra) {
  return h('div', {class: 'page-header'}, h('h1', {id: 'page-title', tabindex: '-1'}, title), extra);
}

function errorText(err) {
  if (!err) return '';
  if (err.status === 0) return t('error.network');
  if (err.status === 403) return t('error.forbidden');
  return t('error.server', {message: err.message || err.code || err.status});
}

// ---- login and the forced password change ----

// The last user name that logged in on this browser (a name, never a password).
const kLastUserKey = 'jamul.last_user';
function rememberedUser() {
  try {
    return localStorage.getItem(kLastUserKey) || '';
  } catch (e) {
    return '';
  }
}
function rememberUser(name) {
  try {
    localStorage.setItem(kLastUserKey, name);
  } catch (e) {
    // Not remembered: the admin types it next time.
  }
}

export async function loginView(ctx) {
  const user = h('input', {type: 'text', name: 'user', autocomplete: 'username', required: true,
                           autocapitalize: 'none', spellcheck: 'false'});
  user.value = rememberedUser();
  const password = h('input', {type: 'password', name: 'password', autocomplete: 'current-password',
                               required: true});
  const status = h('div', {class: 'form-status'});
  if (ctx.params.get('expired')) status.appendChild(notice('warn', t('login.expired')));
  const submit = h('button', {type: 'submit', class: 'btn btn-primary btn-block'}, t('login.submit'));
  const form = h('form', {class: 'auth-form', novalidate: true},
                 field(t('login.user'), user), field(t('login.password'), password), status, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(status);
    submit.disabled = true;
    try {
      const reply = await api.login(user.value.trim(), password.value);
      rememberUser(user.value.trim());
      if (reply.must_change_password) {
        ctx.setPendingOldPassword(password.value);
        ctx.navigate('#/password');
      } else {
        ctx.navigate('#/overview');
      }
    } catch (err) {
      status.appendChild(notice('error', err.status === 401 ? t('login.failed')
                                       : err.status === 429 ? t('login.rate_limited')
                                       : errorText(err)));
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  ctx.main.appendChild(h('div', {class: 'auth-card'},
                         h('div', {class: 'auth-brand'}, h('span', {class: 'brand-mark'}), t('app.title')),
                         h('h1', {id: 'page-title', tabindex: '-1'}, t('login.title')),
                         h('p', {class: 'lead'}, t('login.lead')), form));
}

export async function passwordView(ctx) {
  const known = ctx.takePendingOldPassword();
  const old = h('input', {type: 'password', name: 'old', autocomplete: 'current-password',
                          required: true});
  if (known) old.value = known;
  const next = h('input', {type: 'password', name: 'new', autocomplete: 'new-password',
                           required: true, minlength: '12'});
  const confirm = h('input', {type: 'password', name: 'confirm', autocomplete: 'new-password',
                              required: true, minlength: '12'});
  const status = h('div', {class: 'form-status'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary btn-block'}, t('password.submit'));
  const form = h('form', {class: 'auth-form', novalidate: true},
                 field(t('password.old'), old), field(t('password.new'), next, t('password.hint')),
                 field(t('password.confirm'), confirm), status, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(status);
    if (next.value.length < 12) return status.appendChild(notice('error', t('password.too_short')));
    if (next.value !== confirm.value) return status.appendChild(notice('error', t('password.mismatch')));
    if (next.value === old.value) return status.appendChild(notice('error', t('password.same')));
    submit.disabled = true;
    try {
      await api.changePassword(old.value, next.value);
      toast(t('password.changed'));
      ctx.navigate('#/overview');
    } catch (err) {
      // 403: the current password is wrong; 400: the console refuses the new one and says why.
      status.appendChild(notice('error', err.status === 403 ? t('password.wrong_old')
          : err.status === 400 ? err.message : errorText(err)));
    } finally {
      submit.disabled = false;
    }
  });
  ctx.main.appendChild(h('div', {class: 'auth-card'},
                         h('div', {class: 'auth-brand'}, h('span', {class: 'brand-mark'}), t('app.title')),
                         h('h1', {id: 'page-title', tabindex: '-1'}, t('password.title')),
                         h('p', {class: 'lead'}, t('password.lead')), form));
}

// ---- overview ----

function tile(key, label, value, sub, accent) {
  return h('div', {class: 'tile' + (accent ? ' tile-' + accent : ''), dataset: {tile: key}},
           h('div', {class: 'tile-label'}, label),
           h('div', {class: 'tile-value', dataset: {value: String(value.raw)}}, value.text),
           h('div', {class: 'tile-sub'}, sub));
}

export async function overviewView(ctx) {
  const [summary, history] = await Promise.all([api.get('/api/admin/summary'),
                                                api.get('/api/admin/history', {days: 90})]);
  if (ctx.stale()) return;
  const sm = summary;
  const rateFiles = sm.files_with_pii ? (100 * sm.files_encrypted) / sm.files_with_pii : null;
  const tiles = h('div', {class: 'tiles'},
    tile('agents', t('overview.tile.agents'), {raw: sm.agents, text: formatNumber(sm.agents)},
         t('overview.sub.agents')),
    tile('offline', t('overview.tile.offline'),
         {raw: sm.agents_offline, text: formatNumber(sm.agents_offline)}, t('overview.sub.offline'),
         sm.agents_offline ? 'warn' : ''),
    tile('files_with_pii', t('overview.tile.files_with_pii'),
         {raw: sm.files_with_pii, text: formatNumber(sm.files_with_pii)},
         t('overview.sub.files_with_pii')),
    tile('files_encrypted', t('overview.tile.files_encrypted'),
         {raw: sm.files_encrypted, text: formatNumber(sm.files_encrypted)},
         t('overview.sub.files_encrypted')),
    tile('rate', t('overview.tile.rate'),
         {raw: rateFiles === null ? '' : rateFiles.toFixed(1),
          text: formatPercent(sm.files_encrypted, sm.files_with_pii)},
         t('overview.sub.rate', {items: formatPercent(sm.items_encrypted, sm.items)}), 'primary'),
    tile('items', t('overview.tile.items'), {raw: sm.items, text: formatNumber(sm.items)},
         t('overview.sub.items', {encrypted: formatNumber(sm.items_encrypted)})),
    tile('pending', t('overview.tile.pending'),
         {raw: sm.pending_exceptions, text: formatNumber(sm.pending_exceptions)},
         h('a', {href: '#/exceptions'}, t('overview.sub.pending')),
         sm.pending_exceptions ? 'warn' : ''));

  const byRule = Object.entries(sm.by_rule || {}).map(([rule, items]) => ({
    key: rule, label: ruleName(rule), value: Number(items)})).sort((a, b) => b.value - a.value);
  const ruleCard = section(t('overview.by_rule'),
      byRule.length ? charts.barList(byRule, t('overview.by_rule'))
                    : h('p', {class: 'muted'}, t('overview.by_rule_empty')));
  ruleCard.id = 'by-rule';

  // The console sends every day of the window; the days before the first scan are all zero and
  // would only flatten the chart.
  const allDays = (history && history.days) || [];
  const first = allDays.findIndex((d) => d.files_with_pii || d.files_encrypted || d.items);
  const days = first < 0 ? [] : allDays.slice(first);
  let rateCard;
  let countCard;
  if (!days.length) {
    rateCard = section(t('overview.rate_chart'), h('p', {class: 'muted'}, t('overview.history_empty')));
    countCard = section(t('overview.before_after'), h('p', {class: 'muted'}, t('overview.history_empty')));
  } else {
    const labels = days.map((d) => d.day);
    const pct = (a, b) => (b ? (100 * a) / b : null);
    rateCard = section(t('overview.rate_chart'), charts.lineChart({
      title: t('overview.rate_chart'), labels, percent: true,
      series: [
        {name: t('chart.rate_files'), values: days.map((d) => pct(d.files_encrypted, d.files_with_pii))},
        {name: t('chart.rate_items'), values: days.map((d) => pct(d.items_encrypted, d.items))}]}));
    countCard = section(t('overview.before_after'), charts.lineChart({
      title: t('overview.before_after'), labels,
      series: [
        {name: t('chart.files_with_pii'), values: days.map((d) => d.files_with_pii)},
        {name: t('chart.files_encrypted'), values: days.map((d) => d.files_encrypted), cls: 'series-2'},
        {name: t('chart.files_plain'), values: days.map((d) => d.files_with_pii - d.files_encrypted),
         cls: 'series-3'}]}));
  }
  rateCard.id = 'rate-chart';
  countCard.id = 'count-chart';
  ctx.main.append(pageHeader(t('overview.title')), tiles,
                  h('div', {class: 'grid-2'}, rateCard, countCard), ruleCard);
}

// ---- agents ----

const kAgentPage = 50;

export async function agentsView(ctx) {
  const q = ctx.params.get('q') || '';
  const state = ctx.params.get('state') || '';
  const offset = Math.max(0, Number(ctx.params.get('offset')) || 0);
  const reply = await api.get('/api/admin/agents', {offset, limit: kAgentPage, q, state});
  if (ctx.stale()) return;
  const now = Date.now();

  const search = h('input', {type: 'search', name: 'q', value: q,
                             placeholder: t('agents.search_placeholder')});
  const stateSel = h('select', {name: 'state'},
                     ['', 'enrolled', 'revoked'].map((v) => h('option', {value: v, selected: v === state},
                         t('agents.state.' + (v || 'all')))));
  const form = h('form', {class: 'toolbar', role: 'search'},
                 field(t('agents.search'), search), field(t('agents.state_filter'), stateSel),
                 h('button', {type: 'submit', class: 'btn'}, t('agents.search_submit')));
  const go = (o) => ctx.navigate(ctx.hashWith({q: search.value.trim(), state: stateSel.value,
                                               offset: o || ''}));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go(0); });
  stateSel.addEventListener('change', () => go(0));

  const rows = reply.agents.map((a) => {
    const connection = a.state === 'revoked' ? h('span', {class: 'muted'}, t('common.none'))
        : a.long_offline ? badge(t('agents.long_offline'), 'danger')
        : a.offline ? badge(t('agents.offline'), 'warn') : badge(t('agents.online'), 'ok');
    const revoke = a.state === 'revoked' ? null
        : h('button', {type: 'button', class: 'btn btn-small btn-danger-outline',
                       'aria-label': `${t('agents.revoke')}: ${a.host}`,
                       onclick: async () => {
                         const ok = await confirmDialog(t('agents.revoke_title'),
                             t('agents.revoke_confirm', {host: a.host, user: a.user}),
                             t('agents.revoke'), true);
                         if (!ok) return;
                         try {
                           await api.post(`/api/admin/agents/${encodeURIComponent(a.id)}/revoke`);
                           toast(t('agents.revoked_done', {host: a.host}));
                           ctx.refresh();
                         } catch (err) {
                           toast(errorText(err), 'error');
                         }
                       }}, t('agents.revoke'));
    return h('tr', {dataset: {agent: String(a.id), host: a.host}},
             h('td', {class: 'strong'}, a.host), h('td', null, a.user),
             h('td', null, a.department || t('findings.no_department')),
             h('td', {class: 'mono'}, a.version), numCell(a.policy_version),
             h('td', {title: formatDateTime(a.last_contact_ms)},
               formatRelative(a.last_contact_ms, now)),
             h('td', {dataset: {offline: a.offline ? '1' : '0', longOffline: a.long_offline ? '1' : '0'}},
               connection),
             h('td', null, a.state === 'revoked' ? badge(t('agents.state.revoked'), 'danger')
                                                 : t('agents.state.' + a.state)),
             numCell(a.files_with_pii, {dataset: {col: 'files_with_pii', value: String(a.files_with_pii)}}),
             numCell(a.files_encrypted, {dataset: {col: 'files_encrypted', value: String(a.files_encrypted)}}),
             numCell(a.outbox_depth), h('td', {class: 'actions'}, revoke));
  });
  const cols = ['host', 'user', 'department', 'version', 'policy_version', 'last_contact',
                'connection', 'state', 'files', 'encrypted', 'outbox', 'actions'];
  const numeric = new Set(['policy_version', 'files', 'encrypted', 'outbox']);
  ctx.main.append(
      pageHeader(t('agents.title'), h('span', {class: 'count-pill', id: 'agents-total',
                                               dataset: {value: String(reply.total)}},
                                       formatNumber(reply.total))),
      h('div', {class: 'card'}, form,
        table({caption: t('agents.title'), captionHidden: true, id: 'agents-table',
               columns: cols.map((c) => ({label: t('agents.col.' + c), num: numeric.has(c)})),
               rows, empty: t('agents.empty')}),
        pager({offset, limit: kAgentPage, total: reply.total, onPage: go})));
}

// ---- findings ----

export async function findingsView(ctx) {
  const [rule, dept, vol] = await Promise.all(['rule', 'department', 'volume'].map(
      (by) => api.get('/api/admin/findings', {by})));
  if (ctx.stale()) return;
  const make = (id, title, keyLabel, reply, keyText) => {
    const rows = (reply.rows || []).map((r) => h('tr', {dataset: {key: r.key}},
        h('td', {class: 'strong'}, keyText(r.key)), numCell(r.files, {dataset: {col: 'files', value: String(r.files)}}),
        numCell(r.items, {dataset: {col: 'items', value: String(r.items)}}),
        numCell(r.files_encrypted, {dataset: {col: 'files_encrypted', value: String(r.files_encrypted)}}),
        h('td', {class: 'num'}, formatPercent(r.files_encrypted, r.files))));
    const card = section(title, table({caption: title, captionHidden: true, id, rows,
        empty: t('findings.empty'),
        columns: [{label: keyLabel}, {label: t('findings.col.files'), num: true},
                  {label: t('findings.col.items'), num: true},
                  {label: t('findings.col.files_encrypted'), num: true},
                  {label: t('findings.col.rate'), num: true}]}));
    return card;
  };
  ctx.main.append(pageHeader(t('findings.title')),
      make('findings-rule', t('findings.by_rule'), t('findings.col.rule'), rule,
           (k) => h('span', null, ruleName(k), ' ', h('code', {class: 'muted'}, k))),
      h('div', {class: 'grid-2'},
        make('findings-department', t('findings.by_department'), t('findings.col.department'), dept,
             (k) => k || t('findings.no_department')),
        make('findings-volume', t('findings.by_volume'), t('findings.col.volume'), vol, (k) => k)));
}

// ---- top files ----

export async function topFilesView(ctx) {
  const reply = await api.get('/api/admin/top-files', {limit: 50});
  if (ctx.stale()) return;
  const rows = (reply.files || []).map((f, i) => h('tr', {dataset: {path: f.path, host: f.host}},
      numCell(i + 1), h('td', null, f.host), h('td', {class: 'path'}, f.path),
      numCell(f.items, {dataset: {col: 'items', value: String(f.items)}}),
      h('td', null, h('ul', {class: 'chips'}, Object.entries(f.counts || {}).map(([rule, n]) =>
          h('li', {class: 'chip', dataset: {rule, value: String(n)}}, `${ruleName(rule)} ${formatNumber(n)}`)))),
      h('td', null, f.encrypted ? badge(t('top.encrypted'), 'ok') : badge(t('top.plain'), 'warn')),
      h('td', null, h('ul', {class: 'excerpts'}, (f.findings || []).slice(0, 5).map((m) =>
          h('li', null, h('code', null, typeof m === 'string' ? m : (m.masked || ''))))))));
  ctx.main.append(pageHeader(t('top.title')), h('p', {class: 'lead'}, t('top.lead')),
      h('div', {class: 'card'}, table({caption: t('top.title'), captionHidden: true, id: 'top-files',
        rows, empty: t('top.empty'),
        columns: [{label: t('top.col.rank'), num: true}, {label: t('top.col.host')},
                  {label: t('top.col.path')}, {label: t('top.col.items'), num: true},
                  {label: t('top.col.counts')}, {label: t('top.col.encrypted')},
                  {label: t('top.col.excerpts')}]})));
}

// ---- exceptions ----

const kExceptionPage = 50;

export async function exceptionsView(ctx) {
  const state = ctx.params.get('state') || 'pending';
  const offset = Math.max(0, Number(ctx.params.get('offset')) || 0);
  const reply = await api.get('/api/admin/exceptions',
                              {state: state === 'all' ? '' : state, offset, limit: kExceptionPage});
  if (ctx.stale()) return;
  const total = reply.total || 0;
  if (!(reply.exceptions || []).length && offset > 0 && total > 0) {
    // Deciding the last request of the last page leaves it empty: show the page before.
    const last = Math.floor((total - 1) / kExceptionPage) * kExceptionPage;
    ctx.navigate(ctx.hashWith({offset: last || ''}), true);
    return;
  }
  const stateSel = h('select', {name: 'state'},
      ['pending', 'approved', 'denied', 'all'].map((v) =>
          h('option', {value: v, selected: v === state}, t('exceptions.state.' + v))));
  const go = (o) => ctx.navigate(ctx.hashWith({state: stateSel.value, offset: o || ''}));
  stateSel.addEventListener('change', () => go(0));
  const stateBadge = (s) => badge(t('exceptions.state.' + s) !== 'exceptions.state.' + s
      ? t('exceptions.state.' + s) : s,
      s === 'approved' ? 'ok' : s === 'denied' ? 'danger' : s === 'pending' ? 'warn' : 'muted');

  const rows = (reply.exceptions || []).map((x) => {
    let decision;
    if (x.state === 'pending') {
      const days = h('input', {type: 'number', min: '1', max: '365', step: '1', class: 'days-input',
                               value: String(x.days || 30), name: 'days',
                               'aria-label': t('exceptions.days_label', {path: x.path})});
      const approve = h('button', {type: 'button', class: 'btn btn-small btn-primary',
                                   dataset: {action: 'approve'}}, t('exceptions.approve'));
      const deny = h('button', {type: 'button', class: 'btn btn-small btn-danger-outline',
                                dataset: {action: 'deny'}}, t('exceptions.deny'));
      approve.addEventListener('click', async () => {
        const n = Number(days.value);
        if (!Number.isInteger(n) || n < 1 || n > 365) {
          toast(t('exceptions.bad_days'), 'error');
          days.focus();
          return;
        }
        approve.disabled = deny.disabled = true;
        try {
          await api.post(`/api/admin/exceptions/${encodeURIComponent(x.id)}/approve`, {days: n});
          toast(t('exceptions.approved_done', {days: n}));
          ctx.refresh();
        } catch (err) {
          toast(errorText(err), 'error');
          approve.disabled = deny.disabled = false;
        }
      });
      deny.addEventListener('click', async () => {
        if (!await confirmDialog(t('exceptions.deny_title'),
                                 t('exceptions.deny_confirm', {path: x.path}), t('exceptions.deny'),
                                 true)) {
          return;
        }
        try {
          await api.post(`/api/admin/exceptions/${encodeURIComponent(x.id)}/deny`);
          toast(t('exceptions.denied_done'));
          ctx.refresh();
        } catch (err) {
          toast(errorText(err), 'error');
        }
      });
      decision = h('div', {class: 'decide'}, days, approve, deny);
    } else {
      decision = h('div', {class: 'decided'},
                   x.decided_by ? t('exceptions.decided', {by: x.decided_by, at: formatDateTime(x.decided_at_ms)})
                                : '',
                   x.state === 'approved' && x.expires_at_ms
                       ? h('div', {class: 'muted'}, t('exceptions.expires', {at: formatDate(x.expires_at_ms)}))
                       : null);
    }
    return h('tr', {dataset: {exception: String(x.id), state: x.state}},
             h('td', null, formatDateTime(x.requested_at_ms)), h('td', null, x.host),
             h('td', {class: 'path'}, x.path), h('td', null, x.owner),
             h('td', {class: 'reason'}, x.reason), numCell(x.days), h('td', null, stateBadge(x.state)),
             h('td', null, decision));
  });
  ctx.main.append(
      pageHeader(t('exceptions.title'), h('span', {class: 'count-pill', id: 'exceptions-total',
                                                   dataset: {value: String(total)}},
                                          formatNumber(total))),
      h('div', {class: 'card'},
        h('div', {class: 'toolbar'}, field(t('exceptions.state_filter'), stateSel)),
        table({caption: t('exceptions.title'), captionHidden: true, id: 'exceptions-table', rows,
               empty: t('exceptions.empty'),
               columns: ['requested', 'host', 'path', 'owner', 'reason', 'days', 'state', 'decision']
                   .map((c) => ({label: t('exceptions.col.' + c), num: c === 'days'}))}),
        pager({offset, limit: kExceptionPage, total, onPage: go})));
}

// ---- policy editor ----

export async function policyView(ctx) {
  const reply = await api.get('/api/admin/policies');
  if (ctx.stale()) return;
  // `policy` is the document; a console that keeps it as text sends it as a JSON string.
  const asObject = (doc) => {
    if (typeof doc !== 'string') return doc;
    try {
      return JSON.parse(doc);
    } catch (e) {
      return doc;
    }
  };
  const policies = new Map((reply.policies || []).map((p) => [p.group,
                                                               Object.assign({}, p, {policy: asObject(p.policy)})]));
  const groups = [...new Set(['default', ...(reply.groups || []), ...policies.keys()])]
      .filter((g) => g !== '').sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1
                                                : a.localeCompare(b)));
  const wanted = ctx.params.get('group');
  const selected = wanted && groups.includes(wanted) ? wanted : 'default';

  const groupSel = h('select', {name: 'group', id: 'policy-group'},
      groups.map((g) => h('option', {value: g, selected: g === selected}, g)),
      h('option', {value: '__new__'}, t('policy.new_group')));
  const newGroup = h('input', {type: 'text', name: 'new_group', id: 'policy-new-group'});
  const newGroupField = field(t('policy.new_group_name'), newGroup);
  newGroupField.hidden = true;
  const meta = h('dl', {class: 'meta', id: 'policy-meta'});
  const text = h('textarea', {id: 'policy-json', name: 'policy', rows: '22', spellcheck: 'false',
                              autocomplete: 'off', class: 'code'});
  const status = h('div', {class: 'form-status', id: 'policy-status'});

  const current = () => (groupSel.value === '__new__' ? newGroup.value.trim() : groupSel.value);
  const load = () => {
    const isNew = groupSel.value === '__new__';
    newGroupField.hidden = !isNew;
    const p = isNew ? null : policies.get(groupSel.value);
    const base = p || policies.get('default');
    text.value = typeof base?.policy === 'string' ? base.policy : JSON.stringify(base ? base.policy : {}, null, 2);
    clear(meta).append(
        h('dt', null, t('policy.version')),
        h('dd', {id: 'policy-version', dataset: {value: p ? String(p.version) : ''}},
          p ? formatNumber(p.version) : t('policy.none')),
        h('dt', null, t('policy.updated')), h('dd', null, p ? formatDateTime(p.updated_at_ms) : t('common.none')));
    clear(status);
    if (isNew) newGroup.focus();
  };
  const parse = () => {
    clear(status);
    let doc;
    try {
      doc = JSON.parse(text.value);
    } catch (err) {
      status.appendChild(notice('error', t('policy.invalid_json', {message: err.message})));
      text.setAttribute('aria-invalid', 'true');
      return null;
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      status.appendChild(notice('error', t('policy.not_object')));
      text.setAttribute('aria-invalid', 'true');
      return null;
    }
    text.removeAttribute('aria-invalid');
    return doc;
  };
  groupSel.addEventListener('change', load);
  const validate = h('button', {type: 'button', class: 'btn', onclick: () => {
    if (parse()) status.appendChild(notice('ok', t('policy.valid')));
  }}, t('policy.validate'));
  const reset = h('button', {type: 'button', class: 'btn', onclick: load}, t('policy.reset'));
  const save = h('button', {type: 'submit', class: 'btn btn-primary'}, t('policy.save'));
  const form = h('form', {class: 'policy-form', novalidate: true},
                 h('div', {class: 'toolbar'}, field(t('policy.group'), groupSel), newGroupField, meta),
                 field(t('policy.document'), text, t('policy.help')), status,
                 h('div', {class: 'form-actions'}, validate, reset, save));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const doc = parse();
    if (!doc) return;
    const group = current();
    if (!group) {
      status.appendChild(notice('error', t('policy.group_required')));
      newGroup.focus();
      return;
    }
    save.disabled = true;
    try {
      const saved = await api.post('/api/admin/policies', {group, policy: doc});
      toast(t('policy.saved', {group: saved.group, version: saved.version}));
      ctx.navigate(ctx.hashWith({group: saved.group}), true);
    } catch (err) {
      save.disabled = false;
      text.setAttribute('aria-invalid', 'true');
      status.appendChild(notice('error', err.status === 400
          ? t('policy.rejected', {message: err.message}) : errorText(err)));
    }
  });
  ctx.main.append(pageHeader(t('policy.title')), h('p', {class: 'lead'}, t('policy.lead')),
                  h('div', {class: 'card'}, form));
  load();
}

// ---- audit log ----

const kAuditPage = 50;

export async function auditView(ctx) {
  const offset = Math.max(0, Number(ctx.params.get('offset')) || 0);
  const reply = await api.get('/api/admin/audit', {offset, limit: kAuditPage});
  if (ctx.stale()) return;
  const rows = (reply.entries || []).map((e) => h('tr', {dataset: {action: e.action}},
      h('td', {class: 'nowrap'}, formatDateTime(e.at_ms)), h('td', null, e.admin),
      h('td', null, auditActionName(e.action), ' ', h('code', {class: 'muted'}, e.action)),
      h('td', null, e.subject),
      h('td', {class: 'detail'}, typeof e.detail === 'string' ? e.detail : JSON.stringify(e.detail))));
  ctx.main.append(pageHeader(t('audit.title')),
      h('div', {class: 'card'},
        table({caption: t('audit.title'), captionHidden: true, id: 'audit-table', rows,
               empty: t('audit.empty'),
               columns: ['at', 'admin', 'action', 'subject', 'detail']
                   .map((c) => ({label: t('audit.col.' + c)}))}),
        pager({offset, limit: kAuditPage, total: reply.total || 0,
               onPage: (o) => ctx.navigate(ctx.hashWith({offset: o || ''}))})));
}

export {errorText};
