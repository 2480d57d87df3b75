// Benchmark peer: Node's ws client doing what Herald's WebSocketClient does in bench_roundtrip: send one text
// message of SIZE bytes, wait for its echo, COUNT times, against ws-server.js /echo (whose greeting comes first).
// Prints one JSON line: {"medianUs": …, "seconds": …}.
//   node ws-roundtrip-client.js URL SIZE COUNT
'use strict';
const WebSocket = require('ws');

const [url, sizeText, countText] = process.argv.slice(2);
const payload = 'x'.repeat(Number(sizeText));
const count = Number(countText);
const times = [];
let sentAt = 0n;
let started = 0n;
let greeted = false;
const ws = new WebSocket(url, { perMessageDeflate: false });

function sendNext() {
  sentAt = process.hrtime.bigint();
  ws.send(payload);
}

ws.on('message', (data) => {
  if (!greeted) { // the server's greeting, not an echo
    greeted = true;
    started = process.hrtime.bigint();
    sendNext();
    return;
  }
  if (data.length !== payload.length) {
    console.error(`echo of ${data.length} bytes, sent ${payload.length}`);
    process.exit(1);
  }
  times.push(Number(process.hrtime.bigint() - sentAt) / 1000);
  if (times.length === count) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    times.sort((a, b) => a - b);
    process.stdout.write(JSON.stringify({ medianUs: times[times.length >> 1], seconds }) + '\n',
      () => process.exit(0));
    return;
  }
  sendNext();
});
ws.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
