import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import type { OutcomesReport } from '../../src/server/schemas/outcomes.schema.js';
import type { DataRange, KpiMeta, KpiResult, Practice, Therapist } from '../src/api/api-types.js';
import { formatValue, formatterOf } from '../src/lib/format.js';
import { OUTCOME_KPI_IDS } from '../src/lib/outcomes.js';
import { defaultPeriod, toIso, type Period } from '../src/lib/period.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { memberOf, ownerHeaders, signInOwner, signInUser } from './support/sign-in.js';
import { REPO, WEB_DIST, ensureWebBuild } from './support/web-build.js';

const SHOTS = join(REPO, 'test-artifacts', 'screenshots');

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;
let practice: Practice;
let catalog: KpiMeta[];
let therapists: Therapist[];
let period: Period;

const api = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, { headers: await ownerHeaders(data.store) });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as T;
};

const outcomes = (q = '') =>
  api<OutcomesReport>(`/api/v1/outcomes?from=${period.from}&to=${period.to}${q}`);

/** What the page must show for one result: the page's own rules, written out again. */
const expectedText = (meta: KpiMeta, r: KpiResult | undefined) => {
  if (r?.status === 'no_source') return 'No data loaded';
  if (r?.status === 'suppressed') return 'Fewer than 5 episodes';
  if (r && r.value === null && (r.maturing ?? 0) > 0) return 'Too early to tell';
  if (!r || r.value === null) return 'No data';
  return formatValue(formatterOf(practice), r.value, meta.unit);
};

const metaOf = (id: string) => {
  const m = catalog.find((k) => k.id === id);
  assert.ok(m, `the catalog has ${id}`);
  return m;
};

async function settled(page: Page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, {
    timeout: 30_000,
  });
}

async function asOwner(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => assert.fail(`page error on ${path}: ${e.message}`));
  await signInOwner(page, server.url, data.store);
  await page.goto(`${server.url}/${path}`);
  await settled(page);
  return page;
}

async function asClinician(therapistId: string, path: string): Promise<Page> {
  const user = await memberOf(data.store, `clin-${therapistId}`, 'clinician', therapistId);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => assert.fail(`page error on ${path}: ${e.message}`));
  await signInUser(page, server.url, data.store, user);
  await page.goto(`${server.url}/${path}`);
  await settled(page);
  return page;
}

const cardValues = (page: Page, scope: string) =>
  page.$$eval(`${scope} .kpi-card`, (cards) =>
    cards.map((c) => [
      c.getAttribute('data-kpi') ?? '',
      c.querySelector('.kpi-value')?.textContent?.trim() ?? '',
    ]),
  );

/** The outcome rows of a therapist page: [kpi, their figure, the practice's]. */
const compareRows = (page: Page) =>
  page.$$eval('[data-testid=outcome-compare] tbody tr', (rows) =>
    rows.map((r) => {
      const cells = [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
      return [r.getAttribute('data-kpi') ?? '', cells[0] ?? '', cells.at(-1) ?? ''];
    }),
  );

describe('outcomes in the web dashboard', () => {
  before(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    data = await demoStore('small');
    server = await startServer({ store: data.store, port: 0, webRoot: WEB_DIST });
    browser = await launchBrowser();
    practice = await api<Practice>('/api/v1/practice');
    catalog = (await api<{ kpis: KpiMeta[] }>('/api/v1/catalog')).kpis;
    therapists = await api<Therapist[]>('/api/v1/therapists');
    const range = await api<DataRange>('/api/v1/data-range');
    // a quarter ending at the default month: enough episodes in a small demo for figures
    const month = defaultPeriod(range.last, toIso(Date.now()));
    const from = toIso(Date.parse(`${month.from}T12:00:00Z`) - 62 * 86_400_000).slice(0, 8);
    period = { mode: 'custom', from: `${from}01`, to: month.to };
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await data?.dispose();
  });

  const periodQuery = () => `period=custom&from=${period.from}&to=${period.to}`;

  test('an owner sees the seven outcome cards with the API values, the change and the spread', async () => {
    const doc = await outcomes();
    const page = await asOwner(`#/outcomes?${periodQuery()}`);
    await page.waitForSelector('[data-testid=outcome-cards] .kpi-card');
    const shown = await cardValues(page, '[data-testid=outcome-cards]');
    assert.deepEqual(
      shown.map(([id]) => id),
      [...OUTCOME_KPI_IDS],
      'seven cards in catalog order',
    );
    for (const [id, text] of shown) {
      assert.equal(text, expectedText(metaOf(id!), doc.kpis[id as keyof typeof doc.kpis]), id);
    }
    const measured = OUTCOME_KPI_IDS.filter((id) => typeof doc.kpis[id].value === 'number').length;
    assert.ok(measured >= 5, `the demo's trajectories give most outcome figures (${measured})`);
    // each measured card names its interval, and its sample
    const intervals = await page
      .locator('[data-testid=outcome-cards] [data-testid=card-interval]')
      .count();
    assert.ok(intervals >= measured - 1, 'the cards show their 95% interval');
    // the change from baseline: a drawn histogram per instrument with an outcome
    assert.ok(doc.change.phq9, 'the demo has PHQ-9 outcomes');
    await page.waitForSelector('figure[data-instrument=phq9] canvas');
    assert.match(
      (await page.textContent('figure[data-instrument=phq9]')) ?? '',
      new RegExp(`${doc.change.phq9.episodes} episodes`),
    );
    // the spread: counted therapists, never a name
    assert.ok(doc.therapist_spread, 'an owner gets the spread');
    await page.waitForSelector('[data-testid=outcome-spread]');
    const counts = (await page.textContent('[data-testid=spread-counts]')) ?? '';
    assert.match(counts, new RegExp(`^${doc.therapist_spread.therapists_counted} therapist`));
    const text = await page.evaluate(() => document.body.innerText);
    for (const t of therapists) {
      if (t.display_name) assert.ok(!text.includes(t.display_name), `names ${t.display_name}`);
    }
    assert.match(text, /latest period still move/);
    assert.equal(
      await page.locator('[data-testid=severity-table] tbody tr').count(),
      doc.severity.length,
    );
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, 'outcomes.png'), fullPage: true });
    await page.close();
  });

  test('a clinician sees their own outcomes, beside the practice, and no spread', async () => {
    const me = therapists[0]!;
    const doc = await outcomes(`&therapist=${encodeURIComponent(me.therapist_id)}`);
    assert.ok(doc.practice_kpis, 'a therapist scope carries the practice figures');
    assert.equal(doc.therapist_spread, null);
    let page = await asClinician(me.therapist_id, `#/outcomes?${periodQuery()}`);
    assert.equal(await page.textContent('main h1'), 'Your outcomes');
    await page.waitForSelector('[data-testid=outcome-cards] .kpi-card');
    for (const [id, text] of await cardValues(page, '[data-testid=outcome-cards]')) {
      assert.equal(text, expectedText(metaOf(id!), doc.kpis[id as keyof typeof doc.kpis]), id);
    }
    assert.equal(await page.locator('[data-testid=outcome-spread]').count(), 0, 'no spread');
    // the server agrees: the practice-wide answer (with its spread) is not theirs to read
    const status = await page.evaluate(
      async (q) => (await fetch(`/api/v1/outcomes?${q}`)).status,
      `from=${period.from}&to=${period.to}`,
    );
    assert.equal(status, 403);
    await page.close();

    page = await asClinician(
      me.therapist_id,
      `#/therapist/${encodeURIComponent(me.therapist_id)}?${periodQuery()}`,
    );
    await page.waitForSelector('[data-testid=outcome-compare] tbody tr');
    const rows = await compareRows(page);
    assert.deepEqual(
      rows.map(([id]) => id),
      [...OUTCOME_KPI_IDS],
    );
    for (const [id, mine, all] of rows) {
      const k = id as keyof typeof doc.kpis;
      assert.equal(mine, expectedText(metaOf(id!), doc.kpis[k]), `${id}, theirs`);
      assert.equal(all, expectedText(metaOf(id!), doc.practice_kpis[k]), `${id}, the practice's`);
    }
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, 'therapist-outcomes.png'), fullPage: true });
    await page.close();
  });

  test('a group of fewer than 5 episodes reads "fewer than 5", never a number', async () => {
    // a therapist whose period holds 1–4 episodes with an outcome: look for one in the demo,
    // over the test's quarter first, then over its last month alone
    const month = { from: `${period.to.slice(0, 8)}01`, to: period.to };
    let found: { therapist: Therapist; doc: OutcomesReport; id: string; q: string } | undefined;
    for (const p of [period, month]) {
      for (const t of therapists) {
        const doc = await api<OutcomesReport>(
          `/api/v1/outcomes?from=${p.from}&to=${p.to}&therapist=${encodeURIComponent(t.therapist_id)}`,
        );
        const id = OUTCOME_KPI_IDS.find((k) => doc.kpis[k].status === 'suppressed');
        if (id) {
          found = { therapist: t, doc, id, q: `period=custom&from=${p.from}&to=${p.to}` };
          break;
        }
      }
      if (found) break;
    }
    assert.ok(found, 'some therapist of the demo has a group of fewer than 5 episodes');
    const { therapist, doc, id, q } = found;
    const r = doc.kpis[id as keyof typeof doc.kpis];
    assert.equal(r.value, null, 'the API gives no figure');
    assert.equal(r.numerator, null, 'and no count');
    const page = await asOwner(`#/therapist/${encodeURIComponent(therapist.therapist_id)}?${q}`);
    const row = page.locator(`[data-testid=outcome-compare] tr[data-kpi=${id}]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'suppressed');
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[0], 'Fewer than 5 episodes');
    assert.equal(cells[2], 'fewer than 5', 'the sample is not given either');
    // nothing in the row is a figure: no percentage, no count other than the 5 of the rule
    assert.doesNotMatch(cells.slice(0, 4).join(' '), /\d+(\.\d+)?\s*%|\b(?!5\b)\d+\b/);
    await page.close();
  });
});
