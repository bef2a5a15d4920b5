package io.packetstream.core.cli;

import io.packetstream.core.PacketstreamException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Objects;

/**
 * Turns a failure to listen on a port into one line that says what to do: the first-hour mistakes are a port
 * another program holds, a port below 1024 without root, and a host that is no address of this machine.
 */
public final class ListenFailure {

    private ListenFailure() {
    }

    /**
     * @param what     what was to listen, e.g. "the metrics endpoint"
     * @param host     the address asked for
     * @param port     the port asked for
     * @param hostFlag the flag that sets the address, e.g. "--metrics-host"
     * @param portFlag the flag that sets the port, e.g. "--metrics-port"
     * @param error    what binding threw; never {@code null}
     * @return the exception to throw, naming the cause and the remedy
     */
    public static PacketstreamException of(String what, String host, int port, String hostFlag, String portFlag,
                                           Throwable error) {
        Objects.requireNonNull(error, "error");
        String cause = reason(host, port, error);
        String lower = cause.toLowerCase(java.util.Locale.ROOT);
        String remedy;
        if (lower.contains("already in use")) {
            remedy = "port " + port + " is taken (another packetstream program, or an earlier one still running?): "
                    + "choose another with " + portFlag + ", or 0 for any free port";
        } else if (lower.contains("permission denied")) {
            remedy = "ports below 1024 need root: choose a port from 1024 up with " + portFlag;
        } else if (lower.contains("cannot assign requested address") || lower.contains("unresolved")) {
            remedy = "'" + host + "' is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its "
                    + "addresses with " + hostFlag;
        } else {
            remedy = cause;
        }
        return new PacketstreamException("cannot listen on " + host + ":" + port + " for " + what + ": " + remedy,
                error);
    }

    /**
     * Reactor Netty drops the cause of a failed bind ("Failed to bind on [host:port]" and nothing else), so the
     * reason is asked of the operating system again with a plain socket; the system's words are kept otherwise.
     */
    private static String reason(String host, int port, Throwable error) {
        String message = rootMessage(error);
        if (!message.startsWith("Failed to bind")) {
            return message;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return message; // free again by now
        } catch (IOException | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof BindException)) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }
}
