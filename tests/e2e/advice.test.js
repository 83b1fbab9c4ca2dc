// Individual advice appointments in a real browser: the animator offers a morning's slots through the form of
// /conseil/creneaux; the demo teleworker books one with one button on /conseil, sees it confirmed, and it is no
// longer offered. A WCAG 2.1 AA audit with axe-core of /conseil, /conseil/creneaux (and its refused form) and
// /evenements/nouveau (and its refused form), in French and English.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertNoViolations, launchBrowser, open, signIn, submit, withPageOf } from './support.js';

const ANIMATOR = { email: 'animation@demo.telecentres.example', password: 'demo-animation-reseau' };
const TELEWORKER = { email: 'teleworker@demo.telecentres.example', password: 'demo-teletravail-cantal' };
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const withPage = (options, body) => withPageOf(browser, options, body);

/** The civil date `days` from now, YYYY-MM-DD (what a date input takes). */
function dateIn(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

describe('advice slots', () => {
  it('the animator offers slots through the form and a teleworker books one, which is then gone', async () => {
    const room = `Salle e2e ${Date.now()}`;
    await withPage({}, async (page) => {
      await signIn(page, ANIMATOR);
      await open(page, '/evenements');
      await page.getByRole('link', { name: /créneaux de conseil|voir les créneaux/ }).click();
      await page.waitForURL(/\/conseil$/);
      await page.getByRole('link', { name: 'Proposer des créneaux' }).click();
      await page.getByRole('heading', { name: 'Proposer des créneaux de conseil' }).waitFor();
      await page.locator('#commune').selectOption('15138');
      await page.getByLabel('Adresse ou salle').fill(room);
      await page.getByLabel('Jour', { exact: true }).fill(dateIn(10));
      await page.getByLabel('Premier créneau à').fill('10:00');
      await page.getByLabel('Fin de la plage').fill('11:00');
      await page.getByLabel('Durée d\'un créneau (minutes)').fill('30');
      assert.equal(await submit(page, page.getByRole('button', { name: 'Proposer ces créneaux' })), 200);
      assert.match(await page.getByRole('status').innerText(), /2 créneaux sont proposés/);
    });
    await withPage({}, async (page) => {
      await signIn(page, TELEWORKER);
      await open(page, '/conseil');
      const first = page.getByRole('button', { name: new RegExp(`10 h – 10 h 30, ${room}`) });
      const second = page.getByRole('button', { name: new RegExp(`10 h 30 – 11 h, ${room}`) });
      assert.equal(await first.count(), 1);
      assert.equal(await submit(page, first), 200);
      assert.match(await page.getByRole('status').innerText(), /inscription est confirmée/);
      await open(page, '/conseil');
      assert.equal(await first.count(), 0);
      assert.equal(await second.count(), 1);
    });
  });

  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    it(`have no WCAG violation (${lang})`, () =>
      withPage({}, async (page) => {
        await open(page, `/conseil${q}`);
        await assertNoViolations(page, `advice slots, anonymous (${lang})`);
        await signIn(page, ANIMATOR, q);
        await open(page, `/conseil${q}`);
        await assertNoViolations(page, `advice slots, animator (${lang})`);
        await open(page, `/conseil/creneaux${q}`);
        await assertNoViolations(page, `offer slots (${lang})`);
        await page.locator('#minutes').fill('5');
        assert.equal(
          await submit(page, page.getByRole('button', { name: /Proposer ces créneaux|Offer these slots/ })),
          400,
        );
        await assertNoViolations(page, `offer slots, refused (${lang})`);
        await open(page, `/evenements${q}`);
        await assertNoViolations(page, `events with the create link (${lang})`);
        await open(page, `/evenements/nouveau${q}`);
        await assertNoViolations(page, `new event (${lang})`);
        assert.equal(await submit(page, page.getByRole('button', { name: /Publier l'événement|Publish the event/ })), 400);
        await assertNoViolations(page, `new event, refused (${lang})`);
      }));
  }
});
