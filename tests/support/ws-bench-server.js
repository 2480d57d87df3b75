// Benchmark peer: on each connection, sends COUNT ~110-byte JSON messages as fast as the client takes them.
//   node ws-bench-server.js COUNT [BATCH] [deflate]   prints "PORT n"; exits when stdin closes
// BATCH messages go out per socket write (default 256, so the server outruns the client being measured); with 1,
// every message is a TCP segment of its own and the server's own pace is what gets measured. With 0, all COUNT
// frames are built once into one buffer at start and written in 1 MB pieces: a server that is never the
// bottleneck, for measuring clients alone (it prints "BYTES n", their size, before its port). With "deflate",
// permessage-deflate is on (every message compressed, threshold 0). After each connection the server prints "WIRE n": the bytes it wrote on that connection.
'use strict';
const { WebSocketServer } = require('ws');

const count = Number(process.argv[2] || 500000);
const batch = Number(process.argv[3] || 256);
const deflate = process.argv[4] === 'deflate';
const messages = [];
for (let i = 0; i < 1000; i++) {
  messages.push(JSON.stringify({ id: i, title: `Build #${i} passed`, body: 'herald/main at 3f2a9c1', priority: 3, ts: 1732460000 + i }).padEnd(110, ' '));
}

let prebuilt = null;
if (batch === 0) {
  const frames = [];
  for (let i = 0; i < count; i++) {
    const payload = Buffer.from(messages[i % messages.length]);
    // An unmasked final text frame; the messages are under 126 bytes, so the length fits the second byte.
    frames.push(Buffer.from([0x81, payload.length]), payload);
  }
  prebuilt = Buffer.concat(frames);
  console.log(`BYTES ${prebuilt.length}`);
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: deflate ? { threshold: 0 } : false });
wss.on('listening', () => console.log(`PORT ${wss.address().port}`));
wss.on('connection', (ws) => {
  ws._socket.on('close', () => console.log(`WIRE ${ws._socket.bytesWritten}`));
  if (prebuilt) {
    const socket = ws._socket;
    let at = 0;
    const write = () => {
      while (at < prebuilt.length) {
        const piece = prebuilt.subarray(at, at + 1024 * 1024);
        at += piece.length;
        if (!socket.write(piece)) {
          socket.once('drain', write);
          return;
        }
      }
    };
    write();
    return;
  }
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
