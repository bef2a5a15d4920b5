-- packetstream indexer, --replay-dead-letters: moves one dead letter back into its shard's packet stream, as a new
-- entry with the fields an agent writes, and deletes it from the dead letters, in one step (both keys carry the
-- shard's hash tag), so a replay interrupted anywhere never moves a letter twice.
-- KEYS[1] the packet stream, KEYS[2] the dead-letter stream; ARGV[1] the dead letter's id, ARGV[2] sensor, ARGV[3] payload
-- Returns 1 when moved, 0 when the dead letter is gone already.
if redis.call('XDEL', KEYS[2], ARGV[1]) == 0 then
  return 0
end
redis.call('XADD', KEYS[1], '*', 's', ARGV[2], 'p', ARGV[3])
return 1
