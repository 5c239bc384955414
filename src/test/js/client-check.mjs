#!/usr/bin/env node
// Drives MCP Bridge with the official MCP TypeScript SDK client and prints ONE JSON report on stdout.
//
//   node client-check.mjs stdio <java> <args...>   spawn the server and talk to it over stdio
//   node client-check.mjs http  <url> [token]      Streamable HTTP (e.g. http://127.0.0.1:PORT/mcp)
//   node client-check.mjs sse   <url> [token]      legacy HTTP+SSE (e.g. http://127.0.0.1:PORT/sse)
//
// Steps: initialize, tools/list, call test_simple_text, call test_sampling with {} (input validation),
// call the unknown tool no_such_tool, call test_error_handling. Each step's outcome (result or error) goes into the
// report; the exit code is 0 unless the harness itself fails (bad usage, a crash, the 120 s deadline). A failed
// connect is reported (initialize.ok=false), not turned into an exit code.
// The report is what the Java side (src/test/java/dev/mcpbridge/it/RealClientIT.java) asserts on.
// stderr is for diagnostics only (including the server's stderr in stdio mode).

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { createRequire } from 'node:module';

const REQUEST_TIMEOUT_MS = Number(process.env.CLIENT_CHECK_TIMEOUT_MS ?? 30000);

function usage(message) {
  process.stderr.write(`client-check: ${message}\n`
    + 'usage: node client-check.mjs stdio <java> <args...> | http <url> [token] | sse <url> [token]\n');
  process.exit(2);
}

function sdkVersion() {
  try {
    const require = createRequire(import.meta.url);
    // The package's exports do not include package.json, so resolve a real entry and walk up from it.
    const entry = require.resolve('@modelcontextprotocol/sdk/client/index.js');
    const root = entry.slice(0, entry.lastIndexOf('/dist/'));
    return require(`${root}/package.json`).version;
  } catch {
    return undefined;
  }
}

function makeTransport(mode, rest) {
  switch (mode) {
    case 'stdio': {
      if (rest.length < 1) usage('stdio needs the command to run');
      const [command, ...args] = rest;
      // stderr 'inherit': the server's log lines end up in our stderr, which the caller captures.
      return new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
    }
    case 'http':
    case 'sse': {
      if (rest.length < 1 || rest.length > 2) usage(`${mode} needs <url> [token]`);
      const url = new URL(rest[0]);
      const token = rest[1];
      const requestInit = token ? { headers: { Authorization: `Bearer ${token}` } } : undefined;
      return mode === 'http'
        ? new StreamableHTTPClientTransport(url, { requestInit })
        : new SSEClientTransport(url, { requestInit });
    }
    default:
      usage(`unknown mode '${mode}'`);
  }
}

function describeError(e) {
  const out = { message: e?.message ?? String(e) };
  if (e?.code !== undefined) out.code = e.code;
  if (e?.data !== undefined) out.data = e.data;
  if (e?.name && e.name !== 'Error') out.name = e.name;
  return out;
}

function texts(content) {
  return (content ?? []).filter((c) => c?.type === 'text').map((c) => c.text).join('\n');
}

function summariseCall(result) {
  return {
    isError: result?.isError === true,
    text: texts(result?.content),
    content: result?.content,
    ...(result?.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
  };
}

async function step(report, key, fn) {
  const started = Date.now();
  try {
    report[key] = { ok: true, ...(await fn()) };
  } catch (e) {
    report[key] = { ok: false, error: describeError(e) };
    // A JSON-RPC error from the server (McpError) can be the expected outcome (no_such_tool): no stack for it.
    const detail = e?.name === 'McpError' ? `${e.message}${e.data !== undefined ? ` (data: ${JSON.stringify(e.data)})` : ''}` : e?.stack ?? e;
    process.stderr.write(`client-check: ${key} -> error: ${detail}\n`);
  }
  report[key].ms = Date.now() - started;
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  if (!mode) usage('missing mode');
  const transport = makeTransport(mode, rest);
  const report = { mode, sdkVersion: sdkVersion(), node: process.version, transportErrors: [] };
  const client = new Client({ name: 'mcp-bridge-client-check', version: '1.0.0' }, { capabilities: {} });
  let closing = false;
  client.onerror = (e) => {
    // Closing aborts the HTTP transport's standalone GET stream ("This operation was aborted"): not a server problem.
    if (closing) return;
    report.transportErrors.push(e?.message ?? String(e));
    process.stderr.write(`client-check: transport error: ${e?.stack ?? e}\n`);
  };
  const options = { timeout: REQUEST_TIMEOUT_MS };
  // The Client does not keep the negotiated protocol version; it hands it to transport.setProtocolVersion
  // (HTTP transports have one, stdio does not), so capture it there.
  let negotiated;
  const setProtocolVersion = transport.setProtocolVersion?.bind(transport);
  transport.setProtocolVersion = (version) => {
    negotiated = version;
    setProtocolVersion?.(version);
  };

  await step(report, 'initialize', async () => {
    await client.connect(transport, options);
    return {
      serverInfo: client.getServerVersion(),
      protocolVersion: negotiated,
      capabilities: client.getServerCapabilities(),
      instructions: client.getInstructions(),
      ...(transport.sessionId ? { sessionId: transport.sessionId } : {}),
    };
  });

  if (report.initialize.ok) {
    await step(report, 'toolsList', async () => {
      const { tools } = await client.listTools(undefined, options);
      return { names: tools.map((t) => t.name) };
    });
    const call = (name, args) => client.callTool({ name, arguments: args }, undefined, options);
    await step(report, 'simpleText', async () => summariseCall(await call('test_simple_text', {})));
    await step(report, 'validation', async () => summariseCall(await call('test_sampling', {})));
    // The server may answer an unknown tool with a JSON-RPC error (ok:false + error) or with an isError result.
    await step(report, 'unknownTool', async () => ({ result: summariseCall(await call('no_such_tool', {})) }));
    await step(report, 'errorTool', async () => summariseCall(await call('test_error_handling', {})));
  }

  closing = true;
  try {
    await client.close();
  } catch (e) {
    process.stderr.write(`client-check: close failed: ${e?.stack ?? e}\n`);
  }
  // A failed initialize is a result, not a harness failure: it is in the report and the exit code stays 0.
  await new Promise((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, resolve));
}

const timer = setTimeout(() => {
  process.stderr.write('client-check: gave up after 120 s\n');
  process.exit(3);
}, Number(process.env.CLIENT_CHECK_DEADLINE_MS ?? 120000));
timer.unref();

// Exit explicitly once the report is flushed: a lingering socket or child must not keep the harness alive.
main().then(() => process.exit(0), (e) => {
  process.stderr.write(`client-check: harness failure: ${e?.stack ?? e}\n`);
  process.exit(1);
});
