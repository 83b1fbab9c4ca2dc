// The centre administration pages in a real browser: the admin signs in, reaches the administration from the
// header, opens Murat's edit page, saves a section and opens its conformity page, in French then in English, with
// JavaScript switched off as the pages promise to work without it. Then a WCAG 2.1 AA audit with axe-core (which
// needs JavaScript) of the list, Murat's edit and conformity pages, the network's conformity and the creation
// form (blank, then refused with its errors) for the admin, of the Murat host's pages, in French and English, and
// of the list and the edit page at 375 px.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';

import { DEMO, RESULTS_DIR, assertNoViolations, launchBrowser, newContext, open, signIn, submit, url, withPageOf } from './support.js';

const ADMIN = DEMO.admin;
const MURAT_HOST = DEMO.muratHost;
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


/** Opens `path` and audits it; `status` as support.open takes it. */
async function audit(page, path, label, status = 200) {
  await open(page, path, { status });
  await assertNoViolations(page, label ?? path);
}

describe('centre administration, signed in as the admin, without JavaScript', () => {
  it('reaches the list from the header, then Murat’s edit and conformity pages, in French and English', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      await signIn(page, ADMIN);
      const nav = page.getByRole('navigation', { name: 'Menu principal' });
      assert.equal(await submit(page, nav.getByRole('link', { name: 'Administration' })), 200);
      assert.equal(new URL(page.url()).pathname, '/admin/centres');
      await page.getByRole('heading', { level: 1, name: 'Administration des télécentres' }).waitFor();
      const table = page.getByRole('table');
      assert.match(await table.locator('caption').innerText(), /télécentres, par ordre alphabétique/);
      assert.ok(await page.getByRole('rowheader', { name: 'Télécentre de Murat' }).isVisible());
      assert.ok(await page.getByRole('link', { name: 'Créer un télécentre' }).isVisible());

      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Télécentre de Murat' }) });
      assert.equal(await submit(page, row.getByRole('link', { name: /^Modifier/ })), 200);
      assert.equal(new URL(page.url()).pathname, `/admin/centres/${murat}`);
      await page.getByRole('heading', { level: 1, name: 'Télécentre : Télécentre de Murat' }).waitFor();
      assert.equal(await page.getByLabel('Nom du télécentre').inputValue(), 'Télécentre de Murat');
      assert.equal(await page.getByLabel('Lundi matin, Ouverture').inputValue(), '08:30');

      // Saving a section without JavaScript: the page confirms it.
      await page.getByLabel('Adresse', { exact: true }).fill('2 place de l’Hôtel de Ville, 15300 Murat');
      assert.equal(await submit(page, page.getByRole('button', { name: /^Enregistrer l['’]identité$/ })), 200);
      assert.match(await page.getByRole('status').innerText(), /L['’]identité du télécentre a été enregistrée/);

      assert.equal(await submit(page, page.getByRole('link', { name: 'Conformité des locaux' }).first()), 200);
      assert.equal(new URL(page.url()).pathname, `/admin/centres/${murat}/conformite`);
      const criteria = page.getByRole('table');
      assert.equal(await criteria.locator('tbody tr').count(), 7);
      assert.match(await criteria.innerText(), /Rempli/);

      // The language switch keeps the page.
      assert.equal(await submit(page, page.getByRole('link', { name: 'English' })), 200);
      await page.getByRole('heading', { level: 1, name: 'Premises conformity: Télécentre de Murat' }).waitFor();
      assert.match(await page.getByRole('table').innerText(), /Met/);
    }));
});

describe('centre administration, WCAG 2.1 AA (axe-core)', () => {
  for (const q of ['', '?lang=en']) {
    it(`the admin's pages${q} have no violation`, () =>
      withPage({}, async (page) => {
        await signIn(page, ADMIN);
        await audit(page, `/admin/centres${q}`);
        await audit(page, `/admin/centres/${murat}${q}`);
        await page.screenshot({ path: join(RESULTS_DIR, `admin-centre-edit${q ? '-en' : ''}.png`), fullPage: true });
        await audit(page, `/admin/centres/${murat}/conformite${q}`);
        await audit(page, `/admin/conformite${q}`);
        await audit(page, `/admin/centres/nouveau${q}`);
        // Refused: no name, no commune, no office; the summary links to the fields.
        assert.equal(await submit(page, page.getByRole('button', { name: /Créer le télécentre|Create the telecentre/ })), 400);
        assert.match(await page.getByRole('alert').innerText(), /Saisissez le nom du télécentre|Enter the name of the telecentre/);
        assert.equal(await page.getByLabel(/^(Nom du télécentre|Name of the telecentre)$/).getAttribute('aria-invalid'), 'true');
        await assertNoViolations(page, `POST /admin/centres/nouveau${q} (refused)`);
      }));

    it(`the Murat host's pages${q} offer services, hours and closures only, with no violation`, () =>
      withPage({}, async (page) => {
        await signIn(page, MURAT_HOST);
        await audit(page, `/admin/centres${q}`);
        await audit(page, `/admin/centres/${murat}${q}`);
        assert.equal(await page.getByLabel(/^(Nom du télécentre|Name of the telecentre)$/).count(), 0);
        assert.ok(await page.getByRole('button', { name: /Enregistrer les horaires|Save the opening hours/ }).isVisible());
        await audit(page, `/admin/centres/${murat}/conformite${q}`);
      }));
  }

  it('the list and the edit page at 375 px have no violation', () =>
    withPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, async (page) => {
      await signIn(page, ADMIN);
      await audit(page, '/admin/centres', '/admin/centres (375 px)');
      await audit(page, `/admin/centres/${murat}`, `/admin/centres/${murat} (375 px)`);
      await page.screenshot({ path: join(RESULTS_DIR, 'admin-centres-phone.png'), fullPage: true });
    }));
});
