#!/usr/bin/env node
// Drives MCP Bridge's win-cli adapter with the official MCP TypeScript SDK client; prints ONE JSON report on stdout.
//
//   node wincli-client.mjs stdio <command> <args...>    spawn the bridge and talk over stdio
//   node wincli-client.mjs http <url> [token]           Streamable HTTP (the bridge on a remote machine)
//
// Environment: BRIDGE_JS_DIR (the folder whose node_modules holds @modelcontextprotocol/sdk), WINCLI_CANARY (a
// path an injection attempt would create), WINCLI_SSH_ID (optional: an SSH connection to use with ssh_execute).
// Each step's outcome goes into the report; WinCliClientIT asserts on it. stderr is for diagnostics.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const jsDir = process.env.BRIDGE_JS_DIR;
if (!jsDir) {
  process.stderr.write('wincli-client: BRIDGE_JS_DIR is not set\n');
  process.exit(2);
}
const require = createRequire(`${jsDir}/package.json`);
async function load(subpath) {
  // Resolve through the package's exports, then prefer its ESM build.
  let file = require.resolve(`@modelcontextprotocol/sdk/${subpath}`);
  const esm = file.replace('/dist/cjs/', '/dist/esm/');
  if (existsSync(esm)) file = esm;
  return import(pathToFileURL(file).href);
}
const { Client } = await load('client/index.js');
const { StdioClientTransport } = await load('client/stdio.js');
const { StreamableHTTPClientTransport } = await load('client/streamableHttp.js');

const TIMEOUT = { timeout: 60000 };
const [mode, ...rest] = process.argv.slice(2);
let transport;
if (mode === 'stdio') {
  transport = new StdioClientTransport({ command: rest[0], args: rest.slice(1), env: process.env, stderr: 'inherit' });
} else if (mode === 'http') {
  const token = rest[1];
  transport = new StreamableHTTPClientTransport(new URL(rest[0]),
    { requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : undefined });
} else {
  process.stderr.write('usage: wincli-client.mjs stdio <cmd> <args...> | http <url> [token]\n');
  process.exit(2);
}

const report = { mode, errors: [] };
const client = new Client({ name: 'wincli-client-check', version: '1.0.0' }, { capabilities: {} });
let closing = false;
// Closing aborts the HTTP transport's standalone GET stream ("This operation was aborted"): not a server problem.
client.onerror = (e) => { if (!closing) report.errors.push(String(e?.message ?? e)); };
const texts = (r) => (r?.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
async function step(key, fn) {
  try {
    report[key] = { ok: true, ...(await fn()) };
  } catch (e) {
    report[key] = { ok: false, error: { message: e?.message ?? String(e), code: e?.code } };
  }
}
const call = async (name, args) => {
  const r = await client.callTool({ name, arguments: args }, undefined, TIMEOUT);
  return { isError: r.isError === true, text: texts(r), structured: r.structuredContent ?? null };
};

await step('initialize', async () => {
  await client.connect(transport, TIMEOUT);
  return { serverInfo: client.getServerVersion(), capabilities: client.getServerCapabilities() };
});
if (report.initialize.ok) {
  await step('tools', async () => {
    const { tools } = await client.listTools(undefined, TIMEOUT);
    const exec = tools.find((t) => t.name === 'execute_command');
    return { names: tools.map((t) => t.name), executeCommand: exec };
  });
  await step('echo', () => call('execute_command', { shell: 'bash', command: 'echo hello from the bridge' }));
  await step('sh', () => call('execute_command', { shell: 'sh', command: 'uname -s' }));
  await step('failing', () => call('execute_command', { shell: 'bash', command: 'ls /no/such/dir' }));
  await step('blocked', () => call('execute_command', { shell: 'bash', command: 'rm -rf /' }));
  await step('injection', () => call('execute_command',
    { shell: 'bash', command: `echo hi; touch ${process.env.WINCLI_CANARY ?? '/tmp/wincli-canary'}` }));
  await step('powershell', () => call('execute_command', { shell: 'powershell', command: 'Get-Date' }));
  await step('history', () => call('get_command_history', { limit: 3 }));
  await step('cwd', () => call('get_current_directory', {}));
  await step('resources', async () => {
    const { resources } = await client.listResources(undefined, TIMEOUT);
    const read = async (uri) => (await client.readResource({ uri }, TIMEOUT)).contents[0];
    return {
      uris: resources.map((r) => r.uri),
      config: (await read('cli://config')).text,
      currentdir: (await read('cli://currentdir')).text,
      ssh: (await read('ssh://config')).text,
    };
  });
  if (process.env.WINCLI_SSH_ID) {
    const id = process.env.WINCLI_SSH_ID;
    await step('sshFirst', () => call('ssh_execute', { connectionId: id, command: 'echo over ssh' }));
    await step('sshSecond', () => call('ssh_execute', { connectionId: id, command: 'uname -s' }));
    await step('sshInjection', () => call('ssh_execute', { connectionId: id, command: 'echo a && rm -rf /' }));
    await step('sshList', () => call('read_ssh_connections', {}));
  }
}
closing = true;
try {
  await client.close();
} catch (e) {
  process.stderr.write(`wincli-client: close failed: ${e}\n`);
}
await new Promise((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, resolve));
process.exit(0);
