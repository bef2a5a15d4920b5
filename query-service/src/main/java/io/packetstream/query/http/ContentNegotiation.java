package io.packetstream.query.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the response format from an {@code Accept} header: the producible format with the highest quality, each
 * format taking the quality of the most specific media range that matches it ({@code type/sub} over
 * {@code type/*} over {@code *}{@code /*}); on a tie the range listed first wins, then the route's own order.
 * No header (or an empty one) means the route's default. A format that must be asked for by name
 * ({@link Format#explicitOnly()}) ignores wildcard ranges.
 */
final class ContentNegotiation {

    private ContentNegotiation() {
    }

    /** @return the format to send, or empty when the client accepts none the route produces (406) */
    static Optional<Format> select(String accept, List<Format> producible) {
        if (accept == null || accept.isBlank()) {
            return producible.stream().filter(f -> !f.explicitOnly()).findFirst();
        }
        List<MediaRange> ranges = MediaRange.parseAll(accept);
        Format best = null;
        double bestQuality = 0;
        int bestPosition = Integer.MAX_VALUE;
        for (Format format : producible) {
            int position = -1;
            int specificity = -1;
            double quality = 0;
            for (int i = 0; i < ranges.size(); i++) {
                MediaRange r = ranges.get(i);
                int s = r.specificity(format.mediaType());
                if (format.explicitOnly() && s < 2) {
                    continue;
                }
                if (s > specificity) {
                    specificity = s;
                    quality = r.quality();
                    position = i;
                }
            }
            if (specificity >= 0 && quality > 0
                    && (quality > bestQuality || (quality == bestQuality && position < bestPosition))) {
                best = format;
                bestQuality = quality;
                bestPosition = position;
            }
        }
        return Optional.ofNullable(best);
    }

    /** One element of an Accept header. */
    record MediaRange(String type, String subtype, double quality) {

        static List<MediaRange> parseAll(String header) {
            return java.util.Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(MediaRange::parse).flatMap(Optional::stream).toList();
        }

        static Optional<MediaRange> parse(String text) {
            // -1 keeps empty parts: ";" alone must be one empty (so invalid) range, not zero parts
            String[] parts = text.split(";", -1);
            String[] type = parts[0].trim().toLowerCase(Locale.ROOT).split("/", -1);
            if (type.length != 2 || type[0].isEmpty() || type[1].isEmpty()) {
                return Optional.empty();
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=") || p.startsWith("Q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            return Optional.of(new MediaRange(type[0], type[1], Math.max(0, Math.min(1, q))));
        }

        /** @return 2 for an exact match, 1 for {@code type/*}, 0 for {@code *}{@code /*}, -1 for no match */
        int specificity(String mediaType) {
            int slash = mediaType.indexOf('/');
            String t = mediaType.substring(0, slash);
            String s = mediaType.substring(slash + 1);
            if (type.equals("*") && subtype.equals("*")) {
                return 0;
            }
            if (!type.equals(t)) {
                return -1;
            }
            if (subtype.equals("*")) {
                return 1;
            }
            return subtype.equals(s) ? 2 : -1;
        }
    }
}
