// Benchmark peer, both sides of MQTT over WebSocket with mqtt.js:
//   node mqtt-bench-client.js subscribe URL TOPIC COUNT   what `herald listen URL --protocol mqtt --topic TOPIC --json
//                                                        --count N` does: one JSON line per message; prints READY on
//                                                        stderr once subscribed; exits after COUNT
//   node mqtt-bench-client.js publish URL TOPIC COUNT     publishes COUNT ~100-byte messages at QoS 0, then exits
'use strict';
const mqtt = require('mqtt');

const [mode, url, topic, countText] = process.argv.slice(2);
const count = Number(countText);
const client = mqtt.connect(url, { protocolVersion: 4, clean: true, reconnectPeriod: 0 });
client.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
if (mode === 'publish') {
  client.on('connect', () => {
    let sent = 0;
    const batch = () => {
      for (let i = 0; i < 256 && sent < count; ++i) {
        ++sent;
        client.publish(topic, JSON.stringify({ n: sent, title: 'Build passed', body: 'pipeline main #' + sent + ' in 42 s' }));
      }
      if (sent < count) setImmediate(batch);
      else client.end(false, () => process.exit(0));
    };
    batch();
  });
} else {
  let received = 0;
  let buffered = [];
  client.on('connect', () => client.subscribe(topic, { qos: 0 }, () => console.error('READY')));
  client.on('message', (name, payload) => {
    buffered.push(JSON.stringify({ kind: 'message', type: name, text: payload.toString() }));
    if (buffered.length >= 512) {
      process.stdout.write(buffered.join('\n') + '\n');
      buffered = [];
    }
    if (++received === count) {
      process.stdout.write(buffered.length ? buffered.join('\n') + '\n' : '', () => process.exit(0));
    }
  });
}
