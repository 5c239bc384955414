/**
 * Reading Markdown: {@link dev.mcpbridge.lib.markdown.MarkdownHeadings}, the one heading parser of the tools that
 * outline Markdown (jinavigator's outline, searxng's headings and sections, quickfiles' structure).
 */
package dev.mcpbridge.lib.markdown;
