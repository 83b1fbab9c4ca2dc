// The communication plan in a real browser: the network's animator signs in, opens the plan from the header, adds
// an action through the form without JavaScript, and finds it in the year's table and in the totals per channel;
// a refused form points to its fields. A WCAG 2.1 AA audit with axe-core of the year view (and its refused form),
// and of an action's page, in French and English.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertNoViolations, launchBrowser, open, signIn, submit, withPageOf } from './support.js';

const ANIMATOR = { email: 'animation@demo.telecentres.example', password: 'demo-animation-reseau' };
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const withPage = (options, body) => withPageOf(browser, options, body);

describe('communication plan', () => {
  it('the animator adds an action and sees it in the year and its totals', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      await signIn(page, ANIMATOR);
      assert.equal(await submit(page, page.getByRole('link', { name: 'Communication' })), 200);
      const year = new Date().getFullYear();
      await page.getByRole('heading', { level: 1, name: `Plan de communication ${year}` }).waitFor();
      const title = `Stand au marché de Salers ${Date.now()}`;
      await page.getByLabel('Titre').fill(title);
      await page.getByLabel('Axe', { exact: true }).selectOption('attract');
      await page.getByLabel('Canal', { exact: true }).selectOption('contest');
      await page.getByLabel('Date', { exact: true }).fill(`${year}-06-20`);
      await page.getByLabel('Coût en euros (facultatif)').fill('1 234,50');
      await page.getByLabel('Personnes touchées').fill('420');
      await page.getByLabel('Contacts pris').fill('17');
      assert.equal(await submit(page, page.getByRole('button', { name: "Ajouter l'action" })), 200);
      assert.match(await page.getByRole('status').innerText(), /ajoutée au plan/);
      const row = page.getByRole('row', { name: new RegExp(title) });
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /1\u202f234,50\u00a0€/);
      assert.match(await row.innerText(), /Concours/);
      const contests = page.getByRole('table', { name: `Totaux par canal en ${year}` }).getByRole('row', { name: /^Concours/ });
      assert.match(await contests.innerText(), /1\u202f234,50\u00a0€/);
      assert.match(await contests.innerText(), /420/);
    }));

  it('a refused form names its fields', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      await signIn(page, ANIMATOR);
      await open(page, '/admin/communication');
      await page.getByLabel('Titre').fill('Sans canal');
      assert.equal(await submit(page, page.getByRole('button', { name: "Ajouter l'action" })), 400);
      const summary = page.getByRole('alert');
      assert.match(await summary.innerText(), /Choisissez le canal/);
      assert.equal(await page.locator('#channel').getAttribute('aria-invalid'), 'true');
    }));

  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    it(`has no WCAG violation (${lang})`, () =>
      withPage({}, async (page) => {
        await signIn(page, ANIMATOR, q);
        await open(page, `/admin/communication?annee=2026${lang === 'en' ? '&lang=en' : ''}`);
        await assertNoViolations(page, `communication plan (${lang})`);
        assert.equal(await submit(page, page.getByRole('button', { name: /Ajouter l'action|Add the action/ })), 400);
        await assertNoViolations(page, `communication plan, refused form (${lang})`);
        await open(page, `/admin/communication/1${q}`);
        await assertNoViolations(page, `communication action (${lang})`);
      }));
  }
});
