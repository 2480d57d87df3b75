// An independent HTTP/2 peer for the tests: Node's own http2 module serving an event stream.
//   node http2-server.js                  h2c (HTTP/2 over plain TCP, prior knowledge)
//   node http2-server.js CERT KEY         h2 over TLS, negotiated by ALPN (HTTP/1.1 still allowed)
// Prints "PORT n" once listening, then "SESSION n" for every new connection and "STREAM path" for every request,
// so the test can tell how many connections its streams really used. Exits when stdin closes.
'use strict';
const fs = require('fs');
const http2 = require('http2');

const [certFile, keyFile] = process.argv.slice(2);
let sessions = 0;

function handle(req, res) {
  console.log(`STREAM ${req.url} ${req.httpVersion}`);
  if (!req.url.startsWith('/events')) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no such route\n');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(`id: 1\ndata: hello over HTTP/${req.httpVersion} on ${req.url}\n\n`);
  const ping = setInterval(() => res.write(': ping\n\n'), 500);
  res.on('close', () => clearInterval(ping));
}

const server = certFile
  ? http2.createSecureServer({ cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile), allowHTTP1: true }, handle)
  : http2.createServer(handle);
server.on('session', () => console.log(`SESSION ${++sessions}`));
server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
