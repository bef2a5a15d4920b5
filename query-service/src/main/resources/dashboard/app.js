// The dashboard: a status strip read from /health, and one panel per question built from the routes the service
// publishes. Every input lives in the page's URL (?q2.a=…&q2.b=…&live=q5), so a link reproduces the view.
import { ApiError, getJson, setToken, token, url } from './api.js';
import { timeline, volumeChart } from './charts.js';
import { Panel } from './panel.js';
import { status } from './status.js';

/** Browsers open at most six HTTP/1.1 connections to a host: live panels must leave room for the rest. */
const MAX_LIVE = 3;
const TIMELINE_POINTS = 40;

const params = new URLSearchParams(location.search);
const panels = new Map();

function saveUrl() {
  const query = new URLSearchParams();
  const live = [];
  for (const [tag, panel] of panels) {
    for (const [name, value] of Object.entries(panel.values())) query.set(`${tag}.${name}`, value);
    if (panel.live()) live.push(tag);
  }
  if (live.length) query.set('live', live.join(','));
  const text = query.toString();
  history.replaceState(null, '', text ? `?${text.replace(/%3A/gi, ':').replace(/%2C/gi, ',')}` : location.pathname);
}

function state(tag) {
  const values = {};
  for (const [key, value] of params) if (key.startsWith(`${tag}.`)) values[key.slice(tag.length + 1)] = value;
  const live = (params.get('live') || '').split(',').includes(tag);
  return { values, live, onChange: () => { limitLive(); saveUrl(); } };
}

function limitLive() {
  const live = [...panels.values()].filter(p => p.live()).length;
  for (const p of panels.values()) p.liveBox.disabled = !p.live() && live >= MAX_LIVE;
}

/** Seconds since the epoch, with the fraction, of an RFC 3339 capture time. */
function seconds(time) {
  const m = /^(.*?:\d\d)(\.\d+)?Z$/.exec(time);
  return Date.parse(`${m[1]}Z`) / 1000 + Number(m[2] || 0);
}

/** RFC 3339 with microseconds, as the API prints times. */
function rfc3339(epochSeconds) {
  const whole = Math.floor(epochSeconds);
  const micros = Math.round((epochSeconds - whole) * 1e6);
  return new Date(whole * 1000).toISOString().replace(/\.\d+Z$/, `.${String(micros).padStart(6, '0')}Z`);
}

/** Question 1's timeline: active connections at evenly spaced moments of the capture, four asked at a time. */
async function drawTimeline(panel, container, health) {
  if (!health.oldestCaptureTime || !health.newestCaptureTime) {
    container.textContent = 'nothing indexed yet';
    return;
  }
  const first = seconds(health.oldestCaptureTime), last = seconds(health.newestCaptureTime);
  const n = last > first ? TIMELINE_POINTS : 1;
  const moments = Array.from({ length: n }, (_, i) => (n === 1 ? last : first + ((last - first) * (i + 1)) / n));
  const sensor = panel.values().sensor;
  const samples = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const at = rfc3339(moments[i]);
      const answer = await getJson(panel.route.path, sensor ? { at, sensor } : { at });
      samples[i] = { at, count: answer.results.length };
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  timeline(container, samples, s => { panel.set('at', s.at); panel.ask(); });
  container.dataset.points = String(n);
}

/** @returns a function that redraws question 1's timeline, or does nothing without that panel */
function extras() {
  let redraw = () => {};
  const q1 = panels.get('q1');
  if (q1) {
    q1.extra.innerHTML = '<div class="timeline" aria-label="active connections over the capture"></div>'
      + '<button type="button" class="redraw">redraw timeline</button>';
    const box = q1.extra.querySelector('.timeline');
    let drawing = false;
    redraw = async health => {
      if (drawing) return;
      drawing = true;
      try { await drawTimeline(q1, box, health || await getJson('/health')); } catch (e) { box.textContent = `no timeline: ${e.message}`; }
      drawing = false;
    };
    q1.extra.querySelector('.redraw').addEventListener('click', () => redraw());
  }
  const q2 = panels.get('q2');
  if (q2) {
    q2.extra.innerHTML = '<div class="volume-chart"></div>';
    q2.onRows(rows => volumeChart(q2.extra.querySelector('.volume-chart'), rows));
  }
  const q5 = panels.get('q5');
  if (q5) {
    q5.extra.innerHTML = '<button type="button" class="download">download as pcap</button> <span class="download-status"></span>';
    q5.extra.querySelector('.download').addEventListener('click', () => download(q5));
  }
  return redraw;
}

/** Fetches the matches as a pcap (the Accept header and the token need fetch, not a plain link) and saves it. */
async function download(panel) {
  const note = panel.extra.querySelector('.download-status');
  panel.clearErrors();
  note.textContent = 'fetching…';
  const headers = { Accept: 'application/vnd.tcpdump.pcap' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const response = await fetch(url(panel.route.path, panel.values()), { headers });
  if (!response.ok) {
    let body = {};
    try { body = await response.json(); } catch (e) { /* keep the status */ }
    panel.showError(new ApiError(response.status, body.error || `${response.status}`, body.parameter));
    note.textContent = '';
    return;
  }
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '')?.[1] || 'packets.pcap';
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name,
    className: 'pcap-file', textContent: `${name} (${blob.size} bytes)` });
  note.replaceChildren(link);
  link.click();
}

function tokenForm() {
  const form = document.getElementById('token-form');
  const input = form.querySelector('input');
  input.value = token();
  form.addEventListener('submit', e => {
    e.preventDefault();
    setToken(input.value.trim());
    location.reload();
  });
}

async function main() {
  tokenForm();
  const routes = await getJson('/dashboard/routes.json');
  const grid = document.getElementById('panels');
  for (const route of routes) {
    const panel = new Panel(route, grid.appendChild(document.createElement('section')), state(route.tag));
    panels.set(route.tag, panel);
  }
  limitLive();
  const redraw = extras();
  // the timeline spans the capture: draw it again whenever the newest capture time moves
  let newest = null;
  const health = await status(document.getElementById('status'), h => {
    if (h.newestCaptureTime !== newest) redraw(h);
    newest = h.newestCaptureTime;
  });
  newest = health && health.newestCaptureTime;
  if (health) redraw(health);
  for (const panel of panels.values()) if (panel.complete()) panel.ask();
  document.body.dataset.ready = 'true';
}

main().catch(e => {
  document.getElementById('status').textContent = `The dashboard could not start: ${e.message}`;
});
