// SPDX-License-Identifier: Apache-2.0
// The dashboard's charts, drawn here as SVG (no library): a line chart over days and a horizontal
// bar list. Each chart carries a screen-reader table with the same figures. Colours come from
// classes in app.css (series-1…4), sizes from SVG attributes: nothing needs a style attribute.

import {h} from './dom.js';
import {formatNumber, t} from './i18n.js';

const kSvgNs = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const el = document.createElementNS(kSvgNs, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// A tick step of 1, 2 or 5 × 10^n giving about `count` intervals up to max.
function niceStep(max, count) {
  const raw = max / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  return step * mag;
}

function shortDay(day) {
  // "2026-12-07" -> "12.07" (ko) / "07/12" (en); the full day is in the data table.
  const [, m, d] = day.split('-');
  return document.documentElement.lang === 'en' ? `${d}/${m}` : `${m}.${d}`;
}

// lineChart({labels: ['2026-12-01', …], series: [{name, values, cls}], percent, title})
export function lineChart({labels, series, percent, title}) {
  const width = 640;
  const height = 240;
  const m = {top: 16, right: 16, bottom: 28, left: percent ? 48 : 56};
  const iw = width - m.left - m.right;
  const ih = height - m.top - m.bottom;
  let max = 0;
  for (const sr of series) for (const v of sr.values) if (v !== null) max = Math.max(max, v);
  if (percent) max = 100;
  if (max <= 0) max = 1;
  const step = percent ? 25 : niceStep(max, 4);
  const top = percent ? 100 : Math.ceil(max / step) * step;
  const n = labels.length;
  const x = (i) => m.left + (n <= 1 ? iw / 2 : (i * iw) / (n - 1));
  const y = (v) => m.top + ih - (v / top) * ih;

  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
                        'aria-label': title, preserveAspectRatio: 'xMidYMid meet'},
                s('title', null, title));
  const grid = s('g', {class: 'chart-grid'});
  for (let v = 0; v <= top + 1e-9; v += step) {
    grid.appendChild(s('line', {x1: m.left, x2: width - m.right, y1: y(v), y2: y(v)}));
    grid.appendChild(s('text', {x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end',
                                class: 'chart-tick'},
                       percent ? `${v}%` : formatNumber(v)));
  }
  svg.appendChild(grid);
  const every = Math.max(1, Math.ceil(n / 8));
  const axis = s('g', {class: 'chart-axis'});
  axis.appendChild(s('line', {x1: m.left, x2: width - m.right, y1: m.top + ih, y2: m.top + ih}));
  labels.forEach((label, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    axis.appendChild(s('text', {x: x(i), y: height - 8, 'text-anchor': 'middle',
                                class: 'chart-tick'}, shortDay(label)));
  });
  svg.appendChild(axis);
  series.forEach((sr, k) => {
    const cls = sr.cls || `series-${k + 1}`;
    let d = '';
    sr.values.forEach((v, i) => {
      if (v === null) return;
      d += (d ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
    });
    const g = s('g', {class: `chart-series ${cls}`});
    g.appendChild(s('path', {d, class: 'chart-line', fill: 'none'}));
    sr.values.forEach((v, i) => {
      if (v === null) return;
      const label = `${labels[i]} ${sr.name}: ${percent ? v.toFixed(1) + '%' : formatNumber(v)}`;
      g.appendChild(s('circle', {cx: x(i), cy: y(v), r: n > 40 ? 2 : 3.5, class: 'chart-dot'},
                      s('title', null, label)));
    });
    svg.appendChild(g);
  });

  const legend = h('ul', {class: 'chart-legend', 'aria-hidden': 'true'},
                   series.map((sr, k) => h('li', {class: sr.cls || `series-${k + 1}`},
                                           h('span', {class: 'swatch'}), sr.name)));
  const data = h('table', {class: 'sr-only'},
                 h('caption', null, `${title} — ${t('chart.data_table')}`),
                 h('thead', null, h('tr', null, h('th', {scope: 'col'}, t('chart.day')),
                                    series.map((sr) => h('th', {scope: 'col'}, sr.name)))),
                 h('tbody', null, labels.map((label, i) => h('tr', null, h('th', {scope: 'row'}, label),
                   series.map((sr) => h('td', null, sr.values[i] === null ? t('common.none')
                     : percent ? sr.values[i].toFixed(1) + '%' : formatNumber(sr.values[i])))))));
  return h('figure', {class: 'chart-figure'}, svg, legend, data);
}

// barList([{key, label, value}]): one row per entry, the bar's length relative to the largest.
export function barList(rows, title) {
  const max = rows.reduce((a, r) => Math.max(a, r.value), 0) || 1;
  return h('ul', {class: 'bars', 'aria-label': title},
           rows.map((r) => {
             const bar = h('span', {class: 'bar-fill'});
             // CSSOM (not a style attribute), which CSP `default-src 'self'` allows.
             bar.style.width = ((100 * r.value) / max).toFixed(2) + '%';
             return h('li', {class: 'bar-row', dataset: {key: r.key, value: String(r.value)}},
                      h('span', {class: 'bar-label'}, r.label),
                      h('span', {class: 'bar-track', 'aria-hidden': 'true'}, bar),
                      h('span', {class: 'bar-value num'}, formatNumber(r.value)));
           }));
}
