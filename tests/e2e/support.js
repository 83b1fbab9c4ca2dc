// What every browser test shares: where the server is, how Debian's Chromium is started, how an axe audit is
// run and reported. The server is started by run.sh, which passes its address in BASE_URL; nothing here
// starts or stops it.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const BASE_URL = (() => {
  const url = process.env.BASE_URL;
  if (!url) throw new Error('BASE_URL is not set: run the tests with tests/e2e/run.sh, which starts the server');
  return url.replace(/\/+$/, '');
})();

/** Absolute URL of a path on the server under test ("/centres/3" → "http://127.0.0.1:PORT/centres/3"). */
export const url = (path) => BASE_URL + path;

/** Where screenshots go; gitignored. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'test-results');
mkdirSync(RESULTS_DIR, { recursive: true });

/** The WCAG levels the site promises (see /accessibilite): 2.0 and 2.1, A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Debian's Chromium, headless, with nothing that would talk to the network behind the test's back. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A desktop-sized browser context; `options` are Playwright's (javaScriptEnabled, viewport, …). */
export function newContext(browser, options = {}) {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', ...options });
}

/**
 * Opens `path` and checks the HTTP status (`null`: any status but a server error); returns the response. A
 * page that answers something unexpected fails here rather than in a confusing later assertion.
 */
export async function open(page, path, { status = 200 } = {}) {
  const response = await page.goto(url(path), { waitUntil: 'load' });
  if (!response) throw new Error(`no response for ${path}`);
  const got = response.status();
  if (status === null ? got >= 500 : got !== status)
    throw new Error(`GET ${path}: expected HTTP ${status ?? 'below 500'}, got ${got}`);
  return response;
}

/** Runs axe on the page as it is now, restricted to WCAG 2.1 A/AA, and returns its violations. */
export async function wcagViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations;
}

/**
 * Formats axe violations so that a developer can fix them without re-running anything: rule id, impact,
 * what to do, the WCAG criteria, and every offending node with its selector and axe's own diagnosis.
 */
export function describeViolations(label, violations) {
  const lines = [`${label}: ${violations.length} WCAG violation(s)`];
  for (const v of violations) {
    const criteria = v.tags.filter((t) => /^wcag\d{3,}$/.test(t)).join(', ');
    lines.push(`- ${v.id} [${v.impact}] ${v.help}${criteria ? ` (${criteria})` : ''}`);
    lines.push(`  ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`    target: ${node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' ')}`);
      lines.push(`      html: ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (node.failureSummary) lines.push(`      ${node.failureSummary.replace(/\n\s*/g, ' / ')}`);
    }
  }
  return lines.join('\n');
}

/** The demo's accounts, as `telecentres serve --demo` creates them. */
export const DEMO = {
  admin: { email: 'admin@demo.telecentres.example', password: 'demo-conseil-cantal' },
  muratHost: { email: 'accueil.murat@demo.telecentres.example', password: 'demo-accueil-murat' },
};

/** A fresh context and page for `body`, closed afterwards whatever happens. */
export async function withPageOf(browser, options, body) {
  const context = await newContext(browser, options);
  try {
    return await body(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Clicks a submit button or a link and waits for the page it leads to; returns that page's HTTP status. */
export async function submit(page, control) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), control.click()]);
  return response?.status();
}

export async function assertNoViolations(page, label) {
  const violations = await wcagViolations(page);
  assert.equal(violations.length, 0, describeViolations(label, violations));
}

/** Signs in through the form; `q` is "" or "?lang=en". */
export async function signIn(page, { email, password }, q = '') {
  await open(page, '/connexion' + q);
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  assert.equal(await submit(page, page.locator('main').getByRole('button', { name: /Se connecter|Sign in/ })), 200);
}
