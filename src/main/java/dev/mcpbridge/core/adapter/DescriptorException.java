package dev.mcpbridge.core.adapter;

/** A descriptor or route file that cannot be used; the message names the file, the field and the problem. */
public class DescriptorException extends RuntimeException {

    public DescriptorException(String file, String field, String problem) {
        super(file + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
    }

    public DescriptorException(String message, Throwable cause) {
        super(message, cause);
    }
}
