// The pages in a real browser: signing in and out, the board, an action's page, error
// pages, forged and stale requests, the papers printed to PDF. Every page checked here passes axe-core's WCAG 2.2 AA
// rules, fits 320 px without scrolling sideways, runs under its Content-Security-Policy
// without a violation, and leaves a screenshot in build/screenshots/ (browser.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { checkPage, startBrowser } from './browser.mjs';

let b;
let jem;
let newPage;
let signIn;

before(async () => {
  b = await startBrowser();
  ({ jem, newPage, signIn } = b);
});

after(async () => {
  await b?.stop();
});

test('an officer signs in (after one wrong token) and sees every action on the board', async () => {
  const page = await newPage({ bypassCSP: true });
  await signIn(page, 'jem_00000000_wrong');
  assert.match(await page.title(), /^Error: Sign in/);
  const summary = page.locator('.govuk-error-summary');
  assert.match(await summary.innerText(), /Enter a valid access token/);
  assert.equal(await summary.locator('a').getAttribute('href'), '#token', 'the error links to its field');
  assert.equal(await page.inputValue('#token'), '', 'a token is never put back into the page');
  await checkPage(page, 'sign-in-error');

  await page.fill('#token', jem.tokens.officer);
  await page.click('button:has-text("Sign in")');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.locator('h1').innerText(), 'Actions');
  const rows = page.locator('tbody tr');
  assert.ok(await rows.count() >= 3, 'the sample meeting\'s actions are listed');
  const tags = await page.locator('main .govuk-tag').allInnerTexts();
  // Every state in words, lateness as a date and a span: 'Blocked, overdue since 9 January 2010 (16 years)'.
  const when = (due, overdue) => String.raw`(${due} today|${due} in \d+ (days?|weeks)|${overdue} since \d{1,2} [A-Z][a-z]+ \d{4} \(\d+ (days?|weeks?|months?|years?)\))`;
  const words = new RegExp(String.raw`^(Completed|Dropped|Open|(Blocked|In progress)(, ${when('due', 'overdue')})?|${when('Due', 'Overdue')})$`);
  for (const tag of tags) assert.match(tag, words);
  assert.ok(tags.some((tag) => /overdue since/i.test(tag)), `an overdue sample action says since when: ${tags}`);
  await checkPage(page, 'board-officer');

  await page.click('a:has-text("CAM-2009-01")');
  assert.equal(new URL(page.url()).pathname, '/actions/CAM-2009-01');
  assert.match(await page.locator('h1').innerText(), /hotspots/);
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Lead agency\s+MPS/);
  const timeline = await page.locator('.moj-timeline__item').allInnerTexts();
  assert.match(timeline[0], /^Agreed, led by MPS, due \d{1,2} [A-Z][a-z]+ \d{4}/);
  // Written as GOV.UK writes dates and times, in London time: "16 June 2009 (recorded 3 December 2026 at 10:15am)".
  assert.match(timeline[0], /by setup \(officer\)\s+16 June 2009 \(recorded \d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d{2})?(am|pm)|midday|midnight)\)/,
               'who, when it happened, and when it was recorded');
  assert.ok(timeline.some((t) => t.startsWith('Completed')), 'the sample completed it, with its evidence');
  await checkPage(page, 'action-officer');
});

test('a partner sees only its agency\'s actions, and filters are links', async () => {
  const page = await newPage();
  await signIn(page, jem.tokens.partner);
  const leads = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
  const details = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
  assert.ok(leads.length > 0);
  leads.forEach((lead, i) => assert.ok(lead === 'TfL' || details[i].includes('TfL'), `row ${i}: ${lead} ${details[i]}`));
  await page.check('#overdue');
  await page.click('button:has-text("Apply filters")');
  assert.match(page.url(), /overdue=true/);
  for (const tag of await page.locator('main .govuk-tag').allInnerTexts()) assert.match(tag, /(^O|, o)verdue since /);
  assert.deepEqual(page.violations, [], 'no Content-Security-Policy violation or script error');

  // Another agency's action answers exactly as one that does not exist.
  const hidden = await page.goto(`${jem.url}/actions/CAM-2009-02`);
  const hiddenText = await page.locator('main').innerText();
  const missing = await page.goto(`${jem.url}/actions/CAM-2009-99`);
  assert.equal(hidden.status(), 404);
  assert.equal(missing.status(), 404);
  assert.equal(hiddenText.replace('CAM-2009-02', 'X'), (await page.locator('main').innerText()).replace('CAM-2009-99', 'X'));
});

test('without JavaScript, signing in, filtering and signing out all work', async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await signIn(page, jem.tokens.auditor);
  assert.equal(await page.locator('h1').innerText(), 'Actions');
  await page.selectOption('#status', 'completed');
  await page.click('button:has-text("Apply filters")');
  for (const tag of await page.locator('main .govuk-tag').allInnerTexts()) assert.equal(tag, 'Completed');
  await page.click('button:has-text("Sign out")');
  assert.match(page.url(), /\/sign-in$/);
  await page.goto(`${jem.url}/`);
  assert.match(page.url(), /\/sign-in$/, 'signed out: the session is gone');
});

test('the sign-in form can be done with the keyboard alone', async () => {
  const page = await newPage();
  await page.goto(`${jem.url}/sign-in`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content');
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement.id)) !== 'token'; ++i) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'token');
  await page.keyboard.type(jem.tokens.officer);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${jem.url}/`);
  assert.equal(await page.locator('h1').innerText(), 'Actions');
});

test('forged and stale requests are refused: no CSRF token, a revoked token\'s session', async () => {
  const page = await newPage();
  await signIn(page, jem.tokens.officer);
  // A form posted from elsewhere carries the cookie only if the browser sends it, and never
  // the CSRF token: refused.
  const forged = await page.evaluate(async () => (await fetch('/sign-out', { method: 'POST', body: new URLSearchParams({ csrf: 'x' }) })).status);
  assert.equal(forged, 403);
  await page.reload();
  assert.equal(await page.locator('h1').innerText(), 'Actions', 'still signed in');

  const sessions = await newPage();
  await signIn(sessions, jem.tokens.officer);
  const admin = { Authorization: `Bearer ${jem.tokens.admin}` };
  const list = await (await fetch(`${jem.url}/api/v1/tokens`, { headers: admin })).json();
  const officer = list.tokens.find((t) => t.user === 'jsmith');
  const revoked = await fetch(`${jem.url}/api/v1/tokens/${officer.id}/revoke`, {
    method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ reason: 'left' }),
  });
  assert.equal(revoked.status, 200);
  await sessions.goto(`${jem.url}/`);
  assert.match(sessions.url(), /\/sign-in$/, 'a revoked token\'s session ends');
});

test('the board sorts by links that say so (aria-sort), and shows 50 actions a page', async () => {
  const agencies = ['MPS', 'Council', 'TfL', 'BTP'];
  const actions = Array.from({ length: 60 }, (_, i) => ({
    text: `Action ${i + 1} agreed in Ealing`, lead: agencies[i % 4], due: `2009-${String(10 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  }));
  const imported = await fetch(`${jem.url}/api/v1/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await b.issueToken('eofficer', 'officer')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      meeting: { borough: 'Ealing', round: 1, theme: 'serious-youth-violence', date: '2009-09-25', start: '10:00', end: '12:00', room: 'Ealing town hall', chair: 'Kit Malthouse' },
      attendees: [{ name: 'Kit Malthouse', agency: 'MPA', role: 'Chair' }],
      actions,
    }),
  });
  assert.equal(imported.status, 201, await imported.text());
  const page = await newPage({ bypassCSP: true });
  await signIn(page, jem.tokens.auditor);
  assert.equal(await page.locator('th[aria-sort="ascending"]').innerText(), 'Due', 'sorted by due date at first');
  assert.equal(await page.locator('tbody tr').count(), 50);
  assert.match(await page.locator('.govuk-pagination').innerText(), /1\s+2\s+Next/);
  const dues = (await page.locator('tbody td:nth-child(4)').allInnerTexts()).map((d) => Date.parse(`${d} UTC`));
  assert.ok(dues.every(Number.isFinite), 'due dates are written as days ("30 August 2009")');
  assert.deepEqual(dues, [...dues].sort((x, y) => x - y), 'by due date');
  await checkPage(page, 'board-paged');

  await page.click('th:has-text("Lead") a');
  assert.equal(await page.locator('th[aria-sort="ascending"]').innerText(), 'Lead');
  assert.equal(await page.locator('th[aria-sort="none"]:has-text("Due")').count(), 1);
  let leads = await page.locator('tbody td:nth-child(3)').allInnerTexts();
  assert.deepEqual(leads, [...leads].sort());
  await page.click('th:has-text("Lead") a');
  assert.equal(await page.locator('th[aria-sort="descending"]').innerText(), 'Lead', 'a second click reverses it');
  leads = await page.locator('tbody td:nth-child(3)').allInnerTexts();
  assert.deepEqual(leads, [...leads].sort().reverse());

  await page.selectOption('#theme', 'serious-youth-violence');
  await page.click('button:has-text("Apply filters")');
  await page.click('.govuk-pagination a:has-text("Next")');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('page'), '2');
  assert.equal(url.searchParams.get('theme'), 'serious-youth-violence', 'paging keeps the filters');
  assert.ok(await page.locator('tbody tr').count() > 0);
  assert.equal(await page.locator('.govuk-pagination__item--current').innerText(), '2');
});

test('browsers get error pages, the API JSON', async () => {
  const page = await newPage({ bypassCSP: true });
  const answer = await page.goto(`${jem.url}/no-such-page`);
  assert.equal(answer.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Page not found');
  await checkPage(page, 'not-found');
  const api = await fetch(`${jem.url}/api/v1/nothing`, { headers: { Accept: 'text/html' } });
  assert.equal(api.status, 404);
  assert.match(api.headers.get('content-type'), /^application\/json/);
});

test('an auditor replays an action, reads the board as it stood, and compares promises with delivery', async () => {
  const page = await newPage({ bypassCSP: true });
  await signIn(page, jem.tokens.auditor);
  await page.goto(`${jem.url}/audit`);
  await checkPage(page, 'audit');
  await page.fill('#record', 'CAM-2009-XX');
  await page.click('button:has-text("Show the history")');
  assert.match(await page.title(), /^Error: Audit/);
  assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#record');
  await page.fill('#record', 'CAM-2009-01');
  await page.click('button:has-text("Show the history")');
  assert.equal(new URL(page.url()).pathname, '/audit/history/action/CAM-2009-01');
  const changes = await page.locator('table').first().innerText();
  assert.match(changes, /Status\s+Set when recorded\s+open/, 'the first event sets the status, from no default');
  assert.match(changes, /Supporting\s+Set when recorded\s+TfL, Council/, 'a list in words');
  assert.match(await page.locator('main').innerText(), /days late/, 'the sample was logged long after the meeting');
  await checkPage(page, 'audit-history');

  // The figures, each a link to the board showing what it counts.
  await page.goto(`${jem.url}/`);
  await page.click('a:has-text("Figures by agency and borough")');
  assert.equal(await page.locator('h1').innerText(), 'Figures');
  const camden = page.locator('tr:has(th:text-is("Camden")) td').first();
  const open = Number((await camden.innerText()).match(/^\d+/)[0]);
  assert.ok(open > 0, 'Camden has open actions');
  await checkPage(page, 'figures');
  await camden.locator('a').click();
  assert.match(await page.locator('main').innerText(), new RegExp(`${open} actions? match`));
  assert.equal(await page.locator('#status').inputValue(), 'not closed', 'the board says which filter it applies');

  // Any page as of a past day: the sample's 2009 is not in the record as it stood then, but is known to have happened.
  await page.goto(`${jem.url}/`);
  await page.click('summary:has-text("Show this as of a past day")');
  await page.fill('#as_of-day', '31');
  await page.fill('#as_of-month', '12');
  await page.fill('#as_of-year', '2009');
  await page.check('#basis-happened');
  await page.click('.jem-as-of button');
  assert.match(page.url(), /as_of-day=31&as_of-month=12&as_of-year=2009&basis=happened/);
  assert.match(await page.locator('.govuk-notification-banner').innerText(),
               /as now known to have happened by the end of 31 December 2009/);
  assert.ok(await page.locator('tbody tr').count() >= 3);
  await checkPage(page, 'board-as-of');
  await page.goto(`${jem.url}/?as_of=2009-12-31&basis=recorded`);
  assert.match(await page.locator('.govuk-notification-banner').innerText(), /as recorded by the end of 31 December 2009/);
  assert.equal(await page.inputValue('#as_of-month'), '12', 'a day in the address fills the boxes');
  assert.equal(await page.locator('tbody tr').count(), 0, 'nothing was recorded in 2009');
  const wrong = await page.goto(`${jem.url}/?as_of=2009-02-30`);
  assert.equal(wrong.status(), 400);
  // A day that is not one, typed: said in GOV.UK's words by the boxes, which keep what was typed.
  await page.goto(`${jem.url}/?as_of-day=30&as_of-month=2&as_of-year=2009`);
  assert.deepEqual(await page.locator('.govuk-error-summary a').evaluateAll((links) => links.map((a) => [a.hash, a.textContent])),
                   [['#as_of', 'Day must be a real date']]);
  assert.equal(await page.inputValue('#as_of-day'), '30');
  assert.ok(await page.locator('.jem-as-of').evaluate((d) => d.open), 'the choice is open to correct');
  await checkPage(page, 'board-as-of-wrong');
  await page.goto(`${jem.url}/?as_of-month=2&as_of-year=2009`);
  assert.equal(await page.locator('.govuk-error-summary a').innerText(), 'Day must include a day');

  await page.goto(`${jem.url}/audit/promises?by=round`);
  assert.match(await page.locator('table').innerText(), /All agencies/);
  await checkPage(page, 'audit-promises');
  await page.goto(`${jem.url}/audit/late`);
  await page.fill('#date-day', '31');
  await page.fill('#date-month', '12');
  await page.fill('#date-year', '2009');
  await page.click('main button:has-text("Show")');
  assert.match(await page.locator('h2').first().innerText(), /events happened by 31 December 2009 but were recorded later/);
  await checkPage(page, 'audit-late');
  await page.goto(`${jem.url}/audit/access?action=CAM-2009-01&before-day=1&before-month=13&before-year=2009`);
  assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#before');
  assert.equal(await page.locator('.govuk-error-summary a').innerText(), 'Day must be a real date');
  await page.goto(`${jem.url}/audit/access?action=CAM-2009-01&before=2009-13-01`);
  assert.equal(await page.locator('.govuk-error-summary a').getAttribute('href'), '#before');
  await page.goto(`${jem.url}/audit/access?action=CAM-2009-01`);
  assert.match(await page.locator('main').innerText(), /Could see CAM-2009-01/);
  await checkPage(page, 'audit-access');
  const unexpected = page.violations.filter((v) => !/status of 400/.test(v));  // the wrong days asked for above
  assert.deepEqual(unexpected, [], 'no Content-Security-Policy violation or script error');
});

// A page printed to PDF as a browser prints it, read back by poppler (pdfinfo, pdftotext):
// its pages' count and size, and the text of each page.
async function printed(page, name) {
  const file = join(mkdtempSync(join(tmpdir(), 'jem-pdf-')), `${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)[1]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { pages, size: /^Page size:\s+(.*)$/m.exec(info)[1], text, byPage: text.split('\f').slice(0, pages) };
}

// What printing must leave out of every paper: the page's controls and the links' addresses.
function assertOnlyThePaper(paper, name) {
  for (const control of ['Sign out', 'Show this as of a past day', 'Beta', 'JEM actions', 'Download this report']) {
    assert.ok(!paper.text.includes(control), `${name}: printed without '${control}'`);
  }
  assert.doesNotMatch(paper.text, /\(\/(actions|meetings|good-practice)\//, `${name}: no link's address printed`);
  assert.match(paper.size, /\(A4\)$/, `${name}: A4 (${paper.size})`);
}

test('the papers print as papers: the summary of a meeting on one A4 page, with its good practice and issues', async () => {
  const page = await newPage();
  await signIn(page, await b.issueToken('printing-officer', 'officer'));
  await page.goto(`${jem.url}/meetings/CAM-20090616`);
  const summary = await printed(page, 'summary');
  assertOnlyThePaper(summary, 'summary');
  assert.equal(summary.pages, 1, `a typical meeting's summary (8 attendees, 3 actions) fits one page:\n${summary.text}`);
  for (const said of ['Camden JEM: summary of agreed actions', '16 June 2009', '3pm to 5pm', 'MPA room 1', 'Kit Malthouse',
                      'Partners to take forward the actions', 'CAM-2009-03', 'Review bus and rail flows', 'TfL (BTP, MPS)',
                      "Good practice CAM-2009-01: 'Virtual' licensing board", 'Pan-London issue CAM-2009-01: Sharing YOT',
                      'Led by YJB']) {
    assert.ok(summary.text.replace(/\s+/g, ' ').includes(said), `the summary says '${said}':\n${summary.text}`);
  }

  await page.goto(`${jem.url}/meetings/CAM-20090616/follow-up-report`);
  const followUp = await printed(page, 'follow-up');
  assertOnlyThePaper(followUp, 'follow-up report');
  assert.ok(followUp.pages <= 2, `the follow-up report of three actions takes ${followUp.pages} pages`);
  assert.match(followUp.text, /CAM-2009-03/);
  // A table that goes on to another page has its header there too.
  for (const [n, text] of followUp.byPage.entries()) {
    if (/CAM-2009-0\d/.test(text)) assert.match(text, /Action\s+Lead/, `page ${n + 1} of the follow-up report repeats the header`);
  }

  await page.goto(`${jem.url}/rounds/1/committee-report`);
  const committee = await printed(page, 'committee');
  assertOnlyThePaper(committee, 'committee report');
  // Other tests here add 60 actions: the overdue table runs on, its header on every page.
  for (const [n, text] of committee.byPage.entries()) {
    if (n > 0 && /[A-Z]{3}-\d{4}-/.test(text)) assert.match(text, /Reference\s+Action\s+Lead/, `page ${n + 1} of the committee report repeats the header`);
  }
  assert.match(committee.text, /Committee report/);
  assert.match(committee.text, /Completion by lead agency/);
  assert.match(committee.text, /MPS\s+\d+\s+\d+/, 'the table of figures beside the chart is printed');
});

test('the brief of the next Camden JEM: the borough\'s story so far, accessible, and printed as an A4 paper', async () => {
  const officer = await b.issueToken('briefing-officer', 'officer');
  const scheduled = await fetch(`${jem.url}/api/v1/meetings`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${officer}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ borough: 'Camden', round: 2, theme: 'serious-youth-violence', date: '2010-09-14',
                           start: '10:00', end: '12:00', room: 'Camden town hall', chair: 'Kit Malthouse',
                           invited: ['MPS', 'Council', 'TfL', 'BTP'] }),
  });
  assert.equal(scheduled.status, 201, await scheduled.text());
  const page = await newPage({ bypassCSP: true });
  await signIn(page, officer);
  await page.goto(`${jem.url}/meetings/CAM-20100914`);
  await page.click('a:has-text("Brief for this meeting")');
  assert.match(page.url(), /\/meetings\/CAM-20100914\/brief$/);
  await checkPage(page, 'brief');
  const main = await page.locator('main').innerText();
  for (const said of ['Brief for the Camden JEM of 14 September 2010', 'Earlier JEMs in Camden', 'CAM-20090616',
                      'What the invited agencies promised and delivered in Camden', 'BTP']) {
    assert.ok(main.includes(said), `the brief says '${said}'`);
  }
  const brief = await printed(page, 'brief');
  assertOnlyThePaper(brief, 'brief');
  assert.doesNotMatch(brief.text, /Download this brief/, 'printed without its downloads');
  for (const [n, text] of brief.byPage.entries()) {
    if (n > 0 && /CAM-2009-0\d:/.test(text)) assert.match(text, /Action\s+Lead/, `page ${n + 1} of the brief repeats the header`);
  }
  assert.deepEqual(page.violations, [], 'no Content-Security-Policy violation or script error');
});
