package dev.mcpbridge.lib.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpbridge.core.spi.ToolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** One REST API's calls: a bean of the generated routes, its credentials set from the adapter's settings. */
public final class RestCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String bearerToken = "";
    private String username = "";
    private String password = "";
    private String apiKey = "";
    private String apiKeyName = "";
    private String apiKeyIn = "header";
    private long maxBodyBytes = 1 << 20;

    public void setBearerToken(String bearerToken) {
        this.bearerToken = bearerToken == null ? "" : bearerToken;
    }

    public void setUsername(String username) {
        this.username = username == null ? "" : username;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey == null ? "" : apiKey;
    }

    public void setApiKeyName(String apiKeyName) {
        this.apiKeyName = apiKeyName;
    }

    public void setApiKeyIn(String apiKeyIn) {
        this.apiKeyIn = apiKeyIn;
    }

    public void setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Makes the exchange the HTTP request of one operation. Only what the operation declares is sent: the
     * message's other headers (the bridge's own) are dropped, except the W3C trace context.
     *
     * @param pathTemplate the operation's path, e.g. {@code /todos/{id}}
     * @param pathNames, queryNames, headerNames the parameters of each place, comma-separated
     * @param hasBody whether the argument {@code body} is the JSON request body
     */
    public void prepare(Exchange exchange, String method, String pathTemplate, String pathNames, String queryNames,
            String headerNames, boolean hasBody) throws IOException {
        Message message = exchange.getMessage();
        @SuppressWarnings("unchecked")
        Map<String, Object> args = message.getBody() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        String path = pathTemplate;
        for (String name : names(pathNames)) {
            Object value = args.get(name);
            if (value == null) {
                throw new ToolException("missing required parameter: " + name);
            }
            path = path.replace("{" + name + "}", segment(name, String.valueOf(value)));
        }
        StringBuilder query = new StringBuilder();
        for (String name : names(queryNames)) {
            Object value = args.get(name);
            if (value instanceof Collection<?> many) {
                many.forEach(v -> param(query, name, v));
            } else if (value != null) {
                param(query, name, value);
            }
        }
        Object traceparent = message.getHeader("traceparent");
        Object tracestate = message.getHeader("tracestate");
        message.removeHeaders("*");
        if (traceparent != null) {
            message.setHeader("traceparent", traceparent);
            if (tracestate != null) {
                message.setHeader("tracestate", tracestate);
            }
        }
        for (String name : names(headerNames)) {
            Object value = args.get(name);
            if (value != null) {
                String text = String.valueOf(value);
                if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                    throw new ToolException("parameter " + name + " is sent as a header and cannot hold a line break");
                }
                message.setHeader(name, text);
            }
        }
        if (!bearerToken.isBlank()) {
            message.setHeader("Authorization", "Bearer " + bearerToken);
        } else if (!username.isBlank()) {
            message.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (!apiKey.isBlank()) {
            if ("query".equals(apiKeyIn)) {
                param(query, apiKeyName, apiKey);
            } else {
                message.setHeader(apiKeyName, apiKey);
            }
        }
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_PATH, path);
        if (query.length() > 0) {
            message.setHeader(Exchange.HTTP_QUERY, query.toString());
        }
        message.setHeader("Accept", "application/json");
        if (hasBody && args.get("body") != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(JSON.writeValueAsBytes(args.get("body")));
        } else {
            message.setBody(null);
        }
    }

    /**
     * The API's answer: its JSON (an object or a list), its text, or "done" for an empty success; a non-2xx status
     * is a tool error naming it and the API's own message.
     */
    public Object answer(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] bytes = read(message.getBody(InputStream.class));
        String contentType = String.valueOf(message.getHeader(Exchange.CONTENT_TYPE, ""));
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (status < 200 || status > 299) {
            String reason = String.valueOf(message.getHeader(Exchange.HTTP_RESPONSE_TEXT, "")).strip();
            throw new ToolException("the API answered HTTP " + status + (reason.isEmpty() ? "" : " " + reason)
                    + apiMessage(text));
        }
        if (bytes.length == 0) {
            return "done (HTTP " + status + ")";
        }
        if (contentType.contains("json")) {
            try {
                JsonNode node = JSON.readTree(bytes);
                return JSON.convertValue(node, Object.class);
            } catch (IOException e) {
                throw new ToolException("the API's answer is not the JSON it announced (" + contentType + ")");
            }
        }
        return text;
    }

    private byte[] read(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > maxBodyBytes) {
                    throw new ToolException("the API's answer is larger than " + maxBodyBytes + " bytes (the "
                            + "descriptor's maxBodyBytes); ask for less (a page, a filter)");
                }
            }
            return out.toByteArray();
        }
    }

    /** ": <message>" from the error body's usual fields, else its first 300 characters; "" when empty. */
    private static String apiMessage(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            for (String field : new String[] {"message", "error_description", "detail", "title", "error"}) {
                JsonNode value = node.path(field);
                if (value.isTextual() && !value.asText().isBlank()) {
                    return ": " + value.asText();
                }
                if (value.isObject() && value.path("message").isTextual()) {
                    return ": " + value.path("message").asText();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: the text itself.
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() > 300 ? flat.substring(0, 300) + "…" : flat);
    }

    /** One path segment, encoded; "." and ".." are refused, since they would move along the path. */
    private static String segment(String name, String value) {
        if (value.isEmpty() || ".".equals(value) || "..".equals(value)) {
            throw new ToolException("parameter " + name + " cannot be '" + value + "': it is one segment of the "
                    + "URL path");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void param(StringBuilder query, String name, Object value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String[] names(String list) {
        return list == null || list.isBlank() ? new String[0] : list.split(",");
    }
}
