#!/usr/bin/env node
// Drives MCP Bridge's filesystem adapter over stdio with the official MCP TypeScript SDK client and prints ONE JSON
// report on stdout. Run by src/test/java/dev/mcpbridge/filesystem/FilesystemRealClientIT.java, which asserts on it.
//
//   node fs-client-check.mjs <sdk-dir> <client-root-dir> <command> <args...>
//
// <sdk-dir> is the installed @modelcontextprotocol/sdk package (src/test/js/node_modules/@modelcontextprotocol/sdk):
// this script lives outside src/test/js, so it imports the SDK by absolute path (bare specifiers inside the SDK then
// resolve from its own node_modules). <client-root-dir> is offered to the server as the client's one MCP root.
// The server is spawned with <command> <args...>; paths given to the tools are relative to its allowed directory.
// Every call's outcome goes into the report under its step name; the exit code is 0 unless the harness itself fails.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const REQUEST_TIMEOUT_MS = Number(process.env.CLIENT_CHECK_TIMEOUT_MS ?? 30000);

function usage(message) {
  process.stderr.write(`fs-client-check: ${message}\n`
    + 'usage: node fs-client-check.mjs <sdk-dir> <client-root-dir> <command> <args...>\n');
  process.exit(2);
}

const sdkModule = (sdkDir, path) => import(pathToFileURL(join(sdkDir, 'dist/esm', path)).href);

function describeError(e) {
  const out = { message: e?.message ?? String(e) };
  if (e?.code !== undefined) out.code = e.code;
  if (e?.data !== undefined) out.data = e.data;
  return out;
}

function summariseCall(result) {
  return {
    isError: result?.isError === true,
    text: (result?.content ?? []).filter((c) => c?.type === 'text').map((c) => c.text).join('\n'),
    contentTypes: (result?.content ?? []).map((c) => c?.type),
    content: result?.content,
    ...(result?.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
  };
}

async function step(report, key, fn) {
  try {
    report.steps[key] = { ok: true, ...(await fn()) };
  } catch (e) {
    report.steps[key] = { ok: false, error: describeError(e) };
    process.stderr.write(`fs-client-check: ${key} -> error: ${e?.stack ?? e}\n`);
  }
}

async function main() {
  const [sdkDir, clientRoot, command, ...args] = process.argv.slice(2);
  if (!sdkDir || !clientRoot || !command) usage('missing arguments');
  const { Client } = await sdkModule(sdkDir, 'client/index.js');
  const { StdioClientTransport } = await sdkModule(sdkDir, 'client/stdio.js');
  const { ListRootsRequestSchema } = await sdkModule(sdkDir, 'types.js');

  const report = { node: process.version, transportErrors: [], rootsRequests: 0, steps: {} };
  const client = new Client({ name: 'mcp-bridge-fs-client-check', version: '1.0.0' },
    { capabilities: { roots: { listChanged: true } } });
  client.setRequestHandler(ListRootsRequestSchema, async () => {
    report.rootsRequests++;
    return { roots: [{ uri: pathToFileURL(clientRoot).href, name: 'client root' }] };
  });
  let closing = false;
  client.onerror = (e) => {
    if (closing) return;
    report.transportErrors.push(e?.message ?? String(e));
    process.stderr.write(`fs-client-check: transport error: ${e?.stack ?? e}\n`);
  };
  const transport = new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
  const options = { timeout: REQUEST_TIMEOUT_MS };

  await step(report, 'initialize', async () => {
    await client.connect(transport, options);
    return { serverInfo: client.getServerVersion(), capabilities: client.getServerCapabilities() };
  });
  if (!report.steps.initialize.ok) {
    return report;
  }
  await step(report, 'toolsList', async () => {
    const { tools } = await client.listTools(undefined, options);
    return { tools: tools.map((t) => ({ name: t.name, title: t.title, annotations: t.annotations,
      hasOutputSchema: t.outputSchema !== undefined, required: t.inputSchema?.required ?? [] })) };
  });

  const call = async (name, args) => summariseCall(await client.callTool({ name, arguments: args }, undefined, options));
  const calls = [
    ['listAllowed', 'list_allowed_directories', {}],
    ['write', 'write_file', { path: 'hello.txt', content: 'Hello\nWorld\nfrom the client\n' }],
    ['read', 'read_text_file', { path: 'hello.txt' }],
    ['readHead', 'read_text_file', { path: 'hello.txt', head: 1 }],
    ['readRange', 'read_text_file', { path: 'hello.txt', startLine: 2, endLine: 2 }],
    ['readDeprecated', 'read_file', { path: 'hello.txt' }],
    ['readHeadAndTail', 'read_text_file', { path: 'hello.txt', head: 1, tail: 1 }],
    ['readOutside', 'read_text_file', { path: '../outside/secret.txt' }],
    ['readMissingArg', 'read_text_file', {}],
    ['readMultiple', 'read_multiple_files', { paths: ['hello.txt', 'missing.txt'] }],
    ['readMedia', 'read_media_file', { path: 'pixel.png' }],
    ['editDryRun', 'edit_file', { path: 'hello.txt', dryRun: true, edits: [{ oldText: 'World', newText: 'There' }] }],
    ['edit', 'edit_file', { path: 'hello.txt', edits: [{ oldText: 'World', newText: 'Planet' }] }],
    ['editNoMatch', 'edit_file', { path: 'hello.txt', edits: [{ oldText: 'no such text', newText: 'x' }] }],
    ['createDirectory', 'create_directory', { path: 'nested/deeper' }],
    ['listDirectory', 'list_directory', { path: '.' }],
    ['listWithSizes', 'list_directory_with_sizes', { path: '.', sortBy: 'size' }],
    ['tree', 'directory_tree', { path: '.', excludePatterns: ['pixel.png'] }],
    ['move', 'move_file', { source: 'hello.txt', destination: 'nested/hello.txt' }],
    ['moveOntoExisting', 'move_file', { source: 'pixel.png', destination: 'nested/hello.txt' }],
    ['copy', 'copy_file', { source: 'nested', destination: 'nested-copy' }],
    ['searchFiles', 'search_files', { path: '.', pattern: '**/*.txt' }],
    ['fileInfo', 'get_file_info', { path: 'nested/hello.txt' }],
    ['grep', 'search_file_contents', { path: '.', pattern: 'planet', caseSensitive: false, contextLines: 1 }],
    ['grepBadRegex', 'search_file_contents', { path: '.', pattern: '(' }],
    ['delete', 'delete_file', { path: 'nested-copy', recursive: true }],
    ['deleteRoot', 'delete_file', { path: '.', recursive: true }],
    ['readClientRoot', 'read_text_file', { path: join(clientRoot, 'from-client-root.txt') }],
  ];
  for (const [key, name, args] of calls) {
    await step(report, key, () => call(name, args));
  }

  closing = true;
  try {
    await client.close();
  } catch (e) {
    process.stderr.write(`fs-client-check: close failed: ${e?.stack ?? e}\n`);
  }
  return report;
}

const timer = setTimeout(() => {
  process.stderr.write('fs-client-check: gave up after 120 s\n');
  process.exit(3);
}, Number(process.env.CLIENT_CHECK_DEADLINE_MS ?? 120000));
timer.unref();

main().then((report) => new Promise((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, resolve)))
  .then(() => process.exit(0), (e) => {
    process.stderr.write(`fs-client-check: harness failure: ${e?.stack ?? e}\n`);
    process.exit(1);
  });
