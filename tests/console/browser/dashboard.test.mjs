// SPDX-License-Identifier: Apache-2.0
// console.dashboard (issue 17): drives the real jamul-console's dashboard in headless Chromium.
//
//   node dashboard.test.mjs CONSOLE_BINARY OUTDIR
//
// Starts `CONSOLE_BINARY --data-dir <temp> --listen 127.0.0.1:<free port>`, reads the enrollment
// secret and the admin's one-time password from its stdout, seeds a small fleet through the agent
// API (3 agents in 2 departments: files, scans, a removable volume, two exception requests), then
// in Debian's Chromium: logs in and changes the one-time password, checks that the figures on
// every page are the seeded ones, approves one exception request and denies the other (the agents
// receive the decisions), pushes a policy (a bad one first: the server's message names the key),
// exports the CSV and checks its figures, revokes an agent (which is then refused), and saves a
// screenshot of every page in Korean and in English into OUTDIR. No console error and no CSP violation may occur. The console
// is stopped at the end, also on failure. Everything stays on 127.0.0.1.

import {spawn} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import {chromium} from 'playwright-core';

const kChromium = process.env.JAMUL_CHROMIUM || '/usr/bin/chromium';
const kStartTimeoutMs = 30000;
const kOverallTimeoutMs = 240000;

const [consoleBinary, outDirArg] = process.argv.slice(2);
if (!consoleBinary || !outDirArg) {
  console.error('usage: node dashboard.test.mjs CONSOLE_BINARY OUTDIR');
  process.exit(2);
}
const outDir = path.resolve(outDirArg);
fs.mkdirSync(outDir, {recursive: true});

// ---- small assertion helpers ----

let checks = 0;
function check(cond, what) {
  checks++;
  if (!cond) throw new Error('check failed: ' + what);
}
function checkEqual(actual, expected, what) {
  checks++;
  if (String(actual) !== String(expected)) {
    throw new Error(`check failed: ${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
function log(msg) {
  console.log(`[dashboard] ${msg}`);
}

// ---- the console process ----

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const {port} = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function startConsole(dataDir, port) {
  const proc = spawn(consoleBinary, ['--data-dir', dataDir, '--listen', `127.0.0.1:${port}`],
                     {stdio: ['ignore', 'pipe', 'pipe']});
  const logFile = fs.createWriteStream(path.join(outDir, 'console.log'));
  const found = {};
  let buffer = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the console did not print its start lines within '
                                                    + kStartTimeoutMs + ' ms')), kStartTimeoutMs);
    proc.stdout.on('data', (chunk) => {
      logFile.write(chunk);
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        let m;
        if ((m = /^jamul-console: listening on (https:\/\/\S+)/.exec(line))) found.url = m[1].replace(/\/$/, '');
        else if ((m = /^jamul-console: enrollment secret: (\S+)/.exec(line))) found.secret = m[1];
        else if ((m = /^jamul-console: admin user (\S+), one-time password: (\S+)/.exec(line))) {
          found.admin = m[1];
          found.password = m[2];
        }
        if (found.url && found.secret && found.password) {
          clearTimeout(timer);
          resolve(found);
        }
      }
    });
    proc.stderr.on('data', (chunk) => logFile.write(chunk));
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the console exited before it was ready (code ${code}, signal ${signal}); see ${
          path.join(outDir, 'console.log')}`));
    });
    proc.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  const stop = () => new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const kill = setTimeout(() => proc.kill('SIGKILL'), 5000);
    proc.once('exit', () => {
      clearTimeout(kill);
      logFile.end();
      resolve();
    });
    proc.kill('SIGTERM');
  });
  return {proc, ready, stop};
}

// ---- the agent API (Node's https, trusting the console's own certificate) ----

function agentClient(baseUrl, ca) {
  const target = new URL(baseUrl);
  const call = (method, p, body, headers) => new Promise((resolve, reject) => {
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body), 'utf8');
    const req = https.request({
      host: target.hostname, port: target.port, path: p, method, ca,
      servername: undefined,
      headers: Object.assign({'Accept': 'application/json'},
                             data ? {'Content-Type': 'application/json', 'Content-Length': data.length} : {},
                             headers || {}),
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          json = null;
        }
        resolve({status: res.statusCode, headers: res.headers, json, text});
      });
    });
    req.on('error', reject);
    req.setTimeout(15000, () => req.destroy(new Error(`${method} ${p}: timed out`)));
    if (data) req.write(data);
    req.end();
  });
  return {call};
}

// ---- the seeded fleet ----

const kDay = 86400000;
const kNow = Date.now();

function masked(prefix) {
  return prefix + '-*******';
}

const FLEET = [
  {host: 'pc-chongmu-01', user: 'kim', department: '총무과',
   files: [
     {path: '/home/kim/문서/주민명단.xlsx', counts: {kr_rrn: 42, kr_phone: 10}, encrypted: false,
      excerpts: [masked('900101'), masked('850315'), '010-****-5678']},
     {path: '/home/kim/문서/급여.hwp.age', original: '/home/kim/문서/급여.hwp',
      counts: {kr_rrn: 7, kr_bank_account: 7}, encrypted: true, excerpts: [masked('770707')]},
   ]},
  {host: 'pc-chongmu-02', user: 'lee', department: '총무과',
   files: [
     {path: '/home/lee/민원/접수대장.csv', counts: {kr_rrn: 15, email: 3}, encrypted: false,
      excerpts: [masked('681224'), 'l***@example.go.kr']},
     {path: '/media/lee/USB-LEE/백업/명부.xlsx', counts: {kr_rrn: 5}, encrypted: false,
      volume: '1A2B-3C4D', excerpts: [masked('010203')]},
   ],
   volumes: [{key: '1A2B-3C4D', label: 'USB-LEE', size_bytes: 16008609792, removable: true}]},
  {host: 'pc-minwon-01', user: 'park', department: '민원과',
   files: [
     {path: '/home/park/신청서.pdf.age', original: '/home/park/신청서.pdf', counts: {kr_frn: 4},
      encrypted: true, excerpts: [masked('880808')]},
     {path: '/home/park/연락처.xlsx', counts: {kr_phone: 20, email: 20}, encrypted: false,
      excerpts: ['010-****-1234', 'p***@example.com']},
   ]},
];

const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);

// The figures the console must show; a revoked agent's files no longer count.
function expectedFigures(revoked) {
  const fig = {files: 0, encrypted: 0, items: 0, itemsEncrypted: 0, byRule: {}, byDept: {}, perAgent: []};
  for (const [i, a] of FLEET.entries()) {
    if (revoked && revoked.includes(i)) continue;
    const agent = {files: 0, encrypted: 0};
    const dept = fig.byDept[a.department] ||= {files: 0, items: 0, encrypted: 0, itemsEncrypted: 0, agents: 0};
    dept.agents++;
    for (const f of a.files) {
      const n = sum(f.counts);
      fig.files++;
      fig.items += n;
      agent.files++;
      dept.files++;
      dept.items += n;
      if (f.encrypted) {
        fig.encrypted++;
        fig.itemsEncrypted += n;
        agent.encrypted++;
        dept.encrypted++;
        dept.itemsEncrypted += n;
      }
      for (const [rule, c] of Object.entries(f.counts)) {
        const r = fig.byRule[rule] ||= {files: 0, items: 0, encrypted: 0};
        r.files++;
        r.items += c;
        if (f.encrypted) r.encrypted++;
      }
    }
    fig.perAgent.push(agent);
  }
  return fig;
}

const EXCEPTION = {request_id: 1, path: '/home/kim/문서/주민명단.xlsx', owner: 'kim',
                   content_digest: crypto.createHash('sha256').update('synthetic content').digest('hex'),
                   reason: '민원 처리 기간 중 원본 보관 필요', days: 14, requested_at_ms: kNow - 3600000};
// The second agent's request (its own request ids count from 1 too), to be denied.
const EXCEPTION_DENIED = {request_id: 1, path: '/media/lee/USB-LEE/백업/명부.xlsx', owner: 'lee',
                          content_digest: crypto.createHash('sha256').update('other content').digest('hex'),
                          reason: '외부 제출용 사본', days: 30, requested_at_ms: kNow - 1800000};

async function seedFleet(api, secret) {
  const agents = [];
  for (const [i, a] of FLEET.entries()) {
    const enroll = await api.call('POST', '/api/v1/enroll', {
      secret, machine_id: crypto.randomBytes(16).toString('hex'), host: a.host, user: a.user,
      department: a.department, version: '0.1.0', os: 'Debian GNU/Linux 12'});
    checkEqual(enroll.status, 200, `enroll ${a.host}: ${enroll.text}`);
    const auth = {'X-Jamul-Agent': String(enroll.json.agent_id),
                  'Authorization': 'Bearer ' + enroll.json.token};
    const events = [];
    const add = (kind, data, at) => events.push({seq: events.length + 1, at_ms: at || kNow - 60000, kind, data});
    for (const v of a.volumes || []) {
      add('volume', Object.assign({first_seen_ms: kNow - 2 * kDay, last_seen_ms: kNow - 60000}, v));
    }
    for (const f of a.files) {
      add('file', {path: f.path, owner: a.user, volume: f.volume || '', status: 'scanned',
                   format: path.extname(f.original || f.path).slice(1), size: 20480, counts: f.counts,
                   findings: f.excerpts.map((m, k) => ({rule: Object.keys(f.counts)[k % Object.keys(f.counts).length],
                                                         confidence: 'high', location: `line ${k + 1}`,
                                                         masked: m, count: 1})),
                   encrypted: f.encrypted, original: f.original || ''});
    }
    // Yesterday's scan found the same files, none encrypted yet; today's scan found them as now.
    const files = a.files.length;
    const items = a.files.reduce((n, f) => n + sum(f.counts), 0);
    const encFiles = a.files.filter((f) => f.encrypted);
    const encItems = encFiles.reduce((n, f) => n + sum(f.counts), 0);
    add('scan', {reason: 'schedule', started_ms: kNow - kDay - 600000, finished_ms: kNow - kDay,
                 files: 1200 + i, files_with_findings: files, files_encrypted: 0, items, items_encrypted: 0},
        kNow - kDay);
    add('scan', {reason: 'schedule', started_ms: kNow - 660000, finished_ms: kNow - 120000,
                 files: 1210 + i, files_with_findings: files, files_encrypted: encFiles.length, items,
                 items_encrypted: encItems}, kNow - 120000);
    if (i === 0) add('exception_request', EXCEPTION, EXCEPTION.requested_at_ms);
    if (i === 1) add('exception_request', EXCEPTION_DENIED, EXCEPTION_DENIED.requested_at_ms);
    // Two batches for the first agent, to go through the per-agent sequence.
    const batches = i === 0 ? [events.slice(0, 2), events.slice(2)] : [events];
    for (const batch of batches) {
      const reply = await api.call('POST', '/api/v1/reports', {events: batch}, auth);
      checkEqual(reply.status, 200, `reports from ${a.host}: ${reply.text}`);
      checkEqual(reply.json.acked_seq, batch[batch.length - 1].seq, `acked_seq of ${a.host}`);
    }
    const beat = await api.call('POST', '/api/v1/heartbeat', {policy_version: 0, outbox_depth: 0,
        version: '0.1.0', state: 'idle', last_scan_ms: kNow - 120000, decisions_applied: []}, auth);
    checkEqual(beat.status, 200, `heartbeat of ${a.host}: ${beat.text}`);
    agents.push({id: enroll.json.agent_id, auth, host: a.host});
  }
  return agents;
}

// ---- the browser ----

const kPages = [
  {route: 'overview', nav: 'overview'},
  {route: 'agents', nav: 'agents'},
  {route: 'findings', nav: 'findings'},
  {route: 'top-files', nav: 'top-files'},
  {route: 'exceptions', nav: 'exceptions'},
  {route: 'policy', nav: 'policy'},
  {route: 'audit', nav: 'audit'},
];

async function shot(page, name) {
  const file = path.join(outDir, name + '.png');
  // The confirmation toast of the previous step would cover the page.
  await page.evaluate(() => { document.getElementById('toast').className = 'toast'; });
  await page.screenshot({path: file, fullPage: true, animations: 'disabled'});
  log('screenshot ' + file);
}

async function gotoView(page, route) {
  // Through the menu, as an admin would (keyboard: focus the link, press Enter).
  const link = page.locator(`#nav a[data-route="${route}"]`);
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.view[data-view="${route}"]`);
  await page.waitForFunction(() => !document.getElementById('main').hasAttribute('aria-busy'));
}

async function numberAt(page, selector) {
  const loc = page.locator(selector);
  await loc.first().waitFor();
  return loc.first().getAttribute('data-value');
}

async function run() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamul-dashboard-'));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jamul-chromium-'));
  const port = await freePort();
  const server = startConsole(dataDir, port);
  activeServer = server;
  let browser = null;
  try {
    const started = await server.ready;
    log(`console at ${started.url}`);
    const certFile = path.join(dataDir, 'tls', 'console.crt');
    const ca = fs.existsSync(certFile) ? fs.readFileSync(certFile) : undefined;
    check(ca, 'the console wrote its certificate to <data-dir>/tls/console.crt');
    const api = agentClient(started.url, ca);
    const agents = await seedFleet(api, started.secret);
    const fig = expectedFigures();
    log(`seeded ${agents.length} agents, ${fig.files} files, ${fig.items} items`);

    const home = await api.call('GET', '/');
    checkEqual(home.status, 200, 'GET / serves the dashboard');
    check(/default-src 'self'/.test(home.headers['content-security-policy'] || ''),
          'the dashboard is served with CSP default-src \'self\'');
    checkEqual(home.headers['x-frame-options'], 'DENY', 'X-Frame-Options');

    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: kChromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      ignoreHTTPSErrors: true,
      acceptDownloads: true,
      locale: 'ko-KR',
      timezoneId: 'Asia/Seoul',
      viewport: {width: 1400, height: 900},
    });
    const page = browser.pages()[0] || await browser.newPage();
    page.setDefaultTimeout(15000);
    const problems = [];
    let allowed = [];  // console messages expected during one step (a refused policy: its 400)
    page.on('console', (msg) => {
      if (msg.type() !== 'error' && msg.type() !== 'warning') return;
      const text = msg.text();
      if (allowed.some((re) => re.test(text))) return;
      if (msg.type() === 'error' || /Content Security Policy|Refused to/.test(text)) {
        problems.push(`console ${msg.type()}: ${text}`);
      }
    });
    page.on('pageerror', (err) => problems.push('page error: ' + err.message));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (ev) => {
        console.error(`CSP violation: ${ev.violatedDirective} ${ev.blockedURI}`);
      });
    });

    // --- Korean: log in with the one-time password, then change it ---
    await page.goto(started.url + '/');
    await page.waitForSelector('.view[data-view="login"]');
    checkEqual(await page.getAttribute('html', 'lang'), 'ko', 'Korean is the default for a ko-KR browser');
    checkEqual(await page.textContent('#page-title'), '관리자 로그인', 'login title');
    await shot(page, 'ko-login');
    await page.getByLabel('아이디').fill(started.admin || 'admin');
    await page.getByLabel('비밀번호').fill(started.password);
    await page.getByRole('button', {name: '로그인'}).click();
    await page.waitForSelector('.view[data-view="password"]');
    await shot(page, 'ko-password');
    const newPassword = 'Jamul-test-' + crypto.randomBytes(6).toString('hex');
    await page.getByLabel('새 비밀번호', {exact: true}).fill(newPassword);
    await page.getByLabel('새 비밀번호 확인').fill(newPassword);
    await page.getByRole('button', {name: '비밀번호 변경'}).click();
    await page.waitForSelector('.view[data-view="overview"]');
    await page.waitForFunction(() => !document.getElementById('main').hasAttribute('aria-busy'));

    // --- overview: the tiles and charts show the seeded figures ---
    const tile = (k) => numberAt(page, `[data-tile="${k}"] .tile-value`);
    checkEqual(await tile('agents'), FLEET.length, 'overview: agents');
    checkEqual(await tile('files_with_pii'), fig.files, 'overview: files with personal data');
    checkEqual(await tile('files_encrypted'), fig.encrypted, 'overview: encrypted files');
    checkEqual(await tile('items'), fig.items, 'overview: items');
    checkEqual(await tile('pending'), 2, 'overview: pending exceptions');
    const rateText = await page.textContent('[data-tile="rate"] .tile-value');
    checkEqual(rateText, (100 * fig.encrypted / fig.files).toFixed(1) + '%', 'overview: 암호화율');
    for (const [rule, r] of Object.entries(fig.byRule)) {
      checkEqual(await numberAt(page, `#by-rule li[data-key="${rule}"]`), r.items, `overview: bar of ${rule}`);
    }
    checkEqual(await page.textContent('#by-rule li[data-key="kr_rrn"] .bar-label'), '주민등록번호',
               'overview: rule names in Korean');
    // The before/after chart's data table: the last day has today's totals.
    const lastDay = await page.$$eval('#count-chart table tbody tr:last-child td',
                                      (tds) => tds.map((td) => td.textContent));
    checkEqual(lastDay[0], String(fig.files), 'history: files with personal data today');
    checkEqual(lastDay[1], String(fig.encrypted), 'history: encrypted files today');
    check(await page.locator('#rate-chart svg path.chart-line').count() >= 1, 'overview: the rate chart is drawn');
    await shot(page, 'ko-overview');

    // --- agents ---
    await gotoView(page, 'agents');
    checkEqual(await numberAt(page, '#agents-total'), FLEET.length, 'agents: total');
    for (const [i, a] of FLEET.entries()) {
      const row = page.locator(`#agents-table tr[data-host="${a.host}"]`);
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      checkEqual(cells[1], a.user, `agents: user of ${a.host}`);
      checkEqual(cells[2], a.department, `agents: department of ${a.host}`);
      checkEqual(cells[3], '0.1.0', `agents: version of ${a.host}`);
      checkEqual(await row.locator('td[data-col="files_with_pii"]').getAttribute('data-value'),
                 fig.perAgent[i].files, `agents: files of ${a.host}`);
      checkEqual(await row.locator('td[data-col="files_encrypted"]').getAttribute('data-value'),
                 fig.perAgent[i].encrypted, `agents: encrypted files of ${a.host}`);
      checkEqual(await row.locator('td[data-long-offline]').getAttribute('data-long-offline'), '0',
                 `agents: ${a.host} is not long offline`);
    }
    await shot(page, 'ko-agents');
    await page.getByLabel('검색', {exact: true}).fill('park');
    await page.getByLabel('검색', {exact: true}).press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#agents-table tbody tr[data-host]').length === 1);
    checkEqual(await page.locator('#agents-table tbody tr[data-host]').getAttribute('data-host'), 'pc-minwon-01',
               'agents: search by user');

    // --- findings ---
    await gotoView(page, 'findings');
    for (const [rule, r] of Object.entries(fig.byRule)) {
      const row = `#findings-rule tr[data-key="${rule}"]`;
      checkEqual(await numberAt(page, `${row} td[data-col="items"]`), r.items, `findings: items of ${rule}`);
      checkEqual(await numberAt(page, `${row} td[data-col="files"]`), r.files, `findings: files of ${rule}`);
    }
    for (const [dept, d] of Object.entries(fig.byDept)) {
      const row = `#findings-department tr[data-key="${dept}"]`;
      checkEqual(await numberAt(page, `${row} td[data-col="files"]`), d.files, `findings: files of ${dept}`);
      checkEqual(await numberAt(page, `${row} td[data-col="items"]`), d.items, `findings: items of ${dept}`);
      checkEqual(await numberAt(page, `${row} td[data-col="files_encrypted"]`), d.encrypted,
                 `findings: encrypted files of ${dept}`);
    }
    const volRows = await page.locator('#findings-volume tbody tr[data-key]').count();
    checkEqual(volRows, 1, 'findings: one removable volume');
    const volText = await page.textContent('#findings-volume tbody tr[data-key]');
    check(/1A2B-3C4D|USB-LEE/.test(volText), 'findings: the volume is named by its key or label');
    checkEqual(await numberAt(page, '#findings-volume tbody tr[data-key] td[data-col="items"]'), 5,
               'findings: items on the volume');
    await shot(page, 'ko-findings');

    // --- top files: masked excerpts only ---
    await gotoView(page, 'top-files');
    const top = page.locator('#top-files tbody tr[data-path]');
    checkEqual(await top.count(), fig.files, 'top files: one row per file with personal data');
    checkEqual(await top.first().getAttribute('data-path'), '/home/kim/문서/주민명단.xlsx', 'top files: the largest first');
    checkEqual(await top.first().locator('td[data-col="items"]').getAttribute('data-value'), 52, 'top files: its items');
    const excerpts = await page.locator('#top-files .excerpts code').allTextContents();
    check(excerpts.includes(masked('900101')), 'top files: the masked excerpt is shown');
    await shot(page, 'ko-top-files');

    // --- exceptions: approve one request for 7 days, deny the other (confirmed in a dialog) ---
    await gotoView(page, 'exceptions');
    const pendingRows = page.locator('#exceptions-table tbody tr[data-exception]');
    checkEqual(await pendingRows.count(), 2, 'exceptions: two pending requests');
    checkEqual(await numberAt(page, '#exceptions-total'), 2, 'exceptions: the pending total');
    checkEqual(await page.locator('.view nav.pager button:disabled').count(), 2,
               'exceptions: one page, so neither previous nor next');
    const toApprove = page.locator('#exceptions-table tbody tr[data-exception]', {hasText: EXCEPTION.path});
    const cells = await toApprove.locator('td').allTextContents();
    checkEqual(cells[1], FLEET[0].host, 'exceptions: host');
    checkEqual(cells[2], EXCEPTION.path, 'exceptions: path');
    checkEqual(cells[4], EXCEPTION.reason, 'exceptions: reason');
    await shot(page, 'ko-exceptions');
    await toApprove.locator('input[name="days"]').fill('7');
    await toApprove.getByRole('button', {name: '승인'}).click();
    await page.waitForFunction(() => document.querySelectorAll('#exceptions-table tbody tr[data-exception]').length === 1);
    const toDeny = page.locator('#exceptions-table tbody tr[data-exception]', {hasText: EXCEPTION_DENIED.path});
    await toDeny.getByRole('button', {name: '반려'}).click();
    await page.locator('dialog [data-action="confirm"]').click();
    await page.waitForFunction(() => document.querySelectorAll('#exceptions-table tbody tr[data-exception]').length === 0);
    const denyBeat = await api.call('POST', '/api/v1/heartbeat', {policy_version: 0, outbox_depth: 0, version: '0.1.0',
        state: 'idle', last_scan_ms: kNow, decisions_applied: []}, agents[1].auth);
    const denied = (denyBeat.json.decisions || []).find((d) => d.request_id === EXCEPTION_DENIED.request_id);
    check(denied, 'the second agent receives its decision');
    checkEqual(denied.state, 'denied', 'the denial reaches the agent');
    checkEqual(denied.path, EXCEPTION_DENIED.path, 'the denial names its path');
    await page.getByLabel('상태').selectOption('approved');
    await page.waitForSelector('#exceptions-table tbody tr[data-state="approved"]');
    checkEqual(await numberAt(page, '#exceptions-total'), 1, 'exceptions: the approved total');
    const beat = await api.call('POST', '/api/v1/heartbeat', {policy_version: 0, outbox_depth: 0, version: '0.1.0',
        state: 'idle', last_scan_ms: kNow, decisions_applied: []}, agents[0].auth);
    checkEqual(beat.status, 200, 'heartbeat after the approval');
    const decision = (beat.json.decisions || []).find((d) => d.request_id === EXCEPTION.request_id);
    check(decision, 'the agent receives the decision in its heartbeat');
    checkEqual(decision.state, 'approved', 'decision state');
    checkEqual(decision.path, EXCEPTION.path, 'decision path');
    checkEqual(decision.content_digest, EXCEPTION.content_digest, 'decision digest');
    const days = Math.round((decision.expires_at_ms - decision.decided_at_ms) / kDay);
    checkEqual(days, 7, 'the approval lasts the 7 days the admin chose');
    await shot(page, 'ko-exceptions-approved');

    // --- policy: a bad key is refused naming it; a good one gets a version the agents are told ---
    await gotoView(page, 'policy');
    await shot(page, 'ko-policy');
    await page.locator('#policy-group').selectOption(FLEET[0].department).catch(async () => {
      await page.locator('#policy-group').selectOption('__new__');
      await page.locator('#policy-new-group').fill(FLEET[0].department);
    });
    allowed = [/status of 400/];
    await page.locator('#policy-json').fill('{"roots": ["~"], "bogus_key": true}');
    await page.getByRole('button', {name: '저장 및 배포'}).click();
    await page.waitForSelector('#policy-status .notice-error');
    const refusal = await page.textContent('#policy-status');
    check(refusal.includes('bogus_key'), `policy: the refusal names the key (${refusal})`);
    await shot(page, 'ko-policy-refused');
    allowed = [];
    await page.locator('#policy-json').fill(JSON.stringify({
      roots: ['~', '/srv/share'],
      actions: [{rules: ['kr_rrn', 'kr_frn'], min_confidence: 'high', action: 'encrypt'}]}, null, 2));
    await page.getByRole('button', {name: '저장 및 배포'}).click();
    await page.waitForFunction(() => document.querySelector('#policy-version')?.dataset.value);
    const version = Number(await numberAt(page, '#policy-version'));
    check(version > 0, 'policy: a version is shown after saving');
    const beat2 = await api.call('POST', '/api/v1/heartbeat', {policy_version: 0, outbox_depth: 0, version: '0.1.0',
        state: 'idle', last_scan_ms: kNow, decisions_applied: [EXCEPTION.request_id]}, agents[0].auth);
    checkEqual(beat2.json.policy_version, version, `the agent of ${FLEET[0].department} is told the new version`);

    // --- CSV export: the figures per department ---
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csvFile = path.join(outDir, 'export.csv');
    await download.saveAs(csvFile);
    const csv = fs.readFileSync(csvFile);
    check(csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf, 'CSV: UTF-8 with BOM');
    const lines = csv.toString('utf8').slice(1).split(/\r?\n/).filter((l) => l.trim());
    const header = lines[0].split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
    log('CSV header: ' + header.join(','));
    for (const [dept, d] of Object.entries(fig.byDept)) {
      const line = lines.find((l) => l.split(',')[0].replace(/^"|"$/g, '') === dept);
      check(line, `CSV: a line for ${dept}`);
      const fields = line.split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
      const col = (re) => header.findIndex((h) => re.test(h));
      const pii = col(/files_with_pii|개인정보.*파일/);
      const enc = col(/files_encrypted|암호화.*파일/);
      const items = col(/^items$|검출.*건/);
      check(pii >= 0 && enc >= 0 && items >= 0, 'CSV: the header names files_with_pii, files_encrypted, items');
      checkEqual(fields[pii], d.files, `CSV: files with personal data of ${dept}`);
      checkEqual(fields[enc], d.encrypted, `CSV: encrypted files of ${dept}`);
      checkEqual(fields[items], d.items, `CSV: items of ${dept}`);
    }

    // --- revoke the third agent: confirm in the dialog; the agent is then refused ---
    await gotoView(page, 'agents');
    const victim = page.locator(`#agents-table tr[data-host="${FLEET[2].host}"]`);
    await victim.getByRole('button').click();
    await page.locator('dialog [data-action="confirm"]').click();
    await page.waitForSelector(`#agents-table tr[data-host="${FLEET[2].host}"] .badge-danger`);
    const refused = await api.call('POST', '/api/v1/heartbeat', {policy_version: 0, outbox_depth: 0, version: '0.1.0',
        state: 'idle', last_scan_ms: kNow, decisions_applied: []}, agents[2].auth);
    checkEqual(refused.status, 403, 'a revoked agent is refused');

    // --- audit log: the approval, the policy and the revocation are there ---
    await gotoView(page, 'audit');
    const audit = (await page.locator('#audit-table tbody').textContent()).toLowerCase();
    check(/approv/.test(audit), 'audit: the approval is logged');
    check(/deny|denied/.test(audit), 'audit: the denial is logged');
    check(/polic/.test(audit), 'audit: the policy change is logged');
    check(/revok/.test(audit), 'audit: the revocation is logged');
    await shot(page, 'ko-audit');

    // --- English: every page again; the table has every key in both languages ---
    const missing = await page.evaluate(async () => {
      const {stringTable} = await import('/i18n.js');
      const s = stringTable();
      const out = [];
      for (const k of Object.keys(s.ko)) if (!(k in s.en)) out.push('en:' + k);
      for (const k of Object.keys(s.en)) if (!(k in s.ko)) out.push('ko:' + k);
      return out;
    });
    checkEqual(missing.join(' '), '', 'i18n: both languages have every string');
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const englishTitles = {overview: 'Personal data overview', agents: 'Agents', findings: 'Findings',
                           'top-files': 'Top files', exceptions: 'Exception requests', policy: 'Policy',
                           audit: 'Audit log'};
    for (const p of kPages) {
      await gotoView(page, p.route);
      checkEqual(await page.textContent('#page-title'), englishTitles[p.route], `English title of ${p.route}`);
      if (p.route === 'overview') {
        checkEqual(await page.textContent('#by-rule li[data-key="kr_rrn"] .bar-label'), 'Resident registration no.',
                   'overview: rule names in English');
        const after = expectedFigures([2]);
        checkEqual(await tile('agents'), FLEET.length - 1, 'overview after the revocation: enrolled agents');
        checkEqual(await tile('files_with_pii'), after.files, 'overview after the revocation: files');
        checkEqual(await tile('items'), after.items, 'overview after the revocation: items');
      }
      await shot(page, 'en-' + p.route);
    }
    checkEqual(await page.evaluate(() => localStorage.getItem('jamul.lang')), 'en', 'the language choice is kept');
    // Log out, see the English login page, and log in again with the new password.
    await page.click('#logout');
    await page.waitForSelector('.view[data-view="login"]');
    checkEqual(await page.textContent('#page-title'), 'Administrator sign-in', 'English login title');
    await shot(page, 'en-login');
    await page.getByLabel('User name').fill(started.admin || 'admin');
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.waitForSelector('.view[data-view="overview"]');
    checkEqual(await tile('agents'), FLEET.length - 1, 'overview after logging in again');

    check(problems.length === 0, 'no console errors or CSP violations:\n  ' + problems.join('\n  '));
    log(`PASS: ${checks} checks; screenshots in ${outDir}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(dataDir, {recursive: true, force: true});
    fs.rmSync(userDataDir, {recursive: true, force: true});
  }
}

// However the test ends (a timeout, CTest killing it), the console it started goes with it.
let activeServer = null;
function killConsoleAndExit(why) {
  console.error(`[dashboard] FAIL: ${why}`);
  if (activeServer) activeServer.proc.kill('SIGKILL');
  process.exit(1);
}
const guard = setTimeout(() => killConsoleAndExit(`timed out after ${kOverallTimeoutMs} ms`),
                         kOverallTimeoutMs);
guard.unref();
process.on('SIGINT', () => killConsoleAndExit('interrupted'));
process.on('SIGTERM', () => killConsoleAndExit('terminated'));

run().then(() => {
  clearTimeout(guard);
}, (err) => {
  clearTimeout(guard);
  console.error('[dashboard] FAIL: ' + (err && err.stack ? err.stack : err));
  process.exitCode = 1;
});
