import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { createUser, setMembership } from '../../src/store/user.repository.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { ownerOf, signInLink } from './support/sign-in.js';
import { WEB_DIST, ensureWebBuild } from './support/web-build.js';

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;
let therapists: string[];

/** A fresh browser context (its own cookie jar) with one page. */
async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
  return page;
}

async function signInWithPassword(
  page: Page,
  login: string,
  password: string,
  until = '.session-menu',
) {
  await page.goto(`${server.url}/`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector(until);
}

const mainText = (page: Page) =>
  page.evaluate(() => document.querySelector('main')?.innerText ?? '');

describe('signing in to the dashboard', () => {
  before(async () => {
    ensureWebBuild();
    data = await demoStore('sample');
    server = await startServer({ store: data.store, port: 0, webRoot: WEB_DIST });
    browser = await launchBrowser();
    therapists = (
      await data.store.db
        .selectFrom('therapists')
        .select('therapist_id')
        .orderBy('therapist_id')
        .execute()
    ).map((t) => t.therapist_id);
    assert.ok(therapists.length >= 2);
    const clinician = await createUser(data.store.db, {
      login: 'clin',
      display_name: 'Clin',
      password: 'clinician password',
    });
    await setMembership(data.store.db, clinician.user_id, {
      practice_id: 'default',
      role: 'clinician',
      therapist_id: therapists[0]!,
    });
    await createUser(data.store.db, {
      login: 'nobody',
      display_name: 'N',
      password: 'nobody password',
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await data?.dispose();
  });

  test('the built page has no inline script, and its policy forbids any', async () => {
    const res = await fetch(`${server.url}/`);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.match(tag, /\ssrc="\/assets\//, tag);
    assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/, 'no inline script body');
    assert.doesNotMatch(html, /\son[a-z]+="/, 'no inline event handler');
  });

  test('without a session the dashboard shows the sign-in page, not figures', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/`);
    await page.waitForSelector('form[aria-label="Sign in"]');
    assert.equal(await page.locator('.kpi-card').count(), 0);
    await page.getByLabel('Login').fill('clin');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.sign-in-error');
    assert.match((await page.textContent('.sign-in-error')) ?? '', /wrong login or password/);
    await page.context().close();
  });

  test('the one-time link signs in once and shows the overview', async () => {
    const link = await signInLink(data.store, server.url, await ownerOf(data.store));
    const page = await freshPage();
    await page.goto(link);
    await page.waitForSelector('.kpi-card');
    assert.match((await page.textContent('.session-menu')) ?? '', /Owner · owner/);
    assert.doesNotMatch(page.url(), /code=/, 'the used code leaves the address');
    const again = await freshPage();
    await again.goto(link);
    await again.waitForSelector('form[aria-label="Sign in"]');
    assert.match(await mainText(again), /unknown, used already or expired/);
    await page.context().close();
    await again.context().close();
  });

  test("a clinician opens their own page and is not allowed on another therapist's", async () => {
    const page = await freshPage();
    await signInWithPassword(page, 'clin', 'clinician password');
    await page.waitForSelector('.kpi-card');
    await page.goto(`${server.url}/#/therapist/${encodeURIComponent(therapists[0]!)}`);
    await page.waitForFunction(
      () =>
        !document.querySelector('.state-loading') && document.querySelector('main h1, main .state'),
    );
    assert.doesNotMatch(await mainText(page), /Not allowed/);
    await page.goto(`${server.url}/#/therapist/${encodeURIComponent(therapists[1]!)}`);
    await page.waitForSelector('text=Not allowed');
    assert.match(await mainText(page), /does not allow this view/);
    // The owners' pages are not offered, and not shown when typed in.
    assert.equal(await page.locator('nav a[href^="#/users"]').count(), 0);
    await page.goto(`${server.url}/#/users`);
    await page.waitForSelector('text=Not allowed');
    await page.context().close();
  });

  test('signing out ends the session', async () => {
    const page = await freshPage();
    await signInWithPassword(page, 'clin', 'clinician password');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('form[aria-label="Sign in"]');
    await page.reload();
    await page.waitForSelector('form[aria-label="Sign in"]');
    const status = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(status, 401);
    await page.context().close();
  });

  test('the owner sees users and the audit log; a user without a role sees no figures', async () => {
    const page = await freshPage();
    await page.goto(await signInLink(data.store, server.url, await ownerOf(data.store)));
    await page.waitForSelector('nav a[href^="#/users"]');
    await page.goto(`${server.url}/#/users`);
    await page.waitForSelector('text=clin');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    await page.waitForSelector('text=/\\?invite=inv_/');
    await page.goto(`${server.url}/#/audit`);
    await page.waitForSelector('text=invite create');
    assert.match(await mainText(page), /sign in/);
    await page.context().close();

    const stranger = await freshPage();
    await signInWithPassword(stranger, 'nobody', 'nobody password', 'text=Not allowed');
    assert.equal(await stranger.locator('.kpi-card').count(), 0);
    await stranger.context().close();
  });
});
