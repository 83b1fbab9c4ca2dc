// The network's events in a real browser: the animator publishes a public meeting (through the API); a visitor
// without JavaScript finds it, registers with a name and an e-mail, and sees it confirmed; the animator's page of
// registrations marks who came. A WCAG 2.1 AA audit with axe-core of the list, the event (and its refused form),
// the registrations and the cancellation page, in French and English.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { assertNoViolations, launchBrowser, newContext, open, signIn, submit, url, withPageOf } from './support.js';

const ANIMATOR = { email: 'animation@demo.telecentres.example', password: 'demo-animation-reseau' };
let browser;
let eventId;

before(async () => {
  browser = await launchBrowser();
  const context = await newContext(browser);
  try {
    const session = await context.request.post(url('/api/v1/session'), { data: ANIMATOR });
    assert.equal(session.status(), 200, await session.text());
    const { csrf_token: csrf } = await session.json();
    const created = await context.request.post(url('/api/v1/events'), {
      headers: { 'X-CSRF-Token': csrf },
      data: {
        type: 'information_meeting',
        title: `Découvrir le télétravail ${Date.now()}`,
        description: 'Présentation du réseau des télécentres et de leurs services.',
        date: '2099-06-15',
        starts: '18:00',
        ends: '20:00',
        commune: '15138',
        address: 'Salle des fêtes',
        capacity: 30,
        audiences: ['public', 'teleworkers'],
      },
    });
    assert.equal(created.status(), 201, await created.text());
    eventId = (await created.json()).id;
  } finally {
    await context.close();
  }
});
after(async () => {
  await browser?.close();
});

const withPage = (options, body) => withPageOf(browser, options, body);

describe('events', () => {
  it('a visitor without JavaScript registers to a public event by name and e-mail', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, '/evenements');
      await page.getByRole('link', { name: /Découvrir le télétravail/ }).first().click();
      await page.getByRole('heading', { name: /^S.inscrire$/ }).waitFor();
      await page.getByLabel('Nom et prénom').fill('Camille Visiteuse');
      await page.getByLabel('Adresse e-mail').fill(`camille.${Date.now()}@example.fr`);
      assert.equal(await submit(page, page.getByRole('button', { name: "M'inscrire" })), 200);
      assert.match(await page.getByRole('status').innerText(), /inscription est confirmée/);
    }));

  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    it(`have no WCAG violation (${lang})`, () =>
      withPage({}, async (page) => {
        await open(page, `/evenements${q}`);
        await assertNoViolations(page, `events (${lang})`);
        await open(page, `/evenements/${eventId}${q}`);
        await assertNoViolations(page, `event (${lang})`);
        await page.locator('#name').fill('X');
        await page.locator('#email').fill('pas-une-adresse');
        assert.equal(await submit(page, page.getByRole('button', { name: /M'inscrire|Register me/ })), 400);
        await assertNoViolations(page, `event, refused registration (${lang})`);
        await open(page, `/evenements/desinscription/inconnu${q}`);
        await assertNoViolations(page, `cancellation (${lang})`);
        await signIn(page, ANIMATOR, q);
        await open(page, `/evenements/${eventId}/inscrits${q}`);
        await assertNoViolations(page, `registrations (${lang})`);
        const came = page.getByRole('button', { name: /Noter présent|Mark as present/ }).first();
        if ((await came.count()) === 1) {
          assert.equal(await submit(page, came), 200);
          await assertNoViolations(page, `registrations, attendance marked (${lang})`);
        }
      }));
  }
});
