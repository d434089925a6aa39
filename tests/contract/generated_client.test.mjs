// A client generated at run time from the OpenAPI document (openapi-client-axios) is usable:
// an officer's and a partner's everyday calls go through it by operationId alone, and what
// comes back is as the document says.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { require, startJem } from './jem_server.mjs';
import { Contract } from './openapi_contract.mjs';

const OpenAPIClientAxios = require('openapi-client-axios').default;

let jem;
let contract;
// A generated client for `role`; every answer it receives is also checked against the document.
async function clientAs(role) {
  const api = new OpenAPIClientAxios({
    definition: contract.document,
    axiosConfigDefaults: { baseURL: jem.url, headers: { Authorization: `Bearer ${jem.tokens[role]}` },
                           validateStatus: () => true },
  });
  const client = await api.init();
  client.interceptors.response.use((res) => {
    const problems = contract.check(res.config.method, res.request.path, res.status, res.headers['content-type'] ?? '',
                                    res.data);
    assert.deepEqual(problems, [], problems.join('\n'));
    return res;
  });
  return client;
}

before(async () => {
  jem = await startJem();
  contract = new Contract(await (await fetch(`${jem.url}/api/v1/openapi.json`)).json());
});
after(async () => jem?.stop());

test('an officer agrees an action, a partner notes progress on it, the board shows both', async () => {
  const officer = await clientAs('officer');
  const partner = await clientAs('partner');

  const agreed = await officer.agreeAction(null, {
    meeting: 'CAM-20090616', text: 'Publish the night-bus safety plan', lead: 'TfL', due: '2009-12-31',
  });
  assert.equal(agreed.status, 201, JSON.stringify(agreed.data));
  const ref = agreed.data.subject;

  const action = await partner.getAction({ ref });
  assert.equal(action.status, 200);
  assert.equal(action.data.lead, 'TfL');
  const etag = action.headers.etag;
  assert.ok(etag, 'an action carries its ETag');

  const noted = await partner.noteAction({ ref, 'If-Match': etag }, { text: 'Draft with the boroughs', percent: 40 });
  assert.equal(noted.status, 200, JSON.stringify(noted.data));
  const stale = await partner.noteAction({ ref, 'If-Match': etag }, { text: 'Written against an old read' });
  assert.equal(stale.status, 409);
  assert.equal(stale.data.error.code, 'conflict');

  const board = await officer.listActions({ agency: 'TfL' });
  assert.equal(board.status, 200);
  const row = board.data.actions.find((a) => a.reference === ref);
  assert.ok(row, `${ref} is on the board`);
  assert.equal(row.status, 'open');

  const history = await officer.getActionHistory({ ref });
  assert.equal(history.status, 200);
  assert.deepEqual(history.data.events.map((e) => Object.keys(e.body)[0]), ['actionAgreed', 'actionProgressNoted']);
  assert.equal(history.data.events[1].body.actionProgressNoted.text, 'Draft with the boroughs');
});

test('the registers, the report and the errors come through the generated client too', async () => {
  const officer = await clientAs('officer');
  const auditor = await clientAs('auditor');
  const report = await auditor.getFollowUpReport({ meeting: 'CAM-20090616' });
  assert.equal(report.status, 200);
  assert.equal(report.data.meeting, 'CAM-20090616');
  assert.ok(report.data.actions.length > 0);
  assert.equal((await auditor.listGoodPractice()).status, 200);
  assert.equal((await auditor.listIssues()).status, 200);
  assert.equal((await auditor.getRoundCoverage({ n: 1 })).status, 200);

  const refused = await auditor.agreeAction(null, { meeting: 'CAM-20090616', text: 'x', lead: 'MPS', due: '2009-12-31' });
  assert.equal(refused.status, 403);
  const missing = await officer.getMeeting({ meeting: 'CAM-20000101' });
  assert.equal(missing.status, 404);
  assert.equal(missing.data.error.code, 'not_found');
});
