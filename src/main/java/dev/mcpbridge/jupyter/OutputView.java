package dev.mcpbridge.jupyter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a model sees of nbformat outputs: text as text (ANSI colour codes removed from tracebacks and streams),
 * PNG and JPEG images pulled out to be sent as MCP image content, everything capped with a notice.
 */
public final class OutputView {

    /** An image to send as MCP image content. */
    public record Image(String mimeType, String base64) {
    }

    /** The outputs shaped for a result, the images taken out of them, and whether anything was cut. */
    public record Shaped(List<Map<String, Object>> outputs, String text, List<Image> images, List<String> notices) {
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");
    private static final List<String> IMAGE_TYPES = List.of("image/png", "image/jpeg");

    private final int maxChars;
    private final int maxImages;
    private final long maxImageBytes;

    public OutputView(int maxChars, int maxImages, long maxImageBytes) {
        this.maxChars = maxChars;
        this.maxImages = maxImages;
        this.maxImageBytes = maxImageBytes;
    }

    /** The view with the caps the operator set. */
    public static OutputView of(JupyterSettings settings) {
        return new OutputView((int) settings.maxOutputChars(), (int) settings.maxImages(), settings.maxImageBytes());
    }

    public static String stripAnsi(String text) {
        return text == null ? null : ANSI.matcher(text).replaceAll("");
    }

    public Shaped shape(JsonNode outputs) {
        List<Map<String, Object>> shaped = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int[] budget = {maxChars};
        for (JsonNode out : outputs) {
            Map<String, Object> item = new LinkedHashMap<>();
            String type = out.path("output_type").asText();
            item.put("output_type", type);
            switch (type) {
                case "stream" -> {
                    item.put("name", out.path("name").asText());
                    String t = cap(stripAnsi(out.path("text").asText()), budget, notices);
                    item.put("text", t);
                    text.append(t);
                }
                case "error" -> {
                    item.put("ename", out.path("ename").asText());
                    item.put("evalue", cap(out.path("evalue").asText(), budget, notices));
                    List<String> traceback = new ArrayList<>();
                    out.path("traceback").forEach(line -> traceback.add(stripAnsi(line.asText())));
                    String tb = cap(String.join("\n", traceback), budget, notices);
                    item.put("traceback", tb);
                    text.append(out.path("ename").asText()).append(": ").append(out.path("evalue").asText()).append('\n');
                }
                default -> {
                    if (out.has("execution_count")) {
                        item.put("execution_count", out.path("execution_count").isNull() ? null
                                : out.path("execution_count").asInt());
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    JsonNode d = out.path("data");
                    d.fieldNames().forEachRemaining(mime -> {
                        JsonNode value = d.path(mime);
                        String joined = joined(value);
                        if (IMAGE_TYPES.contains(mime)) {
                            String b64 = joined.replaceAll("\\s", "");
                            long bytes = b64.length() * 3L / 4;
                            if (images.size() >= maxImages) {
                                data.put(mime, "[image of " + bytes + " bytes not returned: at most " + maxImages
                                        + " images per result]");
                                note(notices, "images beyond the first " + maxImages + " were left out");
                            } else if (bytes > maxImageBytes) {
                                data.put(mime, "[image of " + bytes + " bytes not returned: larger than "
                                        + maxImageBytes + " bytes]");
                                note(notices, "an image larger than " + maxImageBytes + " bytes was left out");
                            } else {
                                images.add(new Image(mime, b64));
                                data.put(mime, "[image " + images.size() + " of this result, " + bytes + " bytes]");
                            }
                        } else if (mime.startsWith("text/") || mime.endsWith("json") || mime.endsWith("+xml")) {
                            String t = cap(mime.endsWith("json") ? value.toString() : stripAnsi(joined), budget, notices);
                            data.put(mime, t);
                            if (mime.equals("text/plain")) {
                                text.append(t).append('\n');
                            }
                        } else {
                            data.put(mime, "[" + mime + " output of " + joined.length() + " characters not shown]");
                        }
                    });
                    item.put("data", data);
                }
            }
            shaped.add(item);
        }
        return new Shaped(shaped, text.toString(), images, notices);
    }

    private String cap(String value, int[] budget, List<String> notices) {
        if (value.length() <= budget[0]) {
            budget[0] -= value.length();
            return value;
        }
        int keep = Math.max(0, budget[0]);
        budget[0] = 0;
        note(notices, "output was cut at " + maxChars + " characters");
        return value.substring(0, keep) + "\n[... " + (value.length() - keep) + " more characters cut]";
    }

    private static void note(List<String> notices, String notice) {
        if (!notices.contains(notice)) {
            notices.add(notice);
        }
    }

    private static String joined(JsonNode value) {
        if (value.isArray()) {
            StringBuilder s = new StringBuilder();
            value.forEach(v -> s.append(v.asText()));
            return s.toString();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
