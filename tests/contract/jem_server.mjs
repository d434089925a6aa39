// A real `jem serve` for the Node tests: a fresh data directory with one planned round, one
// sample JEM imported, a token per role, and the server on a free loopback port.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The packages of tools/node (installed by tools/deps from its lockfile).
export const require = createRequire(new URL('../../tools/node/package.json', import.meta.url));

const jem = process.env.JEM;
if (!jem) throw new Error('set JEM to the jem executable (ctest does)');
const sample = new URL('../../samples/round1-2009-06-16-cam.yaml', import.meta.url).pathname;

function cli(data, args) {
  return execFileSync(jem, ['--data', data, ...args], { encoding: 'utf8' });
}

// `serveArgs` go to `jem serve`, `env` to its environment; what it logs is kept in `log()`.
export async function startJem({ serveArgs = [], env = {} } = {}) {
  const data = mkdtempSync(join(tmpdir(), 'jem-node-'));
  cli(data, ['log', 'init']);
  cli(data, ['round', 'plan', '1', '--title', 'Serious youth violence', '--theme', 'serious-youth-violence',
             '--start', '2009-01-01', '--end', '2009-12-31', '--as', 'setup:officer']);
  cli(data, ['import', sample, '--as', 'setup:officer']);
  const token = (args) => cli(data, ['token', 'create', ...args]).trim().split('\n').pop();
  const tokens = {
    officer: token(['--user', 'jsmith', '--role', 'officer']),
    partner: token(['--user', 'asmith', '--role', 'partner', '--agency', 'TfL']),
    auditor: token(['--user', 'kaudit', '--role', 'auditor']),
    admin: token(['--user', 'root', '--role', 'admin']),
  };
  const server = spawn(jem, ['--data', data, 'serve', '--port', '0', ...serveArgs],
                       { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let logged = '';
  server.stderr.on('data', (chunk) => {
    logged += chunk;
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/[^ ]+:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`jem serve exited (${code}) before serving: ${out}`)));
  });
  return {
    url,
    tokens,
    log: () => logged,
    async stop() {
      const exited = new Promise((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}
