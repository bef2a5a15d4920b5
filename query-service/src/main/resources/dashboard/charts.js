// Two hand-drawn SVG charts: question 2's bytes per minute, and question 1's active-connection counts over the
// capture. Both scale to their container's width (viewBox), so they work on a narrow window.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600, HEIGHT = 140, PAD = 24;

function element(name, attributes, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function frame(container, label) {
  container.replaceChildren();
  const svg = element('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label,
    preserveAspectRatio: 'none', class: 'chart' }, container);
  element('line', { x1: PAD, y1: HEIGHT - PAD, x2: WIDTH, y2: HEIGHT - PAD, class: 'axis' }, svg);
  return svg;
}

function text(svg, x, y, value, anchor = 'start') {
  const t = element('text', { x, y, 'text-anchor': anchor, class: 'tick' }, svg);
  t.textContent = value;
}

/**
 * Draws bars, one per item, heights by value(item), each with a tooltip; onPick(item) on click when given.
 * @returns the svg element
 */
function bars(container, items, value, tip, label, onPick) {
  const svg = frame(container, label);
  if (!items.length) {
    text(svg, WIDTH / 2, HEIGHT / 2, 'nothing to draw', 'middle');
    return svg;
  }
  const max = Math.max(1, ...items.map(value));
  const step = (WIDTH - PAD) / items.length;
  items.forEach((item, i) => {
    const h = ((HEIGHT - 2 * PAD) * value(item)) / max;
    const bar = element('rect', { x: PAD + i * step + step * 0.1, y: HEIGHT - PAD - h, width: Math.max(1, step * 0.8),
      height: Math.max(h, value(item) > 0 ? 1 : 0), class: onPick ? 'bar pickable' : 'bar', 'data-index': i }, svg);
    element('title', {}, bar).textContent = tip(item);
    if (onPick) {
      // a full-height hit area: a moment with no connection is still a moment to pick
      const hit = element('rect', { x: PAD + i * step, y: PAD, width: step, height: HEIGHT - 2 * PAD, class: 'hit',
        'data-at': item.at }, svg);
      element('title', {}, hit).textContent = tip(item);
      hit.addEventListener('click', () => onPick(item));
    }
  });
  text(svg, 2, PAD, String(max));
  text(svg, PAD, HEIGHT - 6, label.first(items[0]));
  text(svg, WIDTH - 2, HEIGHT - 6, label.first(items[items.length - 1]), 'end');
  return svg;
}

const clock = t => (t || '').replace(/^.*T/, '').replace(/\.\d+Z$|Z$/, '');

/** Question 2: bytes per minute; the tooltip also gives packets. */
export function volumeChart(container, rows) {
  return bars(container, rows, r => r.bytes, r => `${r.minute}: ${r.bytes} bytes, ${r.packets} packets`,
    { toString: () => 'bytes per minute', first: r => clock(r.minute) });
}

/** Question 1: active connections at evenly spaced moments; clicking one lists its connections. */
export function timeline(container, samples, onPick) {
  return bars(container, samples, s => s.count, s => `${s.at}: ${s.count} active`,
    { toString: () => 'active connections over the capture', first: s => clock(s.at) }, onPick);
}
