// The prospection pipeline and the evaluation in a real browser. Without JavaScript and by keyboard only, the
// animator adds a company through the form, finds it in the first column, and moves it along the pipeline with
// the card's button (Tab to it, Enter) and then with the company's form; an overdue action is said in words. The
// council's evaluation page draws its charts and tables and links its exports. A WCAG 2.1 AA audit with axe-core
// of the board, the company, its refused move, the new-company form, the evaluation and the yearly report, in
// French and English.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertNoViolations, launchBrowser, open, signIn, submit, withPageOf } from './support.js';

const ANIMATOR = { email: 'animation@demo.telecentres.example', password: 'demo-animation-reseau' };
const ADMIN = { email: 'admin@demo.telecentres.example', password: 'demo-conseil-cantal' };
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const withPage = (options, body) => withPageOf(browser, options, body);

/** Presses Tab until the focused element is `locator` (at most `limit` times); fails otherwise. */
async function tabTo(page, locator, limit = 400) {
  const target = await locator.elementHandle();
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  assert.fail('the element was never reached with Tab');
}

describe('prospection', () => {
  it('the animator adds a company and moves it along the pipeline, without JavaScript, by keyboard', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      const name = `Assurances Horizon ${Date.now()}`;
      await signIn(page, ANIMATOR);
      await open(page, '/admin/prospection');
      await page.getByRole('link', { name: 'Ajouter une entreprise' }).click();
      await page.getByLabel("Nom de l'entreprise").fill(name);
      await page.getByLabel("Secteur d'activité").fill('Assurance');
      await page.getByLabel('Emplois qui pourraient être relocalisés').fill('15');
      await page.getByLabel('Nom du contact').fill('Claire Martin');
      await page.getByLabel('Prochaine action', { exact: true }).fill('Premier appel');
      await page.getByLabel('Date de la prochaine action').fill('2020-01-06');
      assert.equal(await submit(page, page.getByRole('button', { name: "Ajouter l'entreprise" })), 200);
      assert.match(await page.getByRole('status').innerText(), /ajoutée à la prospection/);

      await open(page, '/admin/prospection');
      const identified = page.getByRole('region', { name: /^Identifiée/ });
      const card = identified.getByRole('listitem').filter({ hasText: name });
      assert.match(await card.innerText(), /En retard de \d+ jours/);
      const button = card.getByRole('button', { name: /Passer à «\s*Contactée\s*»/ });
      await tabTo(page, button);
      await Promise.all([page.waitForURL(/fait=etape/), page.keyboard.press('Enter')]);
      assert.match(await page.getByRole('status').innerText(), /changé d'étape/);
      const contacted = page.getByRole('region', { name: /^Contactée/ });
      assert.equal(await contacted.getByRole('listitem').filter({ hasText: name }).count(), 1);
      assert.equal(await identified.getByRole('listitem').filter({ hasText: name }).count(), 0);

      // On the company's page: straight to a proposal, with a note and the next action.
      await contacted.getByRole('link', { name }).click();
      await page.getByLabel('Nouvelle étape').selectOption('proposal');
      await page.getByLabel(/^Note/).fill('Proposition envoyée au siège');
      await page.getByLabel('Prochaine action', { exact: true }).fill('Relancer la DRH');
      await page.getByLabel('Date de la prochaine action').fill('2099-03-01');
      assert.equal(await submit(page, page.getByRole('button', { name: "Enregistrer l'étape" })), 200);
      assert.match(await page.locator('main').innerText(), /de «\s*Contactée\s*» à «\s*Proposition\s*»\s*:\s*Proposition envoyée/);
      await open(page, '/admin/prospection');
      const proposal = page.getByRole('region', { name: /^Proposition/ });
      const moved = proposal.getByRole('listitem').filter({ hasText: name });
      assert.equal(await moved.count(), 1);
      assert.doesNotMatch(await moved.innerText(), /En retard/);
    }));

  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    it(`pipeline pages have no WCAG violation (${lang})`, () =>
      withPage({}, async (page) => {
        await signIn(page, ANIMATOR, q);
        await open(page, `/admin/prospection/nouvelle${q}`);
        await assertNoViolations(page, `new company (${lang})`);
        assert.equal(await submit(page, page.getByRole('button', { name: /Ajouter l'entreprise|Add the company/ })), 400);
        await assertNoViolations(page, `new company, refused (${lang})`);
        await page.locator('#name').fill(`Banque Delta ${Date.now()}`);
        await page.locator('#next_action_on').fill('2020-01-01');
        assert.equal(await submit(page, page.getByRole('button', { name: /Ajouter l'entreprise|Add the company/ })), 200);
        await assertNoViolations(page, `company (${lang})`);
        await page.locator('#to').selectOption('lost');
        assert.equal(await submit(page, page.getByRole('button', { name: /Enregistrer l'étape|Record the stage/ })), 422);
        await assertNoViolations(page, `company, refused move (${lang})`);
        await open(page, `/admin/prospection${q}`);
        await assertNoViolations(page, `pipeline (${lang})`);
      }));

    it(`evaluation pages draw their charts and have no WCAG violation (${lang})`, () =>
      withPage({}, async (page) => {
        await signIn(page, ADMIN, q);
        await open(page, `/admin/evaluation${q}`);
        assert.equal(await page.locator('main svg[role="img"]').count(), 4);
        assert.ok((await page.locator('main table').count()) >= 9);
        await assertNoViolations(page, `evaluation (${lang})`);
        const href = await page.locator('a[href*="indicators.xlsx"]').getAttribute('href');
        const xlsx = await page.request.get(new URL(href, page.url()).toString());
        assert.equal(xlsx.status(), 200);
        await open(page, `/admin/evaluation/rapport${q}`);
        await assertNoViolations(page, `yearly report (${lang})`);
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.locator('nav.site-nav').isVisible(), false);
        assert.equal(await page.locator('main svg[role="img"]').first().isVisible(), true);
      }));
  }
});
