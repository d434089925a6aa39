// The pages in a real browser: Debian's Chromium driven by playwright-core, against a
// `jem serve` on a fresh data directory. Every page checked here passes axe-core's WCAG 2.2
// AA rules, fits 320 px without scrolling sideways, runs under its Content-Security-Policy
// without a violation, and leaves a screenshot in build/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { require, startJem } from '../contract/jem_server.mjs';

const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const screenshots = process.env.JEM_SCREENSHOTS;

let jem;
let browser;

before(async () => {
  jem = await startJem();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(screenshots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await jem?.stop();
});

// A new browser context (its own cookies). `bypassCSP` only where axe-core must be injected.
async function newPage({ javaScriptEnabled = true, bypassCSP = false, width = 1024 } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, bypassCSP, viewport: { width, height: 800 } });
  const page = await context.newPage();
  page.violations = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.violations.push(m.text());
  });
  return page;
}

async function signIn(page, token) {
  await page.goto(`${jem.url}/`);
  assert.match(page.url(), /\/sign-in$/, 'the board sends a stranger to sign in');
  await page.fill('#token', token);
  await page.click('button:has-text("Sign in")');
}

// axe-core's WCAG 2.2 AA rules on the page as it is now; the violations, as text.
async function accessibilityProblems(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

// Checks a page: axe, 320 px, a screenshot named `name`.
async function checkPage(page, name) {
  assert.deepEqual(await accessibilityProblems(page), [], `${name}: accessibility`);
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: at 320 px the page scrolls sideways by ${overflow} px`);
  await page.screenshot({ path: join(screenshots, `${name}-320.png`), fullPage: true });
}

test('an officer signs in (after one wrong token) and sees every action on the board', async () => {
  const page = await newPage({ bypassCSP: true });
  await signIn(page, 'jem_00000000_wrong');
  assert.match(await page.title(), /^Error: Sign in/);
  const summary = page.locator('.govuk-error-summary');
  assert.match(await summary.innerText(), /Enter a valid access token/);
  assert.equal(await summary.locator('a').getAttribute('href'), '#token', 'the error links to its field');
  assert.equal(await page.inputValue('#token'), '', 'a token is never put back into the page');
  await checkPage(page, 'sign-in-error');

  await page.setViewportSize({ width: 1024, height: 800 });
  await page.fill('#token', jem.tokens.officer);
  await page.click('button:has-text("Sign in")');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.locator('h1').innerText(), 'Actions');
  const rows = page.locator('tbody tr');
  assert.ok(await rows.count() >= 3, 'the sample meeting\'s actions are listed');
  const tags = await page.locator('.govuk-tag').allInnerTexts();
  for (const tag of tags) assert.match(tag, /^(Completed|Dropped|Blocked|Open|In progress|Due today|Due in \d+ days?|Overdue \d+ days?)$/);
  await checkPage(page, 'board-officer');

  await page.setViewportSize({ width: 1024, height: 800 });
  await page.click('a:has-text("CAM-2009-01")');
  assert.equal(new URL(page.url()).pathname, '/actions/CAM-2009-01');
  assert.match(await page.locator('h1').innerText(), /hotspots/);
  assert.match(await page.locator('.govuk-summary-list').innerText(), /Lead agency\s+MPS/);
  const timeline = await page.locator('.jem-timeline__item').allInnerTexts();
  assert.match(timeline[0], /^Agreed, led by MPS, due \d{4}-\d{2}-\d{2}/);
  assert.match(timeline[0], /setup \(officer\), 2009-06-16 \(recorded \d{4}-\d{2}-\d{2} at \d{2}:\d{2} UTC\)/,
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
  for (const tag of await page.locator('.govuk-tag').allInnerTexts()) assert.match(tag, /^Overdue/);
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
  for (const tag of await page.locator('.govuk-tag').allInnerTexts()) assert.equal(tag, 'Completed');
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
