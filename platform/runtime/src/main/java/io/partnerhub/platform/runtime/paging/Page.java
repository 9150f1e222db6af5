package io.partnerhub.platform.runtime.paging;

import java.util.List;

/** A page of a list answer: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, String nextCursor) {
}
