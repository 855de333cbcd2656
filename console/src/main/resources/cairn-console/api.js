// The console's only way to the server: the gateway's public REST and admin APIs, with the session cookie as the
// credential and the session's CSRF token on every change. What the console does, a script can do the same way.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function setSession(session) {
  csrfToken = session ? session.csrf_token : null;
}

export function csrf() {
  return csrfToken;
}

/** Path with each segment of a key percent-encoded, for the routes that take a key in the path. */
export function keyPath(key) {
  return key.split('/').map(encodeURIComponent).join('/');
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Turns a failed response into an ApiError with the API's own message (its JSON body), whatever the body is. */
export async function failure(response) {
  let code = `HTTP_${response.status}`;
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && body.error) code = body.error;
    if (body && body.message) message = body.message;
  } catch {
    // Not JSON (a proxy's page): the status line is all there is.
  }
  if (response.status === 429 || response.status === 503) {
    const wait = response.headers.get('Retry-After');
    if (wait) message += ` (try again in ${wait} s)`;
  }
  if (response.status === 401) window.dispatchEvent(new CustomEvent('cairn:signed-out', {detail: message}));
  return new ApiError(response.status, code, message);
}

export async function api(method, path, {json, body, headers = {}, raw = false} = {}) {
  const init = {method, credentials: 'same-origin', headers: {...headers}};
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) init.headers['X-Cairn-CSRF'] = csrfToken;
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.body = body;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `the server did not answer (${e.message}): is it running, and the network up?`);
  }
  if (!response.ok) throw await failure(response);
  if (raw) return response;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}
