/**
 * The adapter SPI: the only part of the core an adapter imports.
 *
 * <p>An adapter declares its services, settings and tools in {@code adapters/<name>.yaml}. Each service class listed
 * under {@code services:} is built once through its only public constructor, which may take a record of the
 * adapter's settings (bound and converted at start-up), {@link dev.mcpbridge.core.spi.Secrets} or another of the
 * adapter's services. A tool that no route in {@code routes/<name>.yaml} serves is bound to the service method of its
 * name in camelCase ({@code web_url_read} → {@code webUrlRead}), which takes a record of its arguments or
 * {@link dev.mcpbridge.core.spi.Arguments}, and may take the {@link dev.mcpbridge.core.spi.ToolCallContext}.
 * It answers with a String, a {@link dev.mcpbridge.core.spi.TextResult}, a Map or record (JSON), or an MCP result,
 * and fails with a {@link dev.mcpbridge.core.spi.ToolException} whose message the user reads.
 *
 * <p>Guards several adapters need live here too, so that no adapter imports another: {@link
 * dev.mcpbridge.core.spi.PathSegments} (URL path segments) and {@link dev.mcpbridge.core.spi.Secrets}. The file
 * sandbox and atomic writes are the library {@code dev.mcpbridge.lib.files}'s; reading web pages, and guarding the
 * URLs the model chose, the library {@code dev.mcpbridge.lib.web}'s. The README's "Writing an adapter" has a worked
 * example.
 */
package dev.mcpbridge.core.spi;
