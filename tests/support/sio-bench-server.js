// Benchmark peer: a socket.io 4 server that emits COUNT "tick" events of ~100 bytes to each client that connects,
// as fast as the socket takes them (in batches of 256 per turn of the event loop).
//   node sio-bench-server.js COUNT     prints "PORT n" once listening; exits when stdin closes
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const count = Number(process.argv[2] || 100000);
const httpServer = http.createServer();
const io = new Server(httpServer, { transports: ['websocket'], pingInterval: 60000 });
io.on('connection', (socket) => {
  let sent = 0;
  const batch = () => {
    for (let i = 0; i < 256 && sent < count; ++i) {
      socket.emit('tick', { n: ++sent, title: 'Build passed', body: 'pipeline main #' + sent + ' in 42 s' });
    }
    if (sent < count && socket.connected) setImmediate(batch);
  };
  batch();
});
httpServer.listen(0, '127.0.0.1', () => console.log(`PORT ${httpServer.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
