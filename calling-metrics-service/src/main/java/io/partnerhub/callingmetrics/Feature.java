package io.partnerhub.callingmetrics;

import java.util.Collection;

/** Advanced calling features a call record can list. Stored per record as a bit set ({@link #bit()}). */
public enum Feature {
    CALL_QUEUE, HUNT_GROUP, AUTO_ATTENDANT, TRANSFER, CALL_PARK, CALL_PICKUP, VOICEMAIL, RECORDING, CONFERENCE;

    public int bit() {
        return 1 << ordinal();
    }

    /**
     * The features a record used, as a bit set: each listed feature once, and CALL_QUEUE when the record has queue
     * data whether or not it lists it.
     */
    public static int mask(Collection<Feature> listed, boolean queued) {
        int mask = queued ? CALL_QUEUE.bit() : 0;
        for (Feature feature : listed) {
            mask |= feature.bit();
        }
        return mask;
    }
}
