// The journey of a person looking for a telecentre near home: search by name or postcode, read the results
// and the map, open a centre's page. Also what must hold around it: no JavaScript anywhere, English pages,
// keyboard access, and a clear message (not a crash) for a commune that does not exist.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';

import { launchBrowser, newContext, open, RESULTS_DIR, url } from './support.js';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A fresh context and page per test, closed afterwards whatever happens. */
async function withPage(options, body) {
  const context = await newContext(browser, options);
  try {
    return await body(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Fills the search form of the page and submits it the way a person would; waits for the results. */
async function search(page, q, { withinKm, submitBy = 'enter' } = {}) {
  await page.locator('input[name="q"]').fill(q);
  if (withinKm !== undefined) await page.locator('select[name="within_km"]').selectOption(String(withinKm));
  const navigation = page.waitForURL((u) => u.searchParams.has('q'));
  if (submitBy === 'enter') await page.locator('input[name="q"]').press('Enter');
  else await page.locator('form.search-form button[type="submit"]').click();
  await navigation;
}

/** The names of the centres in the results list, in the order shown. */
const resultNames = (page) => page.locator('main section.results ol.cards > li h3 a').allInnerTexts();

/** The inline SVG maps of the page that are exposed as images. */
const maps = (page) => page.locator('main svg[role="img"]');

/** Number of <script> elements and inline event handlers: the site promises to need no JavaScript. */
const scriptCount = (page) =>
  page.evaluate(
    () =>
      document.querySelectorAll('script').length +
      [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on')))
        .length,
  );

describe('search journey', () => {
  it('finds Saint-Flour first for "st flour" within 30 km, with a map, and opens its page', async () => {
    await withPage({}, async (page) => {
      await open(page, '/');
      await search(page, 'st flour', { withinKm: 30 });

      const current = new URL(page.url());
      assert.equal(current.searchParams.get('within_km'), '30');
      const names = await resultNames(page);
      assert.ok(names.length >= 1, 'the results list is empty');
      assert.equal(names[0], 'Télécentre de Saint-Flour');
      assert.ok((await maps(page).count()) >= 1, 'the results have no map (svg with role="img")');
      await page.screenshot({ path: join(RESULTS_DIR, 'home-results.png'), fullPage: true });

      await Promise.all([
        page.waitForURL(/\/centres\/\d+/),
        page.locator('main section.results').getByRole('link', { name: 'Télécentre de Saint-Flour' }).click(),
      ]);
      const h1 = page.locator('h1');
      assert.equal(await h1.count(), 1, 'a centre page has exactly one h1');
      assert.match(await h1.innerText(), /Saint-Flour/);

      const hours = page.locator('main table');
      assert.equal(await hours.count(), 1, 'the centre page has no opening-hours table');
      assert.match(await hours.locator('caption').innerText(), /Horaires d'ouverture/);
      assert.ok((await hours.locator('tbody th[scope="row"]').count()) >= 1, 'the hours table has no day rows');
      assert.equal(await hours.locator('thead th[scope="col"]').count(), 3);
      await page.screenshot({ path: join(RESULTS_DIR, 'centre-saint-flour.png'), fullPage: true });
    });
  });

  it('finds Saint-Flour by its postcode 15100', async () => {
    await withPage({}, async (page) => {
      await open(page, '/');
      await search(page, '15100', { withinKm: 30, submitBy: 'click' });
      const names = await resultNames(page);
      assert.equal(names[0], 'Télécentre de Saint-Flour', `results were: ${names.join(', ') || '(none)'}`);
    });
  });

  it('asks which commune is meant when the name is ambiguous', async () => {
    await withPage({}, async (page) => {
      await open(page, '/?q=saint');
      const choices = page.locator('main section.results ul.candidates a');
      assert.ok((await choices.count()) >= 2, 'no disambiguation list for "saint"');
      // Every choice is itself a search that works.
      const href = await choices.first().getAttribute('href');
      await open(page, href);
      assert.equal(await page.locator('main ul.candidates').count(), 0);
    });
  });

  it('tells that an unknown commune does not exist, in an alert, without breaking the server', async () => {
    await withPage({}, async (page) => {
      await open(page, '/');
      await page.locator('input[name="q"]').fill('Xyzzyville');
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.locator('input[name="q"]').press('Enter'),
      ]);
      assert.ok(response.status() < 500, `HTTP ${response.status()} for an unknown commune`);

      const alert = page.getByRole('alert');
      assert.equal(await alert.count(), 1, 'expected exactly one role="alert"');
      assert.match(await alert.innerText(), /Xyzzyville/);
      assert.equal(await resultNames(page).then((n) => n.length), 0);
      // The form is still there, with what was typed, to correct it.
      assert.equal(await page.locator('input[name="q"]').inputValue(), 'Xyzzyville');
      assert.equal(await page.locator('input[name="q"]').getAttribute('aria-invalid'), 'true');

      const health = await page.request.get(url('/healthz'));
      assert.equal(health.status(), 200);
    });
  });

  it('narrows the results by service and wheelchair access, with the criteria folded away and no JavaScript', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, '/');
      await page.locator('input[name="q"]').fill('Saint-Flour');
      await page.locator('select[name="within_km"]').selectOption('100');
      const accessible = page.getByLabel('Accessible en fauteuil roulant');
      if (!(await accessible.isVisible())) await page.locator('form.search-form summary').click();
      await accessible.check();
      await page.getByLabel('Visioconférence').check();
      await Promise.all([
        page.waitForURL((u) => u.searchParams.has('q')),
        page.locator('form.search-form button[type="submit"]').click(),
      ]);

      const params = new URL(page.url()).searchParams;
      assert.equal(params.get('accessible'), 'true');
      assert.deepEqual(params.getAll('service'), ['videoconference']);
      const cards = page.locator('main section.results ol.cards > li');
      const n = await cards.count();
      assert.ok(n >= 1, 'no centre is both accessible and equipped for videoconferencing');
      assert.equal((await resultNames(page))[0], 'Télécentre de Saint-Flour');
      for (const card of await cards.all()) {
        const text = await card.innerText();
        assert.match(text, /Visioconférence/);
        assert.match(text, /Accessible en fauteuil roulant/);
      }
      // The page keeps the criteria checked, to refine the search.
      assert.ok(await page.getByLabel('Visioconférence').isChecked());
    });
  });

  it('works with JavaScript disabled, and no page ships any script', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, '/');
      assert.equal(await scriptCount(page), 0, 'the home page has scripts');
      await search(page, 'st flour', { withinKm: 30, submitBy: 'click' });
      assert.equal((await resultNames(page))[0], 'Télécentre de Saint-Flour');
      assert.ok((await maps(page).count()) >= 1);
      assert.equal(await scriptCount(page), 0, 'the results page has scripts');

      await Promise.all([
        page.waitForURL(/\/centres\/\d+/),
        page.locator('main section.results').getByRole('link', { name: 'Télécentre de Saint-Flour' }).click(),
      ]);
      assert.match(await page.locator('h1').innerText(), /Saint-Flour/);
      assert.equal(await scriptCount(page), 0, 'the centre page has scripts');
    });
  });
});

describe('English version', () => {
  it('shows the home page in English with ?lang=en and keeps English through a search', async () => {
    await withPage({}, async (page) => {
      await open(page, '/?lang=en');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('h1').innerText(), 'Find a telecentre in the Cantal');
      assert.equal(await page.locator('form.search-form button[type="submit"]').innerText(), 'Search');
      assert.match(await page.title(), /Cantal telecentres/);

      await search(page, 'st flour', { withinKm: 30 });
      assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.match(await page.locator('main section.results h2').first().innerText(), /within 30 km/);

      await Promise.all([
        page.waitForURL(/\/centres\/\d+/),
        page.locator('main section.results').getByRole('link', { name: 'Télécentre de Saint-Flour' }).click(),
      ]);
      assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
      assert.match(await page.locator('main table caption').innerText(), /Opening hours/);
    });
  });

  it('offers the switch back to French', async () => {
    await withPage({}, async (page) => {
      await open(page, '/accessibilite?lang=en');
      assert.equal(await page.locator('h1').innerText(), 'Accessibility statement');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/accessibilite' && u.searchParams.get('lang') !== 'en'),
        page.getByRole('link', { name: 'Français' }).click(),
      ]);
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      assert.equal(await page.locator('h1').innerText(), "Déclaration d'accessibilité");
    });
  });
});

describe('keyboard', () => {
  it('focuses the skip link on the first Tab, shows it, and moves focus to the content with Enter', async () => {
    await withPage({}, async (page) => {
      await open(page, '/?q=15187&within_km=30');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const e = document.activeElement;
        const box = e.getBoundingClientRect();
        return {
          tag: e.tagName,
          href: e.getAttribute('href'),
          text: e.textContent.trim(),
          visible: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0,
        };
      });
      assert.equal(focused.tag, 'A');
      assert.equal(focused.href, '#contenu');
      assert.equal(focused.text, 'Aller au contenu');
      assert.ok(focused.visible, 'the skip link stays invisible when focused');

      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'contenu');
    });
  });
});
