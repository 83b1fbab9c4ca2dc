// The siting study in a real browser: the admin fills the form with JavaScript switched off (the pages promise
// it), follows the study's page as it reloads itself until the result, and finds the map, the curve and the sites;
// a long exact study shows its progress bar and is cancelled. A WCAG 2.1 AA audit with axe-core of the form (and
// its error state), the progress page and the result, in French and English.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';

import { DEMO, RESULTS_DIR, assertNoViolations, launchBrowser, open, signIn, submit, withPageOf } from './support.js';

const ADMIN = DEMO.admin;
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const withPage = (options, body) => withPageOf(browser, options, body);

/** Fills the study form (French or English labels) and submits it; returns the HTTP status of the answer. */
async function runStudy(page, { model, p, minutes = '', method = 'heuristic', seconds = '60' }) {
  await page.locator('#modele').selectOption(model);
  await page.locator('#p').fill(p);
  await page.locator('#minutes').fill(minutes);
  await page.locator('#methode').selectOption(method);
  await page.locator('#duree').fill(seconds);
  return submit(page, page.getByRole('button', { name: /Lancer l'étude|Run the study/ }));
}

describe('the siting study', () => {
  it('works without JavaScript: the form, the page that follows the run, then the map, the curve and the sites', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      await signIn(page, ADMIN);
      await open(page, '/admin/implantation');
      assert.equal(await runStudy(page, { model: 'mclp', p: '8', minutes: '20' }), 200);
      // The page reloads itself (meta refresh, no script) until the study is over.
      await page.getByRole('heading', { name: 'Résultat' }).waitFor({ timeout: 60_000 });
      const main = page.locator('main');
      assert.match(await main.innerText(), /Demande couverte à moins de 20 minutes/);
      assert.equal(await page.getByRole('img', { name: /Carte de l'étude/ }).count(), 1);
      assert.equal(await page.getByRole('img', { name: 'Demande couverte selon le nombre de centres' }).count(), 1);
      assert.equal(await page.locator('.map .marker--proposed').count(), 2);
      const sites = page.getByRole('table', { name: /Les communes retenues/ });
      assert.equal(await sites.getByRole('row').count(), 9); // header + 8 sites
      assert.equal(await page.getByRole('link', { name: 'Sites (CSV)' }).count(), 1);
      await page.screenshot({ path: join(RESULTS_DIR, 'siting-result.png'), fullPage: true });
    }));

  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    it(`has no WCAG violation: form, refused form, progress, result (${lang})`, () =>
      withPage({}, async (page) => {
        await signIn(page, ADMIN, q);
        await open(page, `/admin/implantation${q}`);
        await assertNoViolations(page, `siting form (${lang})`);
        assert.equal(await runStudy(page, { model: 'pmedian', p: 'huit' }), 400);
        assert.equal(await page.getByRole('alert').getByRole('link').count(), 1);
        await assertNoViolations(page, `siting form, refused (${lang})`);

        // A long exact study: its progress, without the automatic reload, then cancelled.
        await open(page, `/admin/implantation${q}`);
        assert.equal(await runStudy(page, { model: 'pmedian', p: '12', method: 'exact', seconds: '300' }), 200);
        const progressUrl = page.url().split('?')[0] + (lang === 'en' ? '?lang=en&suivre=0' : '?suivre=0');
        await open(page, progressUrl.replace(/^https?:\/\/[^/]+/, ''));
        const cancel = page.getByRole('button', { name: /Annuler l'étude|Cancel the study/ });
        if ((await cancel.count()) === 1) {
          assert.equal(await page.locator('progress').count(), 1);
          await assertNoViolations(page, `siting progress (${lang})`);
          assert.equal(await submit(page, cancel), 200);
          await page.getByText(/^(Annulée|Cancelled)$/).first().waitFor({ timeout: 60_000 });
        }

        // A p-median with a radius: the result page, map and curve included.
        await open(page, `/admin/implantation${q}`);
        assert.equal(await runStudy(page, { model: 'pmedian', p: '9', minutes: '25' }), 200);
        await page.getByRole('heading', { name: /^(Résultat|Result)$/ }).waitFor({ timeout: 60_000 });
        await assertNoViolations(page, `siting result (${lang})`);
      }));
  }
});
