#!/usr/bin/env node
// The to-do API of examples/openapi/todo-api.openapi.yaml, in memory, on a loopback port: what every side of the
// benchmark calls. Prints the port on its first line of stdout. Requires the bearer token given as argv[2].
import http from 'node:http';

const token = process.argv[2] ?? 'bench-token';
const todos = new Map();
for (let i = 1; i <= 50; i++) {
  todos.set(`t-${i}`, { id: `t-${i}`, title: `Item number ${i}`, done: i % 3 === 0, due: i % 2 ? '2026-12-24' : null });
}
const send = (res, status, body) => {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
const server = http.createServer((req, res) => {
  if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { message: 'bearer token required' });
  const url = new URL(req.url, 'http://x');
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'todos') return send(res, 404, { message: 'no such path' });
  if (parts.length === 1 && req.method === 'GET') {
    let items = [...todos.values()];
    if (url.searchParams.has('done')) items = items.filter((t) => String(t.done) === url.searchParams.get('done'));
    const limit = Number(url.searchParams.get('limit') ?? 20);
    return send(res, 200, { items: items.slice(0, limit), total: items.length });
  }
  if (parts.length === 2 && req.method === 'GET') {
    const todo = todos.get(parts[1]);
    return todo ? send(res, 200, todo) : send(res, 404, { message: 'No to-do item has this id' });
  }
  return send(res, 405, { message: 'not served by the benchmark API' });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
