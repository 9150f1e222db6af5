package io.partnerhub.callingmetrics;

/** How a queued call ended. ANSWERED and TRANSFERRED (moved to another queue) count as answered; ABANDONED and VOICEMAIL as abandoned. */
public enum QueueOutcome {
    ANSWERED, TRANSFERRED, ABANDONED, VOICEMAIL;

    public boolean answered() {
        return this == ANSWERED || this == TRANSFERRED;
    }

    public boolean abandoned() {
        return this == ABANDONED || this == VOICEMAIL;
    }
}
