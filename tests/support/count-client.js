// Benchmark peer: the fastest a Node client can take messages, for the ratios bench_listen and bench_websocket
// print. It only counts (eventsource@4 addEventListener, ws@8 on('message')) and times itself from the client's
// creation to the COUNTth message, inside the process, so Node's start-up is not charged to it.
//   node count-client.js sse|ws URL COUNT [EVENT]   prints "SECONDS s" and exits
'use strict';

const [kind, url, countText, eventName = 'notification'] = process.argv.slice(2);
const count = Number(countText);
let received = 0;
let started;

const done = () => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${seconds.toFixed(6)} s\n`, () => process.exit(0));
};
const fail = (message) => {
  console.error(message);
  process.exit(1);
};

if (kind === 'sse') {
  const { EventSource } = require('eventsource');
  started = process.hrtime.bigint();
  const source = new EventSource(url);
  source.addEventListener(eventName, () => {
    if (++received === count) {
      source.close();
      done();
    }
  });
  source.onerror = (error) => fail(`eventsource: ${error.message || 'error'}`);
} else if (kind === 'ws') {
  const WebSocket = require('ws');
  started = process.hrtime.bigint();
  const ws = new WebSocket(url);
  ws.on('message', () => {
    if (++received === count) {
      done();
    }
  });
  ws.on('error', (error) => fail(`ws: ${error.message}`));
} else {
  fail('usage: node count-client.js sse|ws URL COUNT [EVENT]');
}
