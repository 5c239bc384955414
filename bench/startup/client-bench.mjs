#!/usr/bin/env node
// Start-up, latency and memory of mcp-bridge against the official filesystem MCP server, every side driven by the
// official MCP TypeScript client (what Roo Code uses), interleaved run by run on the same machine.
//
//   node client-bench.mjs [--runs N] [--calls N] [--warmup N] [--only name,name] [--baseline JAR]
//
// Sides (each skipped with a note when its runtime is missing):
//   official        @modelcontextprotocol/server-filesystem (node), version pinned in package-lock.json
//   jar-17          java -jar mcp-bridge.jar on Java 17, JVM defaults
//   launcher-17     bin/mcp-bridge on Java 17 (footprint flags + AppCDS archive, trained before the runs)
//   launcher-25     bin/mcp-bridge on Java 25 (footprint flags + AOT cache, trained before the runs)
//   launcher-25-all bin/mcp-bridge on Java 25 serving all four adapters (filesystem, github, searxng, win-cli)
// Every mcp-bridge side serves the filesystem adapter over the same directory as the official server.
//
// Per run: spawn -> initialize answered (client.connect resolves), spawn -> first tools/call result
// (read_text_file), then `warmup` + `calls` sequential read_text_file calls (p50/p99 of the last `calls`), then the
// server's RSS (VmRSS of its process) after 2 s idle. Medians over the runs; ratios against the official server.
// Writes RESULTS.md (also printed) and work/client-results.json.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('runs', 5));
const CALLS = Number(opt('calls', 200));
const WARMUP = Number(opt('warmup', 20));
const ONLY = opt('only', '');
// --baseline JAR adds the side 'baseline-jar-17': another build (say, main before a change) in the same interleaved
// runs, so a change's cost is measured against it rather than guessed.
const BASELINE = opt('baseline', '');
const JAVA17 = process.env.JAVA17_HOME ?? '/usr/lib/jvm/java-17-openjdk-amd64';
const JAVA25 = process.env.JAVA25_HOME ?? '/usr/lib/jvm/temurin-25-jdk-amd64';

const work = path.join(here, 'work');
fs.mkdirSync(work, { recursive: true });
// A copy of the jar, so that a rebuild during the run cannot invalidate the caches.
const jar = path.join(work, 'mcp-bridge.jar');
fs.copyFileSync(path.join(root, 'target', 'mcp-bridge.jar'), jar);
const cacheHome = path.join(work, 'cache');
fs.rmSync(cacheHome, { recursive: true, force: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-startup-'));
const file = path.join(dir, 'notes.txt');
fs.writeFileSync(file, Array.from({ length: 200 }, (_, i) => `line ${i + 1} of the bench file`).join('\n') + '\n');

const launcher = path.join(root, 'bin', 'mcp-bridge');
const baseEnv = { ...process.env, MCP_BRIDGE_JAR: jar, XDG_CACHE_HOME: cacheHome };
delete baseEnv.MCP_BRIDGE_JAVA_OPTS;
const fsServer = path.join(here, 'node_modules', '@modelcontextprotocol', 'server-filesystem', 'dist', 'index.js');
const sides = [
  { name: 'official', command: process.execPath, args: [fsServer, dir], env: process.env },
  { name: 'jar-17', command: path.join(JAVA17, 'bin', 'java'), args: ['-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', jar, '--adapter', 'filesystem', dir], env: process.env, needs: JAVA17 },
  ...(BASELINE ? [{ name: 'baseline-jar-17', command: path.join(JAVA17, 'bin', 'java'), args: ['-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', path.resolve(BASELINE), '--adapter', 'filesystem', dir], env: process.env, needs: JAVA17 }] : []),
  { name: 'launcher-17', command: launcher, args: ['--adapter', 'filesystem', dir], env: { ...baseEnv, JAVA_HOME: JAVA17 }, needs: JAVA17, train: true },
  { name: 'launcher-25', command: launcher, args: ['--adapter', 'filesystem', dir], env: { ...baseEnv, JAVA_HOME: JAVA25 }, needs: JAVA25, train: true },
  { name: 'launcher-25-all', command: launcher, args: [dir], needs: JAVA25, train: true,
    env: { ...baseEnv, JAVA_HOME: JAVA25, GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_bench_not_used', SEARXNG_URL: 'http://127.0.0.1:9', WINCLI_SHELLS: 'bash' } },
].filter((s) => (!ONLY || ONLY.split(',').includes(s.name)) && (!s.needs || fs.existsSync(s.needs)));

function rssMb(pid) {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS'));
    return Number(line.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? (v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2) : NaN;
};

async function session(side, calls, warmup) {
  const t0 = performance.now();
  const transport = new StdioClientTransport({ command: side.command, args: side.args, env: side.env, stderr: 'ignore' });
  const client = new Client({ name: 'startup-bench', version: '1' });
  await client.connect(transport);
  const init = performance.now() - t0;
  const call = () => client.callTool({ name: 'read_text_file', arguments: { path: file } });
  const first = await call();
  if (first.isError) throw new Error(`${side.name}: read_text_file failed: ${JSON.stringify(first.content)}`);
  const firstResult = performance.now() - t0;
  const lat = [];
  for (let i = 0; i < warmup + calls; i++) {
    const a = performance.now();
    await call();
    if (i >= warmup) lat.push(performance.now() - a);
  }
  let rss = NaN;
  if (calls > 0) {
    await sleep(2000);
    rss = rssMb(transport.pid);
  }
  await client.close();
  lat.sort((a, b) => a - b);
  return { init, firstResult, p50: lat.length ? pct(lat, 50) : NaN, p99: lat.length ? pct(lat, 99) : NaN, rss };
}

// Training: one whole session piped in and stdin closed, as a user's first run; the launcher's watcher then
// finishes the cache in the background, which is awaited here so that every timed run uses it.
const { spawn } = await import('node:child_process');
const cacheDir = path.join(cacheHome, 'mcp-bridge');
const cached = (ext) => fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).some((f) => f.endsWith(ext));
for (const side of sides.filter((s) => s.train)) {
  const ext = side.env.JAVA_HOME === JAVA25 ? '.aot' : '.jsa';
  if (cached(ext)) continue;
  process.stderr.write(`training ${side.name} (its start-up cache is made after it exits)...\n`);
  const child = spawn(side.command, side.args, { env: side.env, stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin.end([
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'train', version: '1' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'read_text_file', arguments: { path: file } } },
  ].map((m) => JSON.stringify(m)).join('\n') + '\n');
  await new Promise((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 1200 && !cached(ext); i++) await sleep(500);
  if (!cached(ext)) process.stderr.write(`warning: no ${ext} cache for ${side.name}; its runs start without one\n`);
}

const results = Object.fromEntries(sides.map((s) => [s.name, []]));
for (let run = 1; run <= RUNS; run++) {
  for (const side of sides) {
    const r = await session(side, CALLS, WARMUP);
    results[side.name].push(r);
    process.stderr.write(`run ${run} ${side.name}: init ${r.init.toFixed(0)} ms, first ${r.firstResult.toFixed(0)} ms, `
      + `p50 ${r.p50.toFixed(3)} ms, p99 ${r.p99.toFixed(3)} ms, rss ${r.rss.toFixed(0)} MB\n`);
  }
}

const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const metrics = [['init', 'spawn → initialize (ms)'], ['firstResult', 'spawn → first tool result (ms)'],
  ['p50', 'warm read_text_file p50 (ms)'], ['p99', 'warm read_text_file p99 (ms)'], ['rss', `idle RSS after ${CALLS} calls (MB)`]];
const med = Object.fromEntries(sides.map((s) => [s.name, Object.fromEntries(metrics.map(([k]) => [k, median(results[s.name].map((r) => r[k]))]))]));
const base = med.official;
const versions = (() => {
  const v = {};
  for (const [n, h] of [['java17', JAVA17], ['java25', JAVA25]]) {
    // java -version writes to stderr.
    const r = spawnSync(path.join(h, 'bin', 'java'), ['-version'], { encoding: 'utf8' });
    v[n] = String(r.stderr ?? '').split('\n').slice(0, 2).join(' ').trim();
  }
  return v;
})();
let md = `# bench/startup: mcp-bridge vs @modelcontextprotocol/server-filesystem, through the official TypeScript client\n\n`;
md += `${new Date().toISOString()}; ${os.cpus().length} CPUs, load average at the end ${load}; node ${process.version}; `
  + `medians of ${RUNS} interleaved runs; ${CALLS} timed calls after ${WARMUP} warm-ups per run. `
  + 'Ratios are mcp-bridge ÷ official (below 1.00 is better).\n\n';
md += `| metric | ${sides.map((s) => s.name).join(' | ')} |\n|---|${sides.map(() => '---:').join('|')}|\n`;
for (const [k, label] of metrics) {
  md += `| ${label} | ${sides.map((s) => {
    const v = med[s.name][k];
    const digits = k === 'p50' || k === 'p99' ? 3 : 0;
    return s.name === 'official' || !base ? v.toFixed(digits) : `${v.toFixed(digits)} (${(v / base[k]).toFixed(2)}×)`;
  }).join(' | ')} |\n`;
}
md += `\nJava: ${versions.java17} / ${versions.java25}\n`;
fs.writeFileSync(path.join(here, 'RESULTS.md'), md);
fs.writeFileSync(path.join(work, 'client-results.json'), JSON.stringify({ runs: RUNS, calls: CALLS, load, results, medians: med }, null, 2));
process.stdout.write(md);
fs.rmSync(dir, { recursive: true, force: true });
