// What each question's panel shows: its title, the columns of its result table, the answers' order, and how a
// live change event alters the rows (docs/api.md, "Live results").
import { by, compare } from './order.js';

const connection = r => `${r.protocol}|${r.src}|${r.srcPort}|${r.dst}|${r.dstPort}`;
const list = values => values.join(', ');

function upsert(rows, key, row) {
  const i = rows.findIndex(r => key(r) === key(row));
  if (i >= 0) rows[i] = row; else rows.push(row);
  return rows;
}

function addTo(rows, host, field, value, compareValues) {
  let row = rows.find(r => r.host === host);
  if (!row) rows.push(row = { host, [field]: [] });
  if (!row[field].includes(value)) row[field] = [...row[field], value].sort(compareValues);
  return rows;
}

export const VIEWS = {
  q1: {
    title: 'Active connections at a moment',
    columns: [['protocol'], ['src'], ['srcPort'], ['dst'], ['dstPort'], ['lastSeen']],
    order: by(['protocol', compare.text], ['dst', compare.address], ['dstPort', compare.number],
      ['src', compare.address], ['srcPort', compare.number]),
    change(rows, c) {
      const row = { protocol: c.protocol, src: c.src, srcPort: c.srcPort, dst: c.dst, dstPort: c.dstPort, lastSeen: c.time };
      return c.type === 'inactive' ? rows.filter(r => connection(r) !== connection(row)) : upsert(rows, connection, row);
    },
  },
  q2: {
    title: 'Volume per minute between two hosts',
    columns: [['minute'], ['packets'], ['bytes']],
    order: by(['minute', compare.time]),
    change: (rows, c) => upsert(rows, r => r.minute, { minute: c.minute, packets: c.packets, bytes: c.bytes }),
  },
  q3: {
    title: 'Hosts connected to a host on a port',
    columns: [['host']],
    order: by(['host', compare.address]),
    change: (rows, c) => (rows.some(r => r.host === c.host) ? rows : [...rows, { host: c.host }]),
  },
  q4: {
    title: 'Hosts with incoming connections on well-known ports',
    columns: [['host'], ['ports', list]],
    order: by(['host', compare.address]),
    change: (rows, c) => addTo(rows, c.host, 'ports', c.port, compare.number),
  },
  q5: {
    title: 'Packets containing a byte sequence',
    columns: [['time'], ['sensor'], ['protocol'], ['src'], ['srcPort'], ['dst'], ['dstPort'], ['length']],
    order: by(['time', compare.time], ['sensor', compare.text], ['src', compare.address], ['srcPort', compare.number],
      ['dst', compare.address], ['dstPort', compare.number]),
    change: (rows, c) => (rows.some(r => r.id === c.id) ? rows : [...rows, c]),
  },
  q6: {
    title: 'Hosts talking to outside hosts',
    columns: [['host'], ['outsidePeers', list]],
    order: by(['host', compare.address]),
    change: (rows, c) => addTo(rows, c.host, 'outsidePeers', c.outsidePeer, compare.address),
  },
};

/** @returns the text a cell shows for a result field */
export function cell(row, [field, format]) {
  const value = row[field];
  if (value == null) return '';
  return format ? format(value) : String(value);
}
