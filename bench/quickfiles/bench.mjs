#!/usr/bin/env node
// quickfiles benchmark, driven by the official MCP TypeScript client over stdio.
//
//   node bench.mjs <jar> [--files N] [--runs N] [--tree DIR]
//
// Generates a tree of N text files (default 10 000, 100 directories, ~2.5 KB each, made once and reused), starts
// `java -jar <jar> --adapter quickfiles <tree>`, and times, warm, median of --runs:
//   search_in_files (literal word, and a regex)  side by side with  rg -i -n -C2 over the same tree
//   search_and_replace over every file             side by side with  sed -i over the same files
// Replacements alternate foo->bar / bar->foo so every run rewrites the same 10 000 files. Prints a Markdown table
// and writes work/results.json. Exit code 0 unless the harness itself fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const jar = args[0];
if (!jar || !existsSync(jar)) {
  process.stderr.write('usage: node bench.mjs <mcp-bridge.jar> [--files N] [--runs N] [--tree DIR]\n');
  process.exit(2);
}
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i > 0 ? args[i + 1] : fallback;
};
const FILES = Number(opt('--files', 10000));
const RUNS = Number(opt('--runs', 7));
const TREE = opt('--tree', `/tmp/qfbench-tree${FILES}`);

// ---- the tree: deterministic pseudo-code, "needle" in 1 % of files, "foo" once in every file ----
function makeTree() {
  if (existsSync(join(TREE, '.complete'))) return;
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'value', 'index', 'result', 'count', 'item', 'list', 'map',
    'return', 'const', 'let', 'function', 'for', 'while', 'if', 'else', 'string'];
  for (let d = 0; d < 100; d++) {
    const dir = join(TREE, `dir${String(d).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < FILES / 100; f++) {
      const n = d * (FILES / 100) + f;
      const lines = [];
      for (let l = 0; l < 60; l++) {
        const w = [];
        for (let k = 0; k < 6; k++) w.push(words[Math.floor(rand() * words.length)]);
        lines.push(`  ${w.join(' ')} fn_${Math.floor(rand() * 1000)}(${l});`);
      }
      lines[30] = `  let foo = compute(${n});`;
      if (n % 100 === 7) lines[45] = '  // the needle is here';
      writeFileSync(join(dir, `file${n}.js`), lines.join('\n') + '\n');
    }
  }
  writeFileSync(join(TREE, '.complete'), '');
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// CPU time (user + system) too: on a loaded machine wall time mostly measures the wait for a core.
const seconds = (m) => Number(m[1]) * 60 + Number(m[2]);
function timeCommand(argv, input) {
  const script = input === undefined ? '"$@" > "$OUT"; s=$?; times >&2; exit $s' : '"$@"; s=$?; times >&2; exit $s';
  const t0 = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', script, 'bash', ...argv], { input, maxBuffer: 1 << 30,
    env: { ...process.env, OUT: '/tmp/qfbench-ref.out' } });
  const t = ms(t0);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  const lines = r.stderr.toString().trim().split('\n');
  const kids = lines[lines.length - 1].match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
  const cpu = kids ? (seconds([0, kids[1], kids[2]]) + seconds([0, kids[3], kids[4]])) * 1000 : NaN;
  return { t, cpu, out: input === undefined ? readFileSync('/tmp/qfbench-ref.out', 'utf8') : '' };
}

/** The server's CPU time so far (user + system, ms), from /proc. */
function serverCpu(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  makeTree();
  const files = readdirSync(TREE).filter((d) => d.startsWith('dir')).flatMap((d) =>
    readdirSync(join(TREE, d)).map((f) => join(TREE, d, f)));
  const transport = new StdioClientTransport({
    command: 'java', args: ['-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', jar, '--adapter', 'quickfiles', TREE],
    stderr: 'inherit',
  });
  const client = new Client({ name: 'qf-bench', version: '1.0.0' });
  await client.connect(transport);
  const call = async (name, a) => {
    const c0 = serverCpu(transport.pid);
    const t0 = process.hrtime.bigint();
    const r = await client.callTool({ name, arguments: a }, undefined, { timeout: 600000 });
    const t = ms(t0);
    const cpu = serverCpu(transport.pid) - c0;
    if (r.isError) throw new Error(`${name}: ${r.content?.[0]?.text}`);
    return { t, cpu, text: r.content.map((c) => c.text).join('\n') };
  };
  const results = [];
  const row = (what, ours, refName, ref, check) => {
    const o = median(ours.map((x) => x.t));
    const r = median(ref.map((x) => x.t));
    const oc = median(ours.map((x) => x.cpu));
    const rc = median(ref.map((x) => x.cpu));
    results.push({ what, ours_ms: o, ref: refName, ref_ms: r, ratio: o / r, ours_cpu_ms: oc, ref_cpu_ms: rc,
      cpu_ratio: oc / rc, check });
    process.stderr.write(`${what}: ours ${o.toFixed(1)} ms (cpu ${oc}), ${refName} ${r.toFixed(1)} ms (cpu ${rc}), `
      + `ratio ${(o / r).toFixed(2)}, cpu ratio ${(oc / rc).toFixed(2)} ${check}\n`);
  };

  // search: a literal word and a regex, default options (case-insensitive, 2 context lines)
  for (const [label, pattern, rgPattern] of [['word', 'needle', 'needle'], ['regex', 'fn_99\\d\\(4', 'fn_99\\d\\(4']]) {
    const a = { paths: [TREE], pattern, max_total_results: 100000, max_results_per_file: 1000 };
    for (let i = 0; i < 3; i++) await call('search_in_files', a);
    const ours = [];
    let last;
    for (let i = 0; i < RUNS; i++) { last = await call('search_in_files', a); ours.push(last); }
    const rg = [];
    let rgOut;
    for (let i = 0; i < RUNS; i++) {
      const r = timeCommand(['rg', '-i', '-n', '-C2', '--no-heading', '--sort', 'path', rgPattern, TREE]);
      rg.push(r); rgOut = r.out;
    }
    const oursFiles = Number((last.text.match(/\*\*(\d+) file\(s\) with matches\*\*/) || [0, 0])[1]);
    const rgFiles = new Set(rgOut.split('\n').filter((l) => /^\/.*?[:-]\d+[:-]/.test(l) && /:\d+:/.test(l))
      .map((l) => l.slice(0, l.search(/:\d+:/)))).size;
    row(`search_in_files (${label}: ${pattern})`, ours, 'rg -i -n -C2', rg,
      oursFiles === rgFiles ? `same ${oursFiles} files` : `FILES DIFFER: ours ${oursFiles}, rg ${rgFiles}`);
  }

  // replace every file: foo <-> bar alternately, literal, case-sensitive (sed's default)
  let from = 'foo';
  let to = 'bar';
  const swap = () => { [from, to] = [to, from]; };
  const replaceArgs = () => ({ paths: [TREE], search: from, replace: to, use_regex: false, case_sensitive: true,
    file_pattern: '*.js' });
  for (let i = 0; i < 2; i++) { await call('search_and_replace', replaceArgs()); swap(); }
  const oursReplace = [];
  let lastReplace;
  for (let i = 0; i < RUNS; i++) { lastReplace = await call('search_and_replace', replaceArgs()); oursReplace.push(lastReplace); swap(); }
  const oursCount = Number((lastReplace.text.match(/Total replacements: (\d+)/) || [0, 0])[1]);
  const sed = [];
  for (let i = 0; i < RUNS; i++) {
    // xargs runs sed over the same files, as few processes as the argument limit allows
    sed.push(timeCommand(['xargs', '-0', 'sed', '-i', `s/${from}/${to}/g`], files.join('\0')));
    swap();
  }
  row(`search_and_replace (${FILES} files, 1 replacement each)`, oursReplace, 'sed -i', sed,
    oursCount === FILES ? `${oursCount} replacements` : `COUNT DIFFERS: ${oursCount}`);

  await client.close();
  let table = `| operation (${FILES} files, warm, median of ${RUNS}) | mcp-bridge wall / CPU | reference wall / CPU | ratio wall / CPU |\n|---|---|---|---|\n`;
  for (const r of results) {
    table += `| ${r.what} | ${r.ours_ms.toFixed(0)} / ${r.ours_cpu_ms.toFixed(0)} ms | ${r.ref} ${r.ref_ms.toFixed(0)} / `
      + `${r.ref_cpu_ms.toFixed(0)} ms | ${r.ratio.toFixed(2)}× / ${r.cpu_ratio.toFixed(2)}× |\n`;
  }
  mkdirSync(join(here, 'work'), { recursive: true });
  writeFileSync(join(here, 'work', 'results.json'), JSON.stringify({ files: FILES, runs: RUNS, results }, null, 2));
  process.stdout.write(table);
}

main().catch((e) => { process.stderr.write(`bench failed: ${e.stack ?? e}\n`); process.exit(1); });
