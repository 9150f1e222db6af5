package io.partnerhub.gateway;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The gateway's public base URL for one request: the configured one; else, when forwarded headers are trusted,
 * what {@code Forwarded} (RFC 7239) or {@code X-Forwarded-Proto/Host/Port} say; else the request's own scheme and
 * {@code Host}. Never ends with a slash.
 */
final class PublicBaseUrl {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private PublicBaseUrl() {
    }

    /**
     * @param header    the request's header by name (null when absent)
     * @param scheme    the scheme the request arrived with
     * @param authority the request's {@code Host} (null when absent)
     * @param local     this server's own address, when the request names none
     */
    static String resolve(Optional<String> configured, boolean trustForwarded, Function<String, String> header,
                          String scheme, String authority, String local) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return stripSlash(configured.get().trim());
        }
        if (trustForwarded) {
            Optional<String> forwarded = fromForwarded(header.apply("Forwarded"));
            if (forwarded.isPresent()) {
                return forwarded.get();
            }
            Optional<String> xForwarded = fromXForwarded(header, scheme, authority);
            if (xForwarded.isPresent()) {
                return xForwarded.get();
            }
        }
        String host = authority != null && HOST.matcher(authority).matches() ? authority : local;
        return scheme(scheme) + "://" + host;
    }

    private static Optional<String> fromForwarded(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String proto = null;
        String host = null;
        for (String pair : value.split(",")[0].split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = unquote(pair.substring(eq + 1).trim());
            if (name.equals("proto")) {
                proto = v;
            } else if (name.equals("host")) {
                host = v;
            }
        }
        if (host == null || !HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of(scheme(proto == null ? "http" : proto) + "://" + host);
    }

    private static Optional<String> fromXForwarded(Function<String, String> header, String scheme, String authority) {
        String proto = first(header.apply("X-Forwarded-Proto"));
        String host = first(header.apply("X-Forwarded-Host"));
        String port = first(header.apply("X-Forwarded-Port"));
        if (proto == null && host == null) {
            return Optional.empty();
        }
        String s = scheme(proto != null ? proto : scheme);
        String h = host != null ? host : authority;
        if (h == null || !HOST.matcher(h).matches()) {
            return Optional.empty();
        }
        if (port != null && port.matches("[0-9]{1,5}") && !h.matches(".*:[0-9]+$")) {
            boolean defaultPort = (s.equals("https") && port.equals("443")) || (s.equals("http") && port.equals("80"));
            if (!defaultPort) {
                h = h + ":" + port;
            }
        }
        return Optional.of(s + "://" + h);
    }

    private static String scheme(String value) {
        return "https".equalsIgnoreCase(value) ? "https" : "http";
    }

    private static String first(String value) {
        if (value == null) {
            return null;
        }
        String first = value.split(",")[0].trim();
        return first.isEmpty() ? null : first;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
