import {api, keyPath, query} from './api.js';
import {h, mount, bytes, when, announce, showError, confirm, prompt, dialog, icon} from './ui.js';

const PAGE_SIZES = [50, 100, 500];
/**
 * The most entries a folder may have to be sorted whole (the REST API's largest page): the server lists by name, so
 * another order needs every entry in the page. A larger folder is sorted within the page shown, and says so.
 */
const WHOLE_FOLDER_LIMIT = 10000;
/** How often a folder shown is listed again, so files others store or delete appear without a reload. */
const LIVE_MS = 3000;
/** ...and when it is sorted whole and large, each listing being then up to WHOLE_FOLDER_LIMIT entries. */
const LIVE_LARGE_MS = 30000;

/** #/files: the buckets; #/files/BUCKET/PREFIX: one folder of a bucket. */
export function filesView(main, {bucket, prefix, uploads}) {
  return bucket ? new FolderView(main, bucket, prefix ? prefix.replace(/\/?$/, '/') : '', uploads)
    : new BucketsView(main);
}

function folderHref(bucket, prefix) {
  const parts = [bucket, ...prefix.split('/').filter(Boolean)].map(encodeURIComponent);
  return `#/files/${parts.join('/')}${prefix ? '/' : ''}`;
}

/** The same control in rows shown again: its label names its file, and its kind tells it from the others. */
function focusKey(el) {
  return `${el.tagName}|${el.getAttribute('aria-label') || el.textContent}`;
}

function downloadHref(bucket, key, version) {
  return `/files${query({bucket, key, version})}`;
}

class BucketsView {
  constructor(main) {
    this.main = main;
    this.load();
  }

  async load() {
    const list = h('div', {class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Buckets'},
      h('p', {class: 'hint'}, 'Loading buckets…'));
    mount(this.main,
      h('div', {class: 'page-head'},
        h('h1', {}, 'Buckets'),
        h('div', {class: 'toolbar'},
          h('button', {type: 'button', class: 'primary', id: 'create-bucket', onclick: () => this.create()},
            'Create bucket'))),
      list);
    try {
      const {buckets} = await api('GET', '/buckets');
      mount(list, buckets.length ? table(buckets, b => this.remove(b.name)) :
        h('p', {class: 'empty'}, 'No buckets yet: create one to store files in.'));
    } catch (e) {
      mount(list, h('p', {class: 'empty'}, 'The buckets could not be listed.'));
      showError(e, 'Listing buckets');
    }

    function table(buckets, remove) {
      return h('table', {class: 'grid'},
        h('caption', {class: 'visually-hidden'}, 'Buckets'),
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, 'Name'), h('th', {scope: 'col'}, 'Created'),
          h('th', {scope: 'col'}, 'Versioning'), h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
        h('tbody', {}, buckets.map(b => h('tr', {},
          h('th', {scope: 'row'}, h('a', {href: folderHref(b.name, '')}, b.name)),
          h('td', {}, when(b.created_at)),
          h('td', {}, (b.versioning || '').toLowerCase()),
          h('td', {class: 'actions'}, h('button', {type: 'button', class: 'ghost danger-text',
            'aria-label': `Delete bucket ${b.name}`, onclick: () => remove(b)}, 'Delete'))))));
    }
  }

  async create() {
    const name = await prompt('Create bucket', 'Bucket name', '',
      '3 to 63 characters: lower-case letters, digits, dots and hyphens.');
    if (!name) return;
    try {
      await api('PUT', `/buckets/${encodeURIComponent(name)}`);
      announce(`Bucket ${name} created`);
      location.hash = folderHref(name, '');
    } catch (e) {
      showError(e, `Creating bucket ${name}`);
    }
  }

  async remove(name) {
    if (!await confirm('Delete bucket', `Delete the bucket ${name}? It must be empty.`, 'Delete bucket')) return;
    try {
      await api('DELETE', `/buckets/${encodeURIComponent(name)}`);
      announce(`Bucket ${name} deleted`);
      this.load();
    } catch (e) {
      showError(e, `Deleting bucket ${name}`);
    }
  }
}

/**
 * One folder: the server lists it a page at a time (keys in order, sub-folders as common prefixes), so a folder of
 * 100,000 files costs one page's request and rows, whichever page is shown.
 */
class FolderView {
  constructor(main, bucket, prefix, uploads) {
    this.main = main;
    this.bucket = bucket;
    this.prefix = prefix;
    this.uploads = uploads;
    this.pageSize = Number(sessionStorage.getItem('cairn-page-size')) || 100;
    this.cursors = [''];
    this.filter = '';
    this.sort = {column: 'name', ascending: true};
    this.whole = null; // every entry, sorted, when the order is not the server's and the folder is small enough
    this.at = 0; // the page of this.whole shown
    this.tooLarge = false; // the folder has more entries than WHOLE_FOLDER_LIMIT
    this.generation = 0; // counts the changes of view, so a listing that comes back after another is dropped
    this.rows = [];
    this.selected = new Set();
    this.unsubscribe = uploads.onStored((b, key) => {
      if (b === this.bucket && key.startsWith(this.prefix)) this.scheduleRefresh();
    });
    this.render();
    this.load();
    this.live();
  }

  close() {
    this.closed = true;
    this.unsubscribe();
    clearTimeout(this.refreshTimer);
    clearTimeout(this.liveTimer);
  }

  /** Lists the folder again every few seconds while it is shown, and shows what changed. */
  live() {
    const every = this.whole && this.whole.length > 1000 ? LIVE_LARGE_MS : LIVE_MS;
    this.liveTimer = setTimeout(async () => {
      await this.refreshQuietly();
      if (!this.closed) this.live();
    }, every);
  }

  /**
   * The listing again, without disturbing whoever uses it: skipped while the tab is hidden, a dialog is open or a
   * listing is under way; if anything changed, the rows are shown again with the selection (of what is still there)
   * and the focus kept. A failure that may pass (no answer, 429, 5xx) waits for the next round; a refusal (the
   * bucket deleted elsewhere, a right taken away) is shown, once until the listing works again.
   */
  async refreshQuietly() {
    if (document.hidden || document.querySelector('dialog[open]') || this.listing.hasAttribute('aria-busy')) return;
    const generation = this.generation;
    let view;
    try {
      view = await this.fetchView();
      this.refused = null;
    } catch (e) {
      const lasting = e.status >= 400 && e.status < 500 && e.status !== 429 && e.status !== 401;
      if (lasting && this.refused !== e.message && generation === this.generation && !this.closed) {
        this.refused = e.message;
        showError(e, `Listing ${this.bucket}/${this.prefix}`);
      }
      return;
    }
    // Whatever the user did meanwhile (another page, order or filter) wins over this older listing.
    if (this.closed || generation !== this.generation) return;
    const before = this.signature();
    Object.assign(this, view);
    if (this.signature() === before) return;
    const present = new Set((this.whole || this.rows).map(r => r.key));
    this.selected = new Set([...this.selected].filter(key => present.has(key)));
    const focused = this.listing.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    this.showRows();
    this.showSelection();
    if (focused) {
      const again = [...this.listing.querySelectorAll('a, button, input')].find(el => focusKey(el) === focused);
      if (again) again.focus();
    }
  }

  /**
   * Uploads in parts begun under this folder and not finished (by this console or any S3 client): they hold their
   * parts' space until completed, discarded here, or expired by the controller. A user who may not list uploads
   * (s3:ListBucketMultipartUploads) is not shown the section: it is not theirs to manage.
   */
  async showUnfinished() {
    let uploads;
    try {
      uploads = (await api('GET', `/uploads${query({bucket: this.bucket, prefix: this.prefix, limit: 100})}`)).uploads;
    } catch (e) {
      if (e.status !== 403) showError(e, `Listing the unfinished uploads of ${this.bucket}/${this.prefix}`);
      uploads = [];
    }
    this.unfinished.hidden = !uploads.length;
    if (!uploads.length) return;
    const open = this.unfinished.open;
    mount(this.unfinished,
      h('summary', {}, `${uploads.length === 100 ? '100 or more' : uploads.length} unfinished upload${
        uploads.length === 1 ? '' : 's'} in this folder`),
      h('p', {class: 'hint'}, 'Begun in parts and not completed: each holds the space of the parts it stored until '
        + 'it is completed (add the same file again to resume it), discarded, or expires.'),
      h('ul', {class: 'upload-list'}, uploads.map(u => h('li', {class: 'upload'},
        h('span', {class: 'upload-name'}, u.key.slice(this.prefix.length)),
        h('span', {class: 'upload-actions'}, h('button', {type: 'button', class: 'ghost danger-text',
          'aria-label': `Discard the unfinished upload of ${u.key} begun ${when(u.initiated_at)}`,
          onclick: () => this.discard(u)}, 'Discard')),
        h('span', {class: 'upload-status'}, `begun ${when(u.initiated_at)}`)))));
    this.unfinished.open = open;
  }

  async discard(upload) {
    if (!await confirm('Discard upload', `Discard the parts of ${upload.key} stored so far? The upload cannot be `
      + 'resumed afterwards.', 'Discard', true)) return;
    try {
      await api('DELETE', `/uploads/${encodeURIComponent(upload.upload_id)}${query({bucket: this.bucket,
        key: upload.key})}`);
      announce(`The unfinished upload of ${upload.key} was discarded`);
    } catch (e) {
      if (e.status !== 404) showError(e, `Discarding the upload of ${upload.key}`);
    }
    this.showUnfinished();
  }

  /** What the rows shown are, to tell whether a listing changed them. */
  signature() {
    const rows = this.rows.map(r => `${r.key}\u0000${r.size}\u0000${r.uploaded_at}\u0000${r.versions}`);
    return `${this.whole ? this.whole.length : ''}|${this.page && this.page.next}|${rows.join('\n')}`;
  }

  scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.load(), 400);
  }

  render() {
    // Hidden: the buttons stand for them (a file input cannot be styled or labelled as a button).
    const fileInput = h('input', {type: 'file', multiple: true, id: 'file-picker', hidden: true, onchange: e => { this.queue([...e.target.files].map(file => ({file, path: file.name}))); e.target.value = ''; }});
    const folderInput = h('input', {type: 'file', multiple: true, webkitdirectory: true, id: 'folder-picker',
      hidden: true,
      onchange: e => { this.queue([...e.target.files].map(file => ({file, path: file.webkitRelativePath || file.name}))); e.target.value = ''; }});
    this.filterInput = h('input', {type: 'search', id: 'filter', placeholder: 'Name starts with…',
      autocomplete: 'off', oninput: () => { clearTimeout(this.filterTimer); this.filterTimer = setTimeout(() => {
        this.filter = this.filterInput.value; this.restart(); }, 250); }});
    this.listing = h('div', {class: 'table-wrap', id: 'listing', tabindex: 0, role: 'region',
      'aria-label': 'Folder contents'});
    this.selection = h('div', {class: 'selection', role: 'region', 'aria-label': 'Selected files', hidden: true});
    this.pager = h('nav', {class: 'pager', 'aria-label': 'Pages of this folder'});
    const sizeSelect = h('select', {id: 'page-size', onchange: e => {
      this.pageSize = Number(e.target.value); sessionStorage.setItem('cairn-page-size', this.pageSize);
      this.restart(); }},
      PAGE_SIZES.map(n => h('option', {value: n, selected: n === this.pageSize}, `${n} per page`)));
    this.drop = h('section', {class: 'dropzone', 'aria-labelledby': 'folder-title'},
      h('div', {class: 'page-head'},
        h('div', {},
          breadcrumbs(this.bucket, this.prefix),
          h('h1', {id: 'folder-title'}, this.prefix ? this.prefix.split('/').slice(-2)[0] : this.bucket)),
        h('div', {class: 'toolbar'},
          h('button', {type: 'button', class: 'primary', id: 'upload-files', onclick: () => fileInput.click()},
            'Upload files'),
          h('button', {type: 'button', id: 'upload-folder', onclick: () => folderInput.click()}, 'Upload folder'),
          h('button', {type: 'button', id: 'new-folder', onclick: () => this.newFolder()}, 'New folder'),
          h('button', {type: 'button', class: 'ghost', id: 'refresh', onclick: () => this.load()}, 'Refresh'),
          fileInput, folderInput)),
      h('p', {class: 'hint drop-hint'}, 'Drop files or folders anywhere here to upload them into this folder.'),
      h('div', {class: 'filters'},
        h('label', {for: 'filter'}, 'Filter'), this.filterInput,
        h('label', {for: 'page-size', class: 'visually-hidden'}, 'Rows per page'), sizeSelect),
      this.selection, this.listing, this.pager,
      this.unfinished = h('details', {class: 'unfinished', id: 'unfinished', hidden: true}));
    this.wireDrop(this.drop);
    mount(this.main, this.drop);
  }

  wireDrop(zone) {
    let depth = 0;
    zone.addEventListener('dragenter', e => { e.preventDefault(); depth++; zone.classList.add('dragging'); });
    zone.addEventListener('dragover', e => { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
    zone.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; zone.classList.remove('dragging'); } });
    zone.addEventListener('drop', async e => {
      e.preventDefault();
      depth = 0;
      zone.classList.remove('dragging');
      const entries = [...e.dataTransfer.items].map(i => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
      const files = entries.length ? await walk(entries) : [...e.dataTransfer.files].map(f => ({file: f, path: f.name}));
      this.queue(files);
    });
  }

  queue(files) {
    if (!files.length) return;
    this.uploads.add(this.bucket, files.map(({file, path}) => ({file, key: this.prefix + path})));
  }

  async newFolder() {
    const name = await prompt('New folder', 'Folder name', '',
      'A folder is kept once a file is stored in it: you are taken there to upload.');
    if (!name) return;
    if (name.includes('/') && name.replace(/\/+$/, '').includes('/')) {
      showError(new Error('a folder name cannot contain "/": create one level at a time'));
      return;
    }
    location.hash = folderHref(this.bucket, this.prefix + name.replace(/\/+$/, '') + '/');
  }

  /** Whether the server's order (by name, ascending) is the one asked for: then a page is one request. */
  serverOrder() {
    return this.sort.column === 'name' && this.sort.ascending;
  }

  /** From the first page, with what the folder holds measured again (after a new filter or page size). */
  restart() {
    this.cursors = [''];
    this.at = 0;
    this.tooLarge = false;
    this.load();
  }

  async load() {
    const generation = ++this.generation;
    this.listing.setAttribute('aria-busy', 'true');
    try {
      const view = await this.fetchView();
      if (generation !== this.generation) return;
      Object.assign(this, view);
      this.selected.clear();
      this.showSelection();
      this.showRows();
      this.showUnfinished();
    } catch (e) {
      if (generation !== this.generation) return;
      mount(this.listing, h('p', {class: 'empty'}, 'This folder could not be listed.'));
      showError(e, `Listing ${this.bucket}/${this.prefix}`);
    } finally {
      if (generation === this.generation) this.listing.removeAttribute('aria-busy');
    }
  }

  /**
   * What the view shows, listed anew. In the server's order, one page from the cursor of the page before. In another
   * order, every entry of the folder, sorted, and the page of them at this.at; or, when the folder has more than
   * WHOLE_FOLDER_LIMIT entries, one page as in the server's order (showRows sorts it and says so).
   */
  async fetchView() {
    let tooLarge = this.tooLarge;
    if (!this.serverOrder() && !tooLarge) {
      const all = await this.list(WHOLE_FOLDER_LIMIT, '');
      tooLarge = Boolean(all.next);
      if (!tooLarge) {
        const whole = this.entries(all).sort(this.compare());
        const at = Math.min(this.at, Math.max(0, Math.ceil(whole.length / this.pageSize) - 1));
        return {whole, at, tooLarge, rows: whole.slice(at * this.pageSize, (at + 1) * this.pageSize)};
      }
    }
    const page = await this.list(this.pageSize, this.cursors[this.cursors.length - 1]);
    return {whole: null, at: 0, tooLarge, page, rows: this.entries(page)};
  }

  list(limit, after) {
    return api('GET', `/files${query({bucket: this.bucket, prefix: this.prefix + this.filter,
      delimiter: '/', limit, after})}`);
  }

  entries(page) {
    return [
      ...page.folders.map(f => ({folder: true, key: f, name: f.slice(this.prefix.length)})),
      ...page.files.map(f => ({...f, key: f.filename, name: f.filename.slice(this.prefix.length)})),
    ];
  }

  /** Folders first, by name; then files by the chosen column, ties by name. */
  compare() {
    const {column, ascending} = this.sort;
    const value = r => column === 'size' ? (r.folder ? -1 : r.size)
      : column === 'modified' ? (r.uploaded_at || '') : r.name;
    return (a, b) => {
      if (a.folder !== b.folder) return a.folder ? -1 : 1;
      const x = value(a), y = value(b);
      const order = x < y ? -1 : x > y ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return a.folder ? order : order * (ascending ? 1 : -1);
    };
  }

  sorted() {
    return [...this.rows].sort(this.compare());
  }

  /** A new order: the whole folder is sorted again when it is all here or can be fetched, else just this page. */
  sortBy(column, label) {
    this.generation++;
    const active = this.sort.column === column;
    this.sort = {column, ascending: active ? !this.sort.ascending : true};
    const said = `Sorted by ${label}, ${this.sort.ascending ? 'ascending' : 'descending'}`;
    const complete = this.whole || (this.cursors.length === 1 && this.page && !this.page.next);
    if (this.tooLarge && !this.serverOrder()) {
      this.showRows();
      announce(`${said}, within this page`);
      return;
    }
    this.cursors = [''];
    this.at = 0;
    if (complete && !this.serverOrder()) {
      this.whole = (this.whole || this.rows).sort(this.compare());
      this.rows = this.whole.slice(0, this.pageSize);
      this.showRows();
    } else {
      this.load();
    }
    announce(said);
  }

  showRows() {
    const header = (column, label, className) => {
      const active = this.sort.column === column;
      return h('th', {scope: 'col', class: className, 'aria-sort': active ? (this.sort.ascending ? 'ascending' : 'descending') : 'none'},
        h('button', {type: 'button', class: 'sort', onclick: () => this.sortBy(column, label)}, label, h('span', {'aria-hidden': 'true', class: 'sort-mark'}, active ? (this.sort.ascending ? ' ▲' : ' ▼') : '')));
    };
    if (!this.rows.length) {
      mount(this.listing, h('p', {class: 'empty'}, this.filter ? `Nothing here starts with “${this.filter}”.`
        : 'This folder is empty: drop files here, or use Upload files.'));
    } else {
      const within = this.pageSorted() ? `Sorted within this page only: this folder has more than ${
        WHOLE_FOLDER_LIMIT.toLocaleString('en')} entries, too many to sort whole. Sort by name, ascending, to page`
        + ' through it in order, or filter it by name.' : '';
      mount(this.listing, within ? h('p', {class: 'hint', id: 'sorted-within'}, within) : null,
        h('table', {class: 'grid files'},
        h('caption', {class: 'visually-hidden'},
          `Contents of ${this.bucket}/${this.prefix}, sorted by ${this.sort.column}${within ? ' within this page' : ''}`),
        h('thead', {}, h('tr', {}, h('th', {scope: 'col', class: 'pick'}, h('input', {type: 'checkbox', id: 'select-all',
          'aria-label': 'Select everything on this page', onchange: e => this.selectAll(e.target.checked)})),
          header('name', 'Name'), header('size', 'Size'), header('modified', 'Modified', 'wide'),
          h('th', {scope: 'col'}, 'Versions'), h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
        h('tbody', {}, this.sorted().map(r => r.folder ? this.folderRow(r) : this.fileRow(r)))));
    }
    this.showPager();
  }

  folderRow(r) {
    return h('tr', {class: 'folder'}, this.pick(r),
      h('th', {scope: 'row'}, h('a', {href: folderHref(this.bucket, r.key)},
        icon('folder'), r.name)),
      h('td', {}, 'folder'), h('td', {class: 'wide'}, '–'), h('td', {}, '–'),
      h('td', {class: 'actions'}, h('button', {type: 'button', class: 'ghost danger-text',
        'aria-label': `Delete folder ${r.name}`, onclick: () => this.removeFolder(r.key)}, 'Delete')));
  }

  fileRow(r) {
    const name = r.name;
    return h('tr', {}, this.pick(r),
      h('th', {scope: 'row'}, h('a', {href: downloadHref(this.bucket, r.key), download: name.split('/').pop(),
        title: `Download ${name}`}, icon('file'), name)),
      h('td', {}, bytes(r.size)),
      h('td', {class: 'wide'}, when(r.uploaded_at)),
      h('td', {}, h('button', {type: 'button', class: 'link', 'aria-label': `Versions of ${name}: ${r.versions}`,
        onclick: () => this.versions(r.key)}, String(r.versions))),
      h('td', {class: 'actions'},
        h('a', {class: 'button ghost wide', href: downloadHref(this.bucket, r.key), download: name.split('/').pop(),
          'aria-label': `Download ${name}`}, 'Download'),
        h('button', {type: 'button', class: 'ghost', 'aria-label': `Details of ${name}`,
          onclick: () => this.details(r.key)}, 'Details'),
        h('button', {type: 'button', class: 'ghost danger-text wide', 'aria-label': `Delete ${name}`,
          onclick: () => this.removeFile(r.key)}, 'Delete')));
  }

  pick(r) {
    return h('td', {class: 'pick'}, h('input', {type: 'checkbox', class: 'row-pick', checked: this.selected.has(r.key),
      'aria-label': `Select ${r.name}`, onchange: e => {
        if (e.target.checked) this.selected.add(r.key); else this.selected.delete(r.key);
        this.showSelection();
      }}));
  }

  selectAll(on) {
    for (const r of this.rows) if (on) this.selected.add(r.key); else this.selected.delete(r.key);
    for (const box of this.listing.querySelectorAll('.row-pick')) box.checked = on;
    this.showSelection();
  }

  showSelection() {
    const n = this.selected.size;
    this.selection.hidden = n === 0;
    if (!n) return;
    mount(this.selection,
      h('span', {class: 'selection-count'}, `${n} selected`),
      h('button', {type: 'button', id: 'zip-selected', onclick: () => this.downloadZip()}, 'Download as zip'),
      h('button', {type: 'button', class: 'danger-text', id: 'delete-selected', onclick: () => this.removeSelected()},
        'Delete selected'),
      h('button', {type: 'button', class: 'ghost', onclick: () => this.selectAll(false)}, 'Clear selection'));
  }

  /** One zip of the selected files and folders, streamed by the gateway as a download (names below this folder). */
  downloadZip() {
    const params = new URLSearchParams({bucket: this.bucket, base: this.prefix,
      name: (this.prefix.split('/').slice(-2)[0] || this.bucket)});
    for (const key of this.selected) params.append(key.endsWith('/') ? 'prefix' : 'key', key);
    const url = `/archive?${params}`;
    if (url.length > 7000) {
      showError(new Error('too many files selected for one link: select their folder instead'));
      return;
    }
    const link = h('a', {href: url, download: '', hidden: true});
    document.body.append(link);
    link.click();
    link.remove();
    announce(`Zip of ${this.selected.size} selected items is downloading`);
  }

  async removeSelected() {
    const keys = [...this.selected];
    const folders = keys.filter(k => k.endsWith('/')).length;
    if (!await confirm('Delete selected', `Delete ${keys.length - folders} files${folders ? ` and ${folders} folders `
      + 'with everything in them' : ''}, with all their versions?`, 'Delete')) return;
    let deleted = 0;
    try {
      for (const key of keys) {
        if (key.endsWith('/')) deleted += await this.deleteUnder(key);
        else { await api('DELETE', `/files${query({bucket: this.bucket, key})}`); deleted++; }
      }
      announce(`${deleted} files deleted`);
    } catch (e) {
      showError(e, `Deleting the selection (${deleted} files deleted before this)`);
    }
    this.load();
  }

  /** Whether the order shown is that of the page only (a folder too large to sort whole). */
  pageSorted() {
    return !this.serverOrder() && !this.whole;
  }

  showPager() {
    if (this.whole) {
      const pages = Math.max(1, Math.ceil(this.whole.length / this.pageSize));
      const first = this.at * this.pageSize + 1;
      const turn = by => { this.generation++; this.at += by; this.rows = this.whole.slice(this.at * this.pageSize,
        (this.at + 1) * this.pageSize); this.selected.clear(); this.showSelection(); this.showRows(); };
      mount(this.pager,
        h('button', {type: 'button', disabled: this.at === 0, onclick: () => turn(-1)}, 'Previous page'),
        h('span', {class: 'page-status'}, this.rows.length ? `Page ${this.at + 1} of ${pages} · entries ${first}–`
          + `${first + this.rows.length - 1} of ${this.whole.length}` : `Page ${this.at + 1} of ${pages}`),
        h('button', {type: 'button', disabled: this.at + 1 >= pages, onclick: () => turn(1)}, 'Next page'));
      return;
    }
    const page = this.cursors.length;
    const first = (page - 1) * this.pageSize + 1;
    mount(this.pager,
      h('button', {type: 'button', disabled: page === 1, onclick: () => { this.cursors.pop(); this.load(); }},
        'Previous page'),
      h('span', {class: 'page-status'}, this.rows.length
        ? `Page ${page} · entries ${first}–${first + this.rows.length - 1}` : `Page ${page}`),
      h('button', {type: 'button', disabled: !this.page || !this.page.next,
        onclick: () => { this.cursors.push(this.page.next); this.load(); }}, 'Next page'));
  }

  async removeFile(key) {
    if (!await confirm('Delete file', `Delete ${key} and all its versions?`, 'Delete')) return;
    try {
      await api('DELETE', `/files${query({bucket: this.bucket, key})}`);
      announce(`${key} deleted`);
      this.load();
    } catch (e) {
      showError(e, `Deleting ${key}`);
    }
  }

  async removeFolder(prefix) {
    if (!await confirm('Delete folder', `Delete the folder ${prefix} with every file in it, and their versions?`,
      'Delete folder')) return;
    try {
      announce(`Folder ${prefix} deleted: ${await this.deleteUnder(prefix)} files`);
    } catch (e) {
      showError(e, `Deleting folder ${prefix}`);
    }
    this.load();
  }

  /** Deletes every file under a folder, a page at a time, with each file's versions; answers how many. */
  async deleteUnder(prefix) {
    let deleted = 0;
    for (;;) {
      const page = await api('GET', `/files${query({bucket: this.bucket, prefix, limit: 500})}`);
      for (const f of page.files) {
        await api('DELETE', `/files${query({bucket: this.bucket, key: f.filename})}`);
        deleted++;
      }
      if (!page.next || !page.files.length) return deleted;
    }
  }

  /** Makes an old version the latest again: a copy of it onto its own name (the versions after it stay). */
  async restore(key, version, open) {
    try {
      const copy = await api('POST', `/files/${keyPath(key)}/copy${query({bucket: this.bucket, version, to: key})}`);
      announce(`Version ${version} of ${key} restored as version ${copy.version}`);
      if (open) open.close();
      this.load();
      this.versions(key);
    } catch (e) {
      showError(e, `Restoring version ${version} of ${key}`);
    }
  }

  /** One file: its details and metadata, and what can be done with it. */
  async details(key) {
    let info;
    let placement;
    try {
      [info, placement] = await Promise.all([
        api('GET', `/files/${keyPath(key)}/metadata${query({bucket: this.bucket})}`),
        api('GET', `/files/${keyPath(key)}/chunks${query({bucket: this.bucket})}`)]);
    } catch (e) {
      showError(e, `Details of ${key}`);
      return;
    }
    const name = key.split('/').pop();
    const rows = Object.entries(info.metadata || {});
    const metaList = h('div', {class: 'meta-rows'});
    const addRow = (k = '', v = '') => {
      const i = metaList.children.length;
      metaList.append(h('div', {class: 'meta-row'},
        h('label', {for: `meta-k-${i}`, class: 'visually-hidden'}, `Metadata name ${i + 1}`),
        h('input', {id: `meta-k-${i}`, class: 'meta-key', value: k, placeholder: 'name', autocomplete: 'off'}),
        h('label', {for: `meta-v-${i}`, class: 'visually-hidden'}, `Metadata value ${i + 1}`),
        h('input', {id: `meta-v-${i}`, class: 'meta-value', value: v, placeholder: 'value', autocomplete: 'off'})));
    };
    rows.forEach(([k, v]) => addRow(k, v));
    if (!rows.length) addRow();
    const shareResult = h('div', {class: 'share-result', 'aria-live': 'polite'});
    const expiry = h('select', {id: 'share-expiry'},
      [['3600', '1 hour'], ['86400', '1 day'], ['604800', '7 days']].map(([v, t]) => h('option', {value: v}, t)));
    const closeAnd = (el, f) => async () => { el.closest('dialog').close(); await f(); };
    const metaSaved = h('span', {class: 'hint', role: 'status', id: 'metadata-saved'});
    const body = [
      h('dl', {class: 'facts'},
        h('dt', {}, 'Bucket'), h('dd', {}, this.bucket),
        h('dt', {}, 'Size'), h('dd', {}, `${bytes(info.size)} (${info.size.toLocaleString()} bytes)`),
        h('dt', {}, 'Type'), h('dd', {}, info.content_type || '–'),
        h('dt', {}, 'Uploaded'), h('dd', {}, when(info.uploaded_at)),
        h('dt', {}, 'Version'), h('dd', {}, String(info.version)),
        h('dt', {}, 'Stored as'), h('dd', {}, `${info.chunks} chunk${info.chunks === 1 ? '' : 's'} of up to `
          + `${bytes(info.chunk_size)}, ${info.replication_factor} copies each`)),
      h('h3', {}, 'Where it is stored'),
      placementTable(placement.chunks),
      h('h3', {}, 'Share'),
      h('div', {class: 'inline-form'},
        h('label', {for: 'share-expiry'}, 'Link valid for'), expiry,
        h('button', {type: 'button', id: 'share-create', onclick: () => this.share(key, Number(expiry.value), shareResult)},
          'Create link')),
      shareResult,
      h('h3', {}, 'Metadata'),
      metaList,
      h('div', {class: 'inline-form'},
        h('button', {type: 'button', class: 'ghost', onclick: () => addRow()}, 'Add a field'),
        h('button', {type: 'button', onclick: () => this.saveMetadata(key, metaList, metaSaved)}, 'Save metadata'),
        metaSaved),
      h('h3', {}, 'More'),
      h('div', {class: 'inline-form'},
        h('button', {type: 'button', id: 'rename', onclick: e => closeAnd(e.target, () => this.rename(key))()},
          'Rename or move'),
        h('button', {type: 'button', id: 'copy', onclick: e => closeAnd(e.target, () => this.copyTo(key))()}, 'Copy'),
        h('button', {type: 'button', onclick: e => closeAnd(e.target, () => this.versions(key))()}, 'Versions'),
        h('button', {type: 'button', onclick: () => this.repair(key, shareResult)}, 'Check and repair'),
        h('a', {class: 'button', href: downloadHref(this.bucket, key), download: name}, 'Download'),
        h('button', {type: 'button', class: 'danger-text', onclick: e => closeAnd(e.target, () => this.removeFile(key))()},
          'Delete')),
    ];
    await dialog({title: name, body, actions: [{label: 'Close', value: 'cancel', submit: true}]});
  }

  async share(key, seconds, out) {
    try {
      const link = await api('POST', `/files/${keyPath(key)}/share${query({bucket: this.bucket, expires: seconds})}`);
      const field = h('input', {id: 'share-url', type: 'text', readonly: true, value: link.url, class: 'share-url'});
      const copied = h('span', {class: 'hint', role: 'status'});
      mount(out,
        h('label', {for: 'share-url'}, `Link (until ${new Date(link.expires_at).toLocaleString()})`),
        h('div', {class: 'inline-form'}, field,
          h('button', {type: 'button', id: 'share-copy', onclick: async () => {
            try {
              await navigator.clipboard.writeText(link.url);
            } catch {
              // No clipboard API outside secure contexts: select the text for Ctrl+C instead.
              field.select();
              document.execCommand('copy');
            }
            copied.textContent = 'Copied to the clipboard.';
          }}, 'Copy link'), copied));
      field.select();
    } catch (e) {
      showError(e, `Sharing ${key}`);
    }
  }

  /** Saves the fields as the file's metadata and says so beside the button (not only to a screen reader). */
  async saveMetadata(key, list, saved) {
    saved.textContent = '';
    const metadata = {};
    for (const row of list.querySelectorAll('.meta-row')) {
      const k = row.querySelector('.meta-key').value.trim();
      if (k) metadata[k] = row.querySelector('.meta-value').value;
    }
    try {
      await api('PUT', `/files/${keyPath(key)}/metadata${query({bucket: this.bucket})}`, {json: {metadata}});
      saved.textContent = `Saved at ${new Date().toLocaleTimeString()}.`;
    } catch (e) {
      showError(e, `Saving the metadata of ${key}`);
    }
  }

  async repair(key, out) {
    mount(out, h('p', {class: 'hint'}, 'Checking every copy of every chunk…'));
    try {
      const report = await api('POST', `/files/${keyPath(key)}/repair${query({bucket: this.bucket})}`);
      mount(out, h('p', {}, `Checked: ${summarise(report)}`));
    } catch (e) {
      mount(out);
      showError(e, `Repairing ${key}`);
    }
  }

  async copyTo(key) {
    const to = await prompt('Copy', 'Name of the copy (folders with "/")', key.replace(/(\.[^./]*)?$/, ' copy$1'),
      'In this bucket; nothing is uploaded again: the copy shares the stored chunks.');
    if (!to) return;
    try {
      await api('POST', `/files/${keyPath(key)}/copy${query({bucket: this.bucket, to})}`);
      announce(`${key} copied to ${to}`);
      this.load();
    } catch (e) {
      showError(e, `Copying ${key}`);
    }
  }

  /** A copy under the new name, then the old name deleted with its versions (the copy starts a new history). */
  async rename(key) {
    const to = await prompt('Rename or move', 'New name (folders with "/")', key,
      'The file gets the new name as a new file; the old name and its earlier versions are deleted.');
    if (!to || to === key) return;
    try {
      await api('POST', `/files/${keyPath(key)}/copy${query({bucket: this.bucket, to})}`, {headers: {'If-None-Match': '*'}});
      await api('DELETE', `/files${query({bucket: this.bucket, key})}`);
      announce(`${key} renamed to ${to}`);
      this.load();
    } catch (e) {
      showError(e, `Renaming ${key}`);
    }
  }

  async versions(key) {
    let list;
    try {
      list = (await api('GET', `/files/${keyPath(key)}/versions${query({bucket: this.bucket})}`)).versions;
    } catch (e) {
      showError(e, `Versions of ${key}`);
      return;
    }
    const rows = [...list].reverse().map(v => h('tr', {},
      h('th', {scope: 'row'}, `v${v.version}`, v.latest ? h('span', {class: 'badge'}, 'latest') : null),
      h('td', {}, v.delete_marker ? 'deleted' : bytes(v.size)),
      h('td', {}, when(v.uploaded_at)),
      h('td', {class: 'actions'}, v.delete_marker ? null : [
        h('a', {class: 'button ghost', href: downloadHref(this.bucket, key, v.version), download: key.split('/').pop(),
          'aria-label': `Download version ${v.version} of ${key}`}, 'Download'),
        v.latest ? null : h('button', {type: 'button', class: 'ghost', 'aria-label': `Restore version ${v.version} of ${key}`,
          onclick: e => this.restore(key, v.version, e.target.closest('dialog'))}, 'Restore')])));
    await dialog({
      title: `Versions of ${key}`,
      body: h('table', {class: 'grid'},
        h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Version'), h('th', {scope: 'col'}, 'Size'),
          h('th', {scope: 'col'}, 'Uploaded'), h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
        h('tbody', {}, rows)),
      actions: [{label: 'Close', value: 'cancel', submit: true}],
    });
  }
}

const SHOWN_CHUNKS = 20;

/** Each chunk's copies and their nodes' health (in words), the first few chunks of a large file. */
function placementTable(chunks) {
  if (!chunks.length) return h('p', {class: 'hint'}, 'An empty file: no chunk.');
  return h('div', {class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Chunks and their copies'},
    h('table', {class: 'grid'},
      h('caption', {class: chunks.length > SHOWN_CHUNKS ? 'caption-bottom' : 'visually-hidden'},
        chunks.length > SHOWN_CHUNKS ? `The first ${SHOWN_CHUNKS} of ${chunks.length} chunks` : 'Chunks and their copies'),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Chunk'), h('th', {scope: 'col'}, 'Size'),
        h('th', {scope: 'col'}, 'Copies on'))),
      h('tbody', {}, chunks.slice(0, SHOWN_CHUNKS).map(c => h('tr', {},
        h('th', {scope: 'row', title: c.id}, `${c.index + 1} · ${c.id.slice(0, 12)}…`),
        h('td', {}, bytes(c.size)),
        h('td', {}, c.replicas.map(r => `${r.node_id} (${r.healthy ? 'healthy' : 'unhealthy'})`).join(', ')
          || 'no copy'))))));
}

/** A repair report in a sentence: what it found and did, whatever fields it has. */
function summarise(report) {
  const parts = Object.entries(report).filter(([k, v]) => typeof v === 'number')
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`);
  return parts.length ? parts.join(', ') : 'done';
}

function breadcrumbs(bucket, prefix) {
  const parts = prefix.split('/').filter(Boolean);
  const crumbs = [h('li', {}, h('a', {href: '#/files'}, 'Buckets'))];
  crumbs.push(h('li', {}, parts.length ? h('a', {href: folderHref(bucket, '')}, bucket)
    : h('span', {'aria-current': 'page'}, bucket)));
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    crumbs.push(h('li', {}, last ? h('span', {'aria-current': 'page'}, part)
      : h('a', {href: folderHref(bucket, parts.slice(0, i + 1).join('/') + '/')}, part)));
  });
  return h('nav', {'aria-label': 'Breadcrumb', class: 'breadcrumbs'}, h('ol', {}, crumbs));
}

/** Every file under dropped entries, with its path relative to the drop (folders keep their structure). */
async function walk(entries, base = '') {
  const files = [];
  for (const entry of entries) {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      files.push({file, path: base + entry.name});
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        files.push(...await walk(batch, `${base}${entry.name}/`));
      }
    }
  }
  return files;
}
