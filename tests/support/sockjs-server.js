// An independent SockJS peer: the sockjs package from npm.
//   node sockjs-server.js [PORT]     prints "PORT n" once listening (on PORT when given); exits when stdin closes
// Prefix /echo: greets with "welcome", then echoes every message back; prints "GOT <message>" on stdout.
'use strict';
const http = require('http');
const sockjs = require('sockjs');

const echo = sockjs.createServer({ log: () => {} });
echo.on('connection', (conn) => {
  conn.write('welcome');
  conn.write(JSON.stringify({ title: 'Build passed', n: 1 }));
  conn.on('data', (message) => {
    console.log(`GOT ${message}`);
    conn.write(message);
  });
});
const server = http.createServer();
echo.installHandlers(server, { prefix: '/echo' });
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
