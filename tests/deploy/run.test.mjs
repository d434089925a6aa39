// The README's first promise: tools/run installs what is missing, builds, loads the sample JEMs
// and serves; the address it prints shows the service to a person with a browser, and the
// sample tokens it made sign in. Run twice on the same data, it appends nothing the second time.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const run = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tools', 'run');

// Starts tools/run on `data` (any free port); resolves when the server says where it serves,
// with what tools/run printed before it and a way to stop it.
async function startRun(data) {
  const child = spawn(run, [], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JEM_DATA: data, JEM_PORT: '0', JEM_BUILD: process.env.JEM_BUILD_DIR },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => { err += chunk; });
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/[^ ]+:\d+)\//);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`tools/run exited (${code}) before serving:\n${out}\n${err}`)));
  });
  return {
    url,
    printed: out,
    async stop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');  // tools/run ends by exec'ing the server: this is the server
      await exited;
    },
  };
}

// The count `jem log verify` printed: "ok: N events verified".
function eventsVerified(printed) {
  const m = printed.match(/ok: (\d+) events verified/);
  assert.ok(m, `tools/run verifies the log before serving:\n${printed}`);
  return Number(m[1]);
}

test('tools/run serves the sample JEMs to a browser, and a second start appends nothing', async () => {
  const data = mkdtempSync(join(tmpdir(), 'jem-run-'));
  try {
    const first = await startRun(data);
    let events;
    try {
      events = eventsVerified(first.printed);
      const stranger = await fetch(`${first.url}/`, { headers: { Accept: 'text/html' }, redirect: 'manual' });
      assert.equal(stranger.status, 303);
      assert.equal(stranger.headers.get('location'), '/sign-in');
      const signIn = await fetch(`${first.url}/sign-in`, { headers: { Accept: 'text/html' } });
      assert.equal(signIn.status, 200);
      assert.match(await signIn.text(), /<h1[^>]*>Sign in/);
      // The sample tokens it printed work: the officer sees the samples and the JEMs to come.
      const tokens = Object.fromEntries(readFileSync(join(data, 'sample-tokens.env'), 'utf8').trim().split('\n')
        .map((line) => line.split('=')));
      const auth = { Authorization: `Bearer ${tokens.OFFICER}` };
      const board = await (await fetch(`${first.url}/api/v1/actions?limit=1`, { headers: auth })).json();
      assert.ok(board.count > 30, `the sample JEMs' actions are on the board (${board.count})`);
      const meetings = await (await fetch(`${first.url}/api/v1/meetings/CAM-20090616`, { headers: auth })).json();
      assert.equal(meetings.borough, 'CAM');
      // The next Camden JEM it scheduled has a brief with round 1's story in it.
      const day = execFileSync('date', ['-d', 'next thursday + 7 days', '+%Y%m%d'], { encoding: 'utf8' }).trim();
      const answer = await fetch(`${first.url}/api/v1/meetings/CAM-${day}/brief`, { headers: auth });
      assert.equal(answer.status, 200, `tools/run schedules Camden's next JEM, CAM-${day}`);
      const brief = await answer.json();
      assert.equal(brief.earlier[0].meeting, 'CAM-20090616');
      assert.ok(brief.open_actions_count >= 1, 'an action of round 1 is still open');
      const partner = await fetch(`${first.url}/api/v1/actions?limit=1`, { headers: { Authorization: `Bearer ${tokens.PARTNER}` } });
      assert.equal(partner.status, 200);
    } finally {
      await first.stop();
    }
    const second = await startRun(data);
    await second.stop();
    assert.equal(eventsVerified(second.printed), events, 'a second start loads nothing twice');
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
