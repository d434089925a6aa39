// The officers', partners' and auditors' jobs, done in a real browser as each would do them:
// recording a meeting's outcome (three mistakes shown at once first, then the answers
// checked), scheduling and moving a meeting and recording it (an answer changed), completing
// an action with evidence, a form overtaken by someone else's update, an auditor who reads and
// cannot write, the whole meeting form with the keyboard alone, and a note kept when the
// session ended before it was sent.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { checkPage, startBrowser } from './browser.mjs';

let b;
let jem;

before(async () => {
  // Reminders on, sent from midnight: on a working day the samples' overdue actions are chased at once.
  const reminders = mkdtempSync(join(tmpdir(), 'jem-reminders-'));
  writeFileSync(join(reminders, 'policy.yaml'), 'send_at: "00:00"\n');
  b = await startBrowser({ serveArgs: ['--outbox', join(reminders, 'outbox'), '--reminders', join(reminders, 'policy.yaml')] });
  ({ jem } = b);
  // A held meeting with an action TfL leads and one the Council leads, through the API.
  const meeting = {
    meeting: { borough: 'Lewisham', round: 1, theme: 'serious-youth-violence', date: '2009-06-29', start: '10:00',
               end: '12:00', room: 'Lewisham town hall', chair: 'Kit Malthouse' },
    attendees: [{ name: 'Kit Malthouse', agency: 'MPA', role: 'Chair' }, { name: 'Safer travel lead', agency: 'TfL', role: 'Transport' }],
    actions: [{ ref: 'LEW-2009-01', text: 'Extend the safer travel team to Lewisham station', lead: 'TfL', due: '2009-10-30' },
              { ref: 'LEW-2009-02', text: 'Light the underpass by the station', lead: 'Council', due: '2009-10-30' }],
  };
  const imported = await fetch(`${jem.url}/api/v1/import`, {
    method: 'POST', body: JSON.stringify(meeting),
    headers: { Authorization: `Bearer ${jem.tokens.officer}`, 'Content-Type': 'application/json' },
  });
  assert.equal(imported.status, 201, await imported.text());
});

after(async () => {
  await b?.stop();
});

const summaryLinks = (page) => page.locator('.govuk-error-summary a').evaluateAll((links) =>
  links.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));

// The check-your-answers page before a meeting is recorded: nothing is recorded yet; "Record
// the meeting" records it.
const checkAnswersAndRecord = async (page) => {
  assert.equal(await page.locator('h1').innerText(), 'Check your answers before recording the meeting');
  await checkPage(page, 'check-meeting');
  await page.click('button.jem-record-button');
};

const fillDate = async (page, id, day, month, year) => {
  await page.fill(`#${id}-day`, day);
  await page.fill(`#${id}-month`, month);
  await page.fill(`#${id}-year`, year);
};

test('an officer records a meeting: three mistakes are shown at once, each by its field', async () => {
  const page = await b.newPage({ bypassCSP: true });
  await b.signIn(page, await b.issueToken('mofficer', 'officer'));
  // An officer's menu, the longest, is one row on a laptop's screen.
  await page.setViewportSize({ width: 1280, height: 800 });
  const tops = await page.locator('.govuk-service-navigation__item').evaluateAll((items) => items.map((i) => i.getBoundingClientRect().top));
  assert.equal(new Set(tops).size, 1, `the menu wraps at 1280 px: ${tops}`);
  await page.click('.govuk-service-navigation a:has-text("Meetings")');
  await checkPage(page, 'meetings');
  await page.click('a:has-text("Record a meeting\'s outcome")');
  assert.equal(await page.locator('h1').innerText(), 'Record a meeting\'s outcome');
  await checkPage(page, 'record-meeting');

  await page.selectOption('#meeting', 'new');
  await page.click('summary:has-text("A meeting that was not scheduled")');
  await page.selectOption('#meeting-borough', 'Harrow');
  await page.fill('#meeting-round', '1');
  await page.selectOption('#meeting-theme', 'serious-youth-violence');
  await fillDate(page, 'meeting-date', '24', '6', '2009');
  await page.fill('#meeting-start', '11:00');
  await page.fill('#meeting-end', '13:00');
  await page.fill('#meeting-room', 'MPA room 2');
  await page.fill('#meeting-chair', 'Kit Malthouse');
  await page.fill('#attendees-0-name', 'Kit Malthouse');
  await page.selectOption('#attendees-0-agency', 'MPA');
  await page.fill('#attendees-0-role', 'Chair');
  await page.fill('#attendees-1-name', 'Community Safety Manager');  // mistake 1: no agency
  await page.fill('#decisions-0-text', 'Partners to report progress to the MPA');
  await page.fill('#actions-0-text', 'Review the lighting at Harrow bus station');  // mistake 2: no lead
  await page.check('input[name="actions-0-supporting"][value="Council"]');
  await fillDate(page, 'actions-0-due', '31', '9', '2009');  // mistake 3: 31 September
  await page.selectOption('#actions-0-priority', 'high');
  await page.click('button.jem-record-button');

  assert.match(await page.title(), /^Error: Record a meeting/);
  const errors = await summaryLinks(page);
  assert.deepEqual(errors.map((e) => e.href).sort(), ['#actions-0-due', '#actions-0-lead', '#attendees-1-agency'],
                   JSON.stringify(errors));
  const said = Object.fromEntries(errors.map((e) => [e.href, e.text]));
  assert.equal(said['#actions-0-due'], 'Action 1: Due date must be a real date');
  assert.equal(said['#actions-0-lead'], 'Action 1: Choose the lead agency');
  assert.equal(said['#attendees-1-agency'], 'Choose the agency of attendee 2');
  assert.match(await page.locator('#actions-0-due-error').innerText(), /Due date must be a real date/);
  assert.match(await page.locator('#actions-0-lead-error').innerText(), /Choose the lead agency/);
  assert.equal(await page.inputValue('#actions-0-text'), 'Review the lighting at Harrow bus station', 'values are kept');
  assert.equal(await page.inputValue('#actions-0-due-day'), '31', 'what was typed in the date is kept');
  assert.equal(await page.inputValue('#meeting-room'), 'MPA room 2');
  const nothing = await fetch(`${jem.url}/api/v1/meetings/HRW-20090624`, { headers: { Authorization: `Bearer ${jem.tokens.auditor}` } });
  assert.equal(nothing.status, 404, 'nothing was recorded: all or nothing');
  await checkPage(page, 'record-meeting-error');

  await page.selectOption('#attendees-1-agency', 'TfL');
  await page.selectOption('#actions-0-lead', 'TfL');
  await fillDate(page, 'actions-0-due', '30', '8', '2009');
  await page.click('button:has-text("Add another action")');
  assert.equal(await page.locator('[id^="actions-"][id$="-text"]').count(), 3, 'one more action row');
  assert.equal(await page.inputValue('#actions-0-due-month'), '8');
  await page.fill('#actions-1-text', 'Share CCTV of the bus station with the borough police');
  await page.selectOption('#actions-1-lead', 'Council');
  await page.check('input[name="actions-1-supporting"][value="MPS"]');
  await page.check('input[name="actions-1-supporting"][value="TfL"]');
  await fillDate(page, 'actions-1-due', '30', '9', '2009');
  await page.fill('#actions-2-text', 'A row entered by mistake');
  await page.click('button[name="remove"][value="actions-2"]');  // "Remove action 3"
  assert.equal(await page.locator('[id^="actions-"][id$="-text"]').count(), 2, 'the row is gone');
  assert.equal(await page.inputValue('#actions-1-text'), 'Share CCTV of the bus station with the borough police', 'the rest are kept');
  assert.equal(await page.inputValue('#actions-0-due-day'), '30');
  await page.click('button.jem-record-button');
  await checkAnswersAndRecord(page);

  assert.equal(new URL(page.url()).pathname, '/meetings/HRW-20090624');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /outcome is recorded/);
  const rows = await page.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /HRW-2009-01\s+Review the lighting at Harrow bus station\s+TfL \(Council\)\s+30 August 2009\s+High/);
  assert.match(rows[1], /HRW-2009-02\s+Share CCTV.*\s+Council \(MPS, TfL\)\s+30 September 2009\s+Medium/);
  assert.match(await page.locator('main').innerText(), /Kit Malthouse, MPA \(Chair\)/);
  await checkPage(page, 'meeting-summary');

  await page.goto(`${jem.url}/`);
  const board = await page.locator('tbody th').allInnerTexts();
  assert.ok(board.includes('HRW-2009-01') && board.includes('HRW-2009-02'), board.join(' '));
});

test('an officer schedules a meeting from the pages, moves it, then records its outcome', async () => {
  const page = await b.newPage({ bypassCSP: true });
  await b.signIn(page, await b.issueToken('sofficer', 'officer'));
  await page.goto(`${jem.url}/meetings`);
  await page.click('a:has-text("Schedule a meeting")');
  await checkPage(page, 'schedule-meeting');
  await page.selectOption('#borough', 'Brent');
  await page.fill('#round', '1');
  await fillDate(page, 'date', '30', '11', '2009');
  await page.fill('#start', '10:00');
  await page.fill('#end', '12:00');
  await page.click('button:has-text("Schedule the meeting")');
  assert.deepEqual(await summaryLinks(page), [{ href: '#theme', text: 'Choose the theme' }, { href: '#room', text: 'Enter the room' }]);
  assert.equal(await page.inputValue('#date-month'), '11', 'what was typed is kept');
  await checkPage(page, 'schedule-meeting-error');
  await page.selectOption('#theme', 'violent-crime');
  await page.fill('#room', 'Brent Civic Centre');
  await page.click('button:has-text("Schedule the meeting")');

  assert.equal(new URL(page.url()).pathname, '/meetings/BRE-20091130');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The meeting is scheduled/);
  await page.click('summary:has-text("Move the meeting")');
  await page.fill('#reschedule-room', 'Wembley library');
  await page.fill('#reschedule-reason', 'The civic centre is closed that day');
  await page.click('button:has-text("Move the meeting")');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /The meeting is moved/);
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Wembley library/);
  await checkPage(page, 'meeting-scheduled');

  await page.click('a:has-text("Record its outcome")');
  assert.equal(await page.inputValue('#meeting'), 'BRE-20091130', 'the meeting is chosen already');
  await page.fill('#held-chair', 'Kit Malthouse');  // no chair was named when it was scheduled
  await page.fill('#attendees-0-name', 'Kit Malthouse');
  await page.selectOption('#attendees-0-agency', 'MPA');
  await page.fill('#actions-0-text', 'Patrol the high road on Friday nights');
  await page.selectOption('#actions-0-lead', 'MPS');
  await fillDate(page, 'actions-0-due', '31', '1', '2010');
  await page.check('input[name="actions-0-supporting"][value="Council"]');
  await page.click('button.jem-record-button');

  // The answers to check, each with a "Change" that goes back to its field keeping the rest.
  assert.equal(await page.locator('h1').innerText(), 'Check your answers before recording the meeting');
  const action = page.locator('.govuk-summary-card', { has: page.locator('h3', { hasText: 'Action 1' }) });
  assert.match(await action.innerText(), /Lead agency\s+MPS[\s\S]*Supporting agencies\s+Council[\s\S]*Due date\s+31 January 2010/);
  assert.match(await page.locator('main').innerText(), /Who attended\s+Attendee 1\s+Kit Malthouse, MPA/);
  assert.equal((await fetch(`${jem.url}/api/v1/meetings/BRE-20091130`, { headers: { Authorization: `Bearer ${jem.tokens.auditor}` } })
    .then((r) => r.json())).status, 'scheduled', 'nothing is recorded before the answers are confirmed');
  await action.locator('button:has-text("Change")', { hasText: 'due date of action 1' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Record a meeting\'s outcome');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'actions-0-due-day', 'the field to change has the focus');
  assert.equal(await page.inputValue('#actions-0-text'), 'Patrol the high road on Friday nights', 'every value is kept');
  assert.ok(await page.isChecked('input[name="actions-0-supporting"][value="Council"]'));
  await page.fill('#actions-0-due-day', '26');
  await page.fill('#actions-0-due-month', '2');
  await page.click('button.jem-record-button');
  assert.match(await page.locator('.govuk-summary-card', { hasText: 'Action 1' }).innerText(), /Due date\s+26 February 2010/);
  await checkAnswersAndRecord(page);
  assert.equal(new URL(page.url()).pathname, '/meetings/BRE-20091130');
  assert.match(await page.locator('tbody').innerText(), /BRE-2009-01\s+Patrol the high road on Friday nights\s+MPS \(Council\)\s+26 February 2010/);
});

test('a partner completes its action with evidence; the follow-up report shows it', async () => {
  const page = await b.newPage({ bypassCSP: true });
  await b.signIn(page, jem.tokens.partner);
  const refs = await page.locator('tbody th').allInnerTexts();
  assert.ok(refs.includes('LEW-2009-01'));
  assert.ok(!refs.includes('LEW-2009-02'), 'the Council\'s action is not on TfL\'s board');
  await page.click('a:has-text("LEW-2009-01")');
  const offered = await page.locator('.jem-update summary').allInnerTexts();
  assert.ok(offered.includes('Mark as completed'), offered.join());
  assert.ok(!offered.includes('Drop the action'), 'officers alone drop actions');

  await page.click('summary:has-text("Mark as completed")');
  await page.click('button:has-text("Mark as completed")');
  assert.deepEqual(await summaryLinks(page), [{ href: '#complete-text', text: 'Enter the evidence of what was done' }]);
  assert.equal(await page.locator('details:has(#complete-text)').getAttribute('open'), '', 'the form with the error is open');
  await checkPage(page, 'action-update-error');

  // Done in October 2009, recorded now: the day it happened goes in the GOV.UK date input.
  await page.fill('#complete-text', 'Team on patrol at Lewisham station since 1 October');
  await page.fill('#complete-happened_on-day', '3');
  await page.fill('#complete-happened_on-month', '10');
  await page.fill('#complete-happened_on-year', '2099');
  await page.click('button:has-text("Mark as completed")');
  assert.deepEqual(await summaryLinks(page), [{ href: '#complete-happened_on', text: 'The day it happened must be today or in the past, not 3 October 2099' }]);
  assert.equal(await page.inputValue('#complete-text'), 'Team on patrol at Lewisham station since 1 October', 'what was typed is kept');
  await page.fill('#complete-happened_on-year', '2009');
  await page.click('button:has-text("Mark as completed")');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Recorded: Mark as completed/);
  const timeline = await page.locator('.moj-timeline__item').allInnerTexts();
  assert.match(timeline.at(-1), /^Completed\s+by asmith \(partner:TfL\)[\s\S]*Team on patrol at Lewisham station/);
  assert.equal(await page.locator('main .govuk-tag').first().innerText(), 'Completed');
  await checkPage(page, 'action-partner-completed');

  await page.goto(`${jem.url}/meetings/LEW-20090629/follow-up-report`);
  const row = await page.locator('tr:has-text("LEW-2009-01")').innerText();
  assert.match(row, /\tCompleted\t/, 'the status in words, in its own cell');
  assert.match(row, /Completed: Team on patrol at Lewisham station/);
  await checkPage(page, 'follow-up-report');
  // Printed for the committee: A4 (794 px at 96 dpi), without the menu, nothing cut off the side.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  assert.equal(await page.locator('.govuk-service-navigation').isVisible(), false, 'no menu on paper');
  assert.equal(await page.locator('.jem-no-print').first().isVisible(), false, 'no download links on paper');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
            'the report fits the width of A4');
  await page.screenshot({ path: join(process.env.JEM_SCREENSHOTS, 'follow-up-report-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', path: join(process.env.JEM_SCREENSHOTS, 'follow-up-report.pdf') });
  assert.ok(pdf.length > 1000);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1024, height: 800 });
  const csv = await page.evaluate(async () => {
    const answer = await fetch('/meetings/LEW-20090629/follow-up-report?format=csv');
    return { type: answer.headers.get('content-type'), disposition: answer.headers.get('content-disposition'), text: await answer.text() };
  });
  assert.match(csv.type, /^text\/csv/);
  assert.match(csv.disposition, /attachment; filename="LEW-20090629-follow-up.csv"/);
  assert.match(csv.text, /^reference,text,lead/);
  assert.match(csv.text, /LEW-2009-01,Extend the safer travel team to Lewisham station,TfL,,2009-10-30,2009-10-30,completed/);

  // The promises figures count the completion on the day it happened: on time, not years late.
  const promises = await (await fetch(`${jem.url}/api/v1/audit/promises?borough=LEW`, {
    headers: { Authorization: `Bearer ${jem.tokens.officer}` } })).json();
  const tfl = promises.rows.find((r) => r.agency === 'TfL');
  assert.equal(tfl.completed_on_time, 1, JSON.stringify(tfl));
  assert.equal(tfl.completed_late, 0);

  const hidden = await page.goto(`${jem.url}/actions/LEW-2009-02`);
  assert.equal(hidden.status(), 404, 'another agency\'s action is not found');
});

test('a form overtaken by someone else\'s update is refused and says so, keeping what was typed', async () => {
  const token = await b.issueToken('tofficer', 'officer');
  const first = await b.newPage();
  // Without JavaScript the page does not follow changes live (with it, it takes the newer version).
  const second = await b.newPage({ javaScriptEnabled: false });
  await b.signIn(first, token);
  await b.signIn(second, token);
  await first.goto(`${jem.url}/actions/LEW-2009-02`);
  await second.goto(`${jem.url}/actions/LEW-2009-02`);
  await first.click('summary:has-text("Note progress")');
  await first.fill('#note-text', 'Survey done');
  await first.click('button:has-text("Note progress")');
  assert.match(await first.locator('.govuk-notification-banner').innerText(), /Recorded: Note progress/);

  await second.click('summary:has-text("Note progress")');
  await second.fill('#note-text', 'Lights ordered');
  await second.fill('#note-percent', '40');
  const answer = second.waitForResponse((r) => r.request().method() === 'POST');
  await second.click('button:has-text("Note progress")');
  assert.equal((await answer).status(), 409);
  assert.match(await second.locator('.govuk-error-summary').innerText(), /updated by someone else after you opened this page/);
  assert.equal(await second.inputValue('#note-text'), 'Lights ordered');
  assert.match((await second.locator('.moj-timeline__item').allInnerTexts()).at(-1), /Survey done/, 'the newer update is shown');
  await second.click('button:has-text("Note progress")');
  assert.match(await second.locator('.govuk-notification-banner').innerText(), /Recorded: Note progress/);
  assert.match((await second.locator('.moj-timeline__item').allInnerTexts()).at(-1), /^Progress noted \(40% done\)[\s\S]*Lights ordered/);
});

test('an auditor reads every action\'s timeline and has no forms; forms without the CSRF token are refused', async () => {
  const page = await b.newPage({ bypassCSP: true });
  await b.signIn(page, jem.tokens.auditor);
  await page.goto(`${jem.url}/actions/LEW-2009-01`);
  assert.ok((await page.locator('.moj-timeline__item').count()) >= 2);
  assert.equal(await page.locator('main form[method="post"]').count(), 0, 'no forms that change anything for an auditor');
  assert.equal(await page.locator('main form[method="get"]').count(), 1, 'only the choice of a past day');
  await checkPage(page, 'action-auditor');
  const record = await page.goto(`${jem.url}/meetings/record`);
  assert.equal(record.status(), 403);
  assert.equal(await page.locator('h1').innerText(), 'You cannot see this page');
  await checkPage(page, 'forbidden');

  const officer = await b.newPage();
  await b.signIn(officer, await b.issueToken('cofficer', 'officer'));
  const refused = await officer.evaluate(async () => (await fetch('/actions/LEW-2009-02/note', {
    method: 'POST', body: new URLSearchParams({ 'note-text': 'forged', version: '1' }) })).status);
  assert.equal(refused, 403);
  const history = await fetch(`${jem.url}/api/v1/actions/LEW-2009-02/history`, { headers: { Authorization: `Bearer ${jem.tokens.auditor}` } });
  assert.ok(!(await history.text()).includes('forged'), 'nothing was recorded');
});

test('the whole meeting form can be done with the keyboard alone', async () => {
  const page = await b.newPage();
  await b.signIn(page, await b.issueToken('kofficer', 'officer'));
  await page.goto(`${jem.url}/meetings/record`);
  // Tabs forward until `matches` holds for the focused element; it must get there.
  async function tabTo(description, matches) {
    for (let i = 0; i < 120; ++i) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(matches)) return;
    }
    assert.fail(`the keyboard never reaches ${description}`);
  }
  const tabToId = (id) => tabTo(`#${id}`, new Function(`return document.activeElement.id === ${JSON.stringify(id)}`));
  async function type(id, text) {
    await tabToId(id);
    await page.keyboard.type(text);
  }
  await type('meeting', 'It was not');
  await tabTo('the unscheduled meeting\'s fields', () => document.activeElement.tagName === 'SUMMARY');
  await page.keyboard.press('Enter');
  await type('meeting-borough', 'Barnet');
  await type('meeting-round', '1');
  await type('meeting-theme', 'serious');
  await type('meeting-date-day', '17');  // GOV.UK's date input: a box each for day, month and year
  await type('meeting-date-month', '9');
  await type('meeting-date-year', '2009');
  await type('meeting-start', '14:00');
  await type('meeting-end', '16:00');
  await type('meeting-room', 'Barnet police station');
  await type('meeting-chair', 'Kit Malthouse');
  await type('attendees-0-name', 'Kit Malthouse');
  await type('attendees-0-agency', 'MPA');
  await type('actions-0-text', 'Map knife crime near schools');
  await type('actions-0-lead', 'MPS');
  await type('actions-0-due-day', '1');
  await type('actions-0-due-month', '12');
  await type('actions-0-due-year', '2009');
  await tabTo('the record button', () => document.activeElement.textContent.trim() === 'Record the meeting');
  await page.keyboard.press('Enter');
  await page.waitForSelector('h1:has-text("Check your answers")');
  await tabTo('the record button', () => document.activeElement.textContent.trim() === 'Record the meeting');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/meetings\/BRN-20090917\?recorded=true$/);
  assert.match(await page.locator('tbody').innerText(), /BRN-2009-01\s+Map knife crime near schools\s+MPS/);
});

test('an admin issues a token (one field wrong first), its holder signs in, and revoking it ends the session', async () => {
  const page = await b.newPage({ bypassCSP: true });
  await b.signIn(page, jem.tokens.admin);
  assert.equal(new URL(page.url()).pathname, '/tokens', 'an admin lands on the tokens');
  await page.click('a:has-text("JEM actions")');
  assert.equal(new URL(page.url()).pathname, '/tokens', 'the service\'s home is the admin\'s first section');
  assert.deepEqual(await page.locator('.govuk-service-navigation__link').allInnerTexts(), ['JEM actions', 'Access tokens'],
                   'the menu offers only what the role may open');
  await page.fill('#user', 'council.lead');
  await page.selectOption('#role', 'partner');
  await page.click('button:has-text("Issue the token")');
  assert.deepEqual(await summaryLinks(page), [{ href: '#agency', text: 'Choose the agency the partner acts for' }]);
  assert.equal(await page.inputValue('#user'), 'council.lead');
  await checkPage(page, 'tokens-error');
  await page.selectOption('#agency', 'Council');
  await page.click('button:has-text("Issue the token")');
  const secret = (await page.locator('.jem-secret').innerText()).trim();
  assert.match(secret, /^jem_[0-9a-f]{8}_/);
  await checkPage(page, 'tokens-issued');
  await page.reload();
  assert.equal(await page.locator('.jem-secret').count(), 0, 'the secret is shown once');

  const holder = await b.newPage();
  await b.signIn(holder, secret);
  assert.equal(await holder.locator('h1').innerText(), 'Actions');
  assert.match(await holder.locator('.jem-signed-in').innerText(), /council\.lead \(partner for Council\)/);

  const id = secret.split('_')[1];
  await page.fill(`#revoke-${id}-reason`, 'Left the council');
  await page.click(`form[action="/tokens/${id}/revoke"] button`);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), new RegExp(`Token ${id} is revoked`));
  assert.match(await page.locator(`tr:has-text("${id}")`).innerText(), /Revoked/);
  await holder.reload();
  assert.match(holder.url(), /\/sign-in$/, 'the holder\'s session ended');
});

test('registers, rounds and feedback: searched, drawn in words and colour, a chart with its table', async () => {
  const partner = await b.newPage({ bypassCSP: true });
  await b.signIn(partner, jem.tokens.partner);
  await partner.goto(`${jem.url}/meetings/CAM-20090616`);
  await partner.click('button:has-text("Send feedback")');
  assert.deepEqual(await summaryLinks(partner), [{ href: '#feedback-positive', text: 'Enter what worked or what could be better' }]);
  await partner.fill('#feedback-suggestions', 'Send the papers a week before the meeting');
  await partner.click('button:has-text("Send feedback")');
  assert.match(await partner.locator('#feedback ~ p').first().innerText(), /Your feedback is recorded/);
  await checkPage(partner, 'meeting-partner-feedback');
  assert.equal((await partner.goto(`${jem.url}/feedback`)).status(), 403, 'partners give feedback; officers read it');

  const page = await b.newPage({ bypassCSP: true });
  await b.signIn(page, await b.issueToken('rofficer', 'officer'));
  await page.click('.govuk-service-navigation a:has-text("Feedback")');
  const feedback = await page.locator('.govuk-summary-card').allInnerTexts();
  assert.ok(feedback.some((f) => /^TfL on the Camden JEM, \d{1,2} [A-Z][a-z]+ \d{4}[\s\S]*Send the papers a week before the meeting/.test(f)),
            feedback.join('\n'));
  await checkPage(page, 'feedback');

  await page.click('.govuk-service-navigation a:has-text("Good practice")');
  await page.fill('#text', 'licensing');
  await page.click('button:has-text("Search")');
  assert.match(page.url(), /text=licensing/);
  const found = await page.locator('.govuk-summary-card__title').allInnerTexts();
  assert.deepEqual(found, ['\'Virtual\' licensing board Disseminated']);
  // Its reference says what it is, and its borough is named, not coded.
  const card = await page.locator('.govuk-summary-card').first().innerText();
  assert.match(card, /Reference\s+Good practice [A-Z]{3}-\d{4}-\d{2}/);
  assert.doesNotMatch(card, /Borough\s+[A-Z]{3}\s/);
  await page.selectOption('#borough', 'Pan-London');
  await page.click('button:has-text("Search")');
  assert.match(page.url(), /borough=pan-London/);
  await page.goto(`${jem.url}/good-practice?text=licensing`);
  await checkPage(page, 'good-practice');
  await page.fill('#text', 'no such practice anywhere');
  await page.click('button:has-text("Search")');
  assert.match(await page.locator('main').innerText(), /0 found/);

  await page.click('.govuk-service-navigation a:has-text("Pan-London issues")');
  assert.match(await page.locator('.govuk-summary-card').first().innerText(), /Sharing YOT intelligence across borders Open/);
  assert.match(await page.locator('.govuk-summary-card').first().innerText(), /Reference\s+Pan-London issue /);
  await checkPage(page, 'issues');

  await page.click('.govuk-service-navigation a:has-text("Rounds")');
  await checkPage(page, 'rounds');
  await page.click('a:has-text("Coverage")');
  const boroughs = page.locator('.jem-coverage__borough');
  assert.equal(await boroughs.count(), 32);
  assert.match(await page.locator('.jem-coverage__borough:has-text("Camden")').innerText(), /Held\s+Held on 16 June 2009/);
  assert.match(await page.locator('.jem-coverage__borough:has-text("Bexley")').innerText(), /Missing\s+No JEM yet/);
  await checkPage(page, 'coverage');

  await page.goto(`${jem.url}/rounds/1/committee-report`);
  assert.equal(await page.locator('svg[role="img"] title').count(), 1, 'the chart is an image with a text alternative');
  const bars = await page.locator('svg rect').count();
  const rows = await page.locator('table:has(caption:has-text("Actions by lead agency")) tbody tr').allInnerTexts();
  assert.equal(bars, rows.length, 'a bar for each row of the table');
  assert.ok(rows.some((r) => /^MPS\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+%$/.test(r)), rows.join('\n'));
  await checkPage(page, 'committee-report');
  assert.equal((await page.goto(`${jem.url}/rounds/0/committee-report`)).status(), 404);
});

test('live: an open action page and board show others\' updates; a partner hears only of what it may see', async () => {
  const officer = { Authorization: `Bearer ${await b.issueToken('lofficer', 'officer')}`, 'Content-Type': 'application/json' };
  const update = (ref, verb, body) => fetch(`${jem.url}/api/v1/actions/${ref}/${verb}`, { method: 'POST', headers: officer, body: JSON.stringify(body) });

  const page = await b.newPage();
  await b.signIn(page, jem.tokens.auditor);
  await page.goto(`${jem.url}/actions/HRW-2009-01`);
  const before = await page.locator('.moj-timeline__item').count();
  await page.waitForSelector('html[data-jem-live="open"]', { state: 'attached' });  // no change missed from here
  assert.equal((await update('HRW-2009-01', 'note', { text: 'Lighting survey booked', percent: 10 })).status, 200);
  await page.waitForFunction((n) => document.querySelectorAll('.moj-timeline__item').length === n + 1, before, { timeout: 5000 });
  assert.match((await page.locator('.moj-timeline__item').allInnerTexts()).at(-1), /Progress noted \(10% done\)[\s\S]*Lighting survey booked/);
  assert.match(await page.locator('#jem-live-status').innerText(), /^Updated at/, 'the change is announced');

  await page.goto(`${jem.url}/?borough=HRW`);
  await page.waitForSelector('html[data-jem-live="open"]', { state: 'attached' });
  assert.equal((await update('HRW-2009-01', 'complete', { text: 'New lights fitted' })).status, 200);
  await page.waitForFunction(() => document.querySelector('tr:has(a[href="/actions/HRW-2009-01"]) .govuk-tag')?.textContent === 'Completed',
                             null, { timeout: 5000 });

  const partner = await b.newPage();
  await b.signIn(partner, jem.tokens.partner);
  const heard = partner.evaluate(() => new Promise((resolve) => {
    const seen = [];
    const source = new EventSource('/live');
    source.addEventListener('open', () => { window.jemLiveOpen = true; });
    source.addEventListener('change', (e) => {
      seen.push(...JSON.parse(e.data));
      if (seen.includes('action-LEW-2009-01')) {
        source.close();
        resolve(seen);
      }
    });
  }));
  await partner.waitForFunction(() => window.jemLiveOpen === true);
  assert.equal((await update('LEW-2009-02', 'note', { text: 'Council-only news' })).status, 200);
  assert.equal((await update('LEW-2009-01', 'reopen', { text: 'Patrols stopped' })).status, 200);
  assert.deepEqual(await heard, ['action-LEW-2009-01'], 'nothing of the Council\'s action reaches TfL');
});

test('an officer adds a contact (a wrong address first) and reads what was sent; a partner makes its calendar address', async () => {
  const page = await b.newPage({ bypassCSP: true });
  await b.signIn(page, jem.tokens.officer);
  await page.click('.govuk-service-navigation a:has-text("Contacts")');
  await checkPage(page, 'contacts');
  await page.selectOption('#kind', 'agency');
  await page.fill('#name', 'Council community safety');
  await page.fill('#email', 'community safety at the council');
  await page.selectOption('#agency', 'Council');
  await page.fill('#borough', 'Lewisham');
  await page.click('button:has-text("Add the contact")');
  assert.deepEqual(await summaryLinks(page), [{ href: '#email',
    text: '\'community safety at the council\' is not an e-mail address such as name@tfl.gov.uk' }]);
  assert.equal(await page.inputValue('#name'), 'Council community safety', 'what was typed is kept');
  await checkPage(page, 'contacts-error');
  await page.fill('#email', 'community.safety@lewisham.example');
  await page.click('button:has-text("Add the contact")');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /Contact council-community-safety-lewisham is recorded/);
  assert.match(await page.locator('tr:has-text("council-community-safety-lewisham")').innerText(), /Council, LEW/);

  await page.click('.govuk-service-navigation a:has-text("Reminders")');
  assert.equal(await page.locator('h1').innerText(), 'Reminders sent');
  await checkPage(page, 'reminders');
  await fillDate(page, 'date', '30', '2', '2009');
  await page.click('button:has-text("Show")');
  assert.deepEqual(await summaryLinks(page), [{ href: '#date', text: 'Day must be a real date' }]);
  assert.equal(await page.inputValue('#date-day'), '30', 'what was typed is kept');

  const partner = await b.newPage({ bypassCSP: true });
  await b.signIn(partner, jem.tokens.partner);
  await partner.click('.govuk-service-navigation a:has-text("Calendars")');
  assert.deepEqual(await partner.locator('tbody th').allInnerTexts(), ['TfL'], 'a partner is offered its own calendar');
  await partner.click('button:has-text("Make an address")');
  const address = (await partner.locator('#calendar-address').innerText()).trim();
  assert.match(address, /\/calendars\/[0-9a-f]{32}\.ics$/);
  await checkPage(partner, 'calendars-address');
  const feed = await fetch(address);
  assert.equal(feed.status, 200);
  assert.match(await feed.text(), /BEGIN:VCALENDAR[\s\S]*UID:LEW-2009-01@jem/);
  // The same secret is TfL's feed, for a spreadsheet.
  const sheet = (await partner.locator('#feed-address').innerText()).trim();
  assert.equal(sheet.replace(/^.*\/feeds\/([0-9a-f]{32}).*$/, '$1'), address.replace(/^.*\/calendars\/([0-9a-f]{32}).*$/, '$1'));
  const csv = await fetch(sheet);
  assert.equal(csv.status, 200);
  assert.match(await csv.text(), /^as_of,agency,reference,[\s\S]*,TfL,LEW-2009-01,/);
  await partner.reload();
  assert.equal(await partner.locator('.jem-secret').count(), 0, 'the address is shown once');
  assert.match(await partner.locator('tr:has-text("TfL")').innerText(), /Has an address/);
});

test('a note typed when the session ends (signed out in another tab) is kept: signing in again shows it to send', async () => {
  const token = await b.issueToken('hofficer', 'officer');
  const page = await b.newPage({ bypassCSP: true });
  await b.signIn(page, token);
  await page.goto(`${jem.url}/actions/LEW-2009-02`);
  await page.click('summary:has-text("Note progress")');
  await page.fill('#note-text', 'Lights ordered for the underpass');
  const other = await page.context().newPage();  // the same browser: its cookies
  await other.goto(`${jem.url}/`);
  await other.click('button:has-text("Sign out")');
  await page.click('button:has-text("Note progress")');

  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /signed out before your form was sent, so nothing was saved/);
  await checkPage(page, 'sign-in-form-held');
  await page.fill('#token', token);
  await page.click('button:has-text("Sign in")');
  assert.equal(new URL(page.url()).pathname, '/held-form');
  assert.match(await page.locator('main').innerText(), /Note text\s+Lights ordered for the underpass/);
  await checkPage(page, 'held-form');
  await page.click('button:has-text("Send it")');
  assert.equal(new URL(page.url()).pathname, '/actions/LEW-2009-02');
  assert.match(await page.locator('main').innerText(), /Lights ordered for the underpass/);
});

test('two minutes before the idle limit a warning counts down; staying signed in, or using another tab, starts it again', async () => {
  const token = await b.issueToken('tofficer', 'officer');
  const page = await b.newPage({ bypassCSP: true });
  await page.clock.install();
  await b.signIn(page, token);
  await page.goto(`${jem.url}/actions/LEW-2009-02`);
  await page.click('summary:has-text("Note progress")');
  await page.fill('#note-text', 'Parents met the head teacher');
  const dialog = page.locator('#jem-timeout');
  await page.clock.fastForward('27:50');
  assert.equal(await dialog.isVisible(), false, 'no warning with more than two minutes left');
  await page.clock.fastForward('00:20');
  await dialog.waitFor({ state: 'visible' });
  assert.match(await dialog.innerText(), /You will be signed out soon\s+For your security, you will be signed out in 2 minutes/);
  await page.clock.fastForward('01:15');
  assert.match(await dialog.innerText(), /signed out in 3\d seconds/, 'it counts down');
  await checkPage(page, 'timeout-warning');
  const kept = page.waitForResponse((r) => new URL(r.url()).pathname === '/session');
  await page.click('button:has-text("Stay signed in")');
  assert.equal((await kept).status(), 204, 'the session is marked as in use');
  await dialog.waitFor({ state: 'hidden' });

  // Another tab of the same browser uses the session 20 minutes on: this tab counts from then.
  await page.clock.fastForward('20:00');
  const other = await page.context().newPage();
  const told = await page.evaluate(() => document.body.dataset.jemSessionUsed);
  await other.goto(`${jem.url}/`);
  await page.waitForFunction((before) => document.body.dataset.jemSessionUsed !== before, told);
  await page.clock.fastForward('10:00');
  assert.equal(await dialog.isVisible(), false, 'the other tab used the session 10 minutes ago');
  await page.clock.fastForward('18:05');
  await dialog.waitFor({ state: 'visible' });
  await other.close();
  await page.clock.fastForward('02:00');
  assert.match(await dialog.innerText(), /You have been signed out\s+You were signed out because the service was not used for 30 minutes/);
  await page.click('button:has-text("Close")');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.inputValue('#note-text'), 'Parents met the head teacher', 'what was typed is still there');
});
