// An independent WebSocket peer for the tests: the ws package from npm, not Qt.
//   node ws-server.js      prints "PORT n" once listening; exits when stdin closes
// Paths:
//   /echo            first sends {"url","headers","protocol"} as JSON, then echoes text and binary
//   /close/CODE      closes with CODE and reason "bye from ws" right after the handshake
//   /terminate       drops the TCP connection without a close frame
//   /refuse/STATUS   refuses the handshake with that HTTP status
//   /ticker          what tickers and most custom servers do: closes with 4001 unless the client sends
//                    {"type":"auth","token":"s3cret"} and then {"type":"subscribe","channel":C} within 1 s; then
//                    sends {"channel":C,"price":N} for N = 1, 2, 3 (then every second)
//   /heartbeat       a server with its own application ping: sends {"op":"ping","n":N} every 200 ms and closes
//                    with 4008 when one is unanswered by {"op":"pong","n":N} at the next; answers each pong with
//                    {"tick":N}; closes with 4009 when the client is quiet ("ka" not sent) for 1.5 s; prints KA
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const server = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (protocols) => (protocols.has('herald.v2') ? 'herald.v2' : false),
});

server.on('upgrade', (req, socket, head) => {
  const refuse = /^\/refuse\/(\d+)/.exec(req.url);
  if (refuse) {
    socket.end(`HTTP/1.1 ${refuse[1]} ${http.STATUS_CODES[refuse[1]] || 'Status'}\r\n` +
               'WWW-Authenticate: Bearer realm="herald-test"\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

// A header of its own on every 101, for the tests that read the server's answer.
wss.on('headers', (headers) => headers.push('X-Served-By: ws-server.js'));

wss.on('connection', (ws, req) => {
  const close = /^\/close\/(\d+)/.exec(req.url);
  if (close) {
    ws.close(Number(close[1]), 'bye from ws');
    return;
  }
  if (req.url.startsWith('/ticker')) {
    let authed = false;
    const deadline = setTimeout(() => ws.close(4001, 'subscribe within 1 s'), 1000);
    ws.on('message', (data) => {
      let request;
      try { request = JSON.parse(data.toString()); } catch (e) { ws.close(4002, 'not JSON'); return; }
      if (request.type === 'auth') {
        authed = request.token === 's3cret';
        if (!authed) ws.close(4003, 'bad token');
      } else if (request.type === 'subscribe' && authed) {
        clearTimeout(deadline);
        let price = 0;
        const tick = () => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ channel: request.channel, price: ++price }));
        tick(); tick(); tick();
        const timer = setInterval(tick, 1000);
        ws.on('close', () => clearInterval(timer));
      }
    });
    return;
  }
  if (req.url.startsWith('/heartbeat')) {
    let n = 0;
    let answered = true;
    const ping = setInterval(() => {
      if (!answered) { ws.close(4008, 'no pong'); return; }
      answered = false;
      ws.send(JSON.stringify({ op: 'ping', n: ++n }));
    }, 200);
    let quiet = setTimeout(() => ws.close(4009, 'quiet'), 1500);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text === 'ka') {
        console.log('KA');
        clearTimeout(quiet);
        quiet = setTimeout(() => ws.close(4009, 'quiet'), 1500);
        return;
      }
      let pong;
      try { pong = JSON.parse(text); } catch (e) { return; }
      if (pong.op === 'pong' && pong.n === n) {
        answered = true;
        ws.send(JSON.stringify({ tick: n }));
      }
    });
    ws.on('close', () => { clearInterval(ping); clearTimeout(quiet); });
    return;
  }
  if (req.url.startsWith('/terminate')) {
    setTimeout(() => ws.terminate(), 50);
    return;
  }
  ws.send(JSON.stringify({ url: req.url, headers: req.headers, protocol: ws.protocol }));
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});

server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
