package io.partnerhub.callingmetrics;

public enum Direction {
    INBOUND, OUTBOUND
}
