// tools/deploy as shipped: nginx (Debian's) in front of jem holds 200 slow and idle clients
// while a normal client is answered within a second; jem believes the forwarded address from
// that proxy only; the example configuration with TLS passes `nginx -t`.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { startJem } from '../contract/jem_server.mjs';

const deploy = new URL('../../tools/deploy', import.meta.url).pathname;
const asRoot = process.getuid() === 0;

async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.on('listening', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// A GET from `localAddress`; resolves to { status, ms }.
function get(url, { headers = {}, localAddress = '127.0.0.2' } = {}) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, localAddress, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error('no answer in 10 s')));
  });
}

let jem;
let dir;
let nginx;
let proxy;

before(async () => {
  jem = await startJem({ serveArgs: ['--trusted-proxy', '127.0.0.1'], env: { JEM_LOG_LEVEL: 'info' } });
  dir = mkdtempSync(join(tmpdir(), 'jem-nginx-'));
  const port = await freePort();
  proxy = `http://127.0.0.1:${port}`;
  const values = {
    dir, deploy, port, upstream: new URL(jem.url).host, user: asRoot ? 'user root;' : '',
    limits: `include ${deploy}/jem-limits.conf;`,
  };
  const conf = readFileSync(join(deploy, 'loopback-nginx.conf'), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k) => values[k]);
  writeFileSync(join(dir, 'nginx.conf'), conf);
  nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'inherit' });
  for (let i = 0; ; ++i) {
    try {
      if ((await get(`${proxy}/healthz`)).status === 200) break;
    } catch (e) {
      if (i > 100) throw new Error(`nginx did not come up: ${e}\n${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    }
    await sleep(50);
  }
});

after(async () => {
  if (nginx) {
    const exited = new Promise((resolve) => nginx.on('exit', resolve));
    nginx.kill('SIGQUIT');
    await exited;
  }
  await jem?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('200 slow and idle connections leave a normal client answered within a second', async () => {
  const { port } = new URL(proxy);
  const sockets = [];
  const open = (first) => {
    const s = net.connect({ port: Number(port), host: '127.0.0.1', localAddress: '127.0.0.1' }, () => first && s.write(first));
    s.on('error', () => {});
    s.on('data', () => {});
    sockets.push(s);
    return s;
  };
  // Idle, drip-feeding a head, and drip-feeding a body after a whole head.
  for (let i = 0; i < 70; ++i) open(null);
  const dripHeads = Array.from({ length: 70 }, () => open('GET /api/v1/actions HTTP/1.1\r\nHost: x\r\n'));
  const dripBodies = Array.from({ length: 60 }, () => open(
    `POST /api/v1/actions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${jem.tokens.officer}\r\n` +
    'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{'));
  const drip = setInterval(() => {
    for (const s of dripHeads) s.write('X-Drip: 1\r\n');
    for (const s of dripBodies) s.write(' ');
  }, 200);
  try {
    await sleep(1000);
    const officer = { Authorization: `Bearer ${jem.tokens.officer}` };
    const times = [];
    for (let i = 0; i < 10; ++i) {
      const r = await get(`${proxy}/api/v1/actions`, { headers: officer });
      assert.equal(r.status, 200);
      times.push(Math.round(r.ms));
    }
    console.log(`with ${sockets.length} slow connections open, 10 board reads through nginx took ${times.join(', ')} ms`);
    assert.ok(Math.max(...times) < 1000, `a normal client waited ${Math.max(...times)} ms`);
  } finally {
    clearInterval(drip);
    for (const s of sockets) s.destroy();
  }
});

test('a client past its request limit gets 429 from nginx, and others are not held back', async () => {
  const flood = await Promise.all(Array.from({ length: 400 }, () => get(`${proxy}/healthz`, { localAddress: '127.0.0.3' })));
  const refused = flood.filter((r) => r.status === 429).length;
  assert.ok(refused > 0, 'some of 400 requests at once are refused');
  assert.equal(refused + flood.filter((r) => r.status === 200).length, 400);
  assert.equal((await get(`${proxy}/healthz`, { localAddress: '127.0.0.2' })).status, 200);
});

test('jem believes the forwarded address from its trusted proxy, and from nobody else', async () => {
  const officer = { Authorization: `Bearer ${jem.tokens.officer}` };
  // Through nginx from 127.0.0.2, with a forged header that nginx replaces.
  assert.equal((await get(`${proxy}/api/v1/meetings/CAM-20090616`, { headers: { ...officer, 'X-Forwarded-For': '6.6.6.6' } })).status, 200);
  // Straight to jem from 127.0.0.2 (not a trusted proxy), claiming to be someone else.
  assert.equal((await get(`${jem.url}/api/v1/rounds/1/coverage`, { headers: { ...officer, 'X-Forwarded-For': '6.6.6.6' } })).status, 200);
  await sleep(100);
  const log = jem.log();
  assert.match(log, /127\.0\.0\.2 "GET \/api\/v1\/meetings\/CAM-20090616" 200/);
  assert.match(log, /127\.0\.0\.2 "GET \/api\/v1\/rounds\/1\/coverage" 200/);
  assert.doesNotMatch(log, /6\.6\.6\.6/);
});

test('the example configuration with TLS is valid nginx', () => {
  const example = mkdtempSync(join(tmpdir(), 'jem-nginx-example-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
                             '-subj', '/CN=jem.example.gov.uk', '-keyout', join(example, 'privkey.pem'),
                             '-out', join(example, 'fullchain.pem')], { stdio: 'ignore' });
    const conf = readFileSync(join(deploy, 'nginx.conf'), 'utf8')
      .replaceAll('/etc/nginx/jem-', `${deploy}/jem-`)
      .replaceAll('/etc/ssl/jem/', `${example}/`)
      .replaceAll('/var/log/nginx/', `${example}/`)
      .replace('/run/nginx.pid', `${example}/nginx.pid`)
      .replace(/^user .*$/m, asRoot ? 'user root;' : '');
    writeFileSync(join(example, 'nginx.conf'), conf);
    execFileSync('nginx', ['-t', '-q', '-p', example, '-c', join(example, 'nginx.conf'), '-e', join(example, 'error.log')],
                 { stdio: 'pipe' });
  } finally {
    rmSync(example, { recursive: true, force: true });
  }
});
