import {api, csrf, failure, keyPath, query} from './api.js';
import {h, mount, bytes, duration, announce, confirm, showError} from './ui.js';

const PARALLEL_FILES = 3;
const PARALLEL_PARTS = 3;
/** Files this large go up in parts, which a reload or a dropped connection does not lose. */
const PARTS_FROM = 32 * 1024 * 1024;
const MIN_PART = 8 * 1024 * 1024;
const MAX_PARTS = 10000;
const PENDING = 'cairn-pending-uploads';

/** Uploads in parts not finished yet, by file, kept in this browser so a reloaded page can resume them. */
const pending = {
  all() {
    try { return JSON.parse(localStorage.getItem(PENDING)) || {}; } catch { return {}; }
  },
  id(bucket, key, file) {
    return `${bucket}\u0000${key}\u0000${file.size}\u0000${file.lastModified}`;
  },
  get(bucket, key, file) {
    return this.all()[this.id(bucket, key, file)];
  },
  put(bucket, key, file, entry) {
    const all = this.all();
    all[this.id(bucket, key, file)] = {...entry, bucket, key, name: file.name, size: file.size, at: Date.now()};
    localStorage.setItem(PENDING, JSON.stringify(all));
  },
  remove(id) {
    const all = this.all();
    delete all[id];
    localStorage.setItem(PENDING, JSON.stringify(all));
  },
};

function partSize(size) {
  const least = Math.ceil(size / MAX_PARTS);
  return Math.max(MIN_PART, Math.ceil(least / (1024 * 1024)) * 1024 * 1024);
}

/**
 * The SHA-256 of a part, in base64 as Content-Digest carries it; null where the browser has no Web Crypto (a page
 * served over plain HTTP to another machine is not a secure context).
 */
async function sha256(blob) {
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return btoa(String.fromCharCode(...digest));
}

/**
 * Deletes an upload's stored parts and forgets it in this browser. One gone already (completed elsewhere, or expired
 * by the controller) is what was asked for; any other refusal is shown, the parts left for the controller to expire.
 */
async function abandon(pendingId, uploadId, bucket, key) {
  pending.remove(pendingId);
  try {
    await api('DELETE', `/uploads/${encodeURIComponent(uploadId)}${query({bucket, key})}`);
  } catch (e) {
    if (e.status !== 404) showError(e, `Discarding the stored parts of ${key}`);
  }
}

/** The header that has the gateway check a body against its SHA-256; none when the page could not hash it. */
function digested(sha256) {
  return sha256 ? {'Content-Digest': `sha-256=:${sha256}:`} : {};
}

/** Sends one request body with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function send(method, url, body, onProgress, register, headers = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    register(xhr);
    xhr.open(method, url);
    xhr.setRequestHeader('X-Cairn-CSRF', csrf());
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', e => onProgress(e.loaded));
    xhr.addEventListener('load', async () => {
      register(null, xhr);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null);
      } else {
        reject(await failure(new Response(xhr.responseText, {status: xhr.status, statusText: xhr.statusText,
          headers: {'Content-Type': xhr.getResponseHeader('Content-Type') || ''}})));
      }
    });
    xhr.addEventListener('error', () => { register(null, xhr); reject(new Error('the connection broke')); });
    xhr.addEventListener('abort', () => { register(null, xhr); reject(new DOMException('cancelled', 'AbortError')); });
    xhr.send(body);
  });
}

/**
 * The upload queue: every file with its own progress, speed, time left, cancel and retry. Files stream from disk;
 * small ones in one request (PUT /files/KEY), large ones in parts (POST /uploads...) sent a few at a time, which a
 * reloaded page resumes: drop or pick the same file again and only the parts not stored yet are sent. Each body
 * goes with its SHA-256, which the gateway checks before it stores anything.
 */
export class Uploads {
  constructor() {
    this.items = [];
    this.listeners = new Set();
    this.list = h('ul', {class: 'upload-list', 'aria-label': 'Uploads'});
    this.summary = h('span', {class: 'upload-summary'});
    this.resumable = h('div', {class: 'resumable'});
    this.clearButton = h('button', {type: 'button', class: 'ghost', onclick: () => this.clearFinished()},
      'Clear finished');
    this.panel = h('section', {class: 'uploads', hidden: true, 'aria-labelledby': 'uploads-title'},
      h('div', {class: 'uploads-head'}, h('h2', {id: 'uploads-title'}, 'Uploads'), this.summary, this.clearButton),
      this.resumable, this.list);
    this.showResumable();
    this.forgetGone();
  }

  /**
   * Forgets the interrupted uploads the server no longer has (completed in another tab, discarded elsewhere, or
   * expired by the controller after MULTIPART_EXPIRY), so the list shows only what can still be resumed.
   */
  async forgetGone() {
    const gone = await Promise.all(Object.entries(pending.all()).map(async ([id, entry]) => {
      try {
        await api('GET', `/uploads/${encodeURIComponent(entry.id)}${query({bucket: entry.bucket, key: entry.key})}`);
        return null;
      } catch (e) {
        return e.status === 404 ? id : null; // any other answer may pass: keep the entry until one is sure
      }
    }));
    const forgotten = gone.filter(Boolean);
    forgotten.forEach(id => pending.remove(id));
    if (forgotten.length) this.showResumable();
  }

  onStored(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @param files [{file: File, key: string}] */
  add(bucket, files) {
    for (const {file, key} of files) {
      const item = new Upload(this, bucket, key, file);
      this.items.push(item);
      this.list.append(item.row);
    }
    this.panel.hidden = false;
    announce(`${files.length} file${files.length === 1 ? '' : 's'} queued for upload`);
    this.pump();
  }

  pump() {
    let running = this.items.filter(i => i.state === 'uploading').length;
    for (const item of this.items) {
      if (running >= PARALLEL_FILES) break;
      if (item.state === 'queued') { item.start(); running++; }
    }
    this.updateSummary();
    this.showResumable();
  }

  stored(item) {
    for (const listener of this.listeners) listener(item.bucket, item.key);
  }

  updateSummary() {
    const done = this.items.filter(i => i.state === 'done').length;
    const failed = this.items.filter(i => i.state === 'failed').length;
    const active = this.items.filter(i => i.state === 'uploading' || i.state === 'queued').length;
    this.summary.textContent = `${done} done` + (active ? `, ${active} to go` : '') + (failed ? `, ${failed} failed` : '');
    if (!active && this.items.length) {
      announce(`Uploads finished: ${done} stored${failed ? `, ${failed} failed` : ''}`);
    }
  }

  /** Uploads a reload interrupted: they resume when their file is added again, or can be discarded. */
  showResumable() {
    const active = new Set(this.items.filter(i => i.state !== 'done').map(i => pending.id(i.bucket, i.key, i.file)));
    const waiting = Object.entries(pending.all()).filter(([id]) => !active.has(id));
    if (!waiting.length) {
      this.resumable.replaceChildren();
      if (!this.items.length) this.panel.hidden = true;
      return;
    }
    this.panel.hidden = false;
    mount(this.resumable,
      h('p', {class: 'hint'}, 'Interrupted uploads: add the same file to the same folder again to resume, '
        + 'without sending again what is stored.'),
      h('ul', {class: 'upload-list'}, waiting.map(([id, entry]) => h('li', {class: 'upload', 'data-state': 'interrupted'},
        h('span', {class: 'upload-name'}, `${entry.bucket}/${entry.key}`),
        h('span', {class: 'upload-size'}, bytes(entry.size)),
        h('span', {class: 'upload-status'}, 'Interrupted'),
        h('span', {class: 'upload-actions'}, h('button', {type: 'button', class: 'ghost',
          'aria-label': `Discard the interrupted upload of ${entry.key}`, onclick: async () => {
            if (!await confirm('Discard upload', `Discard the parts of ${entry.key} stored so far?`, 'Discard')) return;
            await abandon(id, entry.id, entry.bucket, entry.key);
            this.showResumable();
          }}, 'Discard'))))));
  }

  clearFinished() {
    this.items = this.items.filter(i => {
      if (i.state === 'done' || i.state === 'cancelled') { i.row.remove(); return false; }
      return true;
    });
    this.updateSummary();
    this.showResumable();
  }
}

class Upload {
  constructor(queue, bucket, key, file) {
    this.queue = queue;
    this.bucket = bucket;
    this.key = key;
    this.file = file;
    this.state = 'queued';
    this.requests = new Set();
    this.progress = h('progress', {max: file.size || 1, value: 0, 'aria-label': `Upload of ${key}`});
    this.status = h('span', {class: 'upload-status'}, 'Queued');
    this.actions = h('span', {class: 'upload-actions'});
    this.row = h('li', {class: 'upload'},
      h('span', {class: 'upload-name', title: `${bucket}/${key}`}, key),
      h('span', {class: 'upload-size'}, bytes(file.size)),
      this.progress, this.status, this.actions);
    this.showActions();
  }

  showActions() {
    const buttons = [];
    if (this.state === 'queued' || this.state === 'uploading') {
      buttons.push(h('button', {type: 'button', class: 'ghost', 'aria-label': `Cancel the upload of ${this.key}`,
        onclick: () => this.cancel()}, 'Cancel'));
    }
    if (this.state === 'failed' || this.state === 'cancelled') {
      buttons.push(h('button', {type: 'button', class: 'ghost', 'aria-label': `Retry the upload of ${this.key}`,
        onclick: () => this.retry()}, 'Retry'));
    }
    mount(this.actions, ...buttons);
  }

  track(xhr, finished) {
    if (xhr) this.requests.add(xhr); else this.requests.delete(finished);
  }

  async start() {
    this.state = 'uploading';
    this.row.dataset.state = this.state;
    this.showActions();
    this.started = performance.now();
    this.rate = 0;
    this.lastTime = this.started;
    this.lastBytes = 0;
    try {
      if (this.file.size >= PARTS_FROM) await this.inParts(); else await this.whole();
      this.progress.value = this.file.size || 1;
      const seconds = Math.max(0.001, (performance.now() - this.started) / 1000);
      this.finish('done', `Stored · ${bytes(this.sent / seconds)}/s` + (this.resumedBytes
        ? ` · ${bytes(this.resumedBytes)} were stored already` : ''));
      this.queue.stored(this);
    } catch (e) {
      if (e.name === 'AbortError') this.finish('cancelled', 'Cancelled');
      else this.finish('failed', `Failed: ${e.message}${this.file.size >= PARTS_FROM ? '; Retry resumes it' : ''}`);
    }
  }

  show(done) {
    const now = performance.now();
    if (now - this.lastTime > 250) {
      const instant = (done - this.lastBytes) / ((now - this.lastTime) / 1000);
      this.rate = this.rate ? this.rate * 0.7 + instant * 0.3 : instant;
      this.lastTime = now;
      this.lastBytes = done;
    }
    this.progress.value = Math.min(done, this.file.size);
    const left = this.rate > 0 ? (this.file.size - done) / this.rate : NaN;
    this.status.textContent = `${Math.floor(100 * done / (this.file.size || 1))} %` +
      (this.rate ? ` · ${bytes(this.rate)}/s · ${duration(left)} left` : '');
  }

  async whole() {
    this.sent = this.file.size;
    const digest = await sha256(this.file);
    const headers = {'Content-Type': this.file.type || 'application/octet-stream', ...digested(digest)};
    await send('PUT', `/files/${keyPath(this.key)}${query({bucket: this.bucket})}`, this.file,
      loaded => this.show(Math.min(loaded, this.file.size)), (xhr, done) => this.track(xhr, done), headers);
  }

  /** Part n of this file cut in parts of `size` bytes: its length, and its bytes. */
  partLength(n, size) {
    return Math.min(size, this.file.size - (n - 1) * size);
  }

  partOf(n, size) {
    return this.file.slice((n - 1) * size, (n - 1) * size + this.partLength(n, size));
  }

  /** The parts an upload has stored, by number; null once the server no longer has it. */
  async storedParts(id, where) {
    try {
      const listing = await api('GET', `/uploads/${encodeURIComponent(id)}${query(where)}`);
      return new Map(listing.parts.map(p => [p.part, p]));
    } catch (e) {
      if (e.status !== 404) throw e;
      return null;
    }
  }

  /**
   * An upload of this key left unfinished in another browser (or in this one before its storage was cleared), taken
   * over only when one of its stored parts has this file's bytes by SHA-256: another file's upload under the same
   * name is left alone. Needs Web Crypto, without which a part cannot be told from another file's; and the right to
   * list uploads, without which a new upload starts as it always did.
   */
  async startedElsewhere(where) {
    if (!globalThis.crypto?.subtle) return null;
    let listing;
    try {
      listing = await api('GET', `/uploads${query({bucket: this.bucket, prefix: this.key, limit: 100})}`);
    } catch {
      return null; // not allowed to list uploads, or no answer: a new upload is what this browser would do anyway
    }
    const size = partSize(this.file.size);
    const newestFirst = listing.uploads.filter(u => u.key === this.key).reverse().slice(0, 5);
    for (const upload of newestFirst) {
      const stored = await this.storedParts(upload.upload_id, where).catch(() => null);
      const probe = stored && [...stored.values()].find(p => p.sha256 && p.size === this.partLength(p.part, size));
      if (probe && await sha256(this.partOf(probe.part, size)) === probe.sha256) {
        return {entry: {id: upload.upload_id, partSize: size, strict: true}, stored};
      }
    }
    return null;
  }

  async inParts() {
    const where = {bucket: this.bucket, key: this.key};
    let entry = pending.get(this.bucket, this.key, this.file);
    let stored = entry ? await this.storedParts(entry.id, where) : null;
    if (entry && !stored) {
      pending.remove(pending.id(this.bucket, this.key, this.file));
      entry = null;
    }
    if (!entry) {
      const adopted = await this.startedElsewhere(where);
      if (adopted) {
        ({entry, stored} = adopted);
        pending.put(this.bucket, this.key, this.file, entry);
      }
    }
    if (!entry) {
      const type = this.file.type || 'application/octet-stream';
      const created = await api('POST', `/uploads${query({...where, content_type: type})}`);
      entry = {id: created.upload_id, partSize: partSize(this.file.size)};
      stored = new Map();
      pending.put(this.bucket, this.key, this.file, entry);
    }
    this.uploadId = entry.id;
    const size = entry.partSize;
    const count = Math.max(1, Math.ceil(this.file.size / size));
    const expected = n => this.partLength(n, size);
    const etags = new Map();
    const inFlight = new Map();
    const slice = n => this.partOf(n, size);
    let done = 0;
    this.resumedBytes = 0;
    // A stored part is kept only if it is this file's: the same size and, where both sides know it, the same
    // SHA-256 (another file can have the same name, size and date). Of an upload begun elsewhere ("strict"), only
    // parts whose SHA-256 is known and matches.
    const ours = async (n, p) => {
      if (p.size !== expected(n)) return false;
      const local = p.sha256 ? await sha256(slice(n)) : null;
      return local === null ? !entry.strict : local === p.sha256;
    };
    if (stored.size) this.status.textContent = 'Checking the parts stored…';
    for (let n = 1; n <= count; n++) {
      const p = stored.get(n);
      if (p && await ours(n, p)) {
        etags.set(n, p.etag);
        done += p.size;
        this.resumedBytes += p.size;
      }
    }
    this.sent = this.file.size - this.resumedBytes;
    this.show(done);
    const todo = [];
    for (let n = 1; n <= count; n++) if (!etags.has(n)) todo.push(n);
    // Once a part fails the others start no new part: the upload stops, and a retry (or a reload) resumes it.
    let failed = false;
    const worker = async () => {
      while (todo.length && !failed) {
        if (this.cancelled) throw new DOMException('cancelled', 'AbortError');
        const n = todo.shift();
        const blob = slice(n);
        let part;
        try {
          const digest = await sha256(blob);
          part = await send('PUT', `/uploads/${encodeURIComponent(entry.id)}/${n}${query(where)}`, blob,
            loaded => { inFlight.set(n, loaded); this.show(done + [...inFlight.values()].reduce((a, b) => a + b, 0)); },
            (xhr, finished) => this.track(xhr, finished), digested(digest));
        } catch (e) {
          failed = true;
          throw e;
        }
        inFlight.delete(n);
        done += expected(n);
        etags.set(n, part.etag);
        this.show(done);
      }
    };
    await Promise.all(Array.from({length: Math.min(PARALLEL_PARTS, todo.length)}, worker));
    if (this.cancelled) throw new DOMException('cancelled', 'AbortError');
    this.status.textContent = 'Putting the parts together…';
    const parts = [...etags.entries()].sort((a, b) => a[0] - b[0]).map(([part, etag]) => ({part, etag}));
    await api('POST', `/uploads/${encodeURIComponent(entry.id)}${query(where)}`, {json: {parts}});
    pending.remove(pending.id(this.bucket, this.key, this.file));
  }

  finish(state, text) {
    if (this.state !== 'uploading' && this.state !== 'queued') return;
    this.state = state;
    this.row.dataset.state = state;
    this.status.textContent = text;
    this.showActions();
    this.queue.pump();
  }

  async cancel() {
    if (this.state === 'queued') {
      this.finish('cancelled', 'Cancelled');
      return;
    }
    this.cancelled = true;
    for (const xhr of this.requests) xhr.abort();
    // A cancelled upload in parts is abandoned for good: its stored parts are deleted, not kept for a resume.
    if (this.uploadId) {
      await abandon(pending.id(this.bucket, this.key, this.file), this.uploadId, this.bucket, this.key);
    }
  }

  retry() {
    this.cancelled = false;
    this.uploadId = null;
    this.state = 'queued';
    this.row.dataset.state = 'queued';
    this.progress.value = 0;
    this.status.textContent = 'Queued';
    this.showActions();
    this.queue.pump();
  }
}
