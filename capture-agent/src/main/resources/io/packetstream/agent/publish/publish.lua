-- packetstream capture agent: appends one batch of packets to its shard stream at most once per
-- (publisher, sequence), so a batch sent again after a lost reply is not stored twice, and never lets trimming
-- remove an entry the consumer group has not acknowledged.
-- Both keys carry the shard's hash tag, so it runs on Redis Cluster too.
--
-- KEYS[1]  the shard's packet stream             <ns>:{k}:packets
-- KEYS[2]  the shard's publishers hash            <ns>:{k}:publishers  (field = publisher id, value = last sequence;
--                                                 field ':unacked' = bound on the stream's unacknowledged entries)
-- ARGV[1]  publisher id
-- ARGV[2]  sequence number of this batch on this shard for this publisher: 1, 2, 3, ...
-- ARGV[3]  cap: entries kept per stream, and the most it may hold that the group has not acknowledged
-- ARGV[4]  sensor id          (entry field s)
-- ARGV[5]  encoded packets    (entry field p)
-- ARGV[6]  TTL of the publishers hash in seconds, refreshed on every append
-- ARGV[7]  '1' to accept any sequence above the stored one (the publisher knows every earlier batch was
--          acknowledged, so a gap means Redis lost the stored sequence); otherwise only the next one
-- ARGV[8]  '1' to read the consumer group's position now (the agent asks at most every few hundred ms per shard)
-- ARGV[9]  the consumer group's name
-- ARGV[10] '1' to drop the batch when the stream is at its cap (live capture), '0' to refuse it (file replay)
--
-- The bound ':unacked' is the group's pending + lag (XINFO GROUPS) when last read, plus one per append since:
-- never below the true count. While it is below the cap, MAXLEN ~ cap only removes entries older than the cap
-- newest ones, all acknowledged. Without a group (no indexer ever started) nothing is acknowledged: the whole
-- stream counts, and nothing is trimmed.
--
-- Returns {1, entry id} when appended; {0, stored} when this sequence was already appended (nothing done);
-- {-1, stored} when an earlier sequence is still missing (nothing done; the publisher sends that one first);
-- {-2, unacked} when the stream holds cap entries not yet acknowledged (nothing appended; with ARGV[10] = '1'
-- the sequence is used up, so the batch is dropped for good).

local seq = tonumber(ARGV[2])
local stored = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if seq <= stored then
    return {0, stored}
end
if seq ~= stored + 1 and ARGV[7] ~= '1' then
    return {-1, stored}
end
local cap = tonumber(ARGV[3])
-- ':unacked' >= 0: the group's bound; < 0: no group (or no lag), -1 - value entries held, all unacknowledged
local cached = redis.call('HGET', KEYS[2], ':unacked')
local unacked = tonumber(cached or '0')
if ARGV[8] == '1' or not cached then
    unacked = -1
    if redis.call('EXISTS', KEYS[1]) == 1 then
        for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
            local g = {}
            for i = 1, #group, 2 do
                g[group[i]] = group[i + 1]
            end
            if g['name'] == ARGV[9] then
                -- lag is nil on Redis before 7 or after XDEL: then count every entry held, as without a group
                if type(g['lag']) == 'number' then
                    unacked = g['pending'] + g['lag']
                end
            end
        end
    end
    if unacked < 0 then
        unacked = -1 - redis.call('XLEN', KEYS[1])
    end
end
local held = unacked < 0 and -1 - unacked or unacked
if held >= cap then
    redis.call('HSET', KEYS[2], ':unacked', unacked)
    if ARGV[10] == '1' then
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
    end
    return {-2, held}
end
local id
if unacked < 0 then
    id = redis.call('XADD', KEYS[1], '*', 's', ARGV[4], 'p', ARGV[5])
    unacked = unacked - 1
else
    id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', cap, '*', 's', ARGV[4], 'p', ARGV[5])
    unacked = unacked + 1
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2], ':unacked', unacked)
redis.call('EXPIRE', KEYS[2], ARGV[6])
return {1, id}
