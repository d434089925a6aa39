// /metrics is Prometheus text that `promtool check metrics` (Debian's prometheus package)
// accepts without a complaint, whatever the clients sent before it was read: made-up
// methods, quotes and newlines in paths, unknown routes, refused tokens.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { test } from 'node:test';

import { startJem } from './jem_server.mjs';

// Sends raw bytes on a new connection and waits for the server to answer or close.
function raw(url, bytes) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(bytes));
    socket.on('data', () => {});
    socket.on('close', resolve);
    socket.on('error', resolve);
  });
}

test('the metrics text passes promtool check metrics after hostile requests', async () => {
  const jem = await startJem();
  try {
    const officer = { Authorization: `Bearer ${jem.tokens.officer}` };
    await fetch(`${jem.url}/api/v1/actions?overdue=true`, { headers: officer });
    await fetch(`${jem.url}/api/v1/actions/CAM-2009-01`, { headers: officer });
    await fetch(`${jem.url}/api/v1/nowhere"\\`, { headers: officer });
    await fetch(`${jem.url}/api/v1/actions`, { headers: { Authorization: 'Bearer jem_nope' } });
    for (const method of ['BREW', 'GET"', 'X{a="b"}']) {
      await raw(jem.url, `${method} /api/v1/actions HTTP/1.1\r\nHost: x\r\n\r\n`);
    }
    await raw(jem.url, 'GET /api/v1/a%0a# TYPE x counter HTTP/1.1\r\nHost: x\r\n\r\n');

    const answer = await fetch(`${jem.url}/metrics`, { headers: { Authorization: `Bearer ${jem.tokens.admin}` } });
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await answer.text();
    assert.match(text, /^jem_http_requests_total\{/m, 'requests are counted');
    assert.match(text, /^jem_reminder_messages\{status="failed"\} 0$/m, 'the reminder engine\'s messages, by status');
    assert.match(text, /^jem_reminders_unaddressed 0$/m);

    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.error, undefined, `promtool could not be run: ${check.error}`);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal((check.stdout + check.stderr).trim(), '', 'promtool has no complaints');
  } finally {
    await jem.stop();
  }
});
