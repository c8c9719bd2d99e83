import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import type { DataRange, KpiDocument } from '../src/api/api-types.js';
import { defaultPeriod, previousPeriod, quarterPeriod, toIso } from '../src/lib/period.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { ownerHeaders, signInOwner } from './support/sign-in.js';
import { REPO, WEB_DIST, ensureWebBuild } from './support/web-build.js';

const SHOTS = process.env.RAPPORT_SHOTS ?? join(REPO, 'test-artifacts', 'screenshots');

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: await ownerHeaders(data.store) });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as T;
};

describe('the records behind a figure, and downloads', () => {
  before(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    data = await demoStore('small');
    server = await startServer({ store: data.store, port: 0, webRoot: WEB_DIST });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await data?.dispose();
  });

  test('an owner opens the records of a KPI, pages once and downloads them', async () => {
    const range = await api<DataRange>('/api/v1/data-range');
    const q = previousPeriod(quarterPeriod(defaultPeriod(range.last, toIso(Date.now())).from));
    const doc = await api<KpiDocument>(
      `/api/v1/kpis?from=${q.from}&to=${q.to}&ids=session_completion_rate`,
    );
    const numerator = doc.kpis.session_completion_rate!.numerator!;
    assert.ok(numerator > 25, `a quarter of the demo has more than a page (${numerator})`);

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
    await signInOwner(page, server.url, data.store);
    await page.goto(`${server.url}/#/kpi/session_completion_rate?period=quarter&from=${q.from}`);
    await page.waitForSelector('main h1');
    await page.getByRole('button', { name: 'Show the records' }).click();
    const total = page.getByTestId('records-total');
    await total.waitFor();
    assert.equal(Number(await total.getAttribute('data-total')), numerator);
    const firstIds = await page.$$eval('.records-table tbody tr td:first-child', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.equal(firstIds.length, 25);
    await page.locator('.pager').getByRole('button', { name: 'Next page' }).click();
    await page.waitForFunction(
      (first) => document.querySelector('.records-table tbody tr td')?.textContent !== first,
      firstIds[0],
    );
    const secondIds = await page.$$eval('.records-table tbody tr td:first-child', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.ok(secondIds.length > 0);
    assert.ok(
      secondIds.every((id) => !firstIds.includes(id)),
      'the second page is new records',
    );
    assert.match(await total.innerText(), /records 26–/);
    await page.screenshot({ path: join(SHOTS, 'kpi-records.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these records (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + numerator, 'a header and one line per record');
    assert.match(lines[0]!, /^appointment_id,client_id,therapist_id,service,status/);
    assert.ok(lines.slice(1).every((l) => l.includes(',completed,')));
    assert.ok(lines.some((l) => l.startsWith(`${firstIds[0]},`)));

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Whole report (JSON)' }).click(),
    ]);
    const json = JSON.parse(readFileSync((await report.path())!, 'utf8')) as KpiDocument;
    assert.equal(json.kpis.session_completion_rate?.numerator, numerator);
    await page.close();
  });

  test('usage and load list their users and therapist-days, as many as the figure counts', async () => {
    const range = await api<DataRange>('/api/v1/data-range');
    const q = previousPeriod(quarterPeriod(defaultPeriod(range.last, toIso(Date.now())).from));
    for (const [id, of] of [
      ['platform_usage_rate', 'users'],
      ['therapist_load', 'therapist-days'],
    ] as const) {
      const doc = await api<KpiDocument>(`/api/v1/kpis?from=${q.from}&to=${q.to}&ids=${id}`);
      const numerator = doc.kpis[id]!.numerator!;
      // A page each: the detail page keeps its records open across a change of the address.
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      page.on('pageerror', (e) => assert.fail(`page error: ${e.message}`));
      await signInOwner(page, server.url, data.store);
      await page.goto(`${server.url}/#/kpi/${id}?period=quarter&from=${q.from}`);
      await page.waitForSelector('main h1');
      await page.getByRole('button', { name: 'Show the records' }).click();
      const total = page.getByTestId('records-total');
      await total.waitFor();
      assert.equal(Number(await total.getAttribute('data-total')), numerator, id);
      assert.match(await total.innerText(), new RegExp(` ${of} · records`));
      await page.close();
    }
  });
});
