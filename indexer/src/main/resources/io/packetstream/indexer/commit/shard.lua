-- packetstream indexer: every step of a commit that changes the shard, each guarded by the shard's lease so that
-- an indexer that lost its shard (paused past the lease, cut off, or its commands re-sent by the client after a
-- reconnect) can no longer change anything. The index writes themselves are computed by the indexer (docs/
-- architecture.md, "Committing a batch"); W only runs them, a few dozen per call, once it has checked the lease.
-- Every key carries the shard's hash tag. The argument layout is ShardCall.java.
--
-- KEYS[1] the shard's lease (string: owner token), KEYS[2] the shard's journal (hash: b = batch id, n = parts,
-- w, w2, w3, ... = its parts),
-- KEYS[3] the packet stream, KEYS[4] the dead-letter stream, KEYS[5...] the keys W writes
-- ARGV[1] op, ARGV[2] owner token, then the op's arguments:
--   L ttl-ms                take the lease if it is free or ours, and (re)start its time          -> 1, or 0
--   K ttl-ms                renew the lease if it is still ours (never take a lease that ran out) -> 1, or 0
--   R                       give the lease up if it is ours                                       -> 1, or 0
--   J batch-id field bytes parts
--                           store a part of the batch's journal (its writes, absolute and idempotent) in field;
--                           parts > 0 on the last part: once the journal holds that many parts, name the batch
--                           (b) and its parts (n), which commits it -> 1; an error when parts are missing; or 0
--   A batch-id group ttl-s dead-max n ids... d (id reason sensor payload)...
--                           if the journal is this batch's: append the dead letters, XACK the ids
--                           and drop the journal -> 1; 2 when the journal is gone (already acked); or 0
--   W n (command key-index m arg1..argm)...
--                           run n index writes (key = KEYS[key-index]) -> {1, i1, error1, i2, error2, ...}: the
--                           writes Redis refused (1-based, with the error), the others applied; or 0
-- 0 always means: the lease is not this owner's, nothing changed.

local lease, journal, stream, dead = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local op, owner = ARGV[1], ARGV[2]
if not ({ L = true, K = true, R = true, J = true, A = true, W = true })[op] then
  return redis.error_reply('ERR packetstream shard script: unknown op ' .. tostring(op))
end
local holder = redis.call('GET', lease)

if op == 'L' then
  if holder and holder ~= owner then
    return 0
  end
  redis.call('SET', lease, owner, 'PX', ARGV[3])
  return 1
end
if holder ~= owner then
  return 0
end
if op == 'K' then
  redis.call('PEXPIRE', lease, ARGV[3])
  return 1
elseif op == 'R' then
  redis.call('DEL', lease)
  return 1
elseif op == 'W' then
  local result, i = { 1 }, 4
  for w = 1, tonumber(ARGV[3]) do
    local m = tonumber(ARGV[i + 2])
    local reply = redis.pcall(ARGV[i], KEYS[tonumber(ARGV[i + 1])], unpack(ARGV, i + 3, i + 2 + m))
    if type(reply) == 'table' and reply.err then
      result[#result + 1] = w
      result[#result + 1] = reply.err
    end
    i = i + 3 + m
  end
  return result
elseif op == 'J' then
  redis.call('HSET', journal, ARGV[4], ARGV[5])
  local parts = tonumber(ARGV[6])
  if parts > 0 then
    if redis.call('HLEN', journal) ~= parts then
      return redis.error_reply('ERR packetstream shard script: the journal of ' .. ARGV[3] .. ' lacks parts')
    end
    redis.call('HSET', journal, 'b', ARGV[3], 'n', parts)
  end
  return 1
else -- 'A'
  if redis.call('HGET', journal, 'b') ~= ARGV[3] then
    return 2
  end
  local group, ttl, deadMax = ARGV[4], ARGV[5], ARGV[6]
  local n = tonumber(ARGV[7])
  local d = tonumber(ARGV[8 + n])
  for i = 9 + n, 8 + n + 4 * d, 4 do
    redis.call('XADD', dead, 'MAXLEN', '~', deadMax, '*',
        'id', ARGV[i], 'reason', ARGV[i + 1], 's', ARGV[i + 2], 'p', ARGV[i + 3])
  end
  if d > 0 then
    redis.call('EXPIRE', dead, ttl)
  end
  if n > 0 then
    redis.call('XACK', stream, group, unpack(ARGV, 8, 7 + n))
  end
  redis.call('DEL', journal)
  return 1
end
