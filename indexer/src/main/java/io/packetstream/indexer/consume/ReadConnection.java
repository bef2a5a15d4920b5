package io.packetstream.indexer.consume;

import io.packetstream.core.redis.RedisConnection;

/**
 * The read connection of one consumer loop, opened on first use and again after it dropped. Used from the loop's
 * read thread; {@link #close()} may come from any thread.
 */
final class ReadConnection implements AutoCloseable {

    private final ReadClient client;
    private RedisConnection connection;
    private StreamCommands commands;
    private boolean closed;

    ReadConnection(ReadClient client) {
        this.client = client;
    }

    /** @return commands on an open connection, connecting if needed */
    synchronized StreamCommands commands() {
        if (closed) {
            throw new IllegalStateException("the read connection is closed");
        }
        if (connection == null || !connection.isOpen()) {
            // a dropped connection of a client without auto-reconnect is closed already
            connection = client.connect();
            commands = new StreamCommands(connection);
        }
        return commands;
    }

    /**
     * Drops the connection after a failure, so the next read opens a new one: a cluster connection stays open as a
     * whole while the socket to one node is gone, and without reconnection that socket would stay gone.
     */
    synchronized void reset() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null && connection.isOpen()) {
            connection.close();
        }
    }
}
