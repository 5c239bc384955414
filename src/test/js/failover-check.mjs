#!/usr/bin/env node
// Failover through HAProxy with the official MCP TypeScript SDK client (run by HaproxyFailoverIT).
//
//   node failover-check.mjs <url> <token> [stateful|stateless]
//
// Stateful (the default):
// 1. Opens sessions until two of them are served by different instances (HAProxy's X-Served-By response header),
//    calls test_simple_text on each, and prints {"phase":"ready","servedBy":[first, second]}.
// 2. Waits for one line on stdin: the name of the instance the test has killed.
// 3. Calls again on both sessions. The one on the surviving instance must simply work. The one whose instance died
//    is expected to get HTTP 404 (the session is unknown elsewhere) and then to recover by initialising a new
//    session.
// Stateless: a session is not bound to an instance (round robin sends each request elsewhere), so:
// 1. Opens two sessions and calls on each until both instances have answered requests; prints the ready line with
//    the instances seen.
// 2. Waits for the killed instance's name.
// 3. Calls on both sessions, in turn, four times: every call must work, served by the survivor, with no new session.
// Finally prints {"phase":"done", ...} with every outcome. Exit code 0 unless the harness itself fails.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createInterface } from 'node:readline';

const [url, token, mode = 'stateful'] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: node failover-check.mjs <url> [token] [stateful|stateless]\n');
  process.exit(2);
}
const TIMEOUT_MS = 60000;
setTimeout(() => {
  process.stderr.write('failover-check: deadline passed\n');
  process.exit(3);
}, 240000).unref();

const seen = new Set(); // every instance that answered a request, for any session

async function open() {
  const state = { servedBy: undefined };
  const client = new Client({ name: 'failover-check', version: '1.0.0' });
  client.onerror = () => {}; // the listening stream of a killed instance breaks: expected
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : undefined,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const servedBy = response.headers.get('x-served-by');
      if (servedBy) {
        state.servedBy = servedBy;
        seen.add(servedBy);
      }
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

function waitForTheKill() {
  return new Promise(resolve => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', line => { lines.close(); resolve(line.trim()); });
  });
}

function failed(why, details) {
  process.stdout.write(JSON.stringify({ phase: 'failed', why, ...details }) + '\n');
  process.exit(0);
}

async function stateless() {
  const sessions = [await open(), await open()];
  for (let i = 0; i < 8 && seen.size < 2; i++) {
    const outcome = await call(sessions[i % 2]);
    if (!outcome.ok) failed('a call before the kill failed', { outcome });
  }
  if (seen.size < 2) failed('every request went to one instance', { servedBy: [...seen] });
  process.stdout.write(JSON.stringify({ phase: 'ready', servedBy: [...seen].sort(), sessionIds: [] }) + '\n');
  const killed = await waitForTheKill();
  const report = { phase: 'done', killed, calls: [] };
  for (let i = 0; i < 4; i++) report.calls.push(await call(sessions[i % 2]));
  for (const s of sessions) await s.client.close();
  return report;
}

async function stateful() {
  const sessions = [];
  for (let i = 0; i < 12 && new Set(sessions.map(s => s.state.servedBy)).size < 2; i++) {
    const session = await open();
    const first = await call(session);
    if (!first.ok) failed('a call before the kill failed', { first });
    if (!sessions.some(s => s.state.servedBy === session.state.servedBy)) sessions.push(session);
    else await session.client.close();
  }
  if (sessions.length < 2) failed('every session went to one instance', { servedBy: sessions.map(s => s.state.servedBy) });
  process.stdout.write(JSON.stringify({ phase: 'ready', servedBy: sessions.map(s => s.state.servedBy),
    sessionIds: sessions.map(s => s.transport.sessionId ?? null) }) + '\n');

  const killed = await waitForTheKill();
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
  return report;
}

const report = mode === 'stateless' ? await stateless() : await stateful();
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(0);
