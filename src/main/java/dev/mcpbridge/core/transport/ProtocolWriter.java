package dev.mcpbridge.core.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol's stdout: one JSON-RPC message per line, written and flushed whole under one lock, so that answers
 * leaving from many worker threads never interleave. Once stdout is gone (the client closed it) writes are dropped.
 */
final class ProtocolWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolWriter.class);

    private final OutputStream out;
    private final McpJsonMapper json;
    private boolean broken;

    ProtocolWriter(OutputStream out, McpJsonMapper json) {
        this.out = out;
        this.json = json;
    }

    /** @return false when the message could not be written (stdout closed, or it cannot be serialised) */
    boolean write(McpSchema.JSONRPCMessage message) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(message);
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot serialise a {} message: {}", message.getClass().getSimpleName(), e.getMessage());
            LOG.debug("serialisation failure", e);
            return false;
        }
        return write(bytes);
    }

    synchronized boolean write(byte[] line) {
        if (broken) {
            return false;
        }
        try {
            out.write(line);
            out.write('\n');
            out.flush();
            return true;
        } catch (IOException e) {
            broken = true;
            LOG.warn("stdout is closed, answers can no longer be delivered: {}", e.getMessage());
            return false;
        }
    }
}
