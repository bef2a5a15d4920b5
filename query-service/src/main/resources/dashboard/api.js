// Talking to the query service: JSON answers, the service's 400 bodies as errors, and live subscriptions read
// from a streamed fetch (not EventSource), so that the Authorization header and Last-Event-ID go with them.

const TOKEN_KEY = 'packetstream.token';

/** The bearer token the user entered, kept for this tab only (sessionStorage), or ''. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** A failed request: the HTTP status and the service's {"error", "parameter"} when it sent one. */
export class ApiError extends Error {
  constructor(status, message, parameter) {
    super(message);
    this.status = status;
    this.parameter = parameter || '';
  }
}

/** @returns the URL of a path with the non-empty parameters, as the API takes them */
export function url(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v != null) query.append(k, v);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function headers(accept, extra = {}) {
  const h = { Accept: accept, ...extra };
  if (token()) h.Authorization = `Bearer ${token()}`;
  return h;
}

async function failure(response) {
  let body = {};
  try { body = await response.json(); } catch (e) { /* not JSON: keep the status text */ }
  return new ApiError(response.status, body.error || `${response.status} ${response.statusText}`, body.parameter);
}

/** GETs a JSON document; rejects with an ApiError carrying the service's message. */
export async function getJson(path, params = {}, signal) {
  const response = await fetch(url(path, params), { headers: headers('application/json'), signal });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/**
 * Subscribes to a question live (text/event-stream), from lastEventId when given, and calls
 * onEvent({event, id, data}) per event; resolves when the stream ends, rejects when the signal aborts it.
 */
export async function subscribe(path, params, onEvent, signal, lastEventId = '') {
  const extra = lastEventId ? { 'Last-Event-ID': lastEventId } : {};
  const response = await fetch(url(path, params), { headers: headers('text/event-stream', extra), signal });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseEvent(block);
      if (event) onEvent(event);
    }
  }
}

/** @returns {event, id, data} of one SSE block (a heartbeat has only an id), or null for a bare comment */
export function parseEvent(block) {
  let event = 'message', id = '', data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':') || !line) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return id ? { event: 'heartbeat', id, data: null } : null;
  return { event, id, data: JSON.parse(data.join('\n')) };
}
