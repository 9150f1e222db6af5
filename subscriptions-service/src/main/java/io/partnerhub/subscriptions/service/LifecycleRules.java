package io.partnerhub.subscriptions.service;

import io.partnerhub.platform.runtime.problem.ProblemException;
import io.partnerhub.subscriptions.Subscription;
import io.partnerhub.subscriptions.SubscriptionStatus;
import io.partnerhub.subscriptions.SubscriptionType;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * The subscription state machine, as pure rules: ORDER_READY → (provision) ACTIVE ⇄ SUSPENDED; at term end
 * auto-renew gives a new term in the same status, otherwise EXPIRED; CANCELLED any time while live. A trial is
 * ACTIVE from its start until EXPIRED, CONVERTED or CANCELLED. Anything else is an illegal transition (409).
 */
public final class LifecycleRules {

    public enum Transition { PROVISION, SUSPEND, RESUME, CANCEL }

    /** Statuses in which a subscription may still change by itself (term end) or by a lifecycle call. */
    public static final Set<SubscriptionStatus> LIVE = EnumSet.of(SubscriptionStatus.ORDER_READY, SubscriptionStatus.ACTIVE,
            SubscriptionStatus.SUSPENDED);

    private LifecycleRules() {
    }

    /** The status after {@code transition}; throws 409 when it is not allowed from the current status. */
    public static SubscriptionStatus next(SubscriptionType type, SubscriptionStatus current, Transition transition) {
        SubscriptionStatus next = type == SubscriptionType.TRIAL ? nextForTrial(current, transition) : nextForSubscription(current, transition);
        if (next == null) {
            throw ProblemException.conflict("A " + (type == SubscriptionType.TRIAL ? "trial" : "subscription") + " in status "
                    + current + " cannot be " + pastTense(transition));
        }
        return next;
    }

    private static SubscriptionStatus nextForSubscription(SubscriptionStatus current, Transition transition) {
        return switch (transition) {
            case PROVISION -> current == SubscriptionStatus.ORDER_READY ? SubscriptionStatus.ACTIVE : null;
            case SUSPEND -> current == SubscriptionStatus.ACTIVE ? SubscriptionStatus.SUSPENDED : null;
            case RESUME -> current == SubscriptionStatus.SUSPENDED ? SubscriptionStatus.ACTIVE : null;
            case CANCEL -> LIVE.contains(current) ? SubscriptionStatus.CANCELLED : null;
        };
    }

    private static SubscriptionStatus nextForTrial(SubscriptionStatus current, Transition transition) {
        return transition == Transition.CANCEL && current == SubscriptionStatus.ACTIVE ? SubscriptionStatus.CANCELLED : null;
    }

    /** What happens at the end of the current term when the job sees it on {@code today}. */
    public enum TermEnd { NOTHING, RENEW, EXPIRE }

    public static TermEnd atTermEnd(Subscription s, LocalDate today) {
        if (s.endDate.isAfter(today)) {
            return TermEnd.NOTHING;
        }
        if (s.type == SubscriptionType.TRIAL) {
            return s.status == SubscriptionStatus.ACTIVE ? TermEnd.EXPIRE : TermEnd.NOTHING;
        }
        if (!LIVE.contains(s.status)) {
            return TermEnd.NOTHING;
        }
        // never provisioned: the term passed without service, nothing to renew
        boolean renews = s.autoRenew && s.termMonths != null && s.termMonths > 0 && s.status != SubscriptionStatus.ORDER_READY;
        return renews ? TermEnd.RENEW : TermEnd.EXPIRE;
    }

    private static String pastTense(Transition transition) {
        return switch (transition) {
            case PROVISION -> "provisioned";
            case SUSPEND -> "suspended";
            case RESUME -> "resumed";
            case CANCEL -> "cancelled";
        };
    }
}
