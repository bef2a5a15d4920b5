// One question's panel: a form built from the question's route (its parameters as the service lists them), the
// answer as a paged table, and, when "live" is on, the answer kept current by the question's event stream.
import { ApiError, getJson, subscribe } from './api.js';
import { PagedTable } from './table.js';
import { VIEWS } from './views.js';

/** How long a live panel waits before resuming a stream that ended. */
const RECONNECT_MS = 2000;

const HINTS = {
  at: 'RFC 3339 or epoch seconds; empty = newest',
  from: 'RFC 3339 or epoch seconds',
  to: 'RFC 3339 or epoch seconds',
  a: 'IPv4 or IPv6 address', b: 'IPv4 or IPv6 address', ip: 'IPv4 or IPv6 address',
  port: '80', hex: 'e.g. 35AFF8', limit: 'most packets to list', sensor: 'all sensors',
};

export class Panel {
  /**
   * @param route   the question's route from /dashboard/routes.json
   * @param element the panel's <section>
   * @param state   {values, live, onChange}: the inputs from the URL, and how to report changes back to it
   */
  constructor(route, element, state) {
    this.route = route;
    this.tag = route.tag;
    this.view = VIEWS[route.tag];
    this.element = element;
    this.state = state;
    this.rows = [];
    this.controller = null;
    this.listeners = [];
    element.id = route.tag;
    element.classList.add('panel');
    element.innerHTML = `<header><h2><span class="tag">${route.tag}</span> ${this.view.title}</h2>
      <p class="summary-text"></p></header>
      <form novalidate><div class="fields"></div><div class="actions">
        <button type="submit" class="ask">Ask</button>
        <label class="live-toggle"><input type="checkbox" class="live"> live</label>
        <span class="status" role="status" aria-live="polite"></span></div>
        <p class="form-error" role="alert"></p></form>
      <div class="extra"></div><div class="results"></div>`;
    element.querySelector('.summary-text').textContent = route.summary;
    this.form = element.querySelector('form');
    this.status = element.querySelector('.status');
    this.formError = element.querySelector('.form-error');
    this.liveBox = element.querySelector('.live');
    this.extra = element.querySelector('.extra');
    const fields = element.querySelector('.fields');
    for (const name of route.parameters) fields.appendChild(this.field(name, state.values[name] || ''));
    this.liveBox.checked = state.live;
    this.table = new PagedTable(element.querySelector('.results'), this.view.columns);
    this.form.addEventListener('submit', e => { e.preventDefault(); this.ask(); });
    this.form.addEventListener('input', () => this.report());
    this.liveBox.addEventListener('change', () => { this.report(); this.ask(); });
  }

  field(name, value) {
    const label = document.createElement('label');
    label.className = 'field';
    const required = this.route.required.includes(name);
    label.innerHTML = `<span class="name">${name}${required ? ' *' : ''}</span><input><small class="error" role="alert"></small>`;
    const input = label.querySelector('input');
    Object.assign(input, { name, id: `${this.tag}-${name}`, value, placeholder: HINTS[name] || '', required,
      autocomplete: 'off', spellcheck: false });
    if (name === 'sensor') input.setAttribute('list', 'sensors');
    if (name === 'port' || name === 'limit') input.inputMode = 'numeric';
    return label;
  }

  /** @returns the non-empty inputs by parameter name */
  values() {
    const values = {};
    for (const input of this.form.querySelectorAll('.fields input')) if (input.value.trim()) values[input.name] = input.value.trim();
    return values;
  }

  set(name, value) {
    this.form.querySelector(`input[name="${name}"]`).value = value;
    this.report();
  }

  /** @returns whether every required input holds something, so asking on page load makes sense */
  complete() {
    const values = this.values();
    return this.route.required.every(name => values[name]);
  }

  live() {
    return this.liveBox.checked;
  }

  report() {
    this.state.onChange(this.tag, this.values(), this.live());
  }

  /** Calls fn(rows, meta) after every new answer or change. */
  onRows(fn) {
    this.listeners.push(fn);
  }

  clearErrors() {
    for (const e of this.form.querySelectorAll('.error')) e.textContent = '';
    for (const e of this.form.querySelectorAll('input')) e.removeAttribute('aria-invalid');
    this.formError.textContent = '';
  }

  /** Shows the service's message beside the field it names, else under the form; no stale rows stay below it. */
  showError(error) {
    this.rows = [];
    this.table.set(this.rows);
    this.element.dataset.count = '0';
    const input = error.parameter && this.form.querySelector(`input[name="${error.parameter}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.parentElement.querySelector('.error').textContent = error.message;
    } else {
      this.formError.textContent = error.message;
    }
    this.setStatus('error', '');
  }

  setStatus(kind, text) {
    this.element.dataset.state = kind;
    this.status.textContent = text;
  }

  async ask() {
    this.stop();
    this.clearErrors();
    const controller = this.controller = new AbortController();
    const params = this.values();
    try {
      if (this.live()) await this.follow(params, controller.signal);
      else {
        this.setStatus('loading', 'asking…');
        this.show((await getJson(this.route.path, params, controller.signal)));
      }
    } catch (e) {
      if (controller.signal.aborted) return;
      this.showError(e instanceof ApiError ? e : new ApiError(0, `no answer: ${e.message}`));
    }
  }

  /**
   * Subscribes, and stays subscribed: after an overflow, a dropped connection or a restarted service it resumes
   * from the last event id (Last-Event-ID), so nothing is missed within the change streams' retention; after an
   * error event (that id is gone) it starts afresh with a new answer. A 4xx (bad input, a wrong token) stops it:
   * asking again would get the same answer.
   */
  async follow(params, signal) {
    let resumeFrom = '';
    while (!signal.aborted) {
      this.setStatus(resumeFrom ? 'live' : 'loading', resumeFrom ? 'reconnecting…' : 'subscribing…');
      let resumed = true;
      try {
        await subscribe(this.route.path, params, event => {
          if (event.id) resumeFrom = event.id; // kept even when the connection drops mid-stream
          if (event.event === 'answer') { this.formError.textContent = ''; this.show(event.data, 'live'); }
          else if (event.event === 'change') this.change(event.data);
          else if (event.event === 'overflow') resumeFrom = event.data.lastEventId;
          else if (event.event === 'error') { // e.g. the id to resume from is gone: start afresh
            this.formError.textContent = event.data.error;
            resumed = false;
          }
        }, signal, resumeFrom);
        if (!resumed) resumeFrom = '';
      } catch (e) {
        if (signal.aborted || (e instanceof ApiError && e.status >= 400 && e.status < 500)) throw e;
      }
      if (!signal.aborted) await new Promise(resolve => setTimeout(resolve, RECONNECT_MS));
    }
  }

  show(answer, mode = 'answer') {
    this.meta = answer.meta;
    this.rows = answer.results;
    this.render(mode);
  }

  change(data) {
    this.rows = this.view.change([...this.rows], data).sort(this.view.order);
    this.changes = (this.changes || 0) + 1;
    this.render('live');
  }

  render(mode) {
    this.table.set(this.rows);
    const m = this.meta || {};
    const parts = [`${this.rows.length} result${this.rows.length === 1 ? '' : 's'}`];
    if (m.resolution) parts.push(`${m.resolution} resolution`);
    if (m.limitReached) parts.push(`limit ${m.limit} reached`);
    if (mode === 'live') parts.push(`live${this.changes ? `, ${this.changes} change${this.changes === 1 ? '' : 's'}` : ''}`);
    else if (m.tookMs != null) parts.push(`${m.tookMs} ms`);
    this.setStatus(mode === 'live' ? 'live' : 'done', parts.join(' · '));
    this.element.dataset.count = String(this.rows.length);
    for (const fn of this.listeners) fn(this.rows, this.meta);
  }

  stop() {
    if (this.controller) this.controller.abort();
    this.controller = null;
    this.changes = 0;
  }
}
