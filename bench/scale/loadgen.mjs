#!/usr/bin/env node
// Bounded MCP load generator: S concurrent sessions, each `initialize` then `tools/call` in a closed loop (one call
// in flight per session, so at most S calls in flight) until the deadline. Prints ONE JSON report on stdout.
//
//   node loadgen.mjs --url http://127.0.0.1:PORT/mcp [--sessions 16] [--duration 20] [--warmup 5]
//                    [--client sdk|raw] [--tool echo] [--token T] [--timeout-ms 30000]
//
// --client sdk  the official MCP TypeScript client (Client + StreamableHTTPClientTransport), as agents use it;
// --client raw  the same JSON-RPC over Node's fetch without the SDK (no schema parsing, no listening GET stream),
//               for when the SDK client, not the server, is what saturates the CPU.
//
// A session whose server answers 404 (unknown Mcp-Session-Id: its instance died) starts a new session, as the spec
// says, and sends the same call again: it was never run, so it is counted as recovered, not failed. Any other
// failure of a call is counted as failed, with the instance that last served that session (HAProxy's
// X-Served-By response header, when present), so a run with a killed instance shows whose calls were lost.
// Latencies of calls that finish during the warm-up are left out of the percentiles.

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const opts = parseArgs(process.argv.slice(2));
const url = new URL(opts.url);
const sessions = Number(opts.sessions ?? 16);
const durationMs = Number(opts.duration ?? 20) * 1000;
const warmupMs = Number(opts.warmup ?? 5) * 1000;
const timeoutMs = Number(opts['timeout-ms'] ?? 30000);
const tool = opts.tool ?? 'echo';
const clientKind = opts.client ?? 'sdk';
const auth = opts.token ? { Authorization: `Bearer ${opts.token}` } : {};

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) usage(`unexpected argument ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
    i++;
  }
  if (!out.url) usage('--url is required');
  return out;
}

function usage(message) {
  process.stderr.write(`loadgen: ${message}\nusage: node loadgen.mjs --url URL [--sessions N] [--duration S] `
    + '[--warmup S] [--client sdk|raw] [--tool NAME] [--token T]\n');
  process.exit(2);
}

class SessionGone extends Error {}

/** fetch that remembers which instance answered last (HAProxy's X-Served-By), per session. */
function trackingFetch(state) {
  return async (input, init) => {
    const response = await fetch(input, init);
    const servedBy = response.headers.get('x-served-by');
    if (servedBy) state.servedBy = servedBy;
    return response;
  };
}

/** The official TypeScript SDK client. */
async function sdkSession(state) {
  const client = new Client({ name: 'loadgen', version: '1.0.0' });
  client.onerror = () => {}; // the listening GET stream breaking when an instance dies is expected here
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { ...auth } },
    fetch: trackingFetch(state),
  });
  await client.connect(transport, { timeout: timeoutMs });
  return {
    async call(args) {
      try {
        const result = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: timeoutMs });
        return result;
      } catch (e) {
        if (e instanceof StreamableHTTPError && e.code === 404) throw new SessionGone(e.message);
        throw e;
      }
    },
    async close() {
      try { await client.close(); } catch { /* the instance may be gone */ }
    },
  };
}

/** The same exchanges over plain fetch: initialize, notifications/initialized, then tools/call. */
async function rawSession(state) {
  const fetchTracked = trackingFetch(state);
  let sessionId;
  let protocolVersion;
  let nextId = 1;
  async function post(message) {
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...auth };
    if (sessionId) headers['mcp-session-id'] = sessionId;
    if (protocolVersion) headers['mcp-protocol-version'] = protocolVersion;
    const response = await fetchTracked(url, {
      method: 'POST', headers, body: JSON.stringify(message), signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.status === 404 && sessionId) throw new SessionGone(`HTTP 404: ${text.slice(0, 80)}`);
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 120)}`);
    return { response, text };
  }
  function answer(text, contentType, id) {
    const candidates = (contentType ?? '').includes('text/event-stream')
      ? text.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trim()).filter(Boolean)
      : [text];
    for (const c of candidates) {
      const message = JSON.parse(c);
      if (message.id === id) {
        if (message.error) throw new Error(`JSON-RPC error ${message.error.code}: ${message.error.message}`);
        return message.result;
      }
    }
    throw new Error('no answer in the response');
  }
  const initId = nextId++;
  const init = await post({
    jsonrpc: '2.0', id: initId, method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'loadgen-raw', version: '1.0.0' } },
  });
  sessionId = init.response.headers.get('mcp-session-id') ?? undefined;
  protocolVersion = answer(init.text, init.response.headers.get('content-type'), initId).protocolVersion;
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return {
    async call(args) {
      const id = nextId++;
      const { response, text } = await post({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: tool, arguments: args } });
      return answer(text, response.headers.get('content-type'), id);
    },
    async close() {
      if (!sessionId) return;
      try {
        await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': sessionId, ...auth } });
      } catch { /* gone */ }
    },
  };
}

const openSession = clientKind === 'raw' ? rawSession : sdkSession;

const latencies = [];
const report = {
  url: url.toString(), client: clientKind, sessions, durationS: durationMs / 1000, warmupS: warmupMs / 1000, tool,
  ok: 0, toolErrors: 0, failed: 0, failedBy: {}, failures: [], sessionsLost: 0, reinitialised: 0, initFailures: 0,
  servedBy: {}, timeline: [],
};
const start = performance.now();
const deadline = start + durationMs;
const perSecond = new Map();

function second(t) {
  const s = Math.floor((t - start) / 1000);
  if (!perSecond.has(s)) perSecond.set(s, { s, ok: 0, failed: 0, reinit: 0 });
  return perSecond.get(s);
}

async function worker(index) {
  const state = { servedBy: undefined };
  let session;
  let pending; // the call to send (again, after a 404) before a new one
  let n = 0;
  while (performance.now() < deadline) {
    if (!session) {
      try {
        session = await openSession(state);
      } catch (e) {
        report.initFailures++;
        record(`initialize: ${e.message}`, state);
        await new Promise(r => setTimeout(r, 100));
        continue;
      }
    }
    const args = pending ?? { message: `s${index}-c${n++}` };
    pending = undefined;
    const t0 = performance.now();
    try {
      const result = await session.call(args);
      const t1 = performance.now();
      if (result?.isError) report.toolErrors++;
      else report.ok++;
      second(t1).ok++;
      if (t0 - start >= warmupMs) latencies.push(t1 - t0);
      if (state.servedBy) report.servedBy[state.servedBy] = (report.servedBy[state.servedBy] ?? 0) + 1;
    } catch (e) {
      if (e instanceof SessionGone) {
        report.sessionsLost++;
        report.reinitialised++;
        second(performance.now()).reinit++;
        pending = args;
        await session.close();
        session = undefined;
        continue;
      }
      report.failed++;
      second(performance.now()).failed++;
      record(e.message, state);
    }
  }
  if (session) await session.close();
}

function record(message, state) {
  const who = state.servedBy ?? 'unknown';
  report.failedBy[who] = (report.failedBy[who] ?? 0) + 1;
  if (report.failures.length < 20) {
    report.failures.push({ atS: +((performance.now() - start) / 1000).toFixed(3), servedBy: who, message: String(message).slice(0, 200) });
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return +sorted[Math.max(0, i)].toFixed(3);
}

const cpuStart = process.cpuUsage();
await Promise.all(Array.from({ length: sessions }, (_, i) => worker(i)));
const elapsedMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
latencies.sort((a, b) => a - b);
const measuredS = (elapsedMs - warmupMs) / 1000;
Object.assign(report, {
  elapsedS: +(elapsedMs / 1000).toFixed(3),
  measuredCalls: latencies.length,
  callsPerS: +(latencies.length / measuredS).toFixed(1),
  p50Ms: percentile(latencies, 50), p90Ms: percentile(latencies, 90), p99Ms: percentile(latencies, 99),
  p999Ms: percentile(latencies, 99.9), maxMs: latencies.length ? +latencies[latencies.length - 1].toFixed(3) : null,
  loadgenCpuPct: +(((cpu.user + cpu.system) / 1000) / elapsedMs * 100).toFixed(1),
  timeline: [...perSecond.values()].sort((a, b) => a.s - b.s),
});
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(0);
