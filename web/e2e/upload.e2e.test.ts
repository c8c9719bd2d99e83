import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { memberOf, signInOwner, signInUser } from './support/sign-in.js';
import { REPO, WEB_DIST, ensureWebBuild } from './support/web-build.js';

const SHOTS = process.env.RAPPORT_SHOTS ?? join(REPO, 'test-artifacts', 'screenshots');

// Two new clients, the second with a month 13 on line 3.
const CLIENTS = [
  'client_id,created_at,acquisition_channel,discharged_at',
  'c-upload-1,2026-03-02T09:00:00Z,referral,',
  'c-upload-2,2026-13-02T09:00:00Z,referral,',
  '',
].join('\n');

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;

describe('uploading on the Data page', () => {
  before(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    data = await demoStore('sample');
    process.env.RAPPORT_REPORT_DIR = data.dir;
    server = await startServer({ store: data.store, port: 0, webRoot: WEB_DIST });
    browser = await launchBrowser();
  });

  after(async () => {
    delete process.env.RAPPORT_REPORT_DIR;
    await browser?.close();
    await server?.close();
    await data?.dispose();
  });

  test('a canonical folder with a broken row: counts and reason on screen, valid row stored', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signInOwner(page, server.url, data.store);
    await page.goto(`${server.url}/#/data`);
    await page.waitForSelector('.upload-panel');
    await page.setInputFiles('[data-testid=upload-files]', [
      { name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(CLIENTS) },
    ]);
    assert.match(
      (await page.textContent('[data-testid=upload-chosen]')) ?? '',
      /1 file: clients\.csv/,
    );
    await page.click('.upload-panel button[type=submit]');
    await page.waitForSelector('.upload-result', { timeout: 60_000 });
    assert.equal(await page.getAttribute('.upload-result', 'data-status'), 'partial');
    const row = await page.$$eval('.upload-files tr[data-file="clients.csv"] td', (tds) =>
      tds.map((td) => td.textContent),
    );
    // new, updated, unchanged, rejected, warnings
    assert.deepEqual(row, ['1', '0', '0', '1', '0']);
    const issue = (await page.textContent('.upload-issues tbody tr')) ?? '';
    assert.match(issue, /clients\.csv:3:created_at/);
    assert.match(issue, /2026-13-02/);
    // The full report downloads as CSV with the same row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.upload-result a[download]'),
    ]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    assert.match(readFileSync(path, 'utf8'), /error,clients\.csv,3,created_at,/);
    // The list of imports shows it, and the store holds the valid row only.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('table.imports tbody tr')).some((tr) =>
        /browser-upload/.test(tr.textContent ?? ''),
      ),
    );
    const stored = await data.store.db
      .selectFrom('clients')
      .select('client_id')
      .where('client_id', 'like', 'c-upload-%')
      .execute();
    assert.deepEqual(
      stored.map((r) => r.client_id),
      ['c-upload-1'],
    );
    await page.screenshot({ path: join(SHOTS, 'data-upload.png'), fullPage: true });
    await page.close();
  });

  test('the monthly report downloads as a PDF from the Data page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInOwner(page, server.url, data.store);
    await page.goto(`${server.url}/#/data`);
    await page.waitForSelector('.report-download a');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('.report-download a'),
    ]);
    assert.match(download.suggestedFilename(), /^rapport-default-\d{4}-\d{2}\.pdf$/);
    const { readFileSync } = await import('node:fs');
    assert.equal(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    await page.close();
  });

  test('an owner ticks who receives the monthly report by e-mail, and it is stored', async () => {
    await memberOf(data.store, 'cleo@example.org', 'clinician', 't-0001');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signInOwner(page, server.url, data.store);
    await page.goto(`${server.url}/#/data`);
    const box = '[aria-label="E-mail the report to cleo@example.org"]';
    await page.waitForSelector(box);
    const row = page.locator('.report-subscribers tr', { has: page.locator(box) });
    assert.match((await row.textContent()) ?? '', /their own report \(therapist t-0001\)/);
    await page.check(box);
    await page.selectOption('[aria-label="Paper for cleo@example.org"]', 'letter');
    await page.click('.report-subscribers button');
    await page.waitForSelector('.report-subscribers [role=status]');
    assert.match(
      (await page.textContent('.report-subscribers [role=status]')) ?? '',
      /1 person receives/,
    );
    const stored = await data.store.db
      .selectFrom('report_subscriptions')
      .select(['therapist_id', 'paper'])
      .execute();
    assert.deepEqual(stored, [{ therapist_id: 't-0001', paper: 'letter' }]);
    await page.close();
  });

  test('a viewer sees no upload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const id = await memberOf(data.store, 'viewer-upload', 'viewer');
    await signInUser(page, server.url, data.store, id);
    await page.goto(`${server.url}/#/data`);
    await page.waitForSelector('main h1');
    assert.equal(await page.$('.upload-panel'), null);
    await page.close();
  });
});
