// The council's administration pages in a real browser: the FNADT grant's statement and its rulesets, the
// network's equipment inventory, a centre's inventory and its occupancy agreements — a WCAG 2.1 AA audit with
// axe-core of each, in French and English, with their error states (a wrong period, a wrong ruleset, an item
// without a description, an agreement without a post). The admin's journey works with JavaScript switched off, as
// the pages promise (axe itself needs JavaScript, so the audits run with it on). Then the statement as printed: no
// menu, no form, no export link; the tables and the sign-off stay.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';

import { DEMO, RESULTS_DIR, assertNoViolations, launchBrowser, newContext, open, signIn, submit, url, withPageOf } from './support.js';

const ADMIN = DEMO.admin;
let browser;
let murat;

before(async () => {
  browser = await launchBrowser();
  const context = await newContext(browser);
  try {
    const found = await (await context.request.get(url('/api/v1/centres?near=15138&within_km=3'))).json();
    murat = found.centres[0].id;
  } finally {
    await context.close();
  }
});
after(async () => {
  await browser?.close();
});

/** A fresh context and page per test. */
const withPage = (options, body) => withPageOf(browser, options, body);


describe('administration pages: equipment, agreements, the FNADT grant', () => {
  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    const amp = lang === 'en' ? '&lang=en' : '';

    it(`have no WCAG violation, with their error states (${lang})`, () =>
      withPage({}, async (page) => {
        await signIn(page, ADMIN, q);

        // The statement for 2026, and a period that ends before it starts.
        await open(page, `/admin/subvention?bareme=DIACT-2006&du=2026-01-01&au=2026-12-31${amp}`);
        assert.match(await page.locator('main').innerText(), /\d\u202F\d{3},\d{2}\u00A0€/);
        await assertNoViolations(page, `grant statement (${lang})`);
        await page.screenshot({ path: join(RESULTS_DIR, `grant-${lang}.png`), fullPage: true });
        await open(page, `/admin/subvention?bareme=DIACT-2006&du=2026-12-31&au=2026-01-01${amp}`, { status: 400 });
        assert.equal(await page.getByRole('alert').getByRole('link').count(), 1);
        await assertNoViolations(page, `grant statement, wrong period (${lang})`);

        // The rulesets, and a ruleset with every amount wrong.
        await open(page, `/admin/subvention/baremes${q}`);
        await assertNoViolations(page, `rulesets (${lang})`);
        await page.locator('#name').fill(`E2E-${lang}-${Date.now()}`);
        await page.locator('#centre_zrr').fill('-12');
        assert.equal(await submit(page, page.getByRole('button', { name: /Ajouter le barème|Add the ruleset/ })), 400);
        assert.ok((await page.getByRole('alert').getByRole('link').count()) >= 2);
        await assertNoViolations(page, `rulesets, refused form (${lang})`);

        // The network's inventory, Murat's, and an item without a description.
        await open(page, `/admin/equipement${q}`);
        await assertNoViolations(page, `network inventory (${lang})`);
        await open(page, `/admin/centres/${murat}/equipement${q}`);
        await page.locator('#category').selectOption('screen');
        await page.locator('#description').fill(`Écran 24 pouces ${lang}`);
        await page.locator('#delivered_on').fill('2026-03-12');
        assert.equal(await submit(page, page.getByRole('button', { name: /Ajouter l'article|Add the item/ })), 200);
        assert.match(await page.getByRole('status').innerText(), /ajouté|added/);
        await assertNoViolations(page, `Murat's inventory, with an item (${lang})`);
        await page.locator('#category').selectOption('screen');
        assert.equal(await submit(page, page.getByRole('button', { name: /Ajouter l'article|Add the item/ })), 400);
        await assertNoViolations(page, `Murat's inventory, refused item (${lang})`);

        // Murat's agreements, and one without a post.
        await open(page, `/admin/centres/${murat}/conventions${q}`);
        await assertNoViolations(page, `Murat's agreements (${lang})`);
        assert.equal(
          await submit(page, page.getByRole('button', { name: /Enregistrer la convention|Record the agreement/ })),
          400,
        );
        assert.ok((await page.getByRole('alert').getByRole('link').count()) >= 2);
        await assertNoViolations(page, `Murat's agreements, refused form (${lang})`);
      }));
  }

  it('work without JavaScript: a period chosen, an item added and its state changed', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      await signIn(page, ADMIN);
      await open(page, '/admin/subvention');
      await page.getByLabel('Premier jour de la période').fill('2026-01-01');
      await page.getByLabel('Dernier jour de la période').fill('2026-06-30');
      assert.equal(await submit(page, page.getByRole('button', { name: "Établir l'état" })), 200);
      assert.match(await page.locator('main').innerText(), /du 1er janvier 2026 au 30 juin 2026/);

      await open(page, `/admin/centres/${murat}/equipement`);
      const description = `Copieur numérique ${Date.now()}`;
      await page.getByLabel('Catégorie', { exact: true }).selectOption('copier');
      await page.getByLabel('Description', { exact: true }).fill(description);
      assert.equal(await submit(page, page.getByRole('button', { name: "Ajouter l'article" })), 200);
      const row = page.getByRole('row', { name: new RegExp(description) });
      assert.match(await row.innerText(), /En service/);
      await row.getByRole('combobox').selectOption('broken');
      assert.equal(await submit(page, row.getByRole('button', { name: /Enregistrer l'état/ })), 200);
      assert.match(await page.getByRole('row', { name: new RegExp(description) }).innerText(), /En panne/);
    }));

  it('prints the statement without the menu, the forms or the export links', () =>
    withPage({}, async (page) => {
      await signIn(page, ADMIN);
      await open(page, '/admin/subvention?bareme=DIACT-2006&du=2026-01-01&au=2026-12-31');
      assert.equal(await page.locator('.site-nav').isVisible(), true);
      assert.equal(await page.locator('main form').first().isVisible(), true);
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.site-nav').isVisible(), false); // no menu
      const forms = page.locator('form');
      for (let i = 0; i < (await forms.count()); i++) assert.equal(await forms.nth(i).isVisible(), false); // no form
      assert.equal(await page.locator('.grant-exports').isVisible(), false); // no export link
      assert.equal(await page.locator('.grant-table').first().isVisible(), true); // the statement's table stays
      assert.match(await page.locator('.signoff').innerText(), /Arrêté le .+ selon le barème DIACT-2006 — généré le/);
      await page.pdf?.({ path: join(RESULTS_DIR, 'grant-print.pdf') }).catch(() => {});
      await page.emulateMedia({ media: 'screen' });
    }));
});
