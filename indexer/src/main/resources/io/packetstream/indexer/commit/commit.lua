-- packetstream indexer: applies one batch of stream entries atomically -- its index writes, its dead letters, its
-- change events and its XACK -- or nothing at all. Every key it touches carries the shard's hash tag, so it runs on
-- Redis Cluster too. Runs on Redis 6.2 and later (SMISMEMBER, ZMSCORE).
--
-- KEYS[1]    the shard's packet stream
-- KEYS[2]    the shard's dead-letter stream
-- KEYS[3]    the shard's change stream
-- KEYS[3+i]  the index key of the i-th write op
-- Read but never written without being in KEYS: the sensors set and the q1 hashes of neighbouring seconds, named
-- from the change section; they carry the same hash tag, hence live in the same slot.
--
-- ARGV[1] consumer group, ARGV[2] consumer, ARGV[3] TTL in seconds, ARGV[4] dead-letter stream MAXLEN (~)
-- then  n, followed by n entry ids: each must still be pending for this consumer; all are XACKed
-- then  d, followed by d x (entry id, reason, sensor, payload): the dead letters
-- then  w, followed by w ops, each a token "<code><count>" (e.g. "S12") and <count> arguments:
--         S members          SADD
--         Z score member...  ZADD
--         L score member...  ZADD LT (keep the lowest score)
--         G score member...  ZADD GT (keep the highest score)
--         I field n...       HINCRBY per field
--         W field window...  merge 8-byte windows (u32 first, u32 last): min first, max last
--         M oldest newest n  meta hash: min oldest, max newest (µs, exact in a double), HINCRBY packets
--       a key's TTL is set after its op; a lower-case code (e.g. "s12") says this process set it recently, so it
--       is set only when the key did not exist before the batch
-- then the change section:
--       change-stream MAXLEN (~), 0 = write no change events; the q1 key prefix "<ns>:{k}:q1:"; the sensors set;
--       t, followed by t x (op index, a, b), ascending op indexes, telling which events an op announces:
--         W op: a = sensor, b = epoch second (its key is <q1 prefix><sensor>:<second>); W ops come in ascending
--               seconds, so a second's merged neighbour before it and untouched neighbour after it can be read
--         I op: a = "V <sensor> <low> <high> ", b = the first epoch minute of the key's day
--         S/Z op of a minute bucket: a = "P|S|O <sensor> <epochMinute> ", b = ""
--       e, followed by e ready-made "E <sensor> <entryId>" events
--
-- Change events (docs/architecture.md, "Live subscriptions") go to ONE entry of the change stream, fields "0", "1",
-- ... in this order: A and I sorted by (time, I before A, text); then V, P, S, O in op order; then E in entry order.
-- A batch with more than EVENTS_PER_ENTRY events writes several consecutive entries (Lua's unpack limit); a batch
-- without events writes none. The change stream is bounded by MAXLEN ~, never expired.
--
-- Returns "ok <A> <I> <V> <P> <S> <O> <E>" (events written by type), or 'stale' (and changes nothing) when an entry
-- is no longer pending for this consumer: another consumer claimed it and will apply it. All checks run before the
-- first write, so an error reply leaves nothing half-applied.

local stream, dead, changes = KEYS[1], KEYS[2], KEYS[3]
local group, consumer, ttl, deadMax = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local CHUNK = 500 -- arguments per call: far below Lua's unpack limit, and even so pairs stay whole
local EVENTS_PER_ENTRY = 2000 -- 4000 fields per XADD, also below the unpack limit (about 8000 values)
-- Seconds of q1 hashes scanned for I events per commit. When the capture clock jumps further in one batch, only the
-- most recent seconds are scanned: connections whose last packet lies before them are never announced inactive.
local MAX_SCAN_SECONDS = 3600

local function fail(message)
  return redis.error_reply('ERR packetstream commit: ' .. message .. '; nothing applied')
end

local a = 5
local n = tonumber(ARGV[a])
local firstId = a + 1
for i = firstId, a + n do
  if #redis.call('XPENDING', stream, group, ARGV[i], ARGV[i], 1, consumer) == 0 then
    return 'stale'
  end
end
a = a + n + 1
local d = tonumber(ARGV[a])
local firstDead = a + 1
a = a + 4 * d + 1
local w = tonumber(ARGV[a])
a = a + 1

local TYPES = { S = 'set', Z = 'zset', L = 'zset', G = 'zset', I = 'hash', W = 'hash', M = 'hash' }
local function checkType(key, expected)
  local actual = redis.call('TYPE', key)['ok']
  if actual ~= 'none' and actual ~= expected then
    return redis.error_reply('WRONGTYPE packetstream commit: ' .. key .. ' holds a ' .. actual
        .. ', not a ' .. expected .. '; nothing applied'), actual
  end
  return nil, actual
end

local ops = {}
local metaKey
for i = 1, w do
  local token = ARGV[a]
  local given, count = string.sub(token, 1, 1), tonumber(string.sub(token, 2))
  local code = string.upper(given)
  if not TYPES[code] or not count or a + count > #ARGV then
    return fail('bad op token ' .. tostring(token))
  end
  local bad, actual = checkType(KEYS[3 + i], TYPES[code])
  if bad then
    return bad
  end
  ops[i] = { code = code, key = KEYS[3 + i], from = a + 1, to = a + count,
             expire = given == code or actual == 'none' }
  if code == 'M' then
    metaKey = KEYS[3 + i]
  end
  a = a + count + 1
end
if d > 0 then
  local bad = checkType(dead, 'stream')
  if bad then
    return bad
  end
end

local changeMax, q1Prefix, sensorsKey, t = tonumber(ARGV[a]), ARGV[a + 1], ARGV[a + 2], tonumber(ARGV[a + 3])
if not changeMax or not t then
  return fail('bad change section')
end
a = a + 4
for _ = 1, t do
  local op = ops[tonumber(ARGV[a])]
  if not op then
    return fail('change tag of no op: ' .. tostring(ARGV[a]))
  end
  op.tag = { ARGV[a + 1], ARGV[a + 2] }
  a = a + 3
end
local e = tonumber(ARGV[a])
local firstEvent = a + 1
if not e or a + e ~= #ARGV then
  return fail('expected ' .. tostring(e) .. ' entry events closing ' .. #ARGV .. ' arguments')
end
local tracking = changeMax > 0
if tracking then
  local bad = checkType(changes, 'stream')
  if bad then
    return bad
  end
end

-- change events --------------------------------------------------------------------------------------------------

local counts = { A = 0, I = 0, V = 0, P = 0, S = 0, O = 0, E = 0 }
local events = {} -- V, P, S, O texts, in op order
local q1 = {} -- A and I as { second, nano, I=0/A=1, text }, sorted before writing

local function num(x)
  return string.format('%.0f', x)
end

-- byte -> two lower-case hex digits; a table replacement is several times cheaper than a function per byte
local HEX = {}
for b = 0, 255 do
  HEX[string.char(b)] = string.format('%02x', b)
end

local function hex(s)
  return (string.gsub(s, '.', HEX))
end

local function emit(text)
  events[#events + 1] = text
  local letter = string.sub(text, 1, 1)
  counts[letter] = counts[letter] + 1
end

local function q1Event(letter, sensor, conn, sec, nano)
  q1[#q1 + 1] = { sec, nano, letter == 'I' and 0 or 1,
                  letter .. ' ' .. sensor .. ' ' .. hex(conn) .. ' ' .. num(sec) .. ' ' .. num(nano) }
  counts[letter] = counts[letter] + 1
end

-- A time is compared as (epoch second, nanosecond of second): both exact in a double, ns since the epoch is not.
local function le(s1, n1, s2, n2)
  return s1 < s2 or (s1 == s2 and n1 <= n2)
end

-- meta's µs text -> { second, nano }, nil when absent
local function clock(text)
  local us = tonumber(text)
  if not us then
    return nil
  end
  local s = math.floor(us / 1000000)
  local r = us - s * 1000000 -- exact: integers below 2^53; the quotient's rounding is corrected here
  if r < 0 then
    s, r = s - 1, r + 1000000
  elseif r >= 1000000 then
    s, r = s + 1, r - 1000000
  end
  return { s, r * 1000 }
end

-- 8-byte q1 value -> { first, last }, nil when absent
local function window(v)
  if v and #v == 8 then
    local first, last = struct.unpack('>I4I4', v)
    return { first, last }
  end
  return nil
end

local function q1Key(sensor, sec)
  return q1Prefix .. sensor .. ':' .. num(sec)
end

-- The shard's capture clock before the batch (meta newest); every second's I events are due once it passes them.
local oldClock
if tracking and metaKey then
  oldClock = clock(redis.call('HGET', metaKey, 'newest'))
end

-- q1 windows seen by this batch: touched[sensor][second] = { pre = { conn -> window or false }, batch = { ... } }
local touched = {}

-- Whether a window update whose first packet is at (sec, first) announces the connection as active. It does when
-- no packet of the connection lies in the second before: none earlier in this second, none in the previous second
-- at or after `first` (a packet exactly 1 s before keeps it active without a gap). It also does when such a packet
-- exists but came before this late batch and its activity was already announced over with an I: the end it had,
-- last + 1 s, is at or before the clock before the batch, and nothing else was known within the second after it.
local function becameActive(sensor, sec, conn, first, pre, prevPre, prevBatch)
  if prevBatch and prevBatch[2] >= first then
    return false -- this batch's own packet in the previous second: announced (or found active) there
  end
  local closedSec, closedNano
  if pre and pre[1] <= first then
    if pre[2] >= first then
      return false
    end
    closedSec, closedNano = sec + 1, pre[2]
  elseif prevPre and prevPre[2] >= first then
    if pre then
      return false -- a later packet in this second was already known: its announcements stand
    end
    closedSec, closedNano = sec, prevPre[2]
  else
    return true
  end
  if not oldClock or not le(closedSec, closedNano, oldClock[1], oldClock[2]) then
    return false
  end
  -- the next second is untouched so far (ascending seconds): what it held before the batch
  local nextPre = window(redis.call('HGET', q1Key(sensor, sec + 1), conn))
  return nextPre == nil or nextPre[1] > first
end

-- index writes ---------------------------------------------------------------------------------------------------

local function chunked(command, key, flag, from, to)
  for i = from, to, CHUNK do
    local j = math.min(i + CHUNK - 1, to)
    if flag then
      redis.call(command, key, flag, unpack(ARGV, i, j))
    else
      redis.call(command, key, unpack(ARGV, i, j))
    end
  end
end

local function mergeWindows(op)
  local key, from, to = op.key, op.from, op.to
  local tag = tracking and op.tag
  local sensor, sec, seen, prevSeen, prevKey
  if tag then
    sensor, sec = tag[1], tonumber(tag[2])
    touched[sensor] = touched[sensor] or {}
    seen = { pre = {}, batch = {} }
    touched[sensor][sec] = seen
    prevSeen = touched[sensor][sec - 1]
    prevKey = q1Key(sensor, sec - 1)
  end
  for i = from, to, CHUNK do
    local j = math.min(i + CHUNK - 1, to)
    local fields = {}
    for p = i, j, 2 do
      fields[#fields + 1] = ARGV[p]
    end
    local old = redis.call('HMGET', key, unpack(fields))
    local prev = tag and redis.call('HMGET', prevKey, unpack(fields))
    local set = {}
    for q = 1, #fields do
      local conn, value = fields[q], ARGV[i + 2 * q - 1]
      local pre, new = window(old[q]), window(value)
      if pre and new then
        value = struct.pack('>I4I4', math.min(pre[1], new[1]), math.max(pre[2], new[2]))
      end
      set[2 * q - 1] = conn
      set[2 * q] = value
      if tag and new then
        seen.pre[conn] = pre or false
        seen.batch[conn] = new
        local prevPre, prevBatch = window(prev[q]), nil
        if prevSeen and prevSeen.batch[conn] then
          prevPre, prevBatch = prevSeen.pre[conn] or nil, prevSeen.batch[conn]
        end
        if becameActive(sensor, sec, conn, new[1], pre, prevPre, prevBatch) then
          q1Event('A', sensor, conn, sec, new[1])
        end
      end
    end
    redis.call('HSET', key, unpack(set))
  end
end

local function meta(key, i)
  local current = redis.call('HMGET', key, 'oldest', 'newest')
  local oldest, newest = tonumber(current[1]), tonumber(current[2])
  -- compare as numbers, store the exact decimal text (tostring would round to 14 digits)
  if not oldest or tonumber(ARGV[i]) < oldest then
    redis.call('HSET', key, 'oldest', ARGV[i])
  end
  if not newest or tonumber(ARGV[i + 1]) > newest then
    redis.call('HSET', key, 'newest', ARGV[i + 1])
  end
  redis.call('HINCRBY', key, 'packets', ARGV[i + 2])
end

local function increments(op)
  local tag = tracking and op.tag
  local totals, minutes = {}, {}
  for p = op.from, op.to, 2 do
    local total = redis.call('HINCRBY', op.key, ARGV[p], ARGV[p + 1])
    local kind, minute = string.sub(ARGV[p], 1, 1), tonumber(string.sub(ARGV[p], 2))
    if tag and minute and (kind == 'p' or kind == 'b') then
      if not totals[minute] then
        totals[minute] = {}
        minutes[#minutes + 1] = minute
      end
      totals[minute][kind] = total
    end
  end
  for _, minute in ipairs(minutes) do
    local packets = totals[minute].p or tonumber(redis.call('HGET', op.key, 'p' .. num(minute))) or 0
    local bytes = totals[minute].b or tonumber(redis.call('HGET', op.key, 'b' .. num(minute))) or 0
    emit(tag[1] .. num(tonumber(tag[2]) + minute) .. ' ' .. num(packets) .. ' ' .. num(bytes))
  end
end

-- Adds a minute bucket's members, announcing with the tag's prefix each one it did not hold yet. Only members
-- missing (or, in a zset, held with another score) are added: the lookup already found the others, and adding
-- them again would change nothing but cost a second search each.
local function addNewMembers(op, sorted)
  for i = op.from, op.to, CHUNK do
    local j = math.min(i + CHUNK - 1, op.to)
    local members = {}
    for p = sorted and i + 1 or i, j, sorted and 2 or 1 do
      members[#members + 1] = ARGV[p]
    end
    local held = redis.call(sorted and 'ZMSCORE' or 'SMISMEMBER', op.key, unpack(members))
    local add = {}
    for q = 1, #members do
      if sorted then
        local score = ARGV[i + 2 * q - 2]
        if not held[q] then
          emit(op.tag[1] .. hex(members[q]))
        end
        if not held[q] or tonumber(held[q]) ~= tonumber(score) then
          add[#add + 1] = score
          add[#add + 1] = members[q]
        end
      elseif held[q] == 0 then
        emit(op.tag[1] .. hex(members[q]))
        add[#add + 1] = members[q]
      end
    end
    if #add > 0 then
      redis.call(sorted and 'ZADD' or 'SADD', op.key, unpack(add))
    end
  end
end

for _, op in ipairs(ops) do
  local code, key, from, to = op.code, op.key, op.from, op.to
  if code == 'S' then
    if tracking and op.tag then
      addNewMembers(op, false)
    else
      chunked('SADD', key, nil, from, to)
    end
  elseif code == 'Z' then
    if tracking and op.tag then
      addNewMembers(op, true)
    else
      chunked('ZADD', key, nil, from, to)
    end
  elseif code == 'L' then
    chunked('ZADD', key, 'LT', from, to)
  elseif code == 'G' then
    chunked('ZADD', key, 'GT', from, to)
  elseif code == 'I' then
    increments(op)
  elseif code == 'W' then
    mergeWindows(op)
  else
    meta(key, from)
  end
  if op.expire then
    redis.call('EXPIRE', key, ttl)
  end
end

for i = firstDead, firstDead + 4 * (d - 1), 4 do
  redis.call('XADD', dead, 'MAXLEN', '~', deadMax, '*',
      'id', ARGV[i], 'reason', ARGV[i + 1], 's', ARGV[i + 2], 'p', ARGV[i + 3])
end
if d > 0 then
  redis.call('EXPIRE', dead, ttl)
end

-- I events ---------------------------------------------------------------------------------------------------------

-- I at last + 1 s for each given connection of (sensor, sec) without a packet in the next second at or before then
local function closeIfQuiet(sensor, sec, conns, lasts)
  for i = 1, #conns, CHUNK do
    local j = math.min(i + CHUNK - 1, #conns)
    local following = redis.call('HMGET', q1Key(sensor, sec + 1), unpack(conns, i, j))
    for q = i, j do
      local after = window(following[q - i + 1])
      if not after or after[1] > lasts[q] then
        q1Event('I', sensor, conns[q], sec + 1, lasts[q])
      end
    end
  end
end

if tracking and metaKey then
  local newClock = clock(redis.call('HGET', metaKey, 'newest'))
  -- Each second is scanned once, by the commit whose clock advance (old, new] holds the ends (last + 1 s) it can
  -- have: seconds floor(old) - 1 ... floor(new) - 1.
  local scanFrom
  if oldClock and newClock and not le(newClock[1], newClock[2], oldClock[1], oldClock[2]) then
    scanFrom = math.max(oldClock[1] - 1, newClock[1] - MAX_SCAN_SECONDS)
    local sensors = redis.call('SMEMBERS', sensorsKey)
    table.sort(sensors)
    for sec = scanFrom, newClock[1] - 1 do
      for _, sensor in ipairs(sensors) do
        -- ends (sec + 1, last) in (old, new]: last in (low, high], the bounds taken from the clocks' seconds
        local low = (oldClock[1] == sec + 1) and oldClock[2] or (oldClock[1] < sec + 1 and -1 or 1e9)
        local high = (newClock[1] == sec + 1) and newClock[2] or (newClock[1] > sec + 1 and 1e9 or -1)
        local all = low < high and redis.call('HGETALL', q1Key(sensor, sec)) or {}
        local conns, lasts = {}, {}
        for p = 2, #all, 2 do
          local value = all[p]
          if #value == 8 then
            local last = struct.unpack('>I4', value, 5) -- per field: the hot loop of the scan
            if last > low and last <= high then
              conns[#conns + 1] = all[p - 1]
              lasts[#lasts + 1] = last
            end
          end
        end
        closeIfQuiet(sensor, sec, conns, lasts)
      end
    end
  end
  -- Late windows: a window whose end this batch moved to at or before the new clock, where the scan above did not
  -- look (the end is not after the old clock, or its second is older than the scan), is closed at once.
  for _, op in ipairs(ops) do
    if op.code == 'W' and op.tag and newClock then
      local sensor, sec = op.tag[1], tonumber(op.tag[2])
      local seen = touched[sensor][sec]
      local conns, lasts = {}, {}
      for p = op.from, op.to, 2 do
        local conn = ARGV[p]
        local new, pre = seen.batch[conn], seen.pre[conn]
        if new and (not pre or new[2] > pre[2]) and le(sec + 1, new[2], newClock[1], newClock[2]) then
          local scanned = scanFrom and sec >= scanFrom and not le(sec + 1, new[2], oldClock[1], oldClock[2])
          if not scanned then
            conns[#conns + 1] = conn
            lasts[#lasts + 1] = new[2]
          end
        end
      end
      closeIfQuiet(sensor, sec, conns, lasts)
    end
  end
end

-- the change entry ---------------------------------------------------------------------------------------------

if tracking then
  table.sort(q1, function(x, y)
    if x[1] ~= y[1] then
      return x[1] < y[1]
    elseif x[2] ~= y[2] then
      return x[2] < y[2]
    elseif x[3] ~= y[3] then
      return x[3] < y[3]
    end
    return x[4] < y[4]
  end)
  local all = {}
  for _, event in ipairs(q1) do
    all[#all + 1] = event[4]
  end
  for _, text in ipairs(events) do
    all[#all + 1] = text
  end
  for k = firstEvent, firstEvent + e - 1 do
    all[#all + 1] = ARGV[k]
    counts.E = counts.E + 1
  end
  for start = 1, #all, EVENTS_PER_ENTRY do
    local fields = {}
    for k = start, math.min(start + EVENTS_PER_ENTRY - 1, #all) do
      fields[#fields + 1] = tostring(k - start)
      fields[#fields + 1] = all[k]
    end
    redis.call('XADD', changes, 'MAXLEN', '~', changeMax, '*', unpack(fields))
  end
end

chunked('XACK', stream, group, firstId, firstId + n - 1)
return 'ok ' .. counts.A .. ' ' .. counts.I .. ' ' .. counts.V .. ' ' .. counts.P .. ' ' .. counts.S .. ' '
    .. counts.O .. ' ' .. counts.E
