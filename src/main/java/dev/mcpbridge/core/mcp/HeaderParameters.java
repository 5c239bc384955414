package dev.mcpbridge.core.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tool parameters a schema marks {@code x-mcp-header} (2026-07-28): their values travel again in
 * {@code Mcp-Param-<Name>} HTTP headers, so that a gateway can route on them without reading the body. Because a
 * gateway trusts the header, the server checks it against the body: a value given in the body must come in its
 * header too, and be the same (plain, or Base64 in {@code =?base64?...?=}).
 */
final class HeaderParameters {

    private static final Pattern ENCODED = Pattern.compile("^=\\?base64\\?(.*)\\?=$");
    private static final Pattern BASE64 = Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");

    /** Tool name → argument name → header name (without the {@code Mcp-Param-} prefix). */
    private final Map<String, Map<String, String>> byTool;

    HeaderParameters(Map<String, Map<String, Object>> inputSchemas) {
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        inputSchemas.forEach((tool, schema) -> {
            if (schema.get("properties") instanceof Map<?, ?> properties) {
                Map<String, String> headers = new LinkedHashMap<>();
                properties.forEach((name, property) -> {
                    if (property instanceof Map<?, ?> p && p.get("x-mcp-header") instanceof String header) {
                        headers.put(String.valueOf(name), header);
                    }
                });
                if (!headers.isEmpty()) {
                    found.put(tool, headers);
                }
            }
        });
        this.byTool = found;
    }

    /**
     * What is wrong with the {@code Mcp-Param-*} headers of a call of {@code tool}, or null when they match.
     *
     * @param headers the request's {@code Mcp-Param-*} headers, names lower-cased
     */
    String problem(String tool, JsonNode arguments, Map<String, String> headers) {
        Map<String, String> wanted = byTool.get(tool);
        if (wanted == null) {
            return null;
        }
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            JsonNode value = arguments.get(e.getKey());
            String header = "Mcp-Param-" + e.getValue();
            String given = headers.get(header.toLowerCase(Locale.ROOT));
            if (value == null || value.isNull()) {
                continue;
            }
            if (given == null) {
                return "Missing " + header + " header: tool '" + tool + "' marks argument '" + e.getKey()
                        + "' x-mcp-header, so its value travels in that header too";
            }
            String decoded = decode(given.trim());
            if (decoded == null) {
                return header + " header is not valid Base64 inside =?base64?...?=";
            }
            String expected = value.isTextual() ? value.asText() : value.toString();
            if (!expected.equals(decoded)) {
                return header + " header does not match argument '" + e.getKey() + "' of the body";
            }
        }
        return null;
    }

    /** The header's value: Base64-decoded UTF-8 when wrapped in {@code =?base64?...?=}; null when that is broken. */
    private static String decode(String value) {
        Matcher encoded = ENCODED.matcher(value);
        if (!encoded.matches()) {
            return value;
        }
        String payload = encoded.group(1);
        if (!BASE64.matcher(payload).matches()) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(payload))).toString();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return null;
        }
    }
}
