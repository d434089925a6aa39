// What the browser tests share: Debian's Chromium driven by playwright-core against a
// `jem serve` on a fresh data directory, and the checks every page must pass: axe-core's
// WCAG 2.2 AA rules, 320 px without scrolling sideways, and a screenshot in build/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { require, startJem } from '../contract/jem_server.mjs';

const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const screenshots = process.env.JEM_SCREENSHOTS;

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

// Checks a page: axe, 320 px, a screenshot named `name`; leaves the page 1024 px wide again.
export async function checkPage(page, name) {
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
