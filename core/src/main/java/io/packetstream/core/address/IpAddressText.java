package io.packetstream.core.address;

/**
 * Parses and prints IP literals; the JDK's {@code InetAddress} would resolve host names and prints
 * IPv6 uncompressed, neither of which an API may do.
 */
final class IpAddressText {

    private IpAddressText() {
    }

    static IpAddress parse(String text) {
        byte[] bytes = text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text, 0, text.length());
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
        }
        return IpAddress.of(bytes);
    }

    private static byte[] parseIpv4(String text, int start, int end) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = start; i <= end; i++) {
            char c = i == end ? '.' : text.charAt(i);
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                if (value == 0) {
                    return null; // leading zeros are ambiguous (octal in some parsers)
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (doubleColon < 0) {
            headCount = groups(text, 0, text.length(), head, true);
            if (headCount != 8) {
                return null;
            }
        } else {
            headCount = doubleColon == 0 ? 0 : groups(text, 0, doubleColon, head, false);
            tailCount = doubleColon + 2 == text.length() ? 0 : groups(text, doubleColon + 2, text.length(), tail, true);
            if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
                return null;
            }
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headCount; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tailCount; i++) {
            int g = 8 - tailCount + i;
            out[2 * g] = (byte) (tail[i] >> 8);
            out[2 * g + 1] = (byte) tail[i];
        }
        return out;
    }

    /** Reads colon-separated hex groups; the last may be a dotted quad (two groups). Returns the count or -1. */
    private static int groups(String text, int start, int end, int[] out, boolean allowIpv4Tail) {
        int count = 0;
        int groupStart = start;
        for (int i = start; i <= end; i++) {
            if (i < end && text.charAt(i) != ':') {
                continue;
            }
            if (i == groupStart || count == 8) {
                return -1;
            }
            String group = text.substring(groupStart, i);
            if (group.indexOf('.') >= 0) {
                byte[] v4 = allowIpv4Tail && i == end ? parseIpv4(group, 0, group.length()) : null;
                if (v4 == null || count > 6) {
                    return -1;
                }
                out[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
            } else {
                if (group.length() > 4) {
                    return -1;
                }
                int value = 0;
                for (int k = 0; k < group.length(); k++) {
                    int digit = Character.digit(group.charAt(k), 16);
                    if (digit < 0) {
                        return -1;
                    }
                    value = value * 16 + digit;
                }
                out[count++] = value;
            }
            groupStart = i + 1;
        }
        return count;
    }

    static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        // RFC 5952: compress the longest run (first on a tie) of two or more zero groups
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            sb.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
