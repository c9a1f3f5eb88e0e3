// SPDX-License-Identifier: Apache-2.0
// The admin API client (docs/console-api.md, "The admin API"). The session itself is the
// HttpOnly cookie the console sets; the CSRF token from the login reply lives in sessionStorage
// (gone with the tab) and goes in X-CSRF-Token on every POST. A 401 anywhere but the login itself
// means the session ended: the handler set with onUnauthorized() sends the admin to the login page.

const kCsrfKey = 'jamul.csrf';
const kUserKey = 'jamul.user';
const kMustChangeKey = 'jamul.must_change';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || String(status));
    this.status = status;
    this.code = code || '';
  }
}

let unauthorizedHandler = () => {};

export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export function hasSession() {
  return !!sessionStorage.getItem(kCsrfKey);
}

export function sessionUser() {
  return sessionStorage.getItem(kUserKey) || '';
}

// The console refuses everything but a password change until the one-time password is replaced.
export function mustChangePassword() {
  return sessionStorage.getItem(kMustChangeKey) === '1';
}

export function clearSession() {
  sessionStorage.removeItem(kCsrfKey);
  sessionStorage.removeItem(kUserKey);
  sessionStorage.removeItem(kMustChangeKey);
}

async function request(method, path, body) {
  const headers = {'Accept': 'application/json'};
  const init = {method, headers, credentials: 'same-origin', cache: 'no-store'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET') headers['X-CSRF-Token'] = sessionStorage.getItem(kCsrfKey) || '';
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', e.message);
  }
  let payload = null;
  const text = await res.text();
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch (e) {
      payload = null;
    }
  }
  if (!res.ok) {
    const err = payload && payload.error ? payload.error : {};
    const error = new ApiError(res.status, err.code, err.message);
    if (res.status === 401 && path !== '/api/admin/login') {
      clearSession();
      unauthorizedHandler();
    }
    throw error;
  }
  return payload;
}

export function get(path, params) {
  let url = path;
  if (params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
    }
    const qs = query.toString();
    if (qs) url += '?' + qs;
  }
  return request('GET', url);
}

export function post(path, body) {
  return request('POST', path, body === undefined ? {} : body);
}

export async function login(user, password) {
  const reply = await request('POST', '/api/admin/login', {user, password});
  sessionStorage.setItem(kCsrfKey, reply.csrf);
  sessionStorage.setItem(kUserKey, reply.user || user);
  if (reply.must_change_password) sessionStorage.setItem(kMustChangeKey, '1');
  else sessionStorage.removeItem(kMustChangeKey);
  return reply;
}

export async function logout() {
  try {
    await request('POST', '/api/admin/logout', {});
  } finally {
    clearSession();
  }
}

export async function changePassword(oldPassword, newPassword) {
  const reply = await request('POST', '/api/admin/password', {old: oldPassword, new: newPassword});
  // A console that starts a fresh session on a password change sends its new token.
  if (reply && reply.csrf) sessionStorage.setItem(kCsrfKey, reply.csrf);
  sessionStorage.removeItem(kMustChangeKey);
  return reply;
}
