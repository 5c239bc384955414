/**
 * What the generated routes of a {@code kind: openapi} adapter call around camel-http: the request built from the
 * tool's arguments (path segments percent-encoded, query, headers, a JSON body, the credentials) and the answer read
 * back (bounded; a non-2xx status a tool error in the API's own words).
 */
package dev.mcpbridge.lib.rest;
