package io.partnerhub.callingmetrics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.core.shareddata.Lock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns at a partner's aggregate rows, one ingest transaction at a time per partner in this process. Every batch of
 * a partner adds to the same rows (each customer's running week), and the database serialises them anyway: a
 * transaction holds the rows it added to until it commits. Left to the database, concurrent batches queue on row
 * locks inside their aggregate statements, and that waiting cost the database CPU — measured: with the benchmark's
 * clients sending faster, PostgreSQL's CPU per 10,000 records rose from ~155 to ~210 ms while the aggregate
 * statement's elapsed time per batch rose from ~200 to ~750 ms. Here the batches queue in order before that
 * statement instead; their records and keys are still written in parallel.
 * <p>
 * Not an advisory lock in the database: a transaction waiting for one waits inside a statement, with a snapshot
 * that keeps old row versions alive — measured: only half of the aggregate updates stayed HOT (92 % here),
 * {@code customer_week} grew to 312 MB (57–70 MB here) and PostgreSQL needed 172 ms per 10,000 records.
 * <p>
 * Only a throttle: correctness never depends on it (other processes' batches still meet on the row locks).
 */
@ApplicationScoped
public class AggregateTurns {

    /** Longer than any request waits: a turn is given back when its transaction ends, whatever the outcome. */
    private static final long TIMEOUT_MS = Duration.ofMinutes(5).toMillis();

    private final Vertx vertx;

    public AggregateTurns(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A transaction's turn at the partner's aggregate rows: {@link Turn#take} before them, {@link Turn#giveBack} after the commit. */
    public Turn turn(int partnerId) {
        return new Turn("calling.aggregates." + partnerId);
    }

    public final class Turn {
        /** Nothing yet, the {@link Lock} while the turn is held, or {@link #GIVEN_BACK}. */
        private final AtomicReference<Object> state = new AtomicReference<>();
        private final String name;

        private Turn(String name) {
            this.name = name;
        }

        /**
         * Waits (without a thread) until the earlier transactions of the partner have given their turns back; asks for
         * the turn only when subscribed to.
         */
        public Uni<Void> take() {
            return Uni.createFrom().completionStage(() -> vertx.getDelegate().sharedData()
                            .getLocalLockWithTimeout(name, TIMEOUT_MS)
                            .onSuccess(this::hold)
                            .toCompletionStage())
                    .replaceWithVoid();
        }

        /**
         * Gives the turn back if it was taken; a second call does nothing. Called while the turn is still being waited
         * for (the request was cancelled), the turn is given back as soon as it arrives.
         */
        public void giveBack() {
            if (state.getAndSet(GIVEN_BACK) instanceof Lock lock) {
                lock.release();
            }
        }

        /** Runs on the lock's own callback, whether or not anybody still waits for {@link #take}. */
        private void hold(Lock lock) {
            if (!state.compareAndSet(null, lock)) {
                lock.release(); // given back before it arrived
            }
        }
    }

    private static final Object GIVEN_BACK = new Object();
}
