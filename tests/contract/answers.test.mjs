// The contract test: every JSON answer the C++ API tests received (recorded by
// tests/api/api_client.h into build/contract/) matches the OpenAPI document's schema for its
// operation and status.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { startJem } from './jem_server.mjs';
import { Contract } from './openapi_contract.mjs';

const dir = process.env.JEM_CONTRACT_DIR;

test('every JSON answer the API tests received is as the OpenAPI document says', async () => {
  const jem = await startJem();
  let contract;
  try {
    contract = new Contract(await (await fetch(`${jem.url}/api/v1/openapi.json`)).json());
  } finally {
    await jem.stop();
  }
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  const problems = new Map();
  const seen = new Set();
  let answers = 0;
  for (const file of files) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const a = JSON.parse(line);
      ++answers;
      const found = contract.operation(a.method, a.path);
      if (found?.op) seen.add(found.op.operationId);
      for (const p of contract.check(a.method, a.path, a.status, a.content_type, a.body)) {
        if (!problems.has(p)) problems.set(p, `${a.method} ${a.path.slice(0, 120)} -> ${a.status}`);
      }
    }
  }
  const operations = Object.values(contract.document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  const unseen = operations.filter((id) => !seen.has(id));
  console.log(`${answers} answers from ${files.length} test processes; ${seen.size} of ${operations.length} operations seen` +
              (unseen.length ? `; not seen: ${unseen.join(', ')}` : ''));
  assert.ok(answers > 100, `too few answers recorded in ${dir} (${answers}): did the API tests run?`);
  assert.deepEqual(unseen, [], 'operations no API test called: each needs a test whose answers are checked here');
  const report = [...problems].map(([p, example]) => `${p}\n    e.g. ${example}`).join('\n');
  assert.equal(problems.size, 0, `answers not as documented:\n${report}`);
});
