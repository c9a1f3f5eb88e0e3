// SPDX-License-Identifier: Apache-2.0
// Small DOM helpers. Everything the console sends (host names, paths, masked excerpts) reaches the
// page as text nodes, never as markup, and no element gets a style attribute: the console serves
// the dashboard under `Content-Security-Policy: default-src 'self'`.

import {formatNumber, t} from './i18n.js';

// h('td', {class: 'num', dataset: {rule: 'kr_rrn'}}, 'text', childNode, [more])
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else if (key === 'text') el.textContent = value;
      else if (value === true) el.setAttribute(key, '');
      else el.setAttribute(key, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// A numeric table cell: right-aligned, tabular figures, with the raw value in data-value for tests
// and sorting.
export function numCell(value, attrs) {
  return h('td', Object.assign({class: 'num', dataset: {value: String(value ?? '')}}, attrs || {}),
           formatNumber(value));
}

// A table with a caption, column headings and rows; an empty table says so in one full-width row.
export function table({caption, columns, rows, empty, id, captionHidden}) {
  const head = h('thead', null,
                 h('tr', null, columns.map((c) => h('th', {scope: 'col', class: c.num ? 'num' : c.cls},
                                                      c.label))));
  const body = h('tbody');
  if (!rows.length) {
    body.appendChild(h('tr', {class: 'empty'}, h('td', {colspan: columns.length}, empty)));
  } else {
    for (const row of rows) body.appendChild(row);
  }
  return h('div', {class: 'table-wrap'},
           h('table', {class: 'data', id},
             caption ? h('caption', {class: captionHidden ? 'sr-only' : ''}, caption) : null,
             head, body));
}

export function section(title, ...content) {
  const id = 'sec-' + Math.random().toString(36).slice(2, 9);
  return h('section', {class: 'card', 'aria-labelledby': id},
           h('h2', {id, class: 'card-title'}, title), content);
}

export function badge(text, kind) {
  return h('span', {class: 'badge badge-' + kind}, text);
}

// A status message area announced to screen readers.
export function notice(kind, text) {
  return h('p', {class: 'notice notice-' + kind, role: kind === 'error' ? 'alert' : 'status'}, text);
}

let toastTimer = null;
export function toast(text, kind) {
  const el = document.getElementById('toast');
  if (!el) return;
  el.textContent = text;
  el.className = 'toast toast-' + (kind || 'ok') + ' show';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = 'toast'; }, 5000);
}

// A modal confirmation (<dialog>): resolves true when confirmed. Escape and Cancel resolve false.
export function confirmDialog(title, message, confirmLabel, danger) {
  return new Promise((resolve) => {
    const titleId = 'dlg-title';
    const ok = h('button', {type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary',
                            dataset: {action: 'confirm'}},
                 confirmLabel || t('dialog.confirm'));
    const cancel = h('button', {type: 'button', class: 'btn', dataset: {action: 'cancel'}},
                     t('dialog.cancel'));
    const dlg = h('dialog', {class: 'dialog', 'aria-labelledby': titleId},
                  h('h2', {id: titleId}, title), h('p', null, message),
                  h('div', {class: 'dialog-actions'}, cancel, ok));
    let result = false;
    ok.addEventListener('click', () => { result = true; dlg.close(); });
    cancel.addEventListener('click', () => dlg.close());
    dlg.addEventListener('close', () => { dlg.remove(); resolve(result); });
    document.body.appendChild(dlg);
    dlg.showModal();
    cancel.focus();
  });
}

// Paging controls for offset/limit lists: "1–50 of 10,000", previous, next.
export function pager({offset, limit, total, onPage}) {
  const from = total ? offset + 1 : 0;
  const to = Math.min(offset + limit, total);
  const prev = h('button', {type: 'button', class: 'btn btn-small', disabled: offset <= 0,
                            onclick: () => onPage(Math.max(0, offset - limit))}, t('pager.prev'));
  const next = h('button', {type: 'button', class: 'btn btn-small', disabled: to >= total,
                            onclick: () => onPage(offset + limit)}, t('pager.next'));
  return h('nav', {class: 'pager', 'aria-label': t('pager.label')},
           h('span', {class: 'pager-range', 'aria-live': 'polite'},
             t('pager.range', {from: formatNumber(from), to: formatNumber(to),
                               total: formatNumber(total)})),
           prev, next);
}

// A labelled form field: <label for> + control, with an optional hint.
export function field(label, control, hint) {
  if (!control.id) control.id = 'f-' + Math.random().toString(36).slice(2, 9);
  const hintEl = hint ? h('span', {class: 'hint', id: control.id + '-hint'}, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', {class: 'field'}, h('label', {for: control.id}, label), control, hintEl);
}
