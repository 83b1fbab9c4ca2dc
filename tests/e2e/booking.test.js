// The booking pages in a real browser: the journey of a teleworker who signs up and applies to the Murat centre,
// is accepted by the Murat host, opens the Murat week grid from the centre's page, books a half-day, finds it in
// "Mes réservations" and cancels it — with JavaScript switched off, as the pages promise to work without it. Then
// a WCAG 2.1 AA audit with axe-core of the week grid (anonymous, for someone who may book, with the series form's
// errors), a series' result, "Mes réservations" and the host's day (and its error state), in French and English,
// and the grid at 375 px.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';

import { DEMO, RESULTS_DIR, assertNoViolations, launchBrowser, newContext, open, signIn, submit, url, withPageOf } from './support.js';

const PASSWORD = 'trois mots du Cantal';
const MURAT_HOST = DEMO.muratHost;
const BOOK_MORNING = /^(Réserver le matin|Book the morning)/;
let browser;
let murat;
let serial = 0;

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

/** A fresh e-mail address and name for each account a test creates (the server's database lives as long as the run). */
const fresh = () => {
  const n = `${process.pid}.${Date.now()}.${++serial}`;
  return { email: `e2e.booking.${n}@exemple.fr`, name: `Camille Rouquier ${n}` };
};

/** A fresh context and page per test. */
const withPage = (options, body) => withPageOf(browser, options, body);

async function signUp(page, { name, email }, q = '') {
  await open(page, '/inscription' + q);
  await page.getByLabel(/Nom affiché|Display name/).fill(name);
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(PASSWORD);
  await page.getByLabel(/J'ai lu la politique|I have read the privacy notice/).check();
  assert.equal(await submit(page, page.getByRole('button', { name: /Créer mon compte|Create my account/ })), 200);
}


async function signOut(page) {
  const nav = page.getByRole('navigation', { name: /Menu principal|Main menu/ });
  await submit(page, nav.getByRole('button', { name: /Se déconnecter|Sign out/ }));
}

/** Applies to Murat through the form (signed in, French); returns the application's path. */
async function applyToMurat(page) {
  await open(page, `/candidatures/nouvelle?centre=${murat}`);
  await page.getByRole('group', { name: 'Nombre de jours par semaine' }).getByLabel(/^2 jours$/).check();
  await page.getByLabel('Date de début souhaitée').fill('2030-01-07');
  await page.getByLabel('Votre motivation').fill('Salariée d\'une entreprise clermontoise, deux jours par semaine.');
  assert.equal(await submit(page, page.getByRole('button', { name: 'Envoyer ma candidature' })), 200);
  return new URL(page.url()).pathname;
}

/** The Murat host accepts the application at `path`, in a context of their own. */
async function hostAccepts(path) {
  await withPage({ javaScriptEnabled: false }, async (page) => {
    await signIn(page, MURAT_HOST);
    await open(page, path);
    await page.getByRole('group', { name: 'Décision' }).getByLabel('Accepter la candidature').check();
    assert.equal(await submit(page, page.getByRole('button', { name: 'Enregistrer la décision' })), 200);
    assert.match(await page.getByRole('status').innerText(), /La décision est enregistrée/);
  });
}

/** From the grid now shown, moves week by week (up to five) until a morning can be booked; returns its button. */
async function weekWithAFreeMorning(page) {
  for (let i = 0; i < 5; i++) {
    const button = page.getByRole('table').getByRole('button', { name: BOOK_MORNING }).first();
    if (await button.count()) return button;
    await submit(page, page.getByRole('navigation', { name: /Semaines|Weeks/ }).getByRole('link', { name: /Semaine suivante|Next week/ }));
  }
  throw new Error('no bookable morning within five weeks');
}

describe('the booking journey, without JavaScript', () => {
  it('an accepted teleworker opens the Murat grid, books a morning, sees it in "Mes réservations" and cancels it', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      const person = fresh();
      await signUp(page, person);
      const application = await applyToMurat(page);
      await signOut(page);
      await hostAccepts(application);
      await signIn(page, { email: person.email, password: PASSWORD });

      // From the centre's page to its week grid.
      await open(page, `/centres/${murat}`);
      await submit(page, page.getByRole('link', { name: /Voir les disponibilités et réserver/ }));
      assert.equal(new URL(page.url()).pathname, `/centres/${murat}/reservations`);
      const grid = page.getByRole('table', { name: /Postes libres, Télécentre de Murat/ });
      assert.equal(await grid.getByRole('rowheader', { name: 'Matin' }).count(), 1);
      assert.equal(await grid.getByRole('rowheader', { name: 'Après-midi' }).count(), 1);
      assert.ok((await grid.getByRole('columnheader').count()) >= 6);

      const button = await weekWithAFreeMorning(page);
      const label = (await button.textContent()).replace(/\s+/g, ' ').trim();
      assert.match(label, /^Réserver le matin — \S+ \d+(er)? \S+$/);  // the day, written out, in the button's text
      const day = label.replace(/^Réserver le matin — /, '');
      await page.screenshot({ path: join(RESULTS_DIR, 'booking-week.png'), fullPage: true });
      assert.equal(await submit(page, button), 200);

      // "Mes réservations" confirms it and lists it.
      assert.equal(new URL(page.url()).pathname, '/reservations');
      assert.match(await page.getByRole('status').innerText(), /Votre réservation est enregistrée\s: Télécentre de Murat/);
      const coming = page.getByRole('table', { name: /Vos prochaines réservations/ });
      const row = coming.getByRole('row').filter({ hasText: day });
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), /Matin[\s\S]*Télécentre de Murat[\s\S]*Réservé/);
      await page.screenshot({ path: join(RESULTS_DIR, 'booking-mine.png'), fullPage: true });

      // Cancelling it.
      assert.equal(await submit(page, row.getByRole('button', { name: /^Annuler/ })), 200);
      assert.match(await page.getByRole('status').innerText(), /Votre réservation est annulée/);
      assert.match(await coming.getByRole('row').filter({ hasText: day }).innerText(), /Annulé/);
      assert.equal(await coming.getByRole('row').filter({ hasText: day }).getByRole('button').count(), 0);
      assert.equal(await page.locator('script').count(), 0);
    });
  });
});

describe('WCAG 2.1 AA, booking pages', () => {
  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    const amp = lang === 'en' ? '&lang=en' : '';

    it(`the week grid${q} has no violation, anonymous and with a wrong week`, () =>
      withPage({}, async (page) => {
        await open(page, `/centres/${murat}/reservations${q}`);
        await assertNoViolations(page, `week grid${q}, anonymous`);
        await open(page, `/centres/${murat}/reservations?semaine=2030-12-25${amp}`);
        assert.match(await page.locator('main').innerText(), /Fermé \(Noël\)|Closed \(Christmas Day\)/);
        await assertNoViolations(page, `week grid${q}, Christmas`);
        await open(page, `/centres/${murat}/reservations?semaine=2030-02-30${amp}`, { status: 400 });
        await assertNoViolations(page, `week grid${q}, a wrong week`);
      }));

    it(`the grid, a series, "Mes réservations" and the host's day${q} have no violation`, () =>
      withPage({}, async (page) => {
        // The Murat host may book at their centre: the grid then has every form.
        await signIn(page, MURAT_HOST, q);
        await open(page, `/centres/${murat}/reservations${q}`);
        await weekWithAFreeMorning(page);
        await assertNoViolations(page, `week grid${q}, with forms`);

        // The series form sent empty: every problem listed and marked.
        assert.equal(await submit(page, page.getByRole('button', { name: /Réserver ces demi-journées|Book these half-days/ })), 400);
        assert.equal(await page.getByRole('alert').getByRole('link').count(), 3);
        await assertNoViolations(page, `week grid${q}, series with errors`);

        // A series of one morning (the first free one), then its result.
        await open(page, `/centres/${murat}/reservations${q}`);
        const first = await weekWithAFreeMorning(page);
        const day = await first.locator('xpath=ancestor::form').locator('input[name="date"]').getAttribute('value');
        const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
        await page.locator(`input[name="motif"][value="${weekday}-morning"]`).check();
        await page.getByLabel(/^(Du|From)$/).fill(day);
        await page.getByLabel(/^(Au \(inclus\)|To \(included\))$/).fill(day);
        assert.equal(await submit(page, page.getByRole('button', { name: /Réserver ces demi-journées|Book these half-days/ })), 200);
        assert.match(await page.getByRole('status').innerText(), /1 demi-journée réservée sur 1|1 half-day booked out of 1/);
        await assertNoViolations(page, `a series' result${q}`);

        // A morning booked from the grid: "Mes réservations" with a row and its forms.
        await open(page, `/centres/${murat}/reservations${q}`);
        assert.equal(await submit(page, await weekWithAFreeMorning(page)), 200);
        await assertNoViolations(page, `my bookings${q}, with a booking`);
        const booked = await page.getByRole('table').first().getByRole('row').nth(1).locator('time').getAttribute('datetime');

        // The host's day of that booking, and its error state (a cancellation without a reason).
        await open(page, `/accueil/${murat}?date=${booked}${amp}`);
        assert.match(await page.locator('.checkin-code__value').innerText(), /^\d{6}$/);
        await assertNoViolations(page, `host's day${q}`);
        assert.equal(await submit(page, page.getByRole('button', { name: /Annuler la réservation|Cancel the booking/ }).first()), 400);
        assert.equal(await page.getByRole('alert').getByRole('link').count(), 1);
        await assertNoViolations(page, `host's day${q}, cancellation without a reason`);
        await page.screenshot({ path: join(RESULTS_DIR, `host-day-${lang}.png`), fullPage: true });
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.locator('.day-view form').first().isVisible(), false);  // forms are not printed
        assert.equal(await page.locator('.day-table').first().isVisible(), true);      // the tables are
        await page.emulateMedia({ media: 'screen' });

        // "Mes réservations" of someone with nothing yet.
        await signOut(page);
        await signUp(page, fresh(), q);
        await open(page, `/reservations${q}`);
        await assertNoViolations(page, `my bookings${q}, empty`);
      }));
  }

  it('the week grid at 375 px has no violation and the page does not scroll sideways', () =>
    withPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, async (page) => {
      await signIn(page, MURAT_HOST);
      await open(page, `/centres/${murat}/reservations`);
      await assertNoViolations(page, 'week grid at 375 px');
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `the grid's page scrolls sideways at 375 px (${scrollWidth} > ${clientWidth})`);
      await page.screenshot({ path: join(RESULTS_DIR, 'booking-week-375.png'), fullPage: true });
    }));
});
