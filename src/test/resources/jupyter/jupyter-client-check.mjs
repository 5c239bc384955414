#!/usr/bin/env node
// Drives MCP Bridge's jupyter adapter with the official MCP TypeScript SDK client over stdio and prints ONE JSON
// report on stdout (what src/test/java/dev/mcpbridge/it/JupyterRealClientIT.java asserts on).
//
//   MCP_SDK_DIR=<dir holding node_modules/@modelcontextprotocol/sdk> node jupyter-client-check.mjs <server command...>
//
// Steps: initialize, tools/list, create_notebook, add_cell (a `parameters` cell, then a printing cell),
// execute_notebook with parameters and a progress token, read_cells of the output, manage_kernel start,
// execute_on_kernel 1+1, an image, an infinite loop with timeout 2 then 1+1 again, a path escape, manage_kernel stop.

import { createRequire } from 'node:module';
import path from 'node:path';

const REQUEST_TIMEOUT_MS = Number(process.env.CLIENT_CHECK_TIMEOUT_MS ?? 120000);
const require = createRequire(path.join(path.resolve(process.env.MCP_SDK_DIR ?? '.'), 'package.json'));
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');

function summarise(result) {
  return {
    isError: result?.isError === true,
    text: (result?.content ?? []).filter((c) => c?.type === 'text').map((c) => c.text).join('\n'),
    images: (result?.content ?? []).filter((c) => c?.type === 'image').map((c) => ({ mimeType: c.mimeType, data: c.data })),
  };
}

async function step(report, key, fn) {
  const started = Date.now();
  try {
    report[key] = { ok: true, ...(await fn()) };
  } catch (e) {
    report[key] = { ok: false, error: { message: e?.message ?? String(e), code: e?.code } };
    process.stderr.write(`jupyter-client-check: ${key} -> error: ${e?.stack ?? e}\n`);
  }
  report[key].ms = Date.now() - started;
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const transport = new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
  const report = { transportErrors: [] };
  const client = new Client({ name: 'mcp-bridge-jupyter-check', version: '1.0.0' }, { capabilities: {} });
  let closing = false;
  client.onerror = (e) => { if (!closing) report.transportErrors.push(e?.message ?? String(e)); };
  const options = { timeout: REQUEST_TIMEOUT_MS };
  const call = async (name, callArgs, extra = {}) =>
    summarise(await client.callTool({ name, arguments: callArgs }, undefined, { ...options, ...extra }));

  await step(report, 'initialize', async () => {
    await client.connect(transport, options);
    return { serverInfo: client.getServerVersion() };
  });
  if (report.initialize.ok) {
    await step(report, 'toolsList', async () => ({ names: (await client.listTools(undefined, options)).tools.map((t) => t.name) }));
    await step(report, 'create', () => call('create_notebook', { path: 'work/report.ipynb' }));
    await step(report, 'addParameters', () => call('add_cell', { path: 'work/report.ipynb', cell_type: 'code',
      source: 'n = 1\nlabel = "default"', metadata: { tags: ['parameters'] } }));
    await step(report, 'addPrint', () => call('add_cell', { path: 'work/report.ipynb', cell_type: 'code',
      source: 'print(label, n * 10)' }));
    const progress = [];
    await step(report, 'executeNotebook', async () => ({
      ...(await call('execute_notebook', { input_path: 'work/report.ipynb', parameters: { n: 4, label: 'run' },
        report_mode: 'full' }, { onprogress: (p) => progress.push(p) })),
      progress,
    }));
    await step(report, 'readOutput', () => call('read_cells', { path: 'work/report_output.ipynb', mode: 'all' }));
    await step(report, 'start', () => call('manage_kernel', { action: 'start', kernel_name: 'python3' }));
    let kernel;
    try { kernel = JSON.parse(report.start.text).kernel_id; } catch { kernel = 'none'; }
    await step(report, 'onePlusOne', () => call('execute_on_kernel', { kernel_id: kernel, mode: 'code', code: '1+1' }));
    await step(report, 'image', () => call('execute_on_kernel', { kernel_id: kernel, mode: 'code', code:
      "from IPython.display import Image, display\nimport base64\ndisplay(Image(data=base64.b64decode("
      + "'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==')))" }));
    await step(report, 'loop', () => call('execute_on_kernel', { kernel_id: kernel, mode: 'code',
      code: 'while True:\n    pass', timeout: 2 }));
    await step(report, 'afterLoop', () => call('execute_on_kernel', { kernel_id: kernel, mode: 'code', code: '1+1' }));
    await step(report, 'escape', () => call('read_notebook', { path: '../outside.ipynb' }));
    await step(report, 'stop', () => call('manage_kernel', { action: 'stop', kernel_id: kernel }));
  }
  closing = true;
  try { await client.close(); } catch (e) { process.stderr.write(`jupyter-client-check: close failed: ${e}\n`); }
  await new Promise((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, resolve));
}

main().catch((e) => { process.stderr.write(`jupyter-client-check: ${e?.stack ?? e}\n`); process.exit(1); });
