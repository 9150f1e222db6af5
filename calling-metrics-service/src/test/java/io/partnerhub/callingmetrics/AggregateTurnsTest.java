package io.partnerhub.callingmetrics;

import io.partnerhub.callingmetrics.repository.AggregateTurns;
import io.vertx.mutiny.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A partner's ingest transactions take turns at its aggregate rows, in order; other partners do not wait. */
class AggregateTurnsTest {

    private final Vertx vertx = Vertx.vertx();
    private final AggregateTurns turns = new AggregateTurns(vertx);

    @AfterEach
    void close() {
        vertx.closeAndAwait();
    }

    @Test
    void aPartnersSecondTransactionWaitsUntilTheFirstGivesItsTurnBack() throws Exception {
        AggregateTurns.Turn first = turns.turn(7);
        AggregateTurns.Turn second = turns.turn(7);
        first.take().await().indefinitely();

        CompletableFuture<Void> waiting = second.take().subscribeAsCompletionStage();
        AggregateTurns.Turn otherPartner = turns.turn(8);
        otherPartner.take().await().indefinitely(); // not behind partner 7's turns
        assertFalse(waiting.isDone());

        first.giveBack();
        waiting.get(10, TimeUnit.SECONDS);
        assertTrue(waiting.isDone());
        second.giveBack();
        otherPartner.giveBack();
    }

    @Test
    void aTurnGivenBackWhileItIsStillAwaitedIsPassedOnWhenItArrives() throws Exception {
        AggregateTurns.Turn first = turns.turn(7);
        first.take().await().indefinitely();
        AggregateTurns.Turn cancelled = turns.turn(7);
        io.smallrye.mutiny.subscription.Cancellable waiting = cancelled.take().subscribe().with(ignored -> { });
        waiting.cancel(); // the request went away while it waited
        cancelled.giveBack();

        CompletableFuture<Void> next = turns.turn(7).take().subscribeAsCompletionStage();
        first.giveBack(); // the turn reaches the cancelled one first, which passes it on
        next.get(10, TimeUnit.SECONDS);
        assertTrue(next.isDone());
    }

    @Test
    void aTurnIsAskedForOnlyWhenSubscribedTo() throws Exception {
        AggregateTurns.Turn unsubscribed = turns.turn(7);
        unsubscribed.take(); // built, never subscribed: the turn is not taken
        turns.turn(7).take().await().atMost(java.time.Duration.ofSeconds(10));
    }

    @Test
    void aTurnGivenBackTwiceOrNeverTakenReleasesNothingOfAnother() throws Exception {
        AggregateTurns.Turn never = turns.turn(7);
        never.giveBack(); // a transaction that failed before its aggregates: nothing to give back

        AggregateTurns.Turn first = turns.turn(7);
        first.take().await().indefinitely();
        first.giveBack();
        AggregateTurns.Turn second = turns.turn(7);
        second.take().await().indefinitely();
        first.giveBack(); // again: must not release the second transaction's turn

        CompletableFuture<Void> third = turns.turn(7).take().subscribeAsCompletionStage();
        assertFalse(third.isDone());
        second.giveBack();
        third.get(10, TimeUnit.SECONDS);
        assertTrue(third.isDone());
    }
}
