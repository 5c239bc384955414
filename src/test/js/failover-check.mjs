#!/usr/bin/env node
// Failover through HAProxy with the official MCP TypeScript SDK client (run by HaproxyFailoverIT).
//
//   node failover-check.mjs <url> <token>
//
// 1. Opens sessions until two of them are served by different instances (HAProxy's X-Served-By response header),
//    calls test_simple_text on each, and prints {"phase":"ready","servedBy":[first, second]}.
// 2. Waits for one line on stdin: the name of the instance the test has killed.
// 3. Calls again on both sessions. The one on the surviving instance must simply work. The one whose instance died
//    is expected to get HTTP 404 (stateful: the session is unknown elsewhere) and then to recover by initialising a
//    new session; with --stateless instances its call simply goes to another instance.
// 4. Prints {"phase":"done", ...} with every outcome. Exit code 0 unless the harness itself fails.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createInterface } from 'node:readline';

const [url, token] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: node failover-check.mjs <url> [token]\n');
  process.exit(2);
}
const TIMEOUT_MS = 60000;
setTimeout(() => {
  process.stderr.write('failover-check: deadline passed\n');
  process.exit(3);
}, 240000).unref();

async function open() {
  const state = { servedBy: undefined };
  const client = new Client({ name: 'failover-check', version: '1.0.0' });
  client.onerror = () => {}; // the listening stream of a killed instance breaks: expected
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : undefined,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const servedBy = response.headers.get('x-served-by');
      if (servedBy) state.servedBy = servedBy;
      return response;
    },
  });
  await client.connect(transport, { timeout: TIMEOUT_MS });
  return { client, transport, state };
}

async function call(session) {
  try {
    const result = await session.client.callTool({ name: 'test_simple_text', arguments: {} }, undefined,
      { timeout: TIMEOUT_MS });
    return { ok: !result.isError, text: result.content?.[0]?.text, servedBy: session.state.servedBy };
  } catch (e) {
    return {
      ok: false,
      httpStatus: e instanceof StreamableHTTPError ? e.code : undefined,
      error: String(e.message).slice(0, 300),
      servedBy: session.state.servedBy,
    };
  }
}

const sessions = [];
for (let i = 0; i < 12 && new Set(sessions.map(s => s.state.servedBy)).size < 2; i++) {
  const session = await open();
  const first = await call(session);
  if (!first.ok) {
    process.stdout.write(JSON.stringify({ phase: 'failed', why: 'a call before the kill failed', first }) + '\n');
    process.exit(0);
  }
  if (!sessions.some(s => s.state.servedBy === session.state.servedBy)) sessions.push(session);
  else await session.client.close();
}
if (sessions.length < 2) {
  process.stdout.write(JSON.stringify({ phase: 'failed', why: 'every session went to one instance',
    servedBy: sessions.map(s => s.state.servedBy) }) + '\n');
  process.exit(0);
}
process.stdout.write(JSON.stringify({ phase: 'ready', servedBy: sessions.map(s => s.state.servedBy),
  sessionIds: sessions.map(s => s.transport.sessionId ?? null) }) + '\n');

const killed = await new Promise(resolve => {
  const lines = createInterface({ input: process.stdin });
  lines.once('line', line => { lines.close(); resolve(line.trim()); });
});

const survivor = sessions.find(s => s.state.servedBy !== killed);
const orphan = sessions.find(s => s.state.servedBy === killed);
const report = { phase: 'done', killed };
report.survivor = await call(survivor);
report.survivorAgain = await call(survivor);
report.orphan = await call(orphan);
if (!report.orphan.ok) {
  // What the specification asks of a client whose session is unknown (404): start a new session.
  try { await orphan.client.close(); } catch { /* its instance is gone */ }
  const fresh = await open();
  report.reinitialised = { sessionId: fresh.transport.sessionId ?? null, ...(await call(fresh)) };
  await fresh.client.close();
}
for (const s of sessions) {
  try { await s.client.close(); } catch { /* gone */ }
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(0);
