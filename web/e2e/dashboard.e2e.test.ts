import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { openStore } from '../../src/store/database.js';
import type {
  DataRange,
  KpiDocument,
  KpiMeta,
  KpiResult,
  Practice,
  Therapist,
} from '../src/api/api-types.js';
import { formatPeriod, formatValue, formatterOf } from '../src/lib/format.js';
import {
  defaultPeriod,
  monthKeys,
  previousPeriod,
  quarterPeriod,
  toIso,
  trailingMonths,
} from '../src/lib/period.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { ownerHeaders, signInOwner } from './support/sign-in.js';
import { REPO, WEB_DIST, ensureWebBuild } from './support/web-build.js';

const SHOTS = join(REPO, 'test-artifacts', 'screenshots');
const PLACEHOLDERS = /lorem|ipsum|\bTODO\b|coming soon|\bTBD\b|placeholder/i;

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;
let practice: Practice;
let catalog: KpiMeta[];

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: await ownerHeaders(data.store) });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as T;
};

/** What a card must show for one API result: the same formatting rules the page uses. */
const expectedText = (meta: KpiMeta, r: KpiResult | undefined) => {
  if (r?.status === 'no_source') return 'No data loaded';
  if (r?.status === 'suppressed') return 'Fewer than 5 episodes';
  if (r && r.value === null && (r.maturing ?? 0) > 0) return 'Too early to tell';
  if (!r || r.value === null) return 'No data';
  const fmt = formatterOf(practice);
  return formatValue(r.currency ? { ...fmt, currency: r.currency } : fmt, r.value, meta.unit);
};

async function openPage(path: string, width = 1366, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => assert.fail(`page error on ${path}: ${e.message}`));
  await signInOwner(page, server.url, data.store);
  await page.goto(`${server.url}/${path}`);
  return page;
}

/** Waits until no view is loading any more. */
async function settled(page: Page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, {
    timeout: 20_000,
  });
}

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, PLACEHOLDERS, `${name} shows placeholder text`);
}

async function cardTexts(page: Page): Promise<Record<string, string>> {
  return page.$$eval('.kpi-card', (cards) =>
    Object.fromEntries(
      cards.map((c) => [
        c.getAttribute('data-kpi') ?? '',
        c.querySelector('.kpi-value')?.textContent?.trim() ?? '',
      ]),
    ),
  );
}

describe('web dashboard', () => {
  before(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    data = await demoStore('small');
    server = await startServer({ store: data.store, port: 0, webRoot: WEB_DIST });
    browser = await launchBrowser();
    practice = await api<Practice>('/api/v1/practice');
    catalog = (await api<{ kpis: KpiMeta[] }>('/api/v1/catalog')).kpis;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await data?.dispose();
  });

  test('the overview shows every KPI with the API value for the default period', async () => {
    const range = await api<DataRange>('/api/v1/data-range');
    const period = defaultPeriod(range.last, toIso(Date.now()));
    const doc = await api<KpiDocument>(`/api/v1/kpis?from=${period.from}&to=${period.to}`);
    const page = await openPage('');
    await settled(page);
    await page.waitForSelector('.kpi-card');
    const fmt = formatterOf(practice);
    assert.equal(
      await page.textContent('[data-testid=period-text]'),
      formatPeriod(fmt, period.from, period.to),
    );
    const shown = await cardTexts(page);
    assert.deepEqual(
      Object.keys(shown),
      catalog.map((k) => k.id),
      'one card per KPI, in catalog order',
    );
    for (const meta of catalog) {
      assert.equal(shown[meta.id], expectedText(meta, doc.kpis[meta.id]), meta.id);
    }
    const withValues = catalog.filter((k) => typeof doc.kpis[k.id]?.value === 'number');
    assert.ok(withValues.length >= 10, 'the demo practice fills most KPIs');
    // a band is always named in words, never shown by colour alone
    const bands = await page.$$eval('.kpi-card .badge', (els) => els.map((e) => e.textContent));
    assert.ok(bands.length > 0);
    for (const b of bands) assert.match(b ?? '', /[A-Za-z]/);
    await shoot(page, 'overview');
    await page.setViewportSize({ width: 820, height: 1180 });
    await shoot(page, 'overview-tablet');
    await page.close();
  });

  test('changing the period changes the figures to the API values of the new period', async () => {
    const range = await api<DataRange>('/api/v1/data-range');
    const first = defaultPeriod(range.last, toIso(Date.now()));
    const earlier = previousPeriod(first);
    const doc = await api<KpiDocument>(`/api/v1/kpis?from=${earlier.from}&to=${earlier.to}`);
    const page = await openPage('');
    await settled(page);
    const before = await cardTexts(page);
    await page.getByRole('button', { name: 'Previous period' }).click();
    const fmt = formatterOf(practice);
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid=period-text]')?.textContent === text,
      formatPeriod(fmt, earlier.from, earlier.to),
    );
    await settled(page);
    await page.waitForSelector('.kpi-card');
    assert.match(page.url(), new RegExp(`from=${earlier.from}`));
    const after = await cardTexts(page);
    for (const meta of catalog) {
      assert.equal(after[meta.id], expectedText(meta, doc.kpis[meta.id]), meta.id);
    }
    assert.notDeepEqual(after, before, 'a different month shows different figures');
    // the quarter picker asks for the whole quarter
    await page.getByLabel('Period', { exact: true }).selectOption('quarter');
    await page.waitForFunction(() => location.hash.includes('period=quarter'));
    // switching to quarters keeps the quarter that holds the month shown
    const q = quarterPeriod(earlier.from);
    const quarter = await api<KpiDocument>(`/api/v1/kpis?from=${q.from}&to=${q.to}`);
    await page.waitForFunction((from) => location.hash.includes(`from=${from}`), q.from);
    await settled(page);
    await page.waitForSelector('.kpi-card');
    const inQuarter = await cardTexts(page);
    for (const meta of catalog) {
      assert.equal(inQuarter[meta.id], expectedText(meta, quarter.kpis[meta.id]), meta.id);
    }
    await page.close();
  });

  test('the service filter, when the server can filter by service, narrows the figures', async (t) => {
    const range = await api<DataRange>('/api/v1/data-range');
    const period = defaultPeriod(range.last, toIso(Date.now()));
    const probe = await fetch(
      `${server.url}/api/v1/kpis?from=${period.from}&to=${period.to}&by=service&ids=session_completion_rate`,
      { headers: await ownerHeaders(data.store) },
    );
    const service = ((await probe.json()) as KpiDocument).groups?.find(
      (g) => g.key !== '(none)',
    )?.key;
    assert.ok(service, 'the demo practice has services');
    const filtered = await fetch(
      `${server.url}/api/v1/kpis?from=${period.from}&to=${period.to}&service=${encodeURIComponent(service)}`,
      { headers: await ownerHeaders(data.store) },
    );
    const page = await openPage('');
    await settled(page);
    await page.waitForSelector('.kpi-card');
    if (filtered.status === 400) {
      // the page offers no filter it cannot apply
      assert.equal(await page.getByLabel('Service').count(), 0);
      await page.close();
      t.diagnostic('the server cannot filter by service yet; the filter is hidden');
      return;
    }
    const doc = (await filtered.json()) as KpiDocument;
    await page.getByLabel('Service').selectOption(service);
    await page.waitForFunction(() => location.hash.includes('service='));
    await settled(page);
    await page.waitForSelector('.kpi-card');
    const shown = await cardTexts(page);
    for (const meta of catalog) {
      assert.equal(shown[meta.id], expectedText(meta, doc.kpis[meta.id]), meta.id);
    }
    await page.close();
  });

  test('a KPI detail page draws its trend and states its formula and levers', async () => {
    const meta = catalog.find((k) => k.id === 'session_completion_rate')!;
    // a profile with bands for this KPI, so the chart draws its zones
    const page = await openPage(`#/kpi/${meta.id}?profile=online_platform`);
    await settled(page);
    assert.equal(await page.getByLabel('Compare with').inputValue(), 'online_platform');
    assert.equal(await page.textContent('main h1'), meta.name);
    await page.waitForSelector('.panel .chart canvas');
    assert.ok((await page.$$('.chart canvas')).length >= 2, 'trend and therapist spread charts');
    assert.equal((await page.textContent('[data-testid=formula]'))?.trim(), meta.help.formula);
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(text.includes(meta.help.misses));
    for (const lever of meta.help.levers) assert.ok(text.includes(lever), lever);
    assert.ok(text.includes('By service') && text.includes('By acquisition channel'));
    // the month table has one row per month of the chart, from the first record on
    const range = await api<DataRange>('/api/v1/data-range');
    const period = defaultPeriod(range.last, toIso(Date.now()));
    const rows = (n: number) => {
      const span = trailingMonths(period.to, n);
      return monthKeys(span.from, span.to).filter((m) => m >= range.first!.slice(0, 7)).length;
    };
    assert.equal(await page.locator('.table-toggle tbody tr').count(), rows(12));
    await page.getByRole('button', { name: '24 months' }).click();
    await page.waitForSelector('.state-loading', { state: 'detached' });
    await settled(page);
    assert.equal(await page.locator('.table-toggle tbody tr').count(), rows(24));
    const monthly = await api<KpiDocument>(
      `/api/v1/kpis?from=${trailingMonths(period.to, 12).from}&to=${period.to}&by=month&ids=${meta.id}&profile=online_platform`,
    );
    const lastRow = await page.locator('.table-toggle tbody tr').last().locator('td').nth(3);
    const lastMonth = monthly.groups!.at(-1)!.kpis[meta.id];
    assert.equal(await lastRow.textContent(), expectedText(meta, lastMonth));
    // drill-down lists therapists alphabetically, never by their figures
    const options = await page.$$eval('.drill select option', (os) =>
      os.slice(1).map((o) => o.textContent ?? ''),
    );
    assert.ok(options.length > 1);
    assert.deepEqual(
      options,
      [...options].sort((a, b) => a.localeCompare(b)),
    );
    await page.selectOption('.drill select', { index: 1 });
    await page.waitForSelector('.drill-result');
    await shoot(page, 'kpi-detail');
    await page.close();
  });

  test('a KPI detail page lists the parts its figure adds up', async () => {
    const page = await openPage('#/kpi/no_show_cancellation_rate');
    await settled(page);
    const range = await api<DataRange>('/api/v1/data-range');
    const period = defaultPeriod(range.last, toIso(Date.now()));
    const doc = await api<KpiDocument>(
      `/api/v1/kpis?from=${period.from}&to=${period.to}&ids=no_show_cancellation_rate`,
    );
    const parts = doc.kpis.no_show_cancellation_rate!.details as Record<string, number>;
    assert.deepEqual(Object.keys(parts), [
      'no_shows',
      'client_cancellations',
      'late_cancellations',
    ]);
    const facts = await page.$$eval('.summary .facts-inline div', (ds) =>
      ds.map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent]),
    );
    const n = (v: number | undefined) => (v ?? NaN).toLocaleString('en-US');
    assert.deepEqual(facts, [
      ['No shows', n(parts.no_shows)],
      ['Client cancellations', n(parts.client_cancellations)],
      ['Late cancellations', n(parts.late_cancellations)],
    ]);
    assert.ok((parts.late_cancellations ?? 0) > 0, 'the demo has late cancellations');
    await page.close();
  });

  test('the therapist view shows that therapist and no other', async () => {
    const therapists = await api<Therapist[]>('/api/v1/therapists');
    assert.ok(therapists.length >= 3);
    const me = therapists[0]!;
    const page = await openPage(`#/therapist/${encodeURIComponent(me.therapist_id)}`);
    await settled(page);
    await page.waitForSelector('.compare-table');
    await page.waitForSelector('.chart canvas');
    const text = await page.evaluate(() => document.body.innerText);
    const name = me.display_name ?? me.therapist_id;
    assert.ok(text.includes(name));
    const word = (s: string) =>
      new RegExp(`(^|[^\\w-])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`);
    for (const other of therapists.filter((t) => t.therapist_id !== me.therapist_id)) {
      assert.doesNotMatch(text, word(other.therapist_id), `shows ${other.therapist_id}`);
      if (other.display_name) {
        assert.ok(!text.includes(other.display_name), `shows ${other.display_name}`);
      }
    }
    const html = await page.content();
    for (const other of therapists.filter((t) => t.therapist_id !== me.therapist_id)) {
      if (other.display_name) assert.ok(!html.includes(other.display_name));
    }
    await shoot(page, 'therapist');
    await page.close();
  });

  test('care & capacity and data pages load with their figures and imports', async () => {
    let page = await openPage('#/care');
    await settled(page);
    await page.waitForSelector('.tile[data-kpi=therapist_load] .kpi-value');
    // load: 3 tiles; fit: rematch, second-session return, first-match retention, 2 retentions
    assert.equal(await page.locator('.tile').count(), 8);
    assert.equal(await page.locator('.tile[data-kpi=first_match_retention_rate]').count(), 1);
    assert.ok((await page.$$('.chart canvas')).length >= 2);
    await shoot(page, 'care-capacity');
    await page.close();

    page = await openPage('#/data');
    await settled(page);
    await page.waitForSelector('table.imports tbody tr');
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(text.includes('npx rapport import'));
    assert.ok(text.includes('appointments.csv'));
    await shoot(page, 'data');
    await page.close();

    page = await openPage('#/therapist');
    await settled(page);
    const names = await page.$$eval('.name-list a', (as) => as.map((a) => a.textContent ?? ''));
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );
    await shoot(page, 'therapist-chooser');
    await page.close();
  });

  test('every page is reachable by keyboard from the navigation', async () => {
    const page = await openPage('');
    await settled(page);
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    assert.ok(focused.length > 0, 'focus moves through links and controls');
    await page.focus('nav a[href^="#/care"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.startsWith('#/care'));
    await settled(page);
    assert.equal(await page.textContent('main h1'), 'Care & capacity');
    await page.close();
  });

  test('an empty store says how to load data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-web-empty-'));
    const store = await openStore(`sqlite:${join(dir, 'empty.db')}`);
    const empty = await startServer({ store, port: 0, webRoot: WEB_DIST });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await signInOwner(page, empty.url, store);
      await page.goto(`${empty.url}/`);
      await page.waitForSelector('.state-empty');
      const text = await page.evaluate(() => document.body.innerText);
      assert.match(text, /No data yet/);
      assert.ok(text.includes('npx rapport import') && text.includes('npx rapport demo'));
      await shoot(page, 'overview-empty');
      await page.close();
    } finally {
      await empty.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
