#!/usr/bin/env node
// Drives MCP Bridge's jinavigator adapter with the official MCP TypeScript SDK client over stdio and prints ONE JSON
// report on stdout (what src/test/java/dev/mcpbridge/jinavigator/JinavigatorRealClientIT.java asserts on).
//
//   MCP_SDK_DIR=<dir holding node_modules/@modelcontextprotocol/sdk> SITE=<http://127.0.0.1:port> \
//   node jinavigator-client-check.mjs <server command> <args...>
//
// The server inherits this process's environment (JINA_ALLOW_HOSTS, ...). Because listTools runs first, the SDK
// client validates every structuredContent against the tool's outputSchema.
//
// Steps: initialize, tools/list, resources/templates/list, convert_web_to_markdown (whole, line range, 404),
// access_jina_resource, resources/read jina://..., multi_convert with progress notifications,
// extract_markdown_outline, a call with invalid arguments.

import { createRequire } from 'node:module';
import path from 'node:path';

const REQUEST_TIMEOUT_MS = Number(process.env.CLIENT_CHECK_TIMEOUT_MS ?? 30000);

function usage(message) {
  process.stderr.write(`jinavigator-client-check: ${message}\n`);
  process.exit(2);
}

const sdkDir = process.env.MCP_SDK_DIR;
if (!sdkDir) usage('MCP_SDK_DIR is not set');
const site = process.env.SITE;
if (!site) usage('SITE is not set');
const require = createRequire(path.join(path.resolve(sdkDir), 'package.json'));
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const { CallToolResultSchema } = require('@modelcontextprotocol/sdk/types.js');

function describeError(e) {
  const out = { message: e?.message ?? String(e) };
  if (e?.code !== undefined) out.code = e.code;
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
  try {
    report[key] = { ok: true, ...(await fn()) };
  } catch (e) {
    report[key] = { ok: false, error: describeError(e) };
    process.stderr.write(`jinavigator-client-check: ${key} -> error: ${e?.stack ?? e}\n`);
  }
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command) usage('missing the server command');
  const transport = new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
  // lateProgress: progress the client reported as "for an unknown token" because the SDK handles a notification a
  // microtask later than the response read with it (typescript-sdk issue #2580); the server wrote it first.
  const report = { transportErrors: [], lateProgress: [] };
  const client = new Client({ name: 'mcp-bridge-jinavigator-check', version: '1.0.0' }, { capabilities: {} });
  let closing = false;
  client.onerror = (e) => {
    if (closing) return;
    const late = /^Received a progress notification for an unknown token: (.*)$/s.exec(e?.message ?? '');
    if (late) {
      try {
        report.lateProgress.push(JSON.parse(late[1]).params);
        return;
      } catch { /* not the SDK's shape: a transport error after all */ }
    }
    report.transportErrors.push(e?.message ?? String(e));
  };
  const options = { timeout: REQUEST_TIMEOUT_MS };
  const article = `${site}/article.html`;

  await step(report, 'initialize', async () => {
    await client.connect(transport, options);
    return { serverInfo: client.getServerVersion(), capabilities: client.getServerCapabilities() };
  });
  if (report.initialize.ok) {
    await step(report, 'toolsList', async () => {
      const { tools } = await client.listTools(undefined, options);
      return { names: tools.map((t) => t.name) };
    });
    await step(report, 'templates', async () => {
      const { resourceTemplates } = await client.listResourceTemplates(undefined, options);
      return { uriTemplates: resourceTemplates.map((t) => t.uriTemplate) };
    });
    const call = async (name, callArgs, extra = {}) =>
      summariseCall(await client.callTool({ name, arguments: callArgs }, CallToolResultSchema, { ...options, ...extra }));
    await step(report, 'convert', () => call('convert_web_to_markdown', { url: article }));
    await step(report, 'convertLines', () => call('convert_web_to_markdown', { url: article, start_line: 1, end_line: 1 }));
    await step(report, 'convertMissing', () => call('convert_web_to_markdown', { url: `${site}/missing.html` }));
    await step(report, 'access', () => call('access_jina_resource', { uri: `jina://${article}` }));
    await step(report, 'resource', async () => {
      const { contents } = await client.readResource({ uri: `jina://${article}` }, options);
      return { uri: contents[0]?.uri, mimeType: contents[0]?.mimeType, text: contents[0]?.text };
    });
    const progress = [];
    await step(report, 'multi', async () => ({
      ...(await call('multi_convert', { urls: [{ url: article, start_line: 1, end_line: 1 },
        { url: `${site}/missing.html` }, { url: `${site}/plain.txt` }] },
      { onprogress: (p) => progress.push(p) })),
      progress,
    }));
    await step(report, 'outline', () => call('extract_markdown_outline', { urls: [{ url: article }], max_depth: 2 }));
    await step(report, 'validation', () => call('multi_convert', {}));
  }
  closing = true;
  try {
    await client.close();
  } catch (e) {
    process.stderr.write(`jinavigator-client-check: close failed: ${e?.stack ?? e}\n`);
  }
  await new Promise((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, resolve));
}

const timer = setTimeout(() => {
  process.stderr.write('jinavigator-client-check: gave up after 240 s\n');
  process.exit(3);
}, Number(process.env.CLIENT_CHECK_DEADLINE_MS ?? 240000));
timer.unref();

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`jinavigator-client-check: harness failure: ${e?.stack ?? e}\n`);
  process.exit(1);
});
