#!/usr/bin/env node
// Drives MCP Bridge's quickfiles adapter over stdio with the official MCP TypeScript SDK client and prints ONE JSON
// report on stdout. Run by src/test/java/dev/mcpbridge/quickfiles/QuickfilesRealClientIT.java, which writes the
// steps and asserts on the report.
//
//   node qf-client-check.mjs <sdk-dir> <steps.json> <command> <args...>
//
// <steps.json> is [[key, tool, arguments], ...]; the tool "__writeFile" writes arguments.content to arguments.path
// on the client side (to change the bridge's configuration file between calls). Each call's outcome goes into the
// report under its key; the exit code is 0 unless the harness itself fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const sdkModule = (sdkDir, path) => import(pathToFileURL(join(sdkDir, 'dist/esm', path)).href);
const options = { timeout: Number(process.env.CLIENT_CHECK_TIMEOUT_MS ?? 30000) };

async function main() {
  const [sdkDir, stepsFile, command, ...args] = process.argv.slice(2);
  if (!sdkDir || !stepsFile || !command) {
    process.stderr.write('usage: node qf-client-check.mjs <sdk-dir> <steps.json> <command> <args...>\n');
    process.exit(2);
  }
  const { Client } = await sdkModule(sdkDir, 'client/index.js');
  const { StdioClientTransport } = await sdkModule(sdkDir, 'client/stdio.js');
  const report = { transportErrors: [], steps: {} };
  const client = new Client({ name: 'mcp-bridge-qf-client-check', version: '1.0.0' });
  let closing = false;
  client.onerror = (e) => { if (!closing) report.transportErrors.push(e?.message ?? String(e)); };
  const transport = new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
  await client.connect(transport, options);
  const { tools } = await client.listTools(undefined, options);
  report.tools = tools.map((t) => ({ name: t.name, annotations: t.annotations, required: t.inputSchema?.required ?? [] }));
  for (const [key, tool, a] of JSON.parse(readFileSync(stepsFile, 'utf8'))) {
    try {
      if (tool === '__writeFile') {
        writeFileSync(a.path, a.content);
        report.steps[key] = { ok: true };
        continue;
      }
      const r = await client.callTool({ name: tool, arguments: a }, undefined, options);
      report.steps[key] = { ok: true, isError: r.isError === true,
        text: (r.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n') };
    } catch (e) {
      report.steps[key] = { ok: false, error: e?.message ?? String(e) };
    }
  }
  closing = true;
  await client.close();
  return report;
}

const timer = setTimeout(() => { process.stderr.write('qf-client-check: gave up after 120 s\n'); process.exit(3); },
  Number(process.env.CLIENT_CHECK_DEADLINE_MS ?? 120000));
timer.unref();
main().then((report) => new Promise((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, resolve)))
  .then(() => process.exit(0), (e) => {
    process.stderr.write(`qf-client-check: harness failure: ${e?.stack ?? e}\n`);
    process.exit(1);
  });
