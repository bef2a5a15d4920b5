// The status strip: how fresh the index is, who feeds it and who indexes it, from GET /health every few seconds.
import { getJson } from './api.js';

const EVERY_MS = 5000;

/** The fields the strip names; any other field /health gains shows too, under its own name. */
const KNOWN = {
  newestCaptureTime: 'newest capture', oldestCaptureTime: 'oldest capture', packetsIndexed: 'packets indexed',
  consumerLag: 'consumer lag', pendingEntries: 'pending', streamLength: 'stream entries',
};
const SKIP = new Set(['status', 'redis', 'error', 'shards', 'shardsLeased', 'sensors']);

function item(name, value, kind = '') {
  const li = document.createElement('li');
  li.className = kind;
  li.dataset.field = name;
  li.innerHTML = '<span class="label"></span> <strong class="value"></strong>';
  li.querySelector('.label').textContent = KNOWN[name] || name;
  li.querySelector('.value').textContent = value;
  return li;
}

/** How the indexers do: every shard held, some, or none while entries wait. */
function indexers(h) {
  const waiting = (h.consumerLag || 0) + (h.pendingEntries || 0);
  const text = `${h.shardsLeased} of ${h.shards} shard${h.shards === 1 ? '' : 's'} held`;
  if (h.shardsLeased >= h.shards) return item('indexers', text, 'ok');
  return item('indexers', h.shardsLeased === 0 && waiting === 0 ? `${text} (idle)` : text,
    h.shardsLeased === 0 && waiting > 0 ? 'bad' : 'warn');
}

function render(list, h) {
  const items = [item('redis', h.redis || h.status, h.status === 'up' ? 'ok' : 'bad')];
  if (h.status !== 'up') {
    items.push(item('error', h.error || 'unknown', 'bad'));
  } else {
    for (const [name, value] of Object.entries(h)) {
      if (SKIP.has(name) || Array.isArray(value) || typeof value === 'object' && value !== null) continue;
      const lagging = (name === 'consumerLag' || name === 'pendingEntries') && value > 0;
      items.push(item(name, value == null ? 'unknown' : String(value), lagging ? 'warn' : ''));
    }
    if (h.shards != null && h.shardsLeased != null) items.push(indexers(h));
    if (h.sensors) items.push(item('sensors', h.sensors.length ? h.sensors.join(', ') : 'none yet'));
  }
  list.replaceChildren(...items);
  const options = document.getElementById('sensors');
  options.replaceChildren(...(h.sensors || []).map(s => Object.assign(document.createElement('option'), { value: s })));
}

/**
 * Starts the strip; resolves with the first health answer, or null when the service said it is down.
 * @param onHealth called with every health answer after the first
 */
export async function status(container, onHealth = () => {}) {
  const list = document.createElement('ul');
  container.replaceChildren(list);
  const refresh = async () => {
    try {
      const h = await getJson('/health');
      render(list, h);
      return h;
    } catch (e) {
      // /health answers 503 with a body when Redis is down; anything else (401, no network) is shown as is
      render(list, { status: 'down', redis: e.status === 503 ? 'down' : 'unknown', error: e.message });
      return null;
    } finally {
      container.dataset.updated = new Date().toISOString();
    }
  };
  const first = await refresh();
  setInterval(async () => {
    const h = await refresh();
    if (h) onHealth(h);
  }, EVERY_MS);
  return first;
}
