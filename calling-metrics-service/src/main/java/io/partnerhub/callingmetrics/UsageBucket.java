package io.partnerhub.callingmetrics;

/** How regularly a user calls: by the number of the 8 weeks they were active in (made an OUTBOUND call). */
public enum UsageBucket {
    HEAVY, REGULAR, LIGHT;

    /** HEAVY 7–8, REGULAR 4–6, LIGHT 1–3 active weeks; null for a user active in none. */
    public static UsageBucket of(int activeWeeks) {
        if (activeWeeks >= 7) {
            return HEAVY;
        }
        if (activeWeeks >= 4) {
            return REGULAR;
        }
        return activeWeeks >= 1 ? LIGHT : null;
    }
}
