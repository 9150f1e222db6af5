package io.partnerhub.subscriptions;

import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.subscriptions.service.LifecycleRules;
import io.partnerhub.subscriptions.service.LifecycleRules.TermEnd;
import io.partnerhub.subscriptions.service.LifecycleRules.Transition;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

import static io.partnerhub.subscriptions.SubscriptionStatus.ACTIVE;
import static io.partnerhub.subscriptions.SubscriptionStatus.CANCELLED;
import static io.partnerhub.subscriptions.SubscriptionStatus.CONVERTED;
import static io.partnerhub.subscriptions.SubscriptionStatus.EXPIRED;
import static io.partnerhub.subscriptions.SubscriptionStatus.ORDER_READY;
import static io.partnerhub.subscriptions.SubscriptionStatus.SUSPENDED;
import static io.partnerhub.subscriptions.SubscriptionType.SUBSCRIPTION;
import static io.partnerhub.subscriptions.SubscriptionType.TRIAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The state machine as pure rules. */
class LifecycleRulesTest {

    @Test
    void legalSubscriptionTransitions() {
        assertEquals(ACTIVE, LifecycleRules.next(SUBSCRIPTION, ORDER_READY, Transition.PROVISION));
        assertEquals(SUSPENDED, LifecycleRules.next(SUBSCRIPTION, ACTIVE, Transition.SUSPEND));
        assertEquals(ACTIVE, LifecycleRules.next(SUBSCRIPTION, SUSPENDED, Transition.RESUME));
        for (SubscriptionStatus s : new SubscriptionStatus[] {ORDER_READY, ACTIVE, SUSPENDED}) {
            assertEquals(CANCELLED, LifecycleRules.next(SUBSCRIPTION, s, Transition.CANCEL));
        }
    }

    @Test
    void illegalTransitionsAreConflicts() {
        for (SubscriptionStatus s : SubscriptionStatus.values()) {
            for (Transition t : Transition.values()) {
                boolean legal = (t == Transition.PROVISION && s == ORDER_READY) || (t == Transition.SUSPEND && s == ACTIVE)
                        || (t == Transition.RESUME && s == SUSPENDED)
                        || (t == Transition.CANCEL && (s == ORDER_READY || s == ACTIVE || s == SUSPENDED));
                if (!legal) {
                    ProblemException e = assertThrows(ProblemException.class, () -> LifecycleRules.next(SUBSCRIPTION, s, t));
                    assertEquals(409, e.status());
                }
            }
        }
    }

    @Test
    void aTrialCanOnlyBeCancelledWhileActive() {
        assertEquals(CANCELLED, LifecycleRules.next(TRIAL, ACTIVE, Transition.CANCEL));
        assertThrows(ProblemException.class, () -> LifecycleRules.next(TRIAL, ACTIVE, Transition.SUSPEND));
        assertThrows(ProblemException.class, () -> LifecycleRules.next(TRIAL, CONVERTED, Transition.CANCEL));
        assertThrows(ProblemException.class, () -> LifecycleRules.next(TRIAL, EXPIRED, Transition.CANCEL));
    }

    @Test
    void atTermEndAutoRenewRenewsAndEverythingElseExpires() {
        LocalDate end = LocalDate.parse("2026-06-01");
        assertEquals(TermEnd.NOTHING, LifecycleRules.atTermEnd(sub(SUBSCRIPTION, ACTIVE, true, end), end.minusDays(1)));
        assertEquals(TermEnd.RENEW, LifecycleRules.atTermEnd(sub(SUBSCRIPTION, ACTIVE, true, end), end));
        assertEquals(TermEnd.RENEW, LifecycleRules.atTermEnd(sub(SUBSCRIPTION, SUSPENDED, true, end), end));
        assertEquals(TermEnd.EXPIRE, LifecycleRules.atTermEnd(sub(SUBSCRIPTION, ACTIVE, false, end), end));
        assertEquals(TermEnd.EXPIRE, LifecycleRules.atTermEnd(sub(SUBSCRIPTION, ORDER_READY, true, end), end));
        assertEquals(TermEnd.NOTHING, LifecycleRules.atTermEnd(sub(SUBSCRIPTION, CANCELLED, true, end), end));
        assertEquals(TermEnd.EXPIRE, LifecycleRules.atTermEnd(sub(TRIAL, ACTIVE, false, end), end.plusDays(3)));
        assertEquals(TermEnd.NOTHING, LifecycleRules.atTermEnd(sub(TRIAL, CONVERTED, false, end), end));
    }

    private static Subscription sub(SubscriptionType type, SubscriptionStatus status, boolean autoRenew, LocalDate end) {
        Subscription s = new Subscription();
        s.type = type;
        s.status = status;
        s.autoRenew = autoRenew;
        s.endDate = end;
        s.termMonths = type == TRIAL ? null : 12;
        return s;
    }
}
