package dev.mcpbridge.core.transport;

import dev.mcpbridge.core.pipeline.CallMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the call route's metrics as Prometheus text, for a Prometheus server to scrape. */
final class MetricsEndpoint extends HttpServlet {

    private final CallMetrics metrics;

    MetricsEndpoint(CallMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(metrics.contentType());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
