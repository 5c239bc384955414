#!/usr/bin/env node
// Drives MCP Bridge's searxng adapter with the official MCP TypeScript SDK client over stdio and prints ONE JSON
// report on stdout (what src/test/java/dev/mcpbridge/it/SearxngRealClientIT.java asserts on).
//
//   MCP_SDK_DIR=<dir holding node_modules/@modelcontextprotocol/sdk> PAGE_URL=<loopback page> \
//   FORBIDDEN_URL=<loopback URL that is not allowed> node searxng-client-check.mjs <server command> <args...>
//
// The server inherits this process's environment (SEARXNG_URL, WEB_URL_READ_ALLOW_HOSTS, ...).
// This script lives outside src/test/js, so the SDK is resolved from MCP_SDK_DIR (src/test/js) with createRequire
// rather than by a bare import. Because listTools runs first, the SDK client also validates every structuredContent
// against the tool's outputSchema and fails the call when it does not match.
//
// Steps: initialize, tools/list, searxng_web_search "camel", searxng_instance_info, searxng_search_suggestions,
// web_url_read (whole page, one section, headings, a forbidden loopback URL), searxng_web_search {} (validation).
// Each step's outcome goes into the report; the exit code is 0 unless the harness itself fails.

import { createRequire } from 'node:module';
import path from 'node:path';

const REQUEST_TIMEOUT_MS = Number(process.env.CLIENT_CHECK_TIMEOUT_MS ?? 30000);

function usage(message) {
  process.stderr.write(`searxng-client-check: ${message}\n`
    + 'usage: MCP_SDK_DIR=... PAGE_URL=... FORBIDDEN_URL=... node searxng-client-check.mjs <command> <args...>\n');
  process.exit(2);
}

const sdkDir = process.env.MCP_SDK_DIR;
if (!sdkDir) usage('MCP_SDK_DIR is not set');
const require = createRequire(path.join(path.resolve(sdkDir), 'package.json'));
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');

function sdkVersion() {
  try {
    const entry = require.resolve('@modelcontextprotocol/sdk/client/index.js');
    return require(`${entry.slice(0, entry.lastIndexOf('/dist/'))}/package.json`).version;
  } catch {
    return undefined;
  }
}

function describeError(e) {
  const out = { message: e?.message ?? String(e) };
  if (e?.code !== undefined) out.code = e.code;
  if (e?.data !== undefined) out.data = e.data;
  if (e?.name && e.name !== 'Error') out.name = e.name;
  return out;
}

function summariseCall(result) {
  return {
    isError: result?.isError === true,
    text: (result?.content ?? []).filter((c) => c?.type === 'text').map((c) => c.text).join('\n'),
    ...(result?.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
  };
}

async function step(report, key, fn) {
  const started = Date.now();
  try {
    report[key] = { ok: true, ...(await fn()) };
  } catch (e) {
    report[key] = { ok: false, error: describeError(e) };
    process.stderr.write(`searxng-client-check: ${key} -> error: ${e?.stack ?? e}\n`);
  }
  report[key].ms = Date.now() - started;
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command) usage('missing the server command');
  const pageUrl = process.env.PAGE_URL;
  const forbiddenUrl = process.env.FORBIDDEN_URL;
  if (!pageUrl || !forbiddenUrl) usage('PAGE_URL and FORBIDDEN_URL must be set');

  // stderr 'inherit': the server's log lines end up in our stderr, which the caller captures.
  const transport = new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
  const report = { sdkVersion: sdkVersion(), node: process.version, transportErrors: [] };
  const client = new Client({ name: 'mcp-bridge-searxng-check', version: '1.0.0' }, { capabilities: {} });
  let closing = false;
  client.onerror = (e) => {
    if (closing) return;
    report.transportErrors.push(e?.message ?? String(e));
    process.stderr.write(`searxng-client-check: transport error: ${e?.stack ?? e}\n`);
  };
  const options = { timeout: REQUEST_TIMEOUT_MS };

  await step(report, 'initialize', async () => {
    await client.connect(transport, options);
    return { serverInfo: client.getServerVersion() };
  });

  if (report.initialize.ok) {
    await step(report, 'toolsList', async () => {
      const { tools } = await client.listTools(undefined, options);
      return {
        names: tools.map((t) => t.name),
        withOutputSchema: tools.filter((t) => t.outputSchema !== undefined).map((t) => t.name),
      };
    });
    const call = async (name, callArgs) =>
      summariseCall(await client.callTool({ name, arguments: callArgs }, undefined, options));
    await step(report, 'search', () => call('searxng_web_search', { query: 'camel' }));
    await step(report, 'instanceInfo', () => call('searxng_instance_info', { includeEngines: true }));
    await step(report, 'suggestions', () => call('searxng_search_suggestions', { query: 'cam' }));
    await step(report, 'urlRead', () => call('web_url_read', { url: pageUrl }));
    await step(report, 'urlReadSection', () => call('web_url_read', { url: pageUrl, section: 'Second section' }));
    await step(report, 'urlReadHeadings', () => call('web_url_read', { url: pageUrl, readHeadings: true }));
    await step(report, 'urlReadForbidden', () => call('web_url_read', { url: forbiddenUrl }));
    await step(report, 'validation', () => call('searxng_web_search', {}));
  }

  closing = true;
  try {
    await client.close();
  } catch (e) {
    process.stderr.write(`searxng-client-check: close failed: ${e?.stack ?? e}\n`);
  }
  await new Promise((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, resolve));
}

const timer = setTimeout(() => {
  process.stderr.write('searxng-client-check: gave up after 120 s\n');
  process.exit(3);
}, Number(process.env.CLIENT_CHECK_DEADLINE_MS ?? 120000));
timer.unref();

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`searxng-client-check: harness failure: ${e?.stack ?? e}\n`);
  process.exit(1);
});
