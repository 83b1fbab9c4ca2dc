// The recovery, data-rights and audit pages in a real browser: a person's journey through "Mes données
// personnelles" to the download and the erasure of their account — with JavaScript switched off, as the pages
// promise to work without it — and a WCAG 2.1 AA audit with axe-core of every one of these pages, in French and
// English, in its ordinary state and in its error states. The reset mail itself is tested over SMTP in
// tests/http/recovery_pages_test.cpp; here the new-password form is reached with a token the server does not
// know, which is enough to draw the form and its errors.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describeViolations, launchBrowser, newContext, open, RESULTS_DIR, wcagViolations } from './support.js';

const PASSWORD = 'trois mots du Cantal';
const ADMIN = { email: 'admin@demo.telecentres.example', password: 'demo-conseil-cantal' };
const TELEWORKER = { email: 'teleworker@demo.telecentres.example', password: 'demo-teletravail-cantal' };
const UNKNOWN_TOKEN = 'A'.repeat(43);
let browser;
let serial = 0;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A fresh e-mail address for each account a test creates (the server's database lives as long as the run). */
const freshEmail = () => `e2e.recovery.${process.pid}.${Date.now()}.${++serial}@exemple.fr`;

/** A fresh context and page per test, closed afterwards whatever happens. */
async function withPage(options, body) {
  const context = await newContext(browser, options);
  try {
    return await body(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Clicks a submit button (or a link) and waits for the page it leads to; returns that page's HTTP status. */
async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  return response?.status();
}

async function assertNoViolations(page, label) {
  const violations = await wcagViolations(page);
  assert.equal(violations.length, 0, describeViolations(label, violations));
}

/** Creates an account through the sign-up form (in the page's language); the page ends on "Mon compte". */
async function signUp(page, q = '') {
  const email = freshEmail();
  await open(page, '/inscription' + q);
  await page.getByLabel(/Nom affiché|Display name/).fill('Léa Delmas');
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(PASSWORD);
  await page.getByLabel(/J'ai lu la politique|I have read the privacy notice/).check();
  assert.equal(await submit(page, page.getByRole('button', { name: /Créer mon compte|Create my account/ })), 200);
  assert.equal(new URL(page.url()).pathname, '/compte');
  return email;
}

/** Signs in through the form, from the page of `path` (which may redirect to it). */
async function signIn(page, { email, password }, path = '/connexion') {
  await open(page, path);
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  return submit(page, page.locator('main').getByRole('button', { name: /Se connecter|Sign in/ }));
}

/** Fills and sends the erasure form of "Mes données personnelles". */
async function erase(page, { password, confirm = true }) {
  await page.getByLabel(/^(Votre mot de passe|Your password)$/).fill(password);
  await page.getByLabel(/Je comprends que c'est définitif|I understand that this is final/).setChecked(confirm);
  return submit(page, page.getByRole('button', { name: /Effacer définitivement mon compte|Erase my account for good/ }));
}

describe('my data, without JavaScript', () => {
  it('finds the page from "Mon compte", downloads the data, refuses a wrong password, then erases for good', async () => {
    await withPage({ javaScriptEnabled: false, acceptDownloads: true }, async (page) => {
      const email = await signUp(page);
      await submit(page, page.getByRole('link', { name: /^Mes données personnelles/ }));
      assert.equal(new URL(page.url()).pathname, '/compte/donnees');
      assert.equal(await page.locator('h1').innerText(), 'Mes données personnelles');
      assert.match(await page.locator('main').innerText(), new RegExp(email.replace(/[.]/g, '\\.')));

      // The download: a JSON file with everything, through a plain link and the session cookie.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger toutes mes données (fichier JSON)' }).click(),
      ]);
      const data = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(data.account.email, email);
      assert.equal(data.profile.display_name, 'Léa Delmas');

      // A wrong password: nothing erased, the message beside the field and in the summary.
      assert.equal(await erase(page, { password: 'pas le bon mot de passe' }), 403);
      assert.match(await page.getByRole('alert').innerText(), /Mot de passe incorrect/);
      assert.equal(await page.getByLabel('Votre mot de passe').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByLabel('Votre mot de passe').inputValue(), '');

      // The box left unticked: said too.
      assert.equal(await erase(page, { password: PASSWORD, confirm: false }), 400);
      assert.match(await page.getByRole('alert').innerText(), /Cochez la case/);

      // The right password and the box: erased, signed out.
      assert.equal(await erase(page, { password: PASSWORD }), 200);
      assert.equal(await page.locator('h1').innerText(), 'Compte effacé');
      assert.match(await page.getByRole('status').innerText(), /Votre compte est effacé/);
      assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Mon compte' }).count(), 0);
      await page.screenshot({ path: join(RESULTS_DIR, 'data-erased.png'), fullPage: true });

      assert.equal(await signIn(page, { email, password: PASSWORD }), 401);
    });
  });

  it('reaches the forgotten-password form from the sign-in page', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, '/connexion');
      await submit(page, page.getByRole('link', { name: 'Mot de passe oublié ?' }));
      assert.equal(new URL(page.url()).pathname, '/mot-de-passe-oublie');
      await page.getByLabel('Adresse e-mail').fill('personne.inconnue@exemple.fr');
      assert.equal(await submit(page, page.getByRole('button', { name: 'Recevoir un lien' })), 200);
      assert.match(await page.getByRole('status').innerText(),
        /Si un compte utilise cette adresse, un lien vous a été envoyé\. Il est valable une heure\./);
    });
  });
});

describe('WCAG 2.1 AA, recovery, data and audit pages', () => {
  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';
    const and = lang === 'en' ? '&lang=en' : '';

    for (const [path, status] of [
      ['/mot-de-passe-oublie' + q, 200],
      ['/mot-de-passe-oublie?fait=envoye' + and, 200],
      [`/mot-de-passe/nouveau?jeton=${UNKNOWN_TOKEN}${and}`, 200],
      ['/mot-de-passe/nouveau' + q, 400],
      ['/mot-de-passe/modifie' + q, 200],
    ]) {
      it(`GET ${path} has no violation`, () =>
        withPage({}, async (page) => {
          await open(page, path, { status });
          await assertNoViolations(page, path);
        }));
    }

    it(`a forgotten-password form with an invalid address${q} has no violation`, () =>
      withPage({}, async (page) => {
        await open(page, '/mot-de-passe-oublie' + q);
        await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill('pas-une-adresse');
        assert.equal(await submit(page, page.getByRole('button', { name: /Recevoir un lien|Send me a link/ })), 400);
        assert.equal(await page.locator('#email').getAttribute('aria-invalid'), 'true');
        await assertNoViolations(page, `forgotten password with errors${q}`);
      }));

    it(`a new-password form with errors${q} has no violation`, () =>
      withPage({}, async (page) => {
        await open(page, `/mot-de-passe/nouveau?jeton=${UNKNOWN_TOKEN}${and}`);
        const send = () => submit(page, page.getByRole('button', { name: /Enregistrer le mot de passe|Save the password/ }));

        // No password: the field's own error.
        assert.equal(await send(), 400);
        assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
        await assertNoViolations(page, `new password, empty${q}`);

        // A token the server does not know: the summary says so and a new link is offered.
        await page.getByLabel(/^(Nouveau mot de passe|New password)$/).fill('un nouveau secret du Cantal');
        assert.equal(await send(), 400);
        assert.match(await page.getByRole('alert').innerText(), /invalide ou a expiré|invalid or has expired/);
        assert.equal(await page.getByRole('link', { name: /Demander un nouveau lien|Ask for a new link/ }).count(), 1);
        await assertNoViolations(page, `new password, unknown token${q}`);
        await page.screenshot({ path: join(RESULTS_DIR, `password-new-errors-${lang}.png`), fullPage: true });
      }));

    it(`/compte/donnees${q}, its errors and the erasure's confirmation have no violation`, () =>
      withPage({}, async (page) => {
        await signUp(page, q);
        await open(page, '/compte/donnees' + q);
        await assertNoViolations(page, `/compte/donnees${q}`);

        assert.equal(await erase(page, { password: '', confirm: false }), 400);
        assert.equal(await page.getByRole('alert').getByRole('link').count(), 2);
        await assertNoViolations(page, `/compte/donnees${q}, nothing given`);

        assert.equal(await erase(page, { password: 'pas le bon mot de passe' }), 403);
        await assertNoViolations(page, `/compte/donnees${q}, wrong password`);
        await page.screenshot({ path: join(RESULTS_DIR, `data-errors-${lang}.png`), fullPage: true });

        assert.equal(await erase(page, { password: PASSWORD }), 200);
        await assertNoViolations(page, `erasure confirmed${q}`);
      }));

    it(`/admin/journal${q}, with entries, and its 403 for a teleworker have no violation`, () =>
      withPage({}, async (page) => {
        // An erasure puts at least one entry in the log.
        await signUp(page);
        await open(page, '/compte/donnees');
        assert.equal(await erase(page, { password: PASSWORD }), 200);

        assert.equal(await signIn(page, ADMIN), 200);
        await open(page, '/admin/journal' + q);
        const table = page.getByRole('table');
        assert.match(await table.locator('caption').innerText(), /1/);
        assert.ok((await table.getByRole('row').count()) >= 2);
        await assertNoViolations(page, `/admin/journal${q}`);
        await page.screenshot({ path: join(RESULTS_DIR, `audit-${lang}.png`), fullPage: true });

        await withPage({}, async (other) => {
          assert.equal(await signIn(other, TELEWORKER), 200);
          await open(other, '/admin/journal' + q, { status: 403 });
          await assertNoViolations(other, `/admin/journal${q} as a teleworker`);
        });
      }));
  }

  for (const path of ['/mot-de-passe-oublie', '/compte/donnees', '/admin/journal']) {
    it(`${path} at 375 px has no violation and no horizontal scrolling`, () =>
      withPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, async (page) => {
        if (path === '/compte/donnees') await signUp(page);
        if (path === '/admin/journal') assert.equal(await signIn(page, ADMIN), 200);
        await open(page, path);
        await assertNoViolations(page, `${path} at 375 px`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `${path} scrolls sideways at 375 px (${scrollWidth} > ${clientWidth})`);
      }));
  }
});
