package io.partnerhub.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UpstreamsTest {

    final AtomicLong now = new AtomicLong(1_000_000);

    Upstreams three() {
        return new Upstreams("http://a:8081, http://b:8081,http://c:8081", "http://a:9081,http://b:9081,http://c:9081", 5000, now::get);
    }

    static List<String> take(Upstreams upstreams, int n) {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            taken.add(upstreams.next(List.of()).url);
        }
        return taken;
    }

    @Test
    void oneUrlIsOneInstanceAsBefore() {
        Upstreams one = new Upstreams("http://customers-service:8081", "http://customers-service:9081", 5000, now::get);
        assertEquals(1, one.instances().size());
        assertEquals("customers-service:8081", one.instances().get(0).authority.toString());
        assertEquals("http://customers-service:9081/q/health/ready", one.instances().get(0).readinessUrl);
        assertEquals(List.of("http://customers-service:8081", "http://customers-service:8081"), take(one, 2));
    }

    @Test
    void instancesAreTakenInTurn() {
        assertEquals(List.of("http://a:8081", "http://b:8081", "http://c:8081", "http://a:8081"), take(three(), 4));
    }

    @Test
    void anInstanceThatRefusedIsPassedOverForAWhile() {
        Upstreams upstreams = three();
        upstreams.connectFailed(upstreams.instances().get(1));
        assertEquals(List.of("http://a:8081", "http://c:8081", "http://c:8081", "http://a:8081"), take(upstreams, 4));
        now.addAndGet(5000);
        assertEquals(List.of("http://b:8081", "http://c:8081", "http://a:8081"), take(upstreams, 3));
    }

    @Test
    void anInstanceNotReadyIsPassedOverUntilReady() {
        Upstreams upstreams = three();
        upstreams.markReady(upstreams.instances().get(0), false);
        assertEquals(List.of("http://b:8081", "http://b:8081", "http://c:8081", "http://b:8081"), take(upstreams, 4));
        upstreams.markReady(upstreams.instances().get(0), true);
        assertEquals(List.of("http://b:8081", "http://c:8081", "http://a:8081"), take(upstreams, 3));
    }

    @Test
    void whenNoneIsUsableTheyAreStillTakenInTurn() {
        Upstreams upstreams = three();
        upstreams.instances().forEach(upstreams::connectFailed);
        assertEquals(List.of("http://a:8081", "http://b:8081", "http://c:8081"), take(upstreams, 3));
    }

    @Test
    void aTriedInstanceIsNotTakenAgain() {
        Upstreams upstreams = three();
        Upstreams.Instance a = upstreams.instances().get(0);
        Upstreams.Instance b = upstreams.instances().get(1);
        assertEquals("http://b:8081", upstreams.next(List.of(a)).url);
        assertEquals("http://c:8081", upstreams.next(List.of(a, b)).url);
        assertNull(upstreams.next(upstreams.instances()));
    }

    @Test
    void managementUrlsNotOnePerInstanceProbeTheBaseUrls() {
        Upstreams upstreams = new Upstreams("http://a:8081,http://b:8081", "http://a:9081", 5000, now::get);
        assertEquals("http://a:8081/q/health/ready", upstreams.instances().get(0).readinessUrl);
        assertEquals(false, upstreams.managed());
        assertEquals(true, three().managed());
        assertEquals(List.of("http://a:8081", "http://b:8081", "http://c:8081"),
                Upstreams.allUrls(List.of("http://a:8081, http://b:8081", "http://c:8081")));
    }
}
