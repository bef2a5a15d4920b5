-- packetstream capture agent: appends one batch of packets to its shard stream at most once per
-- (publisher, sequence), so a batch sent again after a lost reply is not stored twice.
-- Both keys carry the shard's hash tag, so it runs on Redis Cluster too.
--
-- KEYS[1]  the shard's packet stream             <ns>:{k}:packets
-- KEYS[2]  the shard's publishers hash            <ns>:{k}:publishers  (field = publisher id, value = last sequence)
-- ARGV[1]  publisher id (one per agent run)
-- ARGV[2]  sequence number of this batch on this shard for this publisher: 1, 2, 3, ...
-- ARGV[3]  MAXLEN (~) of the stream
-- ARGV[4]  sensor id          (entry field s)
-- ARGV[5]  encoded packets    (entry field p)
-- ARGV[6]  TTL of the publishers hash in seconds, refreshed on every append
-- ARGV[7]  '1' to accept any sequence above the stored one (the publisher knows every earlier batch was
--          acknowledged, so a gap means Redis lost the stored sequence); otherwise only the next one
--
-- Returns {1, entry id} when appended; {0, stored} when this sequence was already appended (nothing done);
-- {-1, stored} when an earlier sequence is still missing (nothing done; the publisher sends that one first).

local seq = tonumber(ARGV[2])
local stored = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if seq <= stored then
    return {0, stored}
end
if seq ~= stored + 1 and ARGV[7] ~= '1' then
    return {-1, stored}
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 's', ARGV[4], 'p', ARGV[5])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[6])
return {1, id}
