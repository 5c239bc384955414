#!/usr/bin/env node
// Drives MCP Bridge with the official MCP TypeScript SDK v2 client (@modelcontextprotocol/client) and prints ONE
// JSON report on stdout.
//
//   node client-v2-check.mjs <auto|legacy> stdio <java> <args...>   spawn the server, talk over stdio
//   node client-v2-check.mjs <auto|legacy> http  <url> [token]      Streamable HTTP
//
// auto: the client probes with server/discover and speaks 2026-07-28 when the server does; legacy: the 2025
// initialize handshake. Steps: connect (era and version), tools/list, call test_simple_text, call
// test_input_required_result_elicitation (the client answers the elicitation: through an input-required result in
// the 2026-07-28 era, through a server-to-client request in the 2025 one), call test_tool_with_progress with a
// progress callback, call the unknown tool no_such_tool, call test_error_handling. Each outcome goes into the
// report; the exit code is 0 unless the harness itself fails. Asserted by src/test/java/dev/mcpbridge/it/RealClientV2IT.java.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const TIMEOUT_MS = Number(process.env.CLIENT_CHECK_TIMEOUT_MS ?? 30000);

function usage(message) {
  process.stderr.write(`client-v2-check: ${message}\n`
    + 'usage: node client-v2-check.mjs <auto|legacy> stdio <java> <args...> | <auto|legacy> http <url> [token]\n');
  process.exit(2);
}

const [mode, transportKind, ...rest] = process.argv.slice(2);
if (mode !== 'auto' && mode !== 'legacy') usage(`unknown negotiation mode '${mode}'`);

function transport() {
  if (transportKind === 'stdio') {
    if (rest.length < 1) usage('stdio needs the command to run');
    const [command, ...args] = rest;
    return new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
  }
  if (transportKind === 'http') {
    const token = rest[1];
    return new StreamableHTTPClientTransport(new URL(rest[0]),
      token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : undefined);
  }
  usage(`unknown transport '${transportKind}'`);
}

async function step(fn) {
  try {
    return { ok: true, ...(await fn()) };
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e), code: e?.code };
  }
}

const deadline = setTimeout(() => { process.stderr.write('client-v2-check: deadline passed\n'); process.exit(3); }, 120000);
const client = new Client({ name: 'mcp-bridge-v2-check', version: '1.0.0' }, {
  capabilities: { elicitation: { form: {} } },
  ...(mode === 'auto' ? { versionNegotiation: { mode: 'auto' } } : {}),
});
client.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { name: 'Ada' } }));

const report = {};
report.connect = await step(async () => {
  await client.connect(transport());
  return { era: client.getProtocolEra(), version: client.getNegotiatedProtocolVersion() };
});
if (report.connect.ok) {
  report.listTools = await step(async () => {
    const tools = (await client.listTools(undefined, { timeout: TIMEOUT_MS })).tools;
    return { count: tools.length, names: tools.map(t => t.name) };
  });
  const call = (name, args, options) => step(async () => {
    const result = await client.callTool({ name, arguments: args }, { timeout: TIMEOUT_MS, ...options });
    return { isError: result.isError === true, text: result.content?.find(c => c.type === 'text')?.text };
  });
  report.simpleText = await call('test_simple_text', {});
  report.elicitation = await call('test_input_required_result_elicitation', {});
  let progress = 0;
  report.progress = await call('test_tool_with_progress', {}, { onprogress: () => { progress++; } });
  report.progress.notifications = progress;
  report.unknownTool = await call('no_such_tool', {});
  report.toolError = await call('test_error_handling', {});
  await client.close().catch(() => {});
}
clearTimeout(deadline);
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(0);
