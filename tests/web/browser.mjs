// What the browser tests share: Debian's Chromium driven by playwright-core against a
// `jem serve` on a fresh data directory, and the checks every page must pass: axe-core's
// WCAG 2.2 AA rules, 320 px without scrolling sideways, and a screenshot in build/screenshots/;
// and, when the browser stops, the HTML of every page checked by the W3C Nu HTML Checker.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { require, startJem } from '../contract/jem_server.mjs';

const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const screenshots = process.env.JEM_SCREENSHOTS;
const vnuJar = require.resolve('vnu-jar/build/dist/vnu.jar');
const sources = mkdtempSync(join(tmpdir(), 'jem-html-'));  // what each checked page was sent as

// Starts jem (with `jemOptions`, as startJem takes them) and Chromium; `stop()` ends both.
export async function startBrowser(jemOptions = {}) {
  const jem = await startJem(jemOptions);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(screenshots, { recursive: true });

  // A new browser context (its own cookies). `bypassCSP` only where axe-core must be injected.
  async function newPage({ javaScriptEnabled = true, bypassCSP = false, width = 1024 } = {}) {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP, viewport: { width, height: 800 } });
    const page = await context.newPage();
    page.violations = [];
    page.on('console', (m) => {
      if (m.type() === 'error') page.violations.push(m.text());
    });
    // The page as the server sent it (not as scripts left it), for the HTML checker.
    page.on('response', (r) => {
      if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400)) {
        page.document = r;
      }
    });
    return page;
  }

  async function signIn(page, token) {
    await page.goto(`${jem.url}/`);
    assert.match(page.url(), /\/sign-in$/, 'the board sends a stranger to sign in');
    await page.fill('#token', token);
    await page.click('button:has-text("Sign in")');
  }

  // A new token for `user`, issued by the admin through the API.
  async function issueToken(user, role, agency) {
    const answer = await fetch(`${jem.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${jem.tokens.admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(agency ? { user, role, agency } : { user, role }),
    });
    assert.equal(answer.status, 201);
    return (await answer.json()).token;
  }

  return {
    jem, browser, newPage, signIn, issueToken,
    async stop() {
      await browser?.close();
      await jem?.stop();
      assert.deepEqual(htmlErrors(), [], 'the W3C Nu HTML Checker finds no error in the pages checked');
    },
  };
}

// axe-core's WCAG 2.2 AA rules and its best practices (landmarks, unique labels) on the page as
// it is now; the violations, as text.
export async function accessibilityProblems(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

// The W3C Nu HTML Checker's errors in every page checkPage saw, as "page: line: message".
function htmlErrors() {
  const files = readdirSync(sources).map((f) => join(sources, f));
  if (files.length === 0) return [];
  // It reports on stderr, as JSON; --exit-zero-always, so that its answer is read, not its status.
  const out = execFileSync('java', ['-jar', vnuJar, '--format', 'json', '--exit-zero-always', '--stdout', ...files],
                           { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out).messages.filter((m) => m.type === 'error')
    .map((m) => `${m.url.split('/').at(-1)}: ${m.lastLine}: ${m.message} (${(m.extract ?? '').trim()})`);
}

// Checks a page: axe, 320 px, a screenshot named `name`, and keeps its HTML for the checker;
// leaves the page 1024 px wide again.
export async function checkPage(page, name) {
  assert.ok(page.document, `${name}: the page came from a navigation`);
  writeFileSync(join(sources, `${name}.html`), await page.document.text());
  assert.deepEqual(await accessibilityProblems(page), [], `${name}: accessibility`);
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 320, height: 800 });
  await page.screenshot({ path: join(screenshots, `${name}-320.png`), fullPage: true });
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The widest element that sticks out, to say what to fix.
    const wide = [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > width + 1);
    const culprit = wide.at(-1);
    return { by: document.documentElement.scrollWidth - width, culprit: culprit ? culprit.outerHTML.slice(0, 120) : '' };
  });
  assert.ok(overflow.by <= 0, `${name}: at 320 px the page scrolls sideways by ${overflow.by} px (${overflow.culprit})`);
  await page.setViewportSize({ width: 1024, height: 800 });
}
