import {api} from './api.js';
import {h, mount, svg, bytes, duration, announce, showError, showNotice, confirm} from './ui.js';

const EVERY_MS = 2000;
const HISTORY = 150; // 5 minutes of samples

/**
 * #/cluster: nodes, controllers, totals and redundancy from the REST API, throughput from /metrics, all polled every
 * two seconds while the page is shown. Node health is said in words and a symbol, never by colour alone.
 */
export function clusterView(main) {
  return new ClusterView(main);
}

class ClusterView {
  constructor(main) {
    this.main = main;
    this.history = [];
    this.previous = null;
    this.closed = false;
    this.summary = h('div', {class: 'cards', id: 'summary'});
    // Focusable, so a keyboard can scroll a table wider than a phone's screen.
    this.nodes = h('div', {class: 'table-wrap', id: 'nodes', tabindex: 0, role: 'region', 'aria-label': 'Storage nodes'});
    this.controllers = h('div', {class: 'table-wrap', id: 'controllers', tabindex: 0, role: 'region',
      'aria-label': 'Controllers'});
    this.redundancy = h('div', {id: 'redundancy'});
    this.leader = h('p', {id: 'leader'});
    this.errors = h('div', {class: 'table-wrap', id: 'errors', tabindex: 0, role: 'region', 'aria-label': 'Recent errors'});
    this.charts = h('div', {class: 'charts', id: 'charts'});
    this.updated = h('p', {class: 'hint', id: 'updated', 'aria-live': 'off'}, 'Loading…');
    this.refusal = h('div', {id: 'refusal', role: 'status', hidden: true});
    mount(main,
      h('div', {class: 'page-head'}, h('h1', {}, 'Cluster'), this.updated),
      this.refusal,
      h('section', {'aria-labelledby': 'summary-title'}, h('h2', {id: 'summary-title'}, 'Summary'), this.summary),
      h('section', {'aria-labelledby': 'nodes-title'}, h('h2', {id: 'nodes-title'}, 'Storage nodes'), this.nodes),
      h('section', {'aria-labelledby': 'traffic-title'}, h('h2', {id: 'traffic-title'}, 'Traffic (this gateway, last 5 minutes)'),
        this.charts),
      h('section', {'aria-labelledby': 'controllers-title'}, h('h2', {id: 'controllers-title'}, 'Controllers'),
        this.leader, this.controllers,
        this.snapshotActions = h('div', {class: 'inline-form section-actions', hidden: true},
          h('button', {type: 'button', id: 'snapshot', onclick: () => this.snapshot()},
            'Take a metadata snapshot now'))),
      h('section', {'aria-labelledby': 'errors-title'}, h('h2', {id: 'errors-title'}, 'Recent errors (this gateway)'),
        this.errors),
      h('section', {'aria-labelledby': 'redundancy-title'}, h('h2', {id: 'redundancy-title'}, 'Redundancy'),
        this.redundancy));
    this.poll();
    // Snapshots are a controller's route: a gateway on its own (`cairn gateway`) has none to offer.
    fetch('/health').then(r => r.json()).then(health => {
      this.snapshotActions.hidden = !String(health.role || '').startsWith('controller');
    }).catch(() => {});
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** One refresh now and the next in EVERY_MS; a refresh asked for early (after an action) replaces the timed one. */
  async poll() {
    if (this.closed) return;
    clearTimeout(this.timer);
    try {
      const [status, nodes, recovery, metrics, errors] = await Promise.all([
        api('GET', '/status'), api('GET', '/nodes'), api('GET', '/recovery/status'),
        // These two need rights a user may lack (a metrics token or admin:ServerInfo): the rest is shown anyway.
        api('GET', '/metrics').catch(e => e), api('GET', '/admin/errors').catch(e => e)]);
      if (this.closed) return;
      this.showSummary(status);
      this.showNodes(nodes.nodes);
      this.showControllers(status.controllers);
      this.showRedundancy(recovery);
      if (metrics instanceof Error) mount(this.charts, unavailable('The traffic', metrics));
      else this.sample(metrics);
      if (errors instanceof Error) mount(this.errors, unavailable('The recent errors', errors));
      else this.showErrors(errors.errors);
      this.updated.textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes every ${EVERY_MS / 1000} s`;
      this.updated.classList.remove('stale');
      this.refuse(null);
    } catch (e) {
      if (e.status === 403) {
        this.refuse(e);
        return;
      }
      this.updated.textContent = `Not updated since ${new Date().toLocaleTimeString()}: ${e.message}`;
      this.updated.classList.add('stale');
      if (e.status !== 401) showErrorOnce(e);
    }
    // Cleared again: a refresh that overlapped this one has set a timer too, and only one may go on.
    clearTimeout(this.timer);
    if (!this.closed) this.timer = setTimeout(() => this.poll(), EVERY_MS);
  }

  /**
   * A user whose policies do not allow admin:ServerInfo is told so in place of the page, once, and the page stops
   * asking until "Try again" (after an administrator changed the policies); null shows the page again.
   */
  refuse(e) {
    this.refusal.hidden = !e;
    for (const section of this.main.querySelectorAll('section')) section.hidden = Boolean(e);
    if (!e) return;
    clearTimeout(this.timer);
    this.updated.textContent = '';
    mount(this.refusal,
      h('p', {}, `The cluster view is not open to you: ${e.message}.`),
      h('p', {class: 'hint'}, 'It needs the admin:ServerInfo action in one of your policies (the built-in '
        + '"admin" policy has it); an administrator can attach one on the Access page.'),
      h('button', {type: 'button', id: 'try-again', onclick: () => this.poll()}, 'Try again'));
  }

  showSummary(s) {
    const dedup = s.logical_bytes > 0 && s.storage_used_bytes > 0
      ? (s.logical_bytes * s.replication_factor / s.storage_used_bytes) : null;
    const healthy = s.status === 'healthy';
    mount(this.summary,
      card('Health', h('span', {class: `health ${healthy ? 'ok' : 'bad'}`},
        h('span', {'aria-hidden': 'true'}, healthy ? '✔ ' : '✖ '), s.status)),
      card('Nodes', `${s.healthy_nodes} of ${s.nodes} healthy`),
      card('Files', `${s.total_files.toLocaleString()} (${s.total_versions.toLocaleString()} versions)`),
      card('Stored', `${bytes(s.logical_bytes)} of data in ${bytes(s.storage_used_bytes)} on disk`),
      card('Deduplication', dedup ? `${dedup.toFixed(2)} : 1` : '–',
        `data × ${s.replication_factor} copies ÷ bytes on disk`),
      card('Capacity', capacityBar(s.capacity_bytes - s.free_bytes, s.capacity_bytes, 'Cluster disk use')));
  }

  showNodes(nodes) {
    const row = n => {
      const healthy = n.status === 'healthy';
      return h('tr', {'data-node': n.node_id},
        h('th', {scope: 'row'}, n.node_id, h('div', {class: 'sub'}, n.url)),
        h('td', {}, h('span', {class: `health ${healthy ? 'ok' : 'bad'}`},
          h('span', {'aria-hidden': 'true'}, healthy ? '✔ ' : '✖ '), n.status)),
        h('td', {}, n.state),
        h('td', {}, capacityBar(n.capacity_bytes - n.free_bytes, n.capacity_bytes, `Disk use of ${n.node_id}`),
          h('div', {class: 'sub'}, `${bytes(n.used_bytes)} of chunks`)),
        h('td', {class: 'num'}, n.chunks.toLocaleString()),
        h('td', {class: 'num'}, n.load),
        h('td', {}, `${duration((n.last_heartbeat_age_ms || 0) / 1000)} ago`),
        h('td', {class: 'actions'}, nodeActions(n, () => this.poll())));
    };
    mount(this.nodes, h('table', {class: 'grid'},
      h('caption', {class: 'visually-hidden'}, 'Storage nodes'),
      h('thead', {}, h('tr', {}, ['Node', 'Health', 'State', 'Disk', 'Chunks', 'Load', 'Last heartbeat']
        .map(t => h('th', {scope: 'col'}, t)), h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
      h('tbody', {}, nodes.map(row))));
  }

  showControllers(c) {
    if (!c) {
      mount(this.controllers, h('p', {class: 'hint'}, 'No controller group information.'));
      return;
    }
    this.leader.textContent = `Leader ${c.leader || 'none (an election is under way)'} · term ${c.term} · this `
      + `gateway's controller ${c.self} is ${String(c.role).toLowerCase()}`;
    mount(this.controllers,
      h('table', {class: 'grid'},
        h('caption', {class: 'visually-hidden'}, 'Controllers'),
        h('thead', {}, h('tr', {}, ['Controller', 'Address', 'Role', 'Commit index', 'Lag']
          .map(t => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, (c.peers || []).map(p => h('tr', {},
          h('th', {scope: 'row'}, p.id), h('td', {}, p.address), h('td', {}, p.leader ? 'leader' : 'follower'),
          h('td', {class: 'num'}, p.commit_index ?? '–'), h('td', {class: 'num'}, p.lag ?? '–'))))));
  }

  showRedundancy(r) {
    const full = r.under_replicated_chunks === 0 && r.unrecoverable_chunks === 0;
    mount(this.redundancy, h('dl', {class: 'facts'},
      fact('State', full ? 'every chunk has all its copies' : `${r.under_replicated_chunks.toLocaleString()} chunks lack copies`),
      fact('Under-replicated', `${r.under_replicated_chunks} chunks, ${bytes(r.under_replicated_bytes)}`),
      fact('Single copy left', String(r.single_copy_chunks)),
      fact('Unrecoverable', String(r.unrecoverable_chunks)),
      fact('Repair queue', `${r.repair_queue} · ${r.repairs_done} done, ${r.repairs_failed} failed`),
      fact('Time to full redundancy', full ? '–' : duration(r.seconds_to_full_redundancy)),
      fact('Draining', r.draining && r.draining.length ? r.draining.map(d => d.node_id || d).join(', ') : 'none')));
  }

  showErrors(list) {
    if (!list.length) {
      mount(this.errors, h('p', {class: 'hint padded'}, 'No server errors, refusals for load or timed-out bodies '
        + 'since this gateway started.'));
      return;
    }
    mount(this.errors, h('table', {class: 'grid'},
      h('caption', {class: 'visually-hidden'}, 'Recent errors, newest first'),
      h('thead', {}, h('tr', {}, ['When', 'Request', 'Status', 'Error', 'Message', 'Client']
        .map(t => h('th', {scope: 'col'}, t)))),
      h('tbody', {}, list.slice(0, 20).map(e => h('tr', {},
        h('td', {}, new Date(e.time).toLocaleTimeString()), h('th', {scope: 'row'}, e.route),
        h('td', {class: 'num'}, e.status), h('td', {}, e.error || '–'), h('td', {class: 'message'}, e.message || '–'),
        h('td', {}, e.client))))));
  }

  async snapshot() {
    if (!await confirm('Metadata snapshot', 'Write a snapshot of the metadata now? Raft also takes one by itself '
      + 'every SNAPSHOT_EVERY entries.', 'Take snapshot', false)) return;
    try {
      const result = await api('POST', '/admin/snapshot');
      announce('Snapshot taken');
      showNotice(`Snapshot taken${result && result.snapshot_index !== undefined ? ` at log index ${result.snapshot_index}` : ''}.`);
    } catch (e) {
      showError(e, 'Taking a snapshot');
    }
  }

  sample(text) {
    const now = performance.now();
    const value = name => {
      const m = text.match(new RegExp(`^${name} ([0-9.eE+]+)$`, 'm'));
      return m ? Number(m[1]) : 0;
    };
    let requests = 0;
    let errors = 0;
    for (const m of text.matchAll(/^cairn_http_requests_seconds_count\{([^}]*)\} ([0-9.eE+]+)$/gm)) {
      requests += Number(m[2]);
      if (/status="5/.test(m[1])) errors += Number(m[2]);
    }
    const current = {t: now, in: value('cairn_http_received_bytes_total'), out: value('cairn_http_sent_bytes_total'),
      requests, errors};
    if (this.previous) {
      const s = (now - this.previous.t) / 1000;
      this.history.push({
        in: Math.max(0, (current.in - this.previous.in) / s), out: Math.max(0, (current.out - this.previous.out) / s),
        requests: Math.max(0, (current.requests - this.previous.requests) / s),
        errors: Math.max(0, (current.errors - this.previous.errors) / s)});
      if (this.history.length > HISTORY) this.history.shift();
    }
    this.previous = current;
    const last = this.history[this.history.length - 1] || {in: 0, out: 0, requests: 0, errors: 0};
    mount(this.charts,
      chart('Throughput', [
        {label: 'received', values: this.history.map(p => p.in), className: 'series-a'},
        {label: 'sent', values: this.history.map(p => p.out), className: 'series-b'}],
      v => `${bytes(v)}/s`, `now: received ${bytes(last.in)}/s, sent ${bytes(last.out)}/s`),
      chart('Requests', [
        {label: 'requests', values: this.history.map(p => p.requests), className: 'series-a'},
        {label: 'server errors (5xx)', values: this.history.map(p => p.errors), className: 'series-c'}],
      v => `${v.toFixed(1)}/s`, `now: ${last.requests.toFixed(1)} requests/s, ${last.errors.toFixed(1)} server errors/s`));
  }
}

/** Why a section is empty, in its place: what the API said when asked for it. */
function unavailable(what, e) {
  return h('p', {class: 'hint padded'}, `${what} cannot be shown to you: ${e.message}`);
}

let lastErrorShown = 0;
function showErrorOnce(e) {
  if (Date.now() - lastErrorShown > 30000) {
    lastErrorShown = Date.now();
    showError(e, 'Refreshing the cluster view');
  }
}

function nodeActions(n, refresh) {
  const act = (label, method, path, question, danger) => h('button', {type: 'button',
    class: `ghost${danger ? ' danger-text' : ''}`, 'aria-label': `${label} ${n.node_id}`, onclick: async () => {
      if (!await confirm(`${label} node`, question, label, danger)) return;
      try {
        await api(method, path);
        announce(`${label}: ${n.node_id} done`);
        refresh();
      } catch (e) {
        showError(e, `${label} ${n.node_id}`);
      }
    }}, label);
  const id = encodeURIComponent(n.node_id);
  return [
    n.state === 'active' ? act('Drain', 'POST', `/nodes/${id}/drain`,
      `Drain ${n.node_id}? It takes no new chunks and its chunks are copied to other nodes; reads go on.`, false)
      : act('Enable', 'POST', `/nodes/${id}/enable`, `Take ${n.node_id} back into service?`, false),
    act('Remove', 'DELETE', `/nodes/${id}`, `Remove ${n.node_id} from the cluster? Refused while it holds the only copy of a chunk, unless drained or dead.`, true),
  ];
}

function card(title, value, note) {
  return h('div', {class: 'card stat'}, h('h3', {}, title), h('div', {class: 'stat-value'}, value),
    note ? h('span', {class: 'sub'}, note) : null);
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function capacityBar(used, total, label) {
  const share = total > 0 ? used / total : 0;
  return h('div', {class: 'capacity'},
    h('meter', {min: 0, max: 1, low: 0.7, high: 0.9, optimum: 0, value: share.toFixed(3), 'aria-label': label}),
    h('span', {class: 'sub'}, `${Math.round(share * 100)} % of ${bytes(total)}`));
}

/** A small line chart drawn as SVG (no library), with its latest values also in text for screen readers. */
function chart(title, series, format, text) {
  const width = 300;
  const height = 80;
  const max = Math.max(1, ...series.flatMap(s => s.values));
  const line = values => values.map((v, i) =>
    `${(width * (i + HISTORY - values.length) / (HISTORY - 1)).toFixed(1)},${(height - (v / max) * (height - 4) - 2).toFixed(1)}`).join(' ');
  return h('figure', {class: 'chart card'},
    h('figcaption', {}, h('strong', {}, title), h('span', {class: 'sub'}, ` · peak ${format(max)}`)),
    svg('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}: ${text}`, preserveAspectRatio: 'none'},
      ...series.map(s => svg('polyline', {points: line(s.values), class: s.className, fill: 'none'}))),
    h('p', {class: 'legend'}, series.map(s => h('span', {class: `key ${s.className}`}, s.label)), h('span', {}, ` · ${text}`)));
}
