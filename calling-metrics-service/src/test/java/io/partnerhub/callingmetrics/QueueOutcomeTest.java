package io.partnerhub.callingmetrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueOutcomeTest {

    @Test
    void answeredAndTransferredCountAsAnswered() {
        assertTrue(QueueOutcome.ANSWERED.answered());
        assertTrue(QueueOutcome.TRANSFERRED.answered());
        assertFalse(QueueOutcome.ANSWERED.abandoned());
        assertFalse(QueueOutcome.TRANSFERRED.abandoned());
    }

    @Test
    void abandonedAndVoicemailCountAsAbandoned() {
        assertTrue(QueueOutcome.ABANDONED.abandoned());
        assertTrue(QueueOutcome.VOICEMAIL.abandoned());
        assertFalse(QueueOutcome.ABANDONED.answered());
        assertFalse(QueueOutcome.VOICEMAIL.answered());
    }

    @Test
    void aQueuedRecordCountsOnceAsCallQueueWhetherOrNotItListsIt() {
        int listed = Feature.mask(java.util.List.of(Feature.CALL_QUEUE, Feature.TRANSFER, Feature.CALL_QUEUE), true);
        int unlisted = Feature.mask(java.util.List.of(Feature.TRANSFER), true);
        org.junit.jupiter.api.Assertions.assertEquals(listed, unlisted);
        org.junit.jupiter.api.Assertions.assertEquals(Feature.CALL_QUEUE.bit() | Feature.TRANSFER.bit(), listed);
        org.junit.jupiter.api.Assertions.assertEquals(Feature.TRANSFER.bit(), Feature.mask(java.util.List.of(Feature.TRANSFER), false));
    }
}
