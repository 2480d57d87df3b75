// Benchmark peer: an SSE server that is never the bottleneck. The whole stream of COUNT ~110-byte events is built
// once at start; each GET /events gets it in 1 MB writes, paced only by the client reading.
//   node sse-bench-server.js COUNT   prints "PORT n"; exits when stdin closes
'use strict';
const http = require('http');

const count = Number(process.argv[2] || 500000);
const parts = [];
for (let i = 0; i < count; i++) {
  const data = JSON.stringify({ id: i, title: `Build #${i % 10000} passed`, body: 'herald/main at 3f2a9c1', priority: i % 5 + 1 });
  parts.push(`id: ${i}\nevent: notification\ndata: ${data}\n\n`);
}
const stream = Buffer.from(parts.join(''));
const chunk = 1024 * 1024;

const server = http.createServer((request, response) => {
  if (request.url !== '/events') {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  let at = 0;
  const pump = () => {
    while (at < stream.length) {
      const piece = stream.subarray(at, at + chunk);
      at += piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  pump();
});
server.listen(0, '127.0.0.1', () => {
  console.log(`BYTES ${stream.length}`);
  console.log(`PORT ${server.address().port}`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
