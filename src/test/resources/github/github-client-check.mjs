#!/usr/bin/env node
// Drives MCP Bridge's github adapter with the official MCP TypeScript SDK client over stdio and prints ONE JSON
// report on stdout (src/test/java/dev/mcpbridge/github/GitHubRealClientIT.java asserts on it).
//
//   node github-client-check.mjs <js-dir> <java> <args...>
//
// <js-dir> is the folder whose node_modules holds @modelcontextprotocol/sdk (src/test/js). The server's environment
// (GITHUB_HOST pointing at WireMock, the token, the toolsets) is this process's environment.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const [jsDir, command, ...args] = process.argv.slice(2);
if (!jsDir || !command) {
  process.stderr.write('usage: node github-client-check.mjs <js-dir> <java> <args...>\n');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(jsDir), 'package.json'));
const load = async (p) => import(pathToFileURL(require.resolve(p)).href);
const { Client } = await load('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = await load('@modelcontextprotocol/sdk/client/stdio.js');

const texts = (r) => (r?.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
const report = { steps: {} };
const client = new Client({ name: 'github-client-check', version: '1.0.0' }, { capabilities: {} });
const transport = new StdioClientTransport({ command, args, env: process.env, stderr: 'inherit' });
const options = { timeout: 30000 };

async function step(name, fn) {
  try {
    report.steps[name] = { ok: true, ...(await fn()) };
  } catch (e) {
    report.steps[name] = { ok: false, error: { message: e?.message ?? String(e), code: e?.code } };
  }
}
const call = async (name, a) => {
  const r = await client.callTool({ name, arguments: a }, undefined, options);
  return { isError: r.isError === true, text: texts(r) };
};

setTimeout(() => { process.stderr.write('github-client-check: gave up after 120 s\n'); process.exit(3); }, 120000).unref();

await step('initialize', async () => {
  await client.connect(transport, options);
  return { serverInfo: client.getServerVersion() };
});
if (report.steps.initialize.ok) {
  await step('toolsList', async () => {
    const { tools } = await client.listTools(undefined, options);
    const issueRead = tools.find((t) => t.name === 'issue_read');
    return { names: tools.map((t) => t.name), issueReadSchema: issueRead?.inputSchema, issueReadAnnotations: issueRead?.annotations };
  });
  await step('getFileContents', () => call('get_file_contents', { owner: 'octocat', repo: 'hello-world', path: 'src/Main.java', ref: 'main' }));
  await step('issueComments', () => call('issue_read', { method: 'get_comments', owner: 'octocat', repo: 'hello-world', issue_number: 1347, perPage: 2 }));
  await step('listBranches', () => call('list_branches', { owner: 'octocat', repo: 'hello-world', page: 2, perPage: 2 }));
  await step('createFile', () => call('create_or_update_file', { owner: 'octocat', repo: 'hello-world', path: 'docs/notes.md', content: 'hello\n', message: 'Add notes', branch: 'main' }));
  await step('notFound', () => call('issue_read', { method: 'get', owner: 'octocat', repo: 'hello-world', issue_number: 9999 }));
  await step('traversal', () => call('get_file_contents', { owner: 'octocat', repo: 'hello-world', path: '../../../user' }));
  await step('invalid', () => call('list_branches', { owner: 'octocat', repo: 'hello-world', perPage: 500 }));
}
try { await client.close(); } catch { /* closing */ }
await new Promise((resolve) => process.stdout.write(`${JSON.stringify(report)}\n`, resolve));
process.exit(0);
