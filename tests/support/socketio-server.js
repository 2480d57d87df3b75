// An independent Socket.IO 4 peer: the socket.io package from npm.
//   node socketio-server.js [PORT]     prints "PORT n" once listening (on PORT when given, for a restart on the
//                                      same address); exits when stdin closes
// Namespace /:        on connect emits "welcome" {"text":"hello from socket.io","at":1}, then "tick" 1, 2, 3 (one with an
//                     ack request), a binary event "file" with a Buffer; echoes any event back as "echo" with the
//                     event name and its arguments, and prints "GOT <event> <json args>" on stdout.
// Namespace /private: needs auth {"token":"s3cret"}, else the connection is refused ("not authorized").
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const httpServer = http.createServer();
const io = new Server(httpServer, { transports: ['websocket'] });

io.on('connection', (socket) => {
  socket.emit('welcome', { text: 'hello from socket.io', at: 1 }); // keys not in sorted order
  socket.emit('tick', 1);
  socket.emit('tick', 2);
  socket.timeout(5000).emit('tick', 3, () => console.log('ACKED tick'));
  socket.emit('file', Buffer.from('binary attachment'));
  socket.onAny((event, ...args) => {
    console.log(`GOT ${event} ${JSON.stringify(args)}`);
    socket.emit('echo', event, ...args);
  });
});

const secret = io.of('/private');
secret.use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === 's3cret') {
    next();
  } else {
    next(new Error('not authorized'));
  }
});
secret.on('connection', (socket) => socket.emit('secret', 'only for you'));

httpServer.listen(Number(process.argv[2] || 0), '127.0.0.1', () => console.log(`PORT ${httpServer.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
