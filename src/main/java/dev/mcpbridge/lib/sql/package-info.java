/**
 * What the routes of a {@code kind: sql} adapter call around camel-sql: every declared parameter bound (an absent
 * optional one as SQL NULL, never spliced into the statement), the rows as a text table beside structured content,
 * and a database's refusal as a tool error in its own words.
 */
package dev.mcpbridge.lib.sql;
