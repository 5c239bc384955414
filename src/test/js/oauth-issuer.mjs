// A real OAuth 2.1 authorization server on loopback (oauth2-mock-server) for OAuthIT. Prints one JSON line of
// access tokens for the audience given, good and bad, then serves (discovery, JWKS) until stdin closes.
import { OAuth2Server } from 'oauth2-mock-server';

const [port, audience] = process.argv.slice(2);
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
await server.start(Number(port), '127.0.0.1');

// Another server's key and issuer: its tokens are well formed but not this issuer's.
const stranger = new OAuth2Server();
await stranger.issuer.keys.generate('RS256');
await stranger.start(0, '127.0.0.1');

const claims = (extra) => ({ scopesOrTransform: (_header, payload) => Object.assign(payload, extra) });
const token = (extra, opts = {}) => server.issuer.buildToken({ ...claims(extra), ...opts });
const base = { aud: audience, sub: 'alice', scope: 'mcp' };
const good = await token(base);
const [h, p] = good.split('.');
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const payload = JSON.parse(Buffer.from(p, 'base64url').toString());

console.log(JSON.stringify({
  issuer: server.issuer.url,
  good,
  expired: await token(base, { expiresIn: -600 }),
  wrongAudience: await token({ ...base, aud: 'http://127.0.0.1:1/mcp' }),
  missingScope: await token({ ...base, scope: 'profile' }),
  wrongIssuer: await stranger.issuer.buildToken(claims(base)),
  badSignature: `${h}.${b64({ ...payload, sub: 'mallory' })}.${good.split('.')[2]}`,
  algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`,
}));

process.stdin.resume();
process.stdin.on('end', async () => {
  await stranger.stop();
  await server.stop();
  process.exit(0);
});
