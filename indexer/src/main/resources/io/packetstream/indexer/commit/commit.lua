-- packetstream indexer: applies one batch of stream entries atomically -- its index writes, its dead letters and
-- its XACK -- or nothing at all. Every key it touches carries the shard's hash tag, so it runs on Redis Cluster too.
--
-- KEYS[1]    the shard's packet stream
-- KEYS[2]    the shard's dead-letter stream
-- KEYS[2+i]  the index key of the i-th write op
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
-- Arguments after the ops are reserved for the next section (change events, issue 3).
--
-- Returns 'ok', or 'stale' (and changes nothing) when an entry is no longer pending for this consumer: another
-- consumer claimed it and will apply it. All checks run before the first write, so an error reply leaves nothing
-- half-applied.

local stream, dead = KEYS[1], KEYS[2]
local group, consumer, ttl, deadMax = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local CHUNK = 500 -- arguments per call: far below Lua's unpack limit, and even so pairs stay whole

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
        .. ', not a ' .. expected .. '; nothing applied')
  end
end

local ops = {}
for i = 1, w do
  local token = ARGV[a]
  local code, count = string.sub(token, 1, 1), tonumber(string.sub(token, 2))
  if not TYPES[code] or not count or a + count > #ARGV then
    return redis.error_reply('ERR packetstream commit: bad op token ' .. tostring(token) .. '; nothing applied')
  end
  local bad = checkType(KEYS[2 + i], TYPES[code])
  if bad then
    return bad
  end
  ops[i] = { code, KEYS[2 + i], a + 1, a + count }
  a = a + count + 1
end
if d > 0 then
  local bad = checkType(dead, 'stream')
  if bad then
    return bad
  end
end

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

local function mergeWindows(key, from, to)
  for i = from, to, CHUNK do
    local j = math.min(i + CHUNK - 1, to)
    local fields = {}
    for p = i, j, 2 do
      fields[#fields + 1] = ARGV[p]
    end
    local old = redis.call('HMGET', key, unpack(fields))
    local set = {}
    for q = 1, #fields do
      local window = ARGV[i + 2 * q - 1]
      local o = old[q]
      if o and #o == 8 then
        local f1, l1 = struct.unpack('>I4I4', o)
        local f2, l2 = struct.unpack('>I4I4', window)
        window = struct.pack('>I4I4', math.min(f1, f2), math.max(l1, l2))
      end
      set[2 * q - 1] = fields[q]
      set[2 * q] = window
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

for _, op in ipairs(ops) do
  local code, key, from, to = op[1], op[2], op[3], op[4]
  if code == 'S' then
    chunked('SADD', key, nil, from, to)
  elseif code == 'Z' then
    chunked('ZADD', key, nil, from, to)
  elseif code == 'L' then
    chunked('ZADD', key, 'LT', from, to)
  elseif code == 'G' then
    chunked('ZADD', key, 'GT', from, to)
  elseif code == 'I' then
    for p = from, to, 2 do
      redis.call('HINCRBY', key, ARGV[p], ARGV[p + 1])
    end
  elseif code == 'W' then
    mergeWindows(key, from, to)
  else
    meta(key, from)
  end
  redis.call('EXPIRE', key, ttl)
end

for i = firstDead, firstDead + 4 * (d - 1), 4 do
  redis.call('XADD', dead, 'MAXLEN', '~', deadMax, '*',
      'id', ARGV[i], 'reason', ARGV[i + 1], 's', ARGV[i + 2], 'p', ARGV[i + 3])
end
if d > 0 then
  redis.call('EXPIRE', dead, ttl)
end

-- issue 3: change events (XADD to the shard's changes stream) go here, from the section after the ops

chunked('XACK', stream, group, firstId, firstId + n - 1)
return 'ok'
