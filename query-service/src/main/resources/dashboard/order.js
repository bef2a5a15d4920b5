// The answers' order (docs/architecture.md, "Answers"), so rows a live change adds land where a fresh answer
// would put them: addresses IPv4 before IPv6, then by unsigned bytes.

/** @returns the address's bytes prefixed by its family (4 or 6), for comparing */
export function addressKey(text) {
  if (!text.includes(':')) return [4, ...text.split('.').map(Number)];
  let [head, tail = ''] = text.includes('::') ? text.split('::') : [text, ''];
  const words = part => (part ? part.split(':') : []).flatMap(w => {
    if (w.includes('.')) { // an embedded IPv4 address: two words
      const b = w.split('.').map(Number);
      return [(b[0] << 8) | b[1], (b[2] << 8) | b[3]];
    }
    return [parseInt(w, 16)];
  });
  const h = words(head), t = words(tail);
  const all = text.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill(0), ...t] : h;
  return [6, ...all.flatMap(w => [w >> 8, w & 255])];
}

export function compareAddresses(a, b) {
  const x = addressKey(a), y = addressKey(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

const text = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const number = (a, b) => a - b;

/** @returns a comparator applying each [field, compare] in turn */
export function by(...fields) {
  return (a, b) => {
    for (const [field, compare] of fields) {
      const c = compare(a[field], b[field]);
      if (c) return c;
    }
    return 0;
  };
}

export const compare = { address: compareAddresses, text, number };

/** RFC 3339 capture times with any number of fraction digits, compared to the nanosecond. */
export function timeKey(t) {
  const m = /^(.*?:\d\d)(?:\.(\d+))?Z$/.exec(t || '');
  return m ? `${m[1]}.${(m[2] || '').padEnd(9, '0')}` : String(t);
}
compare.time = (a, b) => text(timeKey(a), timeKey(b));
