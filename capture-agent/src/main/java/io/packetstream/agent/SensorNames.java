package io.packetstream.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The default sensor id: the host name, made fit for {@code KeySchema.checkName} (letters, digits, '.', '_',
 * '-', at most 64).
 */
final class SensorNames {

    static final String FALLBACK = "sensor";

    private SensorNames() {
    }

    static String defaultSensor() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = FALLBACK;
            }
        }
        return sanitise(host);
    }

    /** @return {@code name} with every other character replaced by '-', cut to 64; {@value #FALLBACK} if empty */
    static String sanitise(String name) {
        String cleaned = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (cleaned.length() > 64) {
            cleaned = cleaned.substring(0, 64);
        }
        return cleaned.isEmpty() ? FALLBACK : cleaned;
    }
}
