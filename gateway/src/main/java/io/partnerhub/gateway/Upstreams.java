package io.partnerhub.gateway;

import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The instances of one service behind the gateway ({@code partnerhub.gateway.services.<name>}: one base URL, or
 * several separated by commas), taken in turn (round-robin). An instance that refused a connection is passed over
 * for {@code skipMillis} (passive health), and one whose readiness answered DOWN until it answers UP again (active
 * health, {@link #markReady}, where the instances' management URLs are configured, one per instance); when every
 * instance is passed over, all are taken in turn again rather than none.
 */
final class Upstreams {

    /** One instance: where to connect, the {@code Host} it is called with, and its readiness URL. */
    static final class Instance {
        final String url;
        final SocketAddress address;
        final HostAndPort authority;
        final String readinessUrl;
        private volatile long skipUntil;
        private volatile boolean ready = true;

        Instance(String url, String managementUrl) {
            this.url = url;
            URI uri = URI.create(url);
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
            this.address = SocketAddress.inetSocketAddress(port, uri.getHost());
            this.authority = HostAndPort.create(uri.getHost(), port);
            this.readinessUrl = strip(managementUrl) + "/q/health/ready";
        }

        boolean usable(long now) {
            return ready && now >= skipUntil;
        }

        @Override
        public String toString() {
            return url;
        }
    }

    private final List<Instance> instances;
    private final boolean managed;
    private final AtomicInteger turn = new AtomicInteger();
    private final long skipMillis;
    private final LongSupplier clock;

    /**
     * @param urls            the service's base URLs, comma-separated
     * @param managementUrls  their management interfaces in the same order (comma-separated), or {@code null}: each
     *                        instance's readiness is then probed at its base URL
     */
    Upstreams(String urls, String managementUrls, long skipMillis, LongSupplier clock) {
        List<String> bases = split(urls);
        List<String> management = managementUrls == null ? List.of() : split(managementUrls);
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no upstream URL in '" + urls + "'");
        }
        List<Instance> list = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            // one management URL for one instance, else one per instance; otherwise each is probed at its base URL
            String probe = management.size() == bases.size() ? management.get(i) : bases.get(i);
            list.add(new Instance(bases.get(i), probe));
        }
        this.instances = List.copyOf(list);
        this.managed = management.size() == bases.size();
        this.skipMillis = skipMillis;
        this.clock = clock;
    }

    static List<String> split(String urls) {
        return Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Every base URL of every service's instances (for recognising the services' own absolute URLs). */
    static List<String> allUrls(Collection<String> configured) {
        return configured.stream().flatMap(urls -> split(urls).stream()).toList();
    }

    List<Instance> instances() {
        return instances;
    }

    /** Whether each instance's management interface is known (one management URL per instance): its readiness can be asked. */
    boolean managed() {
        return managed;
    }

    /**
     * The next instance in turn that is usable and not among {@code tried}; when none is usable, the next one not
     * tried; {@code null} when every instance was tried.
     */
    Instance next(Collection<Instance> tried) {
        int size = instances.size();
        int start = Math.floorMod(turn.getAndIncrement(), size);
        long now = clock.getAsLong();
        Instance fallback = null;
        for (int i = 0; i < size; i++) {
            Instance candidate = instances.get((start + i) % size);
            if (tried.contains(candidate)) {
                continue;
            }
            if (candidate.usable(now)) {
                return candidate;
            }
            if (fallback == null) {
                fallback = candidate;
            }
        }
        return fallback;
    }

    /** The instance refused a connection: passed over for a while. */
    void connectFailed(Instance instance) {
        instance.skipUntil = clock.getAsLong() + skipMillis;
    }

    /** What the instance's readiness answered last. */
    void markReady(Instance instance, boolean ready) {
        instance.ready = ready;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
