// Starts test peers for tests that cannot start them themselves: a Windows test under Wine can start a Linux
// program but gets no pipe to it, and would hand it Windows paths. PeerLauncher (tests/support) connects here
// instead, at HERALD_PEER_LAUNCHER=127.0.0.1:PORT with HERALD_PEER_LAUNCHER_TOKEN=TOKEN.
//   node peer-launcher.js   prints "PORT n TOKEN" once listening; exits when stdin closes
// Anyone on this machine can reach a loopback port, and mosquitto_passwd or openssl can write any file the launcher
// may: a request without the token printed at start is refused.
// A connection sends one JSON line: {"script":"ws-server.js","arguments":[...]} runs that Node script from this
// folder; {"program":"mosquitto","arguments":[...],"wait":true} runs mosquitto, mosquitto_passwd or openssl
// (nothing else: a name with a path, or another program, is refused). Arguments that are Wine paths ("Z:\...",
// "C:\...") become the Linux paths they stand for.
// The peer's output lines come back; "STOP" ends it (a script as closing its stdin does, a program with SIGTERM), as
// does closing the connection; when it has ended, "EXIT code" (with "wait") and the connection closes.
'use strict';
const net = require('net');
const path = require('path');
const fs = require('fs');
const { spawn } = require('child_process');
const crypto = require('crypto');

const token = crypto.randomBytes(16).toString('hex');

const programs = {
  mosquitto: ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'],
  mosquitto_passwd: ['/usr/bin/mosquitto_passwd', '/usr/sbin/mosquitto_passwd'],
  openssl: ['/usr/bin/openssl'],
};

// Wine's drives: Z: is /, the others are folders of the prefix the tests run in (WINEPREFIX, as make windows-test
// sets it for the launcher).
function unixPath(arg) {
  const drive = /^([A-Za-z]):[\\/]/.exec(arg);
  if (!drive) {
    return arg;
  }
  const rest = arg.slice(2).replace(/\\/g, '/');
  const letter = drive[1].toLowerCase();
  if (letter === 'z') {
    return rest;
  }
  return process.env.WINEPREFIX ? `${process.env.WINEPREFIX}/drive_${letter}${rest}` : arg;
}

function command(asked) {
  const args = Array.isArray(asked.arguments) ? asked.arguments.map(String).map(unixPath) : [];
  if (asked.script !== undefined) {
    const script = String(asked.script);
    if (!/^[A-Za-z0-9_-]+\.js$/.test(script) || script === path.basename(__filename) ||
        !fs.existsSync(path.join(__dirname, script))) {
      return { error: `no such peer: ${script}` };
    }
    return { file: process.execPath, args: [path.join(__dirname, script), ...args], script: true };
  }
  const found = (programs[String(asked.program)] || []).find((candidate) => fs.existsSync(candidate));
  if (!found) {
    return { error: `not a program the launcher runs, or not installed: ${asked.program}` };
  }
  return { file: found, args, script: false };
}

const server = net.createServer((connection) => {
  let buffer = '';
  let child = null;
  let run = null;
  const stop = () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    if (run.script) {
      child.stdin.end();
    } else {
      child.kill('SIGTERM');
    }
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  };
  connection.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let lineEnd;
    while ((lineEnd = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, lineEnd);
      buffer = buffer.slice(lineEnd + 1);
      if (child) {
        if (line.trim() === 'STOP') {
          stop();
        }
        continue;
      }
      let asked;
      try {
        asked = JSON.parse(line);
      } catch (e) {
        connection.end('ERROR the request is not JSON\n');
        return;
      }
      const given = Buffer.from(String(asked.token || ''));
      if (given.length !== token.length || !crypto.timingSafeEqual(given, Buffer.from(token))) {
        connection.end('ERROR the request lacks the launcher\'s token (HERALD_PEER_LAUNCHER_TOKEN)\n');
        return;
      }
      run = command(asked);
      if (run.error) {
        connection.end(`ERROR ${run.error}\n`);
        return;
      }
      // mosquitto says what matters in its log file, which the tests read; on stderr it only warns about root.
      const stderr = asked.program === 'mosquitto' ? 'ignore' : 'inherit';
      child = spawn(run.file, run.args, { cwd: __dirname, stdio: ['pipe', 'pipe', stderr] });
      child.stdout.on('data', (data) => connection.write(data));
      child.on('exit', (code) => connection.end(asked.wait ? `EXIT ${code === null ? -1 : code}\n` : ''));
      child.on('error', (e) => connection.end(`ERROR ${e.message}\n`));
    }
    if (!child && buffer.length > 65536) {
      connection.end('ERROR the request line is too long\n');
    }
  });
  connection.on('close', stop);
  connection.on('error', stop);
});

server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${server.address().port} ${token}`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
