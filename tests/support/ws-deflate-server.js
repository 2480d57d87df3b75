// An independent permessage-deflate peer: Node's ws with perMessageDeflate on, configured per URL.
//   node ws-deflate-server.js      prints "PORT n" once listening; exits when stdin closes
// ws://…/echo?serverNoContextTakeover=1&clientNoContextTakeover=1&serverMaxWindowBits=N&clientMaxWindowBits=N
//   echoes every message (compressing everything it sends: threshold 0); the text "stats" is answered with
//   {"bytesRead": n, "extensions": "..."} so that a test can see its messages arrived compressed.
// ws://…/bomb?size=N   sends one binary message of N zero bytes, compressed, right after the handshake.
// ws://…/plain          the same echo with perMessageDeflate off.
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const servers = new Map();
function serverFor(query, deflate) {
  const key = `${deflate}:${query}`;
  if (!servers.has(key)) {
    const params = new URLSearchParams(query);
    const options = { threshold: 0 };
    if (params.get('serverNoContextTakeover') === '1') options.serverNoContextTakeover = true;
    if (params.get('clientNoContextTakeover') === '1') options.clientNoContextTakeover = true;
    if (params.has('serverMaxWindowBits')) options.serverMaxWindowBits = Number(params.get('serverMaxWindowBits'));
    if (params.has('clientMaxWindowBits')) options.clientMaxWindowBits = Number(params.get('clientMaxWindowBits'));
    servers.set(key, new WebSocketServer({ noServer: true, perMessageDeflate: deflate ? options : false,
                                           maxPayload: 512 * 1024 * 1024 }));
  }
  return servers.get(key);
}

const server = http.createServer((req, res) => res.writeHead(404).end());
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://x');
  const wss = serverFor(url.search, url.pathname !== '/plain');
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (url.pathname === '/bomb') {
      ws.send(Buffer.alloc(Number(url.searchParams.get('size'))), { binary: true, compress: true });
      return;
    }
    ws.on('message', (data, isBinary) => {
      if (!isBinary && data.toString() === 'stats') {
        ws.send(JSON.stringify({ bytesRead: socket.bytesRead, extensions: ws.extensions }));
        return;
      }
      ws.send(data, { binary: isBinary });
    });
  });
});
server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
