package dev.mcpbridge.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns GitHub's error answers into messages a model (and a person) can act on: what was asked for, what GitHub
 * said, and what to do (a token, a scope, a wait). Never includes the token, a stack trace or a URL with secrets.
 */
final class GitHubErrors {

    private GitHubErrors() {
    }

    static String describe(ApiResponse r, String method, String what, boolean hasToken) {
        int code = r.code();
        String ghMessage = message(r);
        String said = ghMessage.isEmpty() ? "" : ": " + ghMessage;
        String scopes = scopeProblem(r);
        String lowerMessage = ghMessage.toLowerCase(java.util.Locale.ROOT);
        boolean rateLimited = code == 429 || (code == 403 && ("0".equals(r.headers().get("X-RateLimit-Remaining"))
                || r.headers().get("Retry-After") != null || lowerMessage.contains("rate limit")));
        if (rateLimited) {
            boolean secondary = lowerMessage.contains("secondary") && r.headers().get("Retry-After") == null;
            return RateLimits.describe(r.headers(), System.currentTimeMillis(), !hasToken) + " while "
                    + verb(method) + " " + what + (secondary ? " (a secondary rate limit: GitHub asks to wait at least"
                            + " a minute before trying again, and to make fewer requests at once)" : "") + ".";
        }
        return switch (code) {
            case 401 -> hasToken
                    ? "GitHub refused the token (401 Bad credentials) while " + verb(method) + " " + what
                            + ": it is invalid, expired or revoked. Check GITHUB_PERSONAL_ACCESS_TOKEN."
                    : "GitHub needs a token for " + what + " (401 Unauthorized): set GITHUB_PERSONAL_ACCESS_TOKEN.";
            case 403 -> scopes != null ? "Not allowed: " + what + " (403). " + scopes
                    : "Not allowed: " + what + " (403 Forbidden" + said + ")."
                            + (hasToken ? " The token may lack access to this repository or organization."
                                    : " No token is configured: set GITHUB_PERSONAL_ACCESS_TOKEN.");
            case 404 -> "Not found: " + what + " (404). Check the owner, repository and name" + (scopes != null
                    ? ". " + scopes + " (GitHub answers 404 rather than 403 for private resources)"
                    : hasToken ? ", and that the token can see it (private resources answer 404)"
                            : "; no token is configured, so private repositories are invisible") + ".";
            case 409 -> "Conflict: " + what + " (409" + said + ")" + (said.toLowerCase(java.util.Locale.ROOT).contains("empty")
                    ? "" : ". The resource changed or is in a state that does not allow this; read it again and retry") + ".";
            case 422 -> "GitHub refused " + verb(method) + " " + what + " (422 Validation Failed" + said + ")"
                    + details(r) + ".";
            case 405 -> "GitHub refused " + what + " (405" + said + ").";
            case 410 -> "Gone: " + what + " (410" + said + ").";
            default -> code >= 500 ? "GitHub failed while " + verb(method) + " " + what + " (HTTP " + code + said
                    + "); it was retried where safe. Try again later."
                    : "GitHub answered HTTP " + code + " while " + verb(method) + " " + what + said + ".";
        };
    }

    private static String verb(String method) {
        return switch (method) {
            case "GET", "HEAD" -> "reading";
            case "DELETE" -> "deleting";
            case "POST" -> "creating";
            default -> "updating";
        };
    }

    /** The scope the token lacks, from X-Accepted-OAuth-Scopes (what the endpoint accepts) and X-OAuth-Scopes. */
    static String scopeProblem(ApiResponse r) {
        String acceptedHeader = r.headers().get("X-Accepted-OAuth-Scopes");
        String hasHeader = r.headers().get("X-OAuth-Scopes");
        List<String> accepted = GitHubClient.csv(acceptedHeader);
        if (accepted.isEmpty() || hasHeader == null) {
            return null; // fine-grained tokens and GitHub Apps send no scopes: nothing to compare
        }
        Set<String> has = Set.copyOf(GitHubClient.csv(hasHeader));
        for (String scope : accepted) {
            if (has.contains(scope) || implied(scope, has)) {
                return null;
            }
        }
        return "The token lacks the scope this needs: " + (accepted.size() == 1 ? "'" + accepted.get(0) + "'"
                : "one of " + accepted) + " (it has " + (has.isEmpty() ? "no scopes" : "'" + hasHeader.strip() + "'")
                + "). Create a token with that scope.";
    }

    private static boolean implied(String scope, Set<String> has) {
        // 'repo' includes public_repo and repo:*; 'admin:org' includes write:org and read:org; and so on.
        if ((scope.equals("public_repo") || scope.startsWith("repo:")) && has.contains("repo")) {
            return true;
        }
        int colon = scope.indexOf(':');
        if (colon > 0) {
            String base = scope.substring(colon + 1);
            String level = scope.substring(0, colon);
            if (has.contains("admin:" + base)) {
                return true;
            }
            return level.equals("read") && has.contains("write:" + base);
        }
        return false;
    }

    /** GitHub's "message", cleaned and kept short. */
    static String message(ApiResponse r) {
        try {
            JsonNode json = r.json();
            String m = json.path("message").asText("");
            return shorten(SafeText.clean(m));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String details(ApiResponse r) {
        try {
            JsonNode errors = r.json().path("errors");
            List<String> parts = new ArrayList<>();
            for (JsonNode e : errors) {
                if (e.isTextual()) {
                    parts.add(e.asText());
                } else if (e.hasNonNull("message")) {
                    parts.add(e.get("message").asText());
                } else {
                    String field = e.path("field").asText("");
                    String code = e.path("code").asText("");
                    String resource = e.path("resource").asText("");
                    parts.add((resource.isEmpty() ? "" : resource + ".") + field + (code.isEmpty() ? "" : " " + code));
                }
                if (parts.size() == 5) {
                    break;
                }
            }
            return parts.isEmpty() ? "" : "; " + shorten(SafeText.clean(String.join("; ", parts)));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String shorten(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
