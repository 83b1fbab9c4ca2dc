// The front page of a national network lists its centres fifty at a time, with a pager: the Cantal's demo (8 centres)
// never shows it, so this file starts a server of its own over a small national demo (120 centres) and audits the
// paged pages with axe (WCAG 2.1 AA) on a desktop and a phone, then follows the pager with the keyboard alone.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { describeViolations, launchBrowser, newContext, wcagViolations } from './support.js';

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.TELECENTRES_BIN || resolve(here, '../../build/telecentres');
const communes = resolve(here, '../../data/communes-france-2025.csv');

let dir;
let server;
let base;
let browser;

/** Starts `telecentres serve` on a free loopback port; resolves with its base URL once it listens. */
function serve(db) {
  return new Promise((resolveUrl, reject) => {
    server = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--no-access-log'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the server did not listen within 60 s:\n${err}`)), 60_000);
    server.stderr.on('data', (chunk) => {
      err += chunk;
      const m = err.match(/écoute sur (http:\/\/[^/ ]*)/);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${err}`));
    });
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'telecentres-paging-'));
  const db = join(dir, 'national.db');
  const demo = spawnSync(
    bin,
    ['demo', '--scale', 'national', '--db', db, '--centres', '120', '--teleworkers', '40', '--days', '2', '--seed', '5',
      '--communes', communes],
    { encoding: 'utf8', timeout: 300_000 },
  );
  assert.equal(demo.status, 0, `telecentres demo --scale national failed:\n${demo.stderr}`);
  base = await serve(db);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(page, path) {
  const response = await page.goto(base + path, { waitUntil: 'load' });
  assert.equal(response?.status(), 200, `GET ${path}`);
}

const pages = ['/', '/?page=2', '/?page=3', '/?lang=en', '/?page=2&lang=en'];

describe('the paged front page, WCAG 2.1 AA', () => {
  for (const [label, options] of [
    ['desktop', {}],
    ['375 px phone', { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ]) {
    for (const path of pages) {
      it(`GET ${path} on a ${label} has no violation and shows the pager`, async () => {
        const context = await newContext(browser, options);
        try {
          const page = await context.newPage();
          await openPage(page, path);
          assert.equal(await page.locator('nav.pagination').count(), 1, 'no pager');
          assert.equal(await page.locator('ol.cards > li.card').count(), path.includes('page=3') ? 20 : 50);
          const violations = await wcagViolations(page);
          assert.equal(violations.length, 0, describeViolations(`${path} (${label})`, violations));
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          assert.ok(overflow <= 0, `${path} scrolls sideways on a ${label} (${overflow} px)`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('the pager with the keyboard alone', () => {
  it('Tab reaches "Page suivante", Enter opens page 2, whose current page is announced', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await openPage(page, '/');
      let focused = '';
      for (let i = 0; i < 400 && focused !== 'Page suivante'; ++i) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      }
      assert.equal(focused, 'Page suivante', 'the next-page link is not reachable with Tab');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      assert.match(page.url(), /\/\?page=2$/);
      assert.equal((await page.locator('nav.pagination [aria-current="page"]').textContent()).trim(), 'Page 2 sur 3');
      assert.match(await page.title(), /page 2/);
    } finally {
      await context.close();
    }
  });
});
