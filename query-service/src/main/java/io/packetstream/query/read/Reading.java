package io.packetstream.query.read;

import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import io.packetstream.core.keys.KeySchema;

/**
 * What a question needs to read its answer: the connection, where the data lives, and the readers' settings.
 */
record Reading(RedisClusterReactiveCommands<String, byte[]> redis, Topology topology, KeySchema keys, ReadSizes sizes,
               IndexFailures failures, PacketScanReader packets) {
}
