// The OpenAPI document jem serves passes Redocly CLI's recommended rules with no errors and
// no warnings.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { require, startJem } from './jem_server.mjs';

test('the OpenAPI document passes Redocly recommended with no problems', async () => {
  const jem = await startJem();
  let document;
  try {
    document = await (await fetch(`${jem.url}/api/v1/openapi.json`)).text();
  } finally {
    await jem.stop();
  }
  const dir = mkdtempSync(join(tmpdir(), 'jem-lint-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), document);
    const redocly = join(require.resolve('@redocly/cli/package.json'), '..', 'bin', 'cli.js');
    let out;
    try {
      out = execFileSync(process.execPath, [redocly, 'lint', '--extends', 'recommended', '--format', 'json',
                                            join(dir, 'openapi.json')], { encoding: 'utf8', cwd: dir });
    } catch (e) {
      out = e.stdout;  // exit code 1 on errors: the report says which
    }
    const report = JSON.parse(out);
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.equal(report.totals.errors + report.totals.warnings, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
