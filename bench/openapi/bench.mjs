#!/usr/bin/env node
// Per-call overhead of a kind: openapi tool. Three sides call the same operation (getTodo, GET /todos/{todoId}) of
// the same local API server (api-server.mjs, its own process):
//   direct  — fetch() from this process, keep-alive: the floor, what the HTTP call alone costs;
//   bridge  — mcp-bridge serving examples/openapi (descriptor + spec, no Java), tools/call get_todo over stdio;
//   peer    — @ivotoby/openapi-mcp-server (npm, pinned), the same spec, its tool for getTodo over stdio.
// Both MCP sides are driven by the official MCP TypeScript client. Rounds are interleaved (direct, bridge, peer,
// direct, ...) so that load from elsewhere on the machine falls on every side alike; calls are timed one at a time,
// in two windows (below). Figures: medians over rounds of each round's p50 and p90, and the ratios.
//
//   node bench.mjs --jar target/mcp-bridge.jar [--java java] [--rounds 5] [--cold 200] [--warmup 3000] [--calls 1000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const opts = { rounds: 5, cold: 200, calls: 1000, warmup: 3000, java: 'java', jar: path.join(root, 'target/mcp-bridge.jar'),
  out: path.join(here, 'RESULTS.md') };
for (let i = 2; i < process.argv.length; i += 2) opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const rounds = Number(opts.rounds);
const calls = Number(opts.calls);
const warmup = Number(opts.warmup);
const coldCalls = Number(opts.cold);
const token = 'bench-token-0123456789';
const spec = path.join(root, 'examples/openapi/todo-api.openapi.yaml');

async function startApi() {
  const child = spawn(process.execPath, [path.join(here, 'api-server.mjs'), token], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`api-server exited ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Two windows per session: the first `cold` calls after connecting (a short agent session), and `calls` calls after
// `warmup` more (a long one, once the JIT has compiled the path).
async function timed(call) {
  const window = async (n, offset) => {
    const ms = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await call(offset + i);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 0.5), p90: percentile(ms, 0.9) };
  };
  const cold = await window(coldCalls, 0);
  for (let i = 0; i < warmup; i++) await call(i);
  const warm = await window(calls, 0);
  return { cold, warm };
}

const id = (i) => `t-${(i % 50) + 1}`;

async function direct(base) {
  return timed(async (i) => {
    const res = await fetch(`${base}/todos/${encodeURIComponent(id(i))}`, { headers: { authorization: `Bearer ${token}` } });
    const todo = await res.json();
    if (todo.id !== id(i)) throw new Error(`direct: unexpected answer ${JSON.stringify(todo)}`);
  });
}

async function mcpSide(name, transport, findTool) {
  const client = new Client({ name: 'bench-openapi', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const tool = findTool(tools);
    if (!tool) throw new Error(`${name}: no getTodo tool in ${tools.map((t) => t.name).join(', ')}`);
    const arg = Object.keys(tool.inputSchema.properties ?? {}).find((k) => /todo.?id/i.test(k)) ?? 'todoId';
    return await timed(async (i) => {
      const result = await client.callTool({ name: tool.name, arguments: { [arg]: id(i) } });
      const text = result.content?.[0]?.text ?? '';
      if (result.isError || !text.includes(`"${id(i)}"`)) throw new Error(`${name}: unexpected answer ${JSON.stringify(result).slice(0, 300)}`);
    });
  } finally {
    await client.close();
  }
}

function bridge(base) {
  const env = { ...process.env, TODO_API_BASE_URL: base, TODO_API_TOKEN: token };
  return mcpSide('bridge', new StdioClientTransport({ command: opts.java,
    args: ['-jar', opts.jar, '--adapters-dir', path.join(root, 'examples/openapi'), '--adapter', 'todo-api'],
    env, stderr: 'ignore' }), (tools) => tools.find((t) => t.name === 'get_todo'));
}

function peer(base) {
  const bin = path.join(here, 'node_modules/@ivotoby/openapi-mcp-server/bin/mcp-server.js');
  return mcpSide('peer', new StdioClientTransport({ command: process.execPath,
    args: [bin, '--transport', 'stdio', '--api-base-url', base, '--openapi-spec', spec, '--headers', `Authorization:Bearer ${token}`],
    env: { ...process.env }, stderr: 'ignore' }), (tools) => tools.find((t) => /get.?todo/i.test(t.name) && !/todos/i.test(t.name)));
}

const api = await startApi();
const results = { direct: [], bridge: [], peer: [] };
const loads = [];
try {
  for (let r = 0; r < rounds; r++) {
    loads.push(os.loadavg()[0]);
    for (const [name, side] of [['direct', direct], ['bridge', bridge], ['peer', peer]]) {
      const figure = await side(api.base);
      results[name].push(figure);
      process.stderr.write(`round ${r + 1}/${rounds} ${name}: first ${coldCalls} calls p50 ${figure.cold.p50.toFixed(3)} ms; warm p50 ${figure.warm.p50.toFixed(3)} ms, p90 ${figure.warm.p90.toFixed(3)} ms\n`);
    }
  }
} finally {
  api.child.kill();
}

const med = {};
for (const [k, v] of Object.entries(results)) {
  med[k] = {};
  for (const w of ['cold', 'warm']) med[k][w] = { p50: median(v.map((x) => x[w].p50)), p90: median(v.map((x) => x[w].p90)) };
}
const fmt = (x) => x.toFixed(3);
const NAMES = { direct: 'direct HTTP (fetch, keep-alive)', bridge: 'mcp-bridge, kind: openapi (stdio)', peer: '@ivotoby/openapi-mcp-server 1.16.1 (stdio)' };
const javaVersion = await new Promise((resolve) => {
  const c = spawn(opts.java, ['-version'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let e = '';
  c.stderr.on('data', (d) => { e += d; });
  c.on('exit', () => resolve(e.split('\n')[0].trim()));
});
const shownArgs = process.argv.slice(2).filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out');
const lines = [
  '# kind: openapi — per-call overhead',
  '',
  `Command: \`bash bench/openapi/run.sh${shownArgs.length ? ' ' + shownArgs.join(' ') : ''}\` — ${new Date().toISOString().slice(0, 10)},`,
  `${os.cpus().length} cores, load average ${loads.map((l) => l.toFixed(1)).join(' / ')} at each round's start, ${javaVersion}, Node ${process.version}.`,
  '',
  `${rounds} interleaved rounds; each side, in one session: the first ${coldCalls} calls after connecting ("first calls"),`,
  `then ${warmup} more, then ${calls} timed calls ("warm"); one call in flight. Medians over rounds.`,
  '',
  '| side | first calls p50 ms | warm p50 ms | warm p90 ms | warm p50 over direct |',
  '|---|---:|---:|---:|---:|',
  ...['direct', 'bridge', 'peer'].map((k) => `| ${NAMES[k]} | ${fmt(med[k].cold.p50)} | ${fmt(med[k].warm.p50)} | ${fmt(med[k].warm.p90)} | ${(med[k].warm.p50 / med.direct.warm.p50).toFixed(2)}× |`),
  '',
  `Overhead of the bridge per call, warm p50: **${fmt(med.bridge.warm.p50 - med.direct.warm.p50)} ms** over the HTTP call alone (the peer's: ${fmt(med.peer.warm.p50 - med.direct.warm.p50)} ms);`,
  `in the first calls: ${fmt(med.bridge.cold.p50 - med.direct.cold.p50)} ms (the peer's: ${fmt(med.peer.cold.p50 - med.direct.cold.p50)} ms).`,
  `Bridge / peer, p50: **${(med.bridge.warm.p50 / med.peer.warm.p50).toFixed(2)}×** warm, ${(med.bridge.cold.p50 / med.peer.cold.p50).toFixed(2)}× in the first calls.`,
  '',
  'Per round, warm p50 ms: ' + ['direct', 'bridge', 'peer'].map((k) => `${k} ${results[k].map((x) => fmt(x.warm.p50)).join(', ')}`).join('; ') + '.',
  '',
];
fs.writeFileSync(opts.out, lines.join('\n'));
process.stdout.write(`${lines.join('\n')}`);
