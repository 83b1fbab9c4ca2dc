// The account pages in a real browser: the journey of a person who creates an account, lands on "Mon compte",
// fills in their profile, signs out and signs in again — with JavaScript switched off, as the pages promise to
// work without it — and a WCAG 2.1 AA audit with axe-core of every account page, in French and English, in its
// ordinary state and in its error states (a failed sign-in, a sign-up and a profile with errors).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';

import { describeViolations, launchBrowser, newContext, open, RESULTS_DIR, wcagViolations } from './support.js';

const PASSWORD = 'trois mots du Cantal';
let browser;
let serial = 0;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A fresh e-mail address for each account a test creates (the server's database lives as long as the run). */
const freshEmail = () => `e2e.${process.pid}.${Date.now()}.${++serial}@exemple.fr`;

/** A fresh context and page per test, closed afterwards whatever happens. */
async function withPage(options, body) {
  const context = await newContext(browser, options);
  try {
    return await body(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Clicks a submit button and waits for the page the form leads to; returns that page's HTTP status. */
async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  return response?.status();
}

async function assertNoViolations(page, label) {
  const violations = await wcagViolations(page);
  assert.equal(violations.length, 0, describeViolations(label, violations));
}

/** Fills and sends the sign-up form of the current page. */
async function signUp(page, { name = 'Léa Delmas', email = freshEmail(), password = PASSWORD, consent = true } = {}) {
  await page.getByLabel(/Nom affiché|Display name/).fill(name);
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  if (consent) await page.getByLabel(/J'ai lu la politique|I have read the privacy notice/).check();
  const status = await submit(page, page.getByRole('button', { name: /Créer mon compte|Create my account/ }));
  return { email, status };
}

/** Fills and sends the sign-in form of the current page. */
async function signIn(page, email, password) {
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  return submit(page, page.locator('main').getByRole('button', { name: /Se connecter|Sign in/ }));
}

describe('account journey, without JavaScript', () => {
  it('signs up, lands on "Mon compte", edits the profile, signs out and signs in again', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, '/');
      await submit(page, page.getByRole('link', { name: 'Créer un compte' }));
      assert.equal(new URL(page.url()).pathname, '/inscription');

      const { email, status } = await signUp(page);
      assert.equal(status, 200, 'sign-up should redirect to the account page');
      assert.equal(new URL(page.url()).pathname, '/compte');
      assert.equal(await page.locator('h1').innerText(), 'Mon compte');
      assert.match(await page.locator('main').innerText(), new RegExp(email.replace(/[.]/g, '\\.')));

      // The profile: a commune by name, a situation, needs, and the RQTH question answered "no".
      await page.getByLabel('Commune de résidence (facultatif)').fill('murat');
      await page.getByLabel('Travailleur indépendant éloigné de ses clients').check();
      await page.getByLabel('Une imprimante').check();
      await page.getByRole('group', { name: /RQTH/ }).getByLabel('Non', { exact: true }).check();
      assert.equal(await submit(page, page.getByRole('button', { name: 'Enregistrer mon profil' })), 200);
      assert.match(await page.getByRole('status').innerText(), /Votre profil est enregistré/);
      assert.equal(await page.getByLabel('Commune de résidence (facultatif)').inputValue(), 'Murat');
      assert.ok(await page.getByLabel('Travailleur indépendant éloigné de ses clients').isChecked());
      assert.ok(await page.getByLabel('Une imprimante').isChecked());
      await page.screenshot({ path: join(RESULTS_DIR, 'account.png'), fullPage: true });

      // Signing out from the header's button.
      await submit(page, page.getByRole('navigation').getByRole('button', { name: 'Se déconnecter' }));
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Mon compte' }).count(), 0);

      // And back in.
      await submit(page, page.getByRole('navigation').getByRole('link', { name: 'Se connecter' }));
      assert.equal(await signIn(page, email, PASSWORD), 200);
      assert.equal(new URL(page.url()).pathname, '/compte');
      assert.equal(await page.getByLabel('Commune de résidence (facultatif)').inputValue(), 'Murat');
    });
  });

  it('signing in from a page of the account comes back to it, and a wrong password says so', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      let email;
      await withPage({ javaScriptEnabled: false }, async (setup) => {
        await open(setup, '/inscription');
        ({ email } = await signUp(setup));
      });
      await open(page, '/compte', { status: 200 }); // redirected to the sign-in form
      assert.equal(new URL(page.url()).pathname, '/connexion');
      assert.equal(await signIn(page, email, 'pas le bon mot de passe'), 401);
      assert.match(await page.getByRole('alert').innerText(), /E-mail ou mot de passe incorrect/);
      assert.equal(await page.getByLabel('Adresse e-mail').inputValue(), email);
      assert.equal(await page.getByLabel('Mot de passe').inputValue(), '');
      assert.equal(await signIn(page, email, PASSWORD), 200);
      assert.equal(new URL(page.url()).pathname, '/compte');
    });
  });
});

describe('WCAG 2.1 AA, account pages', () => {
  for (const lang of ['fr', 'en']) {
    const q = lang === 'en' ? '?lang=en' : '';

    for (const path of ['/connexion', '/inscription', '/confidentialite']) {
      it(`GET ${path}${q} has no violation`, () =>
        withPage({}, async (page) => {
          await open(page, path + q);
          await assertNoViolations(page, path + q);
        }));
    }

    it(`/compte${q}, signed in, with a token just created, has no violation`, () =>
      withPage({}, async (page) => {
        await open(page, '/inscription' + q);
        const { status } = await signUp(page);
        assert.equal(status, 200);
        assert.equal(new URL(page.url()).pathname, '/compte');
        await assertNoViolations(page, `/compte${q}`);

        await page.getByLabel(/Nom du jeton|Token name/).fill('Tableur de suivi');
        assert.equal(await submit(page, page.getByRole('button', { name: /Créer le jeton|Create the token/ })), 200);
        assert.equal((await page.locator('#new-token').inputValue()).length, 43);
        await assertNoViolations(page, `/compte${q} with a new token`);
      }));

    it(`a failed sign-in${q} has no violation`, () =>
      withPage({}, async (page) => {
        await open(page, '/connexion' + q);
        assert.equal(await signIn(page, 'personne@exemple.fr', 'pas le bon mot de passe'), 401);
        await assertNoViolations(page, `failed sign-in${q}`);
      }));

    it(`a sign-up with errors${q} has no violation, and its summary links to the fields`, () =>
      withPage({}, async (page) => {
        await open(page, '/inscription' + q);
        const { status } = await signUp(page, { name: '', email: 'pas-une-adresse', password: 'court', consent: false });
        assert.equal(status, 400);
        const summary = page.getByRole('alert');
        assert.equal(await summary.getByRole('link').count(), 4);
        for (const id of ['display_name', 'email', 'password', 'consent']) {
          assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true', id);
          const describedBy = await page.locator(`#${id}`).getAttribute('aria-describedby');
          assert.ok(describedBy.split(' ').includes(`${id}-error`), `${id}: ${describedBy}`);
        }
        // Following a link of the summary moves to its field.
        await summary.getByRole('link').nth(1).click();
        assert.equal(new URL(page.url()).hash, '#email');
        await assertNoViolations(page, `sign-up with errors${q}`);
        await page.screenshot({ path: join(RESULTS_DIR, `signup-errors-${lang}.png`), fullPage: true });
      }));

    it(`a profile with errors${q} has no violation`, () =>
      withPage({}, async (page) => {
        await open(page, '/inscription' + q);
        await signUp(page);
        await page.getByLabel(/Commune de résidence|Home commune/).fill('15300');
        await page.getByLabel(/Nom affiché|Display name/).fill('');
        assert.equal(await submit(page, page.getByRole('button', { name: /Enregistrer mon profil|Save my profile/ })), 400);
        assert.equal(await page.getByRole('alert').getByRole('link').count(), 2);
        await assertNoViolations(page, `profile with errors${q}`);
      }));
  }

  for (const path of ['/inscription', '/compte']) {
    it(`${path} at 375 px has no violation and no horizontal scrolling`, () =>
      withPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, async (page) => {
        if (path === '/compte') {
          await open(page, '/inscription');
          await signUp(page);
        } else {
          await open(page, path);
        }
        await assertNoViolations(page, `${path} at 375 px`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `${path} scrolls sideways at 375 px (${scrollWidth} > ${clientWidth})`);
      }));
  }
});
