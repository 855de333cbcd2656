// Small DOM helpers shared by the views: no framework, so the page loads what it needs and nothing else.

/** Builds an element: h('button', {class: 'x', onclick: f}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside an element. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child);
  return el;
}

/** A small folder or file symbol, drawn (emoji fonts are not everywhere); decorative, so hidden from screen readers. */
export function icon(kind) {
  const path = kind === 'folder'
    ? 'M1.5 3.5h4l1.5 1.5h7.5v8.5h-13z'
    : 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3';
  return svg('svg', {class: 'icon', viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false'},
    svg('path', {d: path}));
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
export function bytes(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  let i = 0;
  let v = Number(n);
  while (Math.abs(v) >= 1024 && i < UNITS.length - 1) { v /= 1024; i++; }
  return `${i === 0 ? Math.round(v) : v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${UNITS[i]}`;
}

export function duration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

const DATE = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return h('time', {datetime: d.toISOString(), title: d.toISOString()}, DATE.format(d));
}

/** Says something to screen-reader users without moving focus (the page's polite live region). */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A new text node after a tick, so the same message twice is read twice.
  setTimeout(() => { region.textContent = message; }, 50);
}

/**
 * Shows a failure in the page's alert bar (read out at once by screen readers), never only in the console: the
 * API's own message says what went wrong and what to do.
 */
export function showError(error, context) {
  addAlert(`${context ? context + ': ' : ''}${error && error.message ? error.message : String(error)}`, 'alert', 'alert');
}

/** A message that something worked, in the same place as the errors, read out politely. */
export function showNotice(text) {
  addAlert(text, 'alert notice', 'status');
}

/** Adds a dismissable message to the bar at the top; the newest four are kept. */
function addAlert(text, className, role) {
  const bar = document.getElementById('alerts');
  if (!bar) return;
  const item = h('div', {class: className, role},
    h('span', {class: 'alert-text'}, text),
    h('button', {type: 'button', class: 'ghost', 'aria-label': 'Dismiss this message', onclick: () => item.remove()}, '×'));
  bar.append(item);
  while (bar.children.length > 4) bar.firstElementChild.remove();
}

export function clearErrors() {
  const bar = document.getElementById('alerts');
  if (bar) bar.replaceChildren();
}

/** A modal dialog; resolves with the value of the button pressed (or of the form), null when dismissed. */
export function dialog({title, body, actions, initialFocus}) {
  return new Promise(resolve => {
    const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
    const form = h('form', {method: 'dialog', class: 'dialog-form'},
      h('h2', {id: titleId}, title),
      h('div', {class: 'dialog-body'}, body),
      h('div', {class: 'dialog-actions'}, actions.map(a =>
        h('button', {type: a.submit ? 'submit' : 'button', value: a.value, class: a.class || '',
          onclick: a.submit ? undefined : () => el.close(a.value)}, a.label))));
    const el = h('dialog', {'aria-labelledby': titleId}, form);
    el.addEventListener('close', () => {
      const value = el.returnValue;
      el.remove();
      resolve(value === '' || value === 'cancel' ? null : value);
    });
    document.body.append(el);
    el.showModal();
    const focus = initialFocus ? el.querySelector(initialFocus) : null;
    if (focus) focus.focus();
  });
}

export async function confirm(title, message, confirmLabel, danger = true) {
  const answer = await dialog({
    title, body: h('p', {}, message),
    actions: [
      {label: 'Cancel', value: 'cancel'},
      {label: confirmLabel, value: 'yes', submit: true, class: danger ? 'danger' : 'primary'},
    ],
  });
  return answer === 'yes';
}

/** Asks for one line of text; resolves with it (trimmed), or null. */
export async function prompt(title, label, initial = '', hint = '') {
  const input = h('input', {type: 'text', name: 'value', id: 'prompt-value', value: initial, required: true,
    autocomplete: 'off', 'aria-describedby': hint ? 'prompt-hint' : undefined});
  const answer = await dialog({
    title,
    body: [h('label', {for: 'prompt-value'}, label), input, hint ? h('p', {id: 'prompt-hint', class: 'hint'}, hint) : null],
    actions: [{label: 'Cancel', value: 'cancel'}, {label: 'OK', value: 'ok', submit: true, class: 'primary'}],
    initialFocus: '#prompt-value',
  });
  return answer === 'ok' && input.value.trim() ? input.value.trim() : null;
}
