/**
 * The steps of the call route that every tool call runs through ({@code routes/call.yaml}): what each call needs
 * whatever its adapter — metrics, a trace span, a circuit breaker for adapters that call outside services, error
 * translation, and one audit line. The route says the order; each class here is one step's bean.
 */
package dev.mcpbridge.core.pipeline;
