import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { recordImport } from '../../src/store/import-log.js';
import type { DataRange, KpiDocument, KpiResult } from '../src/api/api-types.js';
import { defaultPeriod, previousPeriod, quarterPeriod, toIso } from '../src/lib/period.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { ownerHeaders, signInOwner } from './support/sign-in.js';
import { REPO, WEB_DIST, ensureWebBuild } from './support/web-build.js';

/** Where the pages are kept to be looked at (RAPPORT_SHOTS overrides). */
const SHOTS = process.env.RAPPORT_SHOTS ?? join(REPO, 'test-artifacts', 'screenshots');

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: await ownerHeaders(data.store) });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as T;
};

async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (e) => assert.fail(`page error on ${path}: ${e.message}`));
  await signInOwner(page, server.url, data.store);
  await page.goto(`${server.url}/${path}`);
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, {
    timeout: 30_000,
  });
  return page;
}

const shoot = async (page: Page, name: string) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

/** The quarter before the one of the default month: whole, inside the demo's data. */
async function fullQuarter() {
  const range = await api<DataRange>('/api/v1/data-range');
  const month = defaultPeriod(range.last, toIso(Date.now()));
  return previousPeriod(quarterPeriod(month.from));
}

describe('bands by period length, and sources never loaded', () => {
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

  test('screenshots of the demo practice: overview, client retention detail, care page', async () => {
    for (const [name, path] of [
      ['overview', ''],
      ['kpi-detail-client-retention', '#/kpi/client_retention_rate'],
      ['care', '#/care'],
    ] as const) {
      const page = await openPage(path);
      if (name === 'overview') {
        await page.waitForSelector('.kpi-card');
        const pairs = await page.textContent('[data-testid=pairs-line]');
        assert.match(pairs ?? '', /cohort retention/i);
        assert.match(pairs ?? '', /days over a therapist's own daily limit, of days worked/);
      }
      if (name === 'kpi-detail-client-retention') {
        const facts = await page.$$eval('.summary .facts dt', (ds) => ds.map((d) => d.textContent));
        assert.ok(facts.includes('Active at start'), facts.join(', '));
        const text = await page.evaluate(() => document.body.innerText);
        assert.doesNotMatch(text, /Numerator|Denominator/);
      }
      await shoot(page, name);
      await page.close();
    }
  });

  test('a quarter shows retention without a monthly band, with the note', async () => {
    const q = await fullQuarter();
    const doc = await api<KpiDocument>(
      `/api/v1/kpis?from=${q.from}&to=${q.to}&profile=online_platform`,
    );
    const r = doc.kpis.client_retention_rate!;
    assert.equal(r.status, 'ok', r.reason);
    assert.deepEqual([r.band, r.bandNote], [null, 'benchmark stated per month']);
    const page = await openPage(`#/?period=quarter&from=${q.from}&profile=online_platform`);
    await page.waitForSelector('.kpi-card[data-kpi=client_retention_rate]');
    const card = page.locator('.kpi-card[data-kpi=client_retention_rate]');
    assert.equal(await card.locator('[data-band]').count(), 0, 'no band colour on the card');
    assert.equal(
      await card.locator('[data-band-note]').textContent(),
      'No band: benchmark stated per month',
    );
    assert.equal(await card.getAttribute('style'), null, 'no band colour on the card edge');
    // an event rate keeps its band over a quarter
    const completion = doc.kpis.session_completion_rate!;
    if (completion.band) {
      const c = page.locator('.kpi-card[data-kpi=session_completion_rate] [data-band]');
      assert.equal(await c.getAttribute('data-band'), completion.band);
    }
    await shoot(page, 'overview-quarter-online-platform');
    await page.close();

    const detail = await openPage(
      `#/kpi/client_retention_rate?period=quarter&from=${q.from}&profile=online_platform`,
    );
    assert.match(
      (await detail.textContent('[data-testid=band-note]')) ?? '',
      /benchmark stated per month/,
    );
    await detail.close();
  });

  test('with no activity events loaded, platform usage is "no data loaded" with no band', async () => {
    // The store loses every activity event (as after a FHIR import, which has none); the write
    // is logged like every write path, so cached reports and rollups move on.
    await data.store.db.deleteFrom('activity').execute();
    const now = Date.now();
    await recordImport(data.store.db, {
      import_id: 'e2e-drop-activity',
      practice_id: 'default',
      source: 'e2e: activity removed',
      format: 'test',
      started_at: now,
      finished_at: now,
      status: 'ok',
      files: [],
      warnings: 0,
      report_path: null,
    });
    const range = await api<DataRange>('/api/v1/data-range');
    const month = defaultPeriod(range.last, toIso(Date.now()));
    const doc = await api<KpiDocument>(
      `/api/v1/kpis?from=${month.from}&to=${month.to}&profile=online_platform`,
    );
    const usage = doc.kpis.platform_usage_rate!;
    assert.deepEqual(
      [usage.status, usage.value, usage.band, usage.reason],
      ['no_source', null, null, 'no activity events have been loaded'],
    );
    const page = await openPage(`#/?period=month&from=${month.from}&profile=online_platform`);
    await page.waitForSelector('.kpi-card[data-kpi=platform_usage_rate]');
    const card = page.locator('.kpi-card[data-kpi=platform_usage_rate]');
    assert.equal(await card.getAttribute('data-status'), 'no_source');
    assert.equal(await card.locator('.kpi-value').textContent(), 'No data loaded');
    assert.equal(
      await card.locator('.no-data-reason').textContent(),
      'no activity events have been loaded',
    );
    assert.equal(await card.locator('.badge').count(), 0, 'no band, no badge');
    assert.equal(await card.getAttribute('style'), null, 'no band colour on the card edge');
    assert.doesNotMatch((await card.textContent()) ?? '', /0 %/);
    await shoot(page, 'overview-no-activity');
    await page.close();

    const detail = await openPage(`#/kpi/platform_usage_rate?period=month&from=${month.from}`);
    assert.equal(await detail.textContent('.summary .kpi-value'), 'No data loaded');
    assert.equal(await detail.locator('.summary [data-band]').count(), 0);
    await detail.close();
  });

  test('a cohort whose clients are all still maturing reads "too early", said once', async () => {
    // a period at the end of the data, where every new client is too new to have returned
    const range = await api<DataRange>('/api/v1/data-range');
    const to = range.last!.slice(0, 10);
    let young: [string, KpiResult | undefined] | undefined;
    let from = '';
    for (const days of [10, 20, 30, 40]) {
      from = toIso(Date.parse(`${to}T12:00:00Z`) - (days - 1) * 86_400_000);
      const doc = await api<KpiDocument>(`/api/v1/kpis?from=${from}&to=${to}`);
      young = Object.entries(doc.kpis).find(([, r]) => r?.value === null && (r.maturing ?? 0) > 0);
      if (young) break;
    }
    assert.ok(young, `a period ending ${to} has a cohort KPI with every new client maturing`);
    const [id, r] = young;
    const page = await openPage(`#/?period=custom&from=${from}&to=${to}`);
    const card = page.locator(`.kpi-card[data-kpi=${id}]`);
    await card.waitFor();
    assert.equal(await card.locator('.kpi-value').textContent(), 'Too early to tell');
    assert.equal(await card.locator('.no-data-reason').textContent(), r?.reason);
    assert.equal(await card.locator('[data-testid=maturing]').count(), 0, 'said once, not twice');
    await shoot(page, 'overview-all-maturing');
    await page.close();
  });
});
