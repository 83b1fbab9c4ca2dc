// The application pages in a real browser: the journey of a person who signs up, applies to the Murat centre and
// signs out; the Murat host signs in, finds the application in the review list, accepts it and signs out; the
// applicant signs in again and sees "Acceptée" — with JavaScript switched off, as the pages promise to work
// without it. Then a WCAG 2.1 AA audit with axe-core of every application page, in French and English: the
// teleworker's list, the form to apply (and its errors), an application as its applicant and as its reviewer (and
// a refused decision), the review list with and without filters (and with wrong ones), the 403 and 404 pages.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';

import { describeViolations, launchBrowser, newContext, open, RESULTS_DIR, wcagViolations } from './support.js';

const PASSWORD = 'trois mots du Cantal';
const MURAT_HOST = { email: 'accueil.murat@demo.telecentres.example', password: 'demo-accueil-murat' };
const ADMIN = { email: 'admin@demo.telecentres.example', password: 'demo-conseil-cantal' };
let browser;
let serial = 0;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A fresh e-mail address and name for each account a test creates (the server's database lives as long as the run). */
const fresh = () => {
  const n = `${process.pid}.${Date.now()}.${++serial}`;
  return { email: `e2e.app.${n}@exemple.fr`, name: `Léa Delmas ${n}` };
};

/** A fresh context and page per test, closed afterwards whatever happens. */
async function withPage(options, body) {
  const context = await newContext(browser, options);
  try {
    return await body(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Clicks a submit button or a link and waits for the page it leads to; returns that page's HTTP status. */
async function submit(page, control) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), control.click()]);
  return response?.status();
}

async function assertNoViolations(page, label) {
  const violations = await wcagViolations(page);
  assert.equal(violations.length, 0, describeViolations(label, violations));
}

/** Signs up through /inscription (in the page's language); lands on the account page. */
async function signUp(page, { name, email }, q = '') {
  await open(page, '/inscription' + q);
  await page.getByLabel(/Nom affiché|Display name/).fill(name);
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(PASSWORD);
  await page.getByLabel(/J'ai lu la politique|I have read the privacy notice/).check();
  assert.equal(await submit(page, page.getByRole('button', { name: /Créer mon compte|Create my account/ })), 200);
}

/** Signs in through /connexion (in the page's language). */
async function signIn(page, email, password, q = '') {
  await open(page, '/connexion' + q);
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  assert.equal(await submit(page, page.locator('main').getByRole('button', { name: /Se connecter|Sign in/ })), 200);
}

async function signOut(page) {
  await submit(page, page.getByRole('navigation', { name: /Menu principal|Main menu/ }).getByRole('button', { name: /Se déconnecter|Sign out/ }));
  assert.equal(new URL(page.url()).pathname, '/');
}

/** Fills the form to apply (already open) and sends it; returns the HTTP status of the page it leads to. */
async function fillAndApply(page, { centre = 'Télécentre de Murat', days = /^2 (jours|days)$/, start = '2030-01-07', motivation, heardFrom = 'Presse locale' } = {}) {
  await page.getByLabel(/^(Télécentre|Telecentre)$/).selectOption({ label: centre });
  await page.getByRole('group', { name: /Nombre de jours par semaine|Number of days a week/ }).getByLabel(days).check();
  await page.getByLabel(/Date de début souhaitée|Desired start date/).fill(start);
  await page.getByLabel(/Votre motivation|Why you are applying/).fill(motivation);
  await page.getByLabel(/Comment avez-vous connu|How did you hear/).fill(heardFrom);
  return submit(page, page.getByRole('button', { name: /Envoyer ma candidature|Send my application/ }));
}

/** Signs up a new applicant in its own context and applies to Murat; returns the person and the application's path. */
async function newApplication(q = '') {
  const person = fresh();
  const path = await withPage({}, async (page) => {
    await signUp(page, person, q);
    await open(page, '/candidatures/nouvelle' + q);
    assert.equal(await fillAndApply(page, { motivation: 'Je travaille pour une entreprise lyonnaise.' }), 200);
    return new URL(page.url()).pathname;
  });
  assert.match(path, /^\/candidatures\/\d+$/);
  return { person, path };
}

describe('the application journey, without JavaScript', () => {
  it('signs up, applies to Murat; the host accepts; the applicant sees "Acceptée"', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      const person = fresh();
      await signUp(page, person);
      assert.equal(new URL(page.url()).pathname, '/compte');

      // From the header to "Mes candidatures", then to the form.
      const nav = page.getByRole('navigation', { name: 'Menu principal' });
      await submit(page, nav.getByRole('link', { name: 'Candidatures' }));
      assert.equal(await page.locator('h1').innerText(), 'Mes candidatures');
      await submit(page, page.locator('main').getByRole('link', { name: 'Déposer une candidature' }));
      assert.equal(new URL(page.url()).pathname, '/candidatures/nouvelle');

      const motivation = 'Salariée d\'une entreprise clermontoise, je cherche un bureau deux jours par semaine.';
      assert.equal(await fillAndApply(page, { motivation }), 200);
      const path = new URL(page.url()).pathname;
      assert.match(path, /^\/candidatures\/\d+$/);
      assert.match(await page.getByRole('status').innerText(), /Votre candidature est déposée/);
      assert.match(await page.locator('main').innerText(), /Déposée/);
      assert.match(await page.locator('main').innerText(), new RegExp(motivation.replace(/[.']/g, '.')));
      await page.screenshot({ path: join(RESULTS_DIR, 'application-submitted.png'), fullPage: true });
      await signOut(page);

      // The Murat host finds it in the review list and accepts it.
      await signIn(page, MURAT_HOST.email, MURAT_HOST.password);
      await submit(page, nav.getByRole('link', { name: 'Candidatures' }));
      assert.equal(await page.locator('h1').innerText(), 'Candidatures à examiner');
      await page.getByLabel('État').selectOption({ label: 'Déposée' });
      assert.equal(await submit(page, page.getByRole('button', { name: 'Filtrer' })), 200);
      const table = page.getByRole('table', { name: /Candidatures, de la plus récente/ });
      const row = table.getByRole('row').filter({ hasText: person.name });
      assert.equal(await row.count(), 1);
      await page.screenshot({ path: join(RESULTS_DIR, 'review-list.png'), fullPage: true });
      await submit(page, row.getByRole('link', { name: /Examiner/ }));
      assert.equal(new URL(page.url()).pathname, path);
      assert.match(await page.locator('main').innerText(), new RegExp(person.email.replace(/[.]/g, '\\.')));
      await page.getByRole('group', { name: 'Décision' }).getByLabel('Accepter la candidature').check();
      await page.getByLabel('Message au candidat (facultatif)').fill('Bienvenue ! Présentez-vous à l\'accueil lundi.');
      assert.equal(await submit(page, page.getByRole('button', { name: 'Enregistrer la décision' })), 200);
      assert.match(await page.getByRole('status').innerText(), /La décision est enregistrée/);
      await page.screenshot({ path: join(RESULTS_DIR, 'application-decided.png'), fullPage: true });
      await signOut(page);

      // The applicant sees the decision and the host's message.
      await signIn(page, person.email, PASSWORD);
      await submit(page, nav.getByRole('link', { name: 'Candidatures' }));
      const mine = page.getByRole('table', { name: /Vos candidatures/ }).getByRole('row').filter({ hasText: 'Télécentre de Murat' });
      assert.match(await mine.innerText(), /Acceptée/);
      await submit(page, mine.getByRole('link', { name: /Voir/ }));
      assert.equal(new URL(page.url()).pathname, path);
      const text = await page.locator('main').innerText();
      assert.match(text, /Acceptée/);
      assert.match(text, /Bienvenue ! Présentez-vous à l'accueil lundi\./);
      assert.equal(await page.locator('script').count(), 0);
    });
  });
});

describe('WCAG 2.1 AA, application pages', () => {
  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    const amp = lang === 'en' ? '&lang=en' : '';

    it(`the teleworker's pages${q} have no violation: list, form, errors, the application, a refused withdrawal`, () =>
      withPage({}, async (page) => {
        const person = fresh();
        await signUp(page, person, q);
        await open(page, '/candidatures' + q);
        await assertNoViolations(page, `/candidatures${q}, empty`);

        await open(page, '/candidatures/nouvelle' + q);
        await assertNoViolations(page, `/candidatures/nouvelle${q}`);
        // Sent empty: every field says what is wrong, and the summary links to each.
        assert.equal(await submit(page, page.getByRole('button', { name: /Envoyer ma candidature|Send my application/ })), 400);
        assert.equal(await page.getByRole('alert').getByRole('link').count(), 4);
        for (const id of ['centre_id', 'start_date', 'motivation']) {
          assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true', id);
          assert.ok((await page.locator(`#${id}`).getAttribute('aria-describedby')).split(' ').includes(`${id}-error`), id);
        }
        await assertNoViolations(page, `/candidatures/nouvelle${q} with errors`);
        await page.screenshot({ path: join(RESULTS_DIR, `apply-errors-${lang}.png`), fullPage: true });

        assert.equal(await fillAndApply(page, { motivation: '<b>Deux</b> jours & demi, <script>x</script>' }), 200);
        assert.match(await page.locator('main').innerText(), /<b>Deux<\/b> jours & demi, <script>x<\/script>/);
        await assertNoViolations(page, `an application, just sent${q}`);
        await open(page, '/candidatures' + q);
        await assertNoViolations(page, `/candidatures${q}, with an application`);

        // A withdrawal sent twice (from a second tab left open on the application): refused, on its page.
        await submit(page, page.getByRole('table').getByRole('link', { name: /Voir|View/ }));
        const stale = await page.context().newPage();
        await open(stale, new URL(page.url()).pathname + q);
        const withdraw = /Retirer ma candidature|Withdraw my application/;
        assert.equal(await submit(page, page.getByRole('button', { name: withdraw })), 200);
        assert.match(await page.getByRole('status').innerText(), /retirée|withdrawn/);
        await assertNoViolations(page, `a withdrawn application${q}`);
        assert.equal(await submit(stale, stale.getByRole('button', { name: withdraw })), 409);
        assert.match(await stale.getByRole('alert').innerText(), /.+/);
        await assertNoViolations(stale, `a refused withdrawal${q}`);
      }));

    it(`the reviewer's pages${q} have no violation: the review list, its filters, an application, a refused decision`, async () => {
      const { person, path } = await newApplication(q);
      await withPage({}, async (page) => {
        await signIn(page, MURAT_HOST.email, MURAT_HOST.password, q);
        await open(page, '/candidatures' + q);
        await assertNoViolations(page, `review list${q}`);
        await open(page, `/candidatures?state=submitted&from=2020-01-01&to=2035-12-31${amp}`);
        assert.equal(await page.getByRole('table').getByRole('row').filter({ hasText: person.name }).count(), 1);
        await assertNoViolations(page, `review list with filters${q}`);
        await open(page, `/candidatures?state=nope&from=2026-13-01${amp}`, { status: 400 });
        assert.equal(await page.getByRole('alert').getByRole('link').count(), 2);
        await assertNoViolations(page, `review list with wrong filters${q}`);

        await open(page, path + q);
        await assertNoViolations(page, `an application, as its reviewer${q}`);
        // Sent without a decision: the group says so.
        assert.equal(await submit(page, page.getByRole('button', { name: /Enregistrer la décision|Record the decision/ })), 400);
        assert.equal(await page.locator('#decision').getAttribute('type'), 'radio');
        assert.match(await page.getByRole('alert').innerText(), /décisions proposées|decisions offered/);
        await assertNoViolations(page, `a decision with errors${q}`);

        // Not a teleworker: the form to apply is refused.
        await open(page, '/candidatures/nouvelle' + q, { status: 403 });
        await assertNoViolations(page, `/candidatures/nouvelle${q} refused to a host`);
      });
      await withPage({}, async (page) => {
        await signIn(page, 'accueil.saint-flour@demo.telecentres.example', 'demo-accueil-saint-flour', q);
        await open(page, path + q, { status: 404 });
        await assertNoViolations(page, `another centre's application${q}`);
      });
    });

    it(`the network-wide review list${q} has no violation`, () =>
      withPage({}, async (page) => {
        await signIn(page, ADMIN.email, ADMIN.password, q);
        await open(page, '/candidatures' + q);
        await assertNoViolations(page, `admin review list${q}`);
      }));
  }

  const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  for (const [who, path] of [['host', '/candidatures'], ['teleworker', '/candidatures/nouvelle']]) {
    it(`${path} at 375 px, as a ${who}, has no violation and no horizontal scrolling of the page`, () =>
      withPage(phone, async (page) => {
        if (who === 'host') await signIn(page, MURAT_HOST.email, MURAT_HOST.password);
        else await signUp(page, fresh());
        await open(page, path);
        await assertNoViolations(page, `${path} at 375 px`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `${path} scrolls sideways at 375 px (${scrollWidth} > ${clientWidth})`);
        await page.screenshot({ path: join(RESULTS_DIR, `${who}-${path.replace(/\//g, '_')}-375.png`), fullPage: true });
      }));
  }
});
