package io.partnerhub.subscriptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests can set; replaces the platform's default Clock bean. Unset, it is the system clock. */
public class TestClock extends Clock {

    private static volatile Instant fixed;

    public static void set(LocalDate date) {
        fixed = date.atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    public static void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    @ApplicationScoped
    public static class Producer {
        @Produces
        @Singleton
        Clock clock() {
            return new TestClock();
        }
    }
}
