#!/usr/bin/env node
// A tiny static file server for the built site (node's http module, no
// dependencies), bound to the loopback address only.
//   node scripts/serve-site.js DIR [--port N] [--host 127.0.0.1]
// Prints "serving DIR at http://HOST:PORT/" once it listens. --port 0 picks a
// free port (the tests use that). Files are sent with no-cache, so a rebuild
// shows on reload, and with the Content-Security-Policy the README's "Hosting
// the page" gives (so the browser tests prove that policy enough).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.lua': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// Everything from this server; the two modules' scripts, which the page
// fetches itself (to show progress) and runs from blob: URLs; WebAssembly
// compiled at run time (the engine, the viewer and the traces the engine
// compiles); the page's own <style>; its inline icon.
const csp = "default-src 'self'; script-src 'self' blob: 'wasm-unsafe-eval'; " +
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:";

function usage(message) {
  if (message) console.error(`serve-site: ${message}`);
  console.error('usage: serve-site.js DIR [--port N] [--host ADDRESS]');
  process.exit(2);
}

const args = process.argv.slice(2);
let root = null;
let port = 8080;
let host = '127.0.0.1';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port') port = Number(args[++i]);
  else if (args[i] === '--host') host = args[++i];
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else if (root === null) root = path.resolve(args[i]);
  else usage(`unexpected argument ${args[i]}`);
}
if (root === null) usage('no folder given');
if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port takes 0..65535');
if (!fs.existsSync(path.join(root, 'index.html'))) usage(`${root} has no index.html`);

const server = http.createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, {Allow: 'GET, HEAD'}).end();
    return;
  }
  let name;
  try {
    name = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (name.endsWith('/')) name += 'index.html';
  const file = path.join(root, path.normalize(name));
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  fs.stat(file, (err, stat) => {
    if (err || !stat.isFile()) {
      res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': types[path.extname(file)] || 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': csp,
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
});
server.on('error', (err) => {
  console.error(`serve-site: ${err.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  console.log(`serving ${root} at http://${host}:${address.port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
