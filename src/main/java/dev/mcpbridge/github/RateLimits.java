package dev.mcpbridge.github;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import okhttp3.Headers;

/** Reads GitHub's rate-limit headers: how long to wait, and a sentence about the limit for an error message. */
final class RateLimits {

    private RateLimits() {
    }

    static long retryAfterMillis(Headers headers) {
        String retryAfter = headers.get("Retry-After");
        if (retryAfter != null) {
            try {
                return Math.max(0, Long.parseLong(retryAfter.strip()) * 1000);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return 0;
    }

    /** The wait asked for by Retry-After, else until X-RateLimit-Reset (when nothing remains), else -1 (unknown). */
    static long waitMillis(Headers headers, long nowMillis) {
        if (headers.get("Retry-After") != null) {
            return retryAfterMillis(headers);
        }
        Long reset = reset(headers);
        if (reset != null && "0".equals(headers.get("X-RateLimit-Remaining"))) {
            return Math.max(0, reset * 1000 - nowMillis) + 1000;
        }
        return -1;
    }

    static Long reset(Headers headers) {
        try {
            String reset = headers.get("X-RateLimit-Reset");
            return reset == null ? null : Long.parseLong(reset.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** e.g. "GitHub's rate limit is used up (60 requests an hour; it resets at 2026-11-25T14:05:00Z, in 42 min)". */
    static String describe(Headers headers, long nowMillis, boolean anonymous) {
        StringBuilder s = new StringBuilder("GitHub's rate limit is used up");
        String limit = headers.get("X-RateLimit-Limit");
        String resource = headers.get("X-RateLimit-Resource");
        Long reset = reset(headers);
        long retryAfter = headers.get("Retry-After") == null ? -1 : retryAfterMillis(headers);
        StringBuilder detail = new StringBuilder();
        if (limit != null) {
            detail.append(limit).append(" requests an hour").append(resource == null ? "" : " for '" + resource + "'");
        }
        if (retryAfter >= 0) {
            Instant at = Instant.ofEpochMilli(nowMillis + retryAfter);
            detail.append(detail.length() == 0 ? "" : "; ").append("retry after ")
                    .append(DateTimeFormatter.ISO_INSTANT.format(at.atOffset(ZoneOffset.UTC).withNano(0)))
                    .append(", in ").append(human(retryAfter));
        } else if (reset != null) {
            detail.append(detail.length() == 0 ? "" : "; ").append("it resets at ")
                    .append(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(reset)))
                    .append(", in ").append(human(Math.max(0, reset * 1000 - nowMillis)));
        }
        if (detail.length() > 0) {
            s.append(" (").append(detail).append(')');
        }
        if (anonymous) {
            s.append(". No token is configured: unauthenticated clients get 60 requests an hour; set "
                    + "GITHUB_PERSONAL_ACCESS_TOKEN for 5,000");
        }
        return s.toString();
    }

    static String human(long millis) {
        long seconds = (millis + 999) / 1000;
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        return minutes < 120 ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }
}
