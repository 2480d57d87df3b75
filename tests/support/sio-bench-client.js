// Benchmark peer: socket.io-client doing what `herald listen URL --protocol socketio --json --count N` does: one
// JSON line per event on stdout, exit after COUNT.
//   node sio-bench-client.js URL COUNT
'use strict';
const { io } = require('socket.io-client');

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
let received = 0;
let buffered = [];
const socket = io(url, { transports: ['websocket'] });
socket.onAny((event, ...args) => {
  buffered.push(JSON.stringify({ kind: 'message', type: event, text: JSON.stringify(args.length === 1 ? args[0] : args) }));
  if (buffered.length >= 512) {
    process.stdout.write(buffered.join('\n') + '\n');
    buffered = [];
  }
  if (++received === count) {
    process.stdout.write(buffered.length ? buffered.join('\n') + '\n' : '', () => process.exit(0));
  }
});
socket.on('connect_error', (error) => {
  console.error(error.message);
  process.exit(1);
});
