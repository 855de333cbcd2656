import {csrf, failure, query} from './api.js';
import {h, mount, bytes, duration, announce} from './ui.js';

const PARALLEL = 3;

/**
 * The upload queue: every file with its own progress, speed, time left, cancel and retry. Files stream from disk
 * through the browser to the gateway's POST /upload (the multipart form the REST API takes), which stores them as
 * they arrive: the page never holds a file in memory.
 */
export class Uploads {
  constructor() {
    this.items = [];
    this.listeners = new Set();
    this.list = h('ul', {class: 'upload-list', 'aria-label': 'Uploads'});
    this.summary = h('span', {class: 'upload-summary'});
    this.clearButton = h('button', {type: 'button', class: 'ghost', onclick: () => this.clearFinished()},
      'Clear finished');
    this.panel = h('section', {class: 'uploads', hidden: true, 'aria-labelledby': 'uploads-title'},
      h('div', {class: 'uploads-head'}, h('h2', {id: 'uploads-title'}, 'Uploads'), this.summary, this.clearButton),
      this.list);
  }

  /** Calls back when a file has been stored (to refresh the listing that shows it). */
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
      if (running >= PARALLEL) break;
      if (item.state === 'queued') { item.start(); running++; }
    }
    this.updateSummary();
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

  clearFinished() {
    this.items = this.items.filter(i => {
      if (i.state === 'done' || i.state === 'cancelled') { i.row.remove(); return false; }
      return true;
    });
    if (!this.items.length) this.panel.hidden = true;
    this.updateSummary();
  }
}

class Upload {
  constructor(queue, bucket, key, file) {
    this.queue = queue;
    this.bucket = bucket;
    this.key = key;
    this.file = file;
    this.state = 'queued';
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

  start() {
    this.state = 'uploading';
    this.row.dataset.state = this.state;
    this.showActions();
    const started = performance.now();
    let lastTime = started;
    let lastBytes = 0;
    let rate = 0;
    const xhr = new XMLHttpRequest();
    this.xhr = xhr;
    xhr.open('POST', `/upload${query({bucket: this.bucket, filename: this.key})}`);
    xhr.setRequestHeader('X-Cairn-CSRF', csrf());
    xhr.upload.addEventListener('progress', event => {
      const now = performance.now();
      if (now - lastTime > 250) {
        const instant = (event.loaded - lastBytes) / ((now - lastTime) / 1000);
        rate = rate ? rate * 0.7 + instant * 0.3 : instant;
        lastTime = now;
        lastBytes = event.loaded;
      }
      this.progress.value = Math.min(event.loaded, this.file.size);
      const left = rate > 0 ? (this.file.size - event.loaded) / rate : NaN;
      this.status.textContent = `${Math.floor(100 * event.loaded / (event.total || 1))} %` +
        (rate ? ` · ${bytes(rate)}/s · ${duration(left)} left` : '');
    });
    xhr.addEventListener('load', async () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        this.finish('done', `Stored · ${bytes(this.file.size / Math.max(0.001, (performance.now() - started) / 1000))}/s`);
        this.progress.value = this.file.size || 1;
        this.queue.stored(this);
      } else {
        const response = new Response(xhr.responseText, {status: xhr.status, statusText: xhr.statusText,
          headers: {'Content-Type': xhr.getResponseHeader('Content-Type') || ''}});
        const error = await failure(response);
        this.finish('failed', `Failed: ${error.message}`);
      }
    });
    xhr.addEventListener('error', () => this.finish('failed', 'Failed: the connection broke; Retry sends it again'));
    xhr.addEventListener('abort', () => this.finish('cancelled', 'Cancelled'));
    const form = new FormData();
    form.append('file', this.file, this.key.split('/').pop());
    xhr.send(form);
  }

  finish(state, text) {
    if (this.state !== 'uploading' && this.state !== 'queued') return;
    this.state = state;
    this.row.dataset.state = state;
    this.status.textContent = text;
    this.xhr = null;
    this.showActions();
    this.queue.pump();
  }

  cancel() {
    if (this.xhr) this.xhr.abort();
    else this.finish('cancelled', 'Cancelled');
  }

  retry() {
    this.state = 'queued';
    this.row.dataset.state = 'queued';
    this.progress.value = 0;
    this.status.textContent = 'Queued';
    this.showActions();
    this.queue.pump();
  }
}
