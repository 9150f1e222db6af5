package io.partnerhub.platform.runtime.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResponseConventionsTest {

    @Test
    void ifNoneMatchComparesWeakly() {
        assertTrue(ResponseConventions.matches("\"7\"", "\"7\""));
        assertTrue(ResponseConventions.matches("W/\"7\"", "\"7\""));
        assertTrue(ResponseConventions.matches("\"6\", \"7\"", "\"7\""));
        assertTrue(ResponseConventions.matches("*", "\"7\""));
        assertFalse(ResponseConventions.matches("\"6\"", "\"7\""));
        assertFalse(ResponseConventions.matches("7", "\"7\""));
    }
}
