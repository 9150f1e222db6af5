package io.partnerhub.subscriptions.rest;

import jakarta.ws.rs.core.EntityTag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Strong entity tags of answers that show more than the resource's own version. */
final class ETags {

    private ETags() {
    }

    /** {@code "<version>-<first 16 hex digits of the SHA-256 of the answer body>"}. */
    static EntityTag of(long version, String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return new EntityTag(version + "-" + HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
