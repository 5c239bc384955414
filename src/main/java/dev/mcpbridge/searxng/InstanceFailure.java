package dev.mcpbridge.searxng;

/** Why one instance could not answer; the message is safe to show (no credentials). */
final class InstanceFailure extends Exception {

    InstanceFailure(String message) {
        super(message, null, false, false);
    }
}
