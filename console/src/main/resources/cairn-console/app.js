import {api, setSession} from './api.js';
import {h, mount, clearErrors, showError} from './ui.js';
import {signIn} from './signin.js';
import {filesView} from './files.js';
import {clusterView} from './cluster.js';
import {accessView} from './access.js';
import {Uploads} from './uploads.js';

const root = document.getElementById('app');
const THEME_KEY = 'cairn-theme';

function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

function currentTheme() {
  return document.documentElement.dataset.theme
    || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

applyTheme(localStorage.getItem(THEME_KEY));

let session = null;
let view = null;
let uploads = null;

async function start() {
  try {
    session = await api('GET', '/console/session');
    if (!session.csrf_token) session = null;
  } catch {
    session = null;
  }
  if (!session) session = await signIn(root);
  setSession(session);
  shell();
}

function shell() {
  const themeButton = h('button', {type: 'button', class: 'ghost', id: 'theme-toggle'});
  const setThemeLabel = () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    themeButton.textContent = next === 'dark' ? 'Dark theme' : 'Light theme';
    themeButton.setAttribute('aria-label', `Switch to the ${next} theme`);
  };
  themeButton.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
    setThemeLabel();
  });
  setThemeLabel();
  const main = h('main', {id: 'main', tabindex: '-1'});
  const nav = h('nav', {'aria-label': 'Main'},
    h('a', {href: '#/files', id: 'nav-files'}, 'Files'),
    h('a', {href: '#/cluster', id: 'nav-cluster'}, 'Cluster'),
    h('a', {href: '#/access', id: 'nav-access'}, 'Access'));
  uploads = new Uploads();
  mount(root,
    h('a', {href: '#main', class: 'skip-link', onclick: e => { e.preventDefault(); main.focus(); }}, 'Skip to content'),
    h('header', {class: 'topbar'},
      h('span', {class: 'brand'}, h('span', {class: 'brand-mark', 'aria-hidden': 'true'}, '▲'), 'Cairn'),
      nav,
      h('div', {class: 'session'},
        themeButton,
        h('span', {class: 'who'}, h('span', {class: 'visually-hidden'}, 'Signed in as '), session.user),
        h('button', {type: 'button', class: 'ghost', id: 'sign-out', onclick: signOut}, 'Sign out'))),
    h('div', {id: 'alerts', class: 'alerts'}),
    main,
    uploads.panel,
    h('div', {id: 'announcer', class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true'}));
  window.addEventListener('hashchange', route);
  route();
}

async function signOut() {
  try {
    await api('DELETE', '/console/session');
  } catch (e) {
    // Signed out already (expired): the page goes back to the form all the same.
  }
  location.hash = '';
  location.reload();
}

function route() {
  const main = document.getElementById('main');
  if (view && view.close) view.close();
  clearErrors();
  const hash = location.hash.replace(/^#/, '') || '/files';
  const parts = hash.split('/').filter((p, i) => i > 0);
  for (const link of document.querySelectorAll('nav a')) {
    const here = link.getAttribute('href') === `#/${parts[0]}`;
    if (here) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  try {
    if (parts[0] === 'cluster') {
      document.title = 'Cluster · Cairn';
      view = clusterView(main);
    } else if (parts[0] === 'access') {
      document.title = 'Users and access keys · Cairn';
      view = accessView(main);
    } else {
      const bucket = parts[1] ? decodeURIComponent(parts[1]) : null;
      const prefix = parts.length > 2 ? parts.slice(2).map(decodeURIComponent).join('/') : '';
      document.title = `${bucket ? bucket + (prefix ? '/' + prefix : '') : 'Buckets'} · Cairn`;
      view = filesView(main, {bucket, prefix, uploads});
    }
  } catch (e) {
    showError(e);
  }
}

// A session that ends while the page is open (expired, signed out elsewhere) brings the form back, then the page.
window.addEventListener('cairn:signed-out', async event => {
  if (!session) return;
  session = null;
  if (view && view.close) view.close();
  window.removeEventListener('hashchange', route);
  session = await signIn(root, `Your session ended: ${event.detail}`);
  setSession(session);
  shell();
});

window.addEventListener('unhandledrejection', event => showError(event.reason));

start();
