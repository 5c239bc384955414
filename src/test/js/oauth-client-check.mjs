#!/usr/bin/env node
// The official TypeScript client's OAuth flow against the bridge, with a real authorization server on loopback
// (oauth2-mock-server), for OAuthClientIT:
//
//   node oauth-client-check.mjs <issuer port> <file to write>
//
// Prints {"issuer": ...} and waits for the bridge's URL on stdin (the bridge needs the issuer to start). Then, with
// no token given by hand: the client's first request gets the bridge's 401, the SDK reads the Protected Resource
// Metadata it names, the authorization server's metadata, and gets a token by client_credentials for the resource
// (RFC 8707 `resource`); it lists the tools and calls write_file. A token the same server issued for another
// resource is then sent as is and must be refused. Prints ONE JSON report and exits once stdin closes.
import { OAuth2Server } from 'oauth2-mock-server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { createInterface } from 'node:readline';

const [port, file] = process.argv.slice(2);
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
const seen = [];
// A real server would look the client up; this one says it takes a client secret by HTTP Basic.
server.service.on('beforeWellKnownOpenIdConfiguration', (response) => {
  response.body.token_endpoint_auth_methods_supported = ['client_secret_basic', 'client_secret_post'];
});
// The token is issued for the resource the client asked for (RFC 8707), to the client that asked.
server.service.on('beforeTokenSigning', (token, req) => {
  const basic = (req.headers.authorization ?? '').replace(/^Basic\s+/i, '');
  const clientId = basic ? Buffer.from(basic, 'base64').toString().split(':')[0] : req.body.client_id;
  seen.push({ grant: req.body.grant_type, resource: req.body.resource ?? null, client: clientId ?? null });
  token.payload.aud = req.body.resource;
  token.payload.sub = clientId;
  token.payload.client_id = clientId;
});
await server.start(Number(port), '127.0.0.1');
console.log(JSON.stringify({ issuer: server.issuer.url }));

const lines = createInterface({ input: process.stdin });
const bridgeUrl = await new Promise((resolve) => lines.once('line', resolve));
const report = { tokenRequests: seen };

const payload = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

try {
  const provider = new ClientCredentialsProvider({ clientId: 'roo-agent', clientSecret: 'agent-secret', scope: 'mcp' });
  const client = new Client({ name: 'oauth-client-check', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(bridgeUrl), { authProvider: provider }));
  const tokens = provider.tokens();
  report.token = tokens ? { aud: payload(tokens.access_token).aud, sub: payload(tokens.access_token).sub } : null;
  report.tools = (await client.listTools()).tools.map((t) => t.name);
  const result = await client.callTool({ name: 'write_file', arguments: { path: file, content: 'by oauth' } });
  report.call = { isError: result.isError ?? false, text: result.content?.[0]?.text ?? '' };
  await client.close();
} catch (e) {
  report.flowError = String(e?.message ?? e);
}

try {
  // Issued by the same server, for another resource: well signed, wrong audience.
  const response = await fetch(`${server.issuer.url}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from('roo-agent:agent-secret').toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'mcp', resource: 'https://other.example/mcp' }),
  });
  const other = (await response.json()).access_token;
  report.otherAudience = { aud: payload(other).aud };
  const raw = await fetch(bridgeUrl, { method: 'POST', headers: { Authorization: `Bearer ${other}`,
    'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18',
    capabilities: {}, clientInfo: { name: 'other', version: '1' } } }) });
  report.otherAudience.status = raw.status;
  report.otherAudience.challenge = raw.headers.get('www-authenticate');
  const client = new Client({ name: 'oauth-client-check-other', version: '1' });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(bridgeUrl),
      { requestInit: { headers: { Authorization: `Bearer ${other}` } } }));
    report.otherAudience.connected = true;
    await client.close();
  } catch (e) {
    report.otherAudience.connected = false;
    report.otherAudience.error = String(e?.message ?? e);
    report.otherAudience.errorCode = e?.code ?? null;
  }
} catch (e) {
  report.otherError = String(e?.message ?? e);
}

console.log(JSON.stringify(report));
lines.on('close', async () => {
  await server.stop();
  process.exit(0);
});
