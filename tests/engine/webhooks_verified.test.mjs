// The webhook requests the reminder engine sent (left by reminder_outbox_test) verified by
// the npm standardwebhooks package: a verifier jem's authors did not write.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(new URL('../../tools/node/package.json', import.meta.url));
const { Webhook } = require('standardwebhooks');
const { secret, requests } = JSON.parse(readFileSync(`${process.env.JEM_REMINDERS_DIR}/webhooks.json`, 'utf8'));

test('every request carries a signature the Standard Webhooks verifier accepts', () => {
  assert.ok(requests.length >= 1);
  for (const r of requests) {
    const headers = {
      'webhook-id': r['webhook-id'],
      'webhook-timestamp': r['webhook-timestamp'],
      'webhook-signature': r['webhook-signature'],
    };
    // The verifier refuses timestamps more than five minutes from its own clock; ours are the
    // fake clock's, so it is checked as of the moment each was sent.
    const wh = new Webhook(secret.replace(/^whsec_/, ''));
    const realNow = Date.now;
    Date.now = () => Number(r['webhook-timestamp']) * 1000;
    try {
      const payload = wh.verify(r.body, headers);
      assert.equal(payload.type, 'jem.reminders');
    } finally {
      Date.now = realNow;
    }
  }
});

test('a body altered after signing is refused', () => {
  const r = requests[0];
  const wh = new Webhook(secret.replace(/^whsec_/, ''));
  const realNow = Date.now;
  Date.now = () => Number(r['webhook-timestamp']) * 1000;
  try {
    assert.throws(() => wh.verify(r.body.replace('jem.reminders', 'jem.summary'), {
      'webhook-id': r['webhook-id'], 'webhook-timestamp': r['webhook-timestamp'], 'webhook-signature': r['webhook-signature'],
    }));
  } finally {
    Date.now = realNow;
  }
});
