// Benchmark peer: Node's ws client doing what `herald listen ws://… --json --count N` does: print one JSON line per
// message to stdout, exit after COUNT.
//   node ws-bench-client.js URL COUNT
'use strict';
const WebSocket = require('ws');

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
let received = 0;
let buffered = [];
const ws = new WebSocket(url);
ws.on('message', (data, isBinary) => {
  buffered.push(isBinary ? JSON.stringify({ kind: 'message', binary: data.toString('base64') })
                         : JSON.stringify({ kind: 'message', text: data.toString() }));
  if (buffered.length >= 512) {
    process.stdout.write(buffered.join('\n') + '\n');
    buffered = [];
  }
  if (++received === count) {
    process.stdout.write(buffered.length ? buffered.join('\n') + '\n' : '', () => process.exit(0));
  }
});
ws.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
