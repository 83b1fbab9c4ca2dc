// WCAG 2.1 AA audit with axe-core of every kind of page the public sees, in French and in English, on a
// desktop and on a phone-sized screen. The accessibility statement (/accessibilite) says these checks find
// no error: this file is what keeps that sentence true. A failure lists each rule, its impact and the
// selectors of the offending elements.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';

import { describeViolations, launchBrowser, newContext, open, RESULTS_DIR, url, wcagViolations } from './support.js';

/** The ids of all centres, from the API, so that a centre added to the demo network is audited too. */
async function centreIds() {
  const response = await fetch(url('/api/v1/centres'));
  assert.equal(response.status, 200, 'GET /api/v1/centres');
  const { centres } = await response.json();
  assert.ok(centres.length > 0, 'the demo network has no centre');
  return centres.map((c) => c.id).sort((a, b) => a - b);
}

const ids = await centreIds();

/** [path, expected HTTP status]: every kind of public page. */
const pages = [
  ['/', 200],
  ['/?q=15187&within_km=30', 200],
  ['/?q=saint', 200], // ambiguous: the list of communes to choose from
  ['/?q=Xyzzyville', null], // unknown commune: the error message
  ...ids.map((id) => [`/centres/${id}`, 200]),
  ['/accessibilite', 200],
  ['/?lang=en', 200],
  ['/?q=15187&within_km=30&lang=en', 200],
  [`/centres/${ids[0]}?lang=en`, 200],
  ['/accessibilite?lang=en', 200],
  ['/nope', 404],
  ['/nope?lang=en', 404],
];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens the page in a fresh context and asserts that axe finds no WCAG 2.1 A/AA violation on it. */
async function audit(path, status) {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await open(page, path, { status });
    const violations = await wcagViolations(page);
    assert.equal(violations.length, 0, describeViolations(path, violations));
  } finally {
    await context.close();
  }
}

describe('the audit itself', () => {
  // Guards against a silent pass: an axe that failed to load, or tags that select no rule, would find nothing.
  it('reports a page with known violations', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.setContent('<html><head><title>t</title></head><body><main><img src="x.png"></main></body></html>');
      const ids = (await wcagViolations(page)).map((v) => v.id).sort();
      assert.deepEqual(ids, ['html-has-lang', 'image-alt']);
    } finally {
      await context.close();
    }
  });
});

describe('WCAG 2.1 AA, desktop', () => {
  for (const [path, status] of pages) it(`GET ${path} has no violation`, () => audit(path, status));
});

describe('WCAG 2.1 AA, 375 px wide phone', () => {
  const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

  for (const path of ['/?q=15187&within_km=30', '/?q=15187&within_km=30&lang=en', `/centres/${ids[0]}`]) {
    it(`GET ${path} has no violation and no horizontal scrolling`, async () => {
      const context = await newContext(browser, phone);
      try {
        const page = await context.newPage();
        await open(page, path);
        const violations = await wcagViolations(page);
        assert.equal(violations.length, 0, describeViolations(`${path} at 375 px`, violations));

        // WCAG 1.4.10 Reflow: content fits the width without scrolling sideways.
        const overflow = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          wide: [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter((e) => !e.closest('.table-wrap, .visually-hidden, .skip-link'))
            .slice(0, 5)
            .map((e) => e.tagName.toLowerCase() + [...e.classList].map((c) => `.${c}`).join('')),
        }));
        assert.ok(
          overflow.scrollWidth <= overflow.clientWidth,
          `${path} scrolls sideways at 375 px (${overflow.scrollWidth} > ${overflow.clientWidth}), ` +
            `widest elements: ${overflow.wide.join(', ')}`,
        );
        if (path === '/?q=15187&within_km=30')
          await page.screenshot({ path: join(RESULTS_DIR, 'home-results-375px.png'), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
});
