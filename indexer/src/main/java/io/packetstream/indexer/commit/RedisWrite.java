package io.packetstream.indexer.commit;

import io.lettuce.core.protocol.CommandType;

import java.util.List;
import java.util.Objects;

/**
 * One index write of a batch as it goes to Redis: a command on one key with its arguments. Every write a commit
 * makes is idempotent (absolute values, set additions, keep-the-lowest/highest scores, change entries with explicit
 * ids), so applying a journal twice leaves Redis as applying it once.
 *
 * @param command the command
 * @param key     its key
 * @param args    what follows the key
 */
record RedisWrite(CommandType command, String key, List<byte[]> args) {

    RedisWrite {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }
}
