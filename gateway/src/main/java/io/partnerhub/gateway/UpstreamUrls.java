package io.partnerhub.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Absolute URLs that a service wrote with its own address ({@code http://127.0.0.1:8081/api/v1/...}) made public:
 * the origin part is replaced by the gateway's public base URL, path, query and fragment are kept. URLs of any other
 * origin, and relative ones, are left alone.
 */
final class UpstreamUrls {

    /** Response headers that carry URLs (Link carries several, each in angle brackets). */
    static final List<String> URL_HEADERS = List.of("Location", "Content-Location");
    private static final Pattern LINK_TARGET = Pattern.compile("<([^>]*)>");

    private final List<String> origins = new ArrayList<>();

    UpstreamUrls(Collection<String> serviceUrls) {
        for (String url : serviceUrls) {
            URI uri = URI.create(url);
            String scheme = uri.getScheme().toLowerCase();
            String origin = scheme + "://" + uri.getHost();
            int defaultPort = scheme.equals("https") ? 443 : 80;
            if (uri.getPort() < 0 || uri.getPort() == defaultPort) {
                origins.add(origin);
                origins.add(origin + ":" + defaultPort);
            } else {
                origins.add(origin + ":" + uri.getPort());
            }
        }
    }

    String rewrite(String url, String publicBase) {
        if (url == null) {
            return null;
        }
        for (String origin : origins) {
            if (url.regionMatches(true, 0, origin, 0, origin.length())) {
                if (url.length() == origin.length()) {
                    return publicBase;
                }
                char next = url.charAt(origin.length());
                if (next == '/' || next == '?' || next == '#') {
                    return publicBase + url.substring(origin.length());
                }
            }
        }
        return url;
    }

    String rewriteLinks(String link, String publicBase) {
        if (link == null) {
            return null;
        }
        Matcher targets = LINK_TARGET.matcher(link);
        StringBuilder out = new StringBuilder();
        while (targets.find()) {
            targets.appendReplacement(out, Matcher.quoteReplacement("<" + rewrite(targets.group(1), publicBase) + ">"));
        }
        targets.appendTail(out);
        return out.toString();
    }
}
