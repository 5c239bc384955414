package dev.mcpbridge.core.pipeline;

import dev.mcpbridge.core.spi.ToolException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Turns any failure into a message fit for a tool result: the message of a {@link ToolException} as is, a plain
 * description of an HTTP failure, and for everything else only the kind of failure, never its internal message or
 * stack trace (those go to the server log under a reference the user can quote).
 */
final class ErrorMessages {

    private ErrorMessages() {
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CamelExecutionException || t instanceof CompletionException
                || t instanceof ExecutionException
                || (t instanceof RuntimeCamelException && !(t instanceof ToolException))) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A user-facing message, or null when the failure is internal and must be described without details. */
    static String userMessage(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ToolException) {
            return t.getMessage();
        }
        if (t instanceof HttpOperationFailedException http) {
            String status = http.getStatusText() == null || http.getStatusText().isBlank() ? ""
                    : " " + http.getStatusText();
            return "the service answered HTTP " + http.getStatusCode() + status;
        }
        if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException) {
            return "the service could not be reached (" + t.getClass().getSimpleName() + ")";
        }
        if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
            return "the service did not answer in time";
        }
        return null;
    }
}
