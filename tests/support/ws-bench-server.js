// Benchmark peer: on each connection, sends COUNT ~110-byte JSON messages as fast as the client takes them.
//   node ws-bench-server.js COUNT [BATCH]   prints "PORT n"; exits when stdin closes
// BATCH messages go out per socket write (default 256, so the server outruns the client being measured); with 1,
// every message is a TCP segment of its own and the server's own pace is what gets measured.
'use strict';
const { WebSocketServer } = require('ws');

const count = Number(process.argv[2] || 500000);
const batch = Number(process.argv[3] || 256);
const messages = [];
for (let i = 0; i < 1000; i++) {
  messages.push(JSON.stringify({ id: i, title: `Build #${i} passed`, body: 'herald/main at 3f2a9c1', priority: 3, ts: 1732460000 + i }).padEnd(110, ' '));
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('listening', () => console.log(`PORT ${wss.address().port}`));
wss.on('connection', (ws) => {
  let sent = 0;
  const pump = () => {
    // Keep a few MB in flight, no more: the kernel's buffers, not ours, should hold the backlog. Corking sends
    // many frames per write, so that the server outruns the client being measured.
    while (sent < count && ws.bufferedAmount < 4 * 1024 * 1024) {
      ws._socket.cork();
      for (let i = 0; i < batch && sent < count; i++, sent++) {
        ws.send(messages[sent % messages.length]);
      }
      ws._socket.uncork();
    }
    if (sent < count && ws.readyState === ws.OPEN) {
      setImmediate(pump);
    }
  };
  pump();
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
