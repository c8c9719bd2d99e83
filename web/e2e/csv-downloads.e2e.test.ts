import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { createDelivery, finishDelivery, recordAttempt } from '../../src/store/alert.repository.js';
import { createTarget } from '../../src/store/target.repository.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { ownerHeaders, ownerOf, signInOwner } from './support/sign-in.js';
import { WEB_DIST, ensureWebBuild } from './support/web-build.js';

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;
let therapist: string;

/** Opens a page as the owner, clicks the CSV link `selector` and answers the file's lines. */
async function download(hash: string, selector: string): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (e) => assert.fail(`page error on ${hash}: ${e.message}`));
  try {
    await signInOwner(page, server.url, data.store);
    await page.goto(`${server.url}/${hash}`);
    const link = page.locator(selector).first();
    await link.waitFor({ timeout: 60_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return readFileSync((await file.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
  } finally {
    await page.close();
  }
}

const KPI_COLUMNS = 'value,numerator,denominator,n,ci_low,ci_high,band,status';

describe('every dashboard page downloads its tables and charts as CSV', () => {
  before(async () => {
    ensureWebBuild();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    data = await demoStore('small', 11, yesterday);
    server = await startServer({ store: data.store, port: 0, webRoot: WEB_DIST });
    browser = await launchBrowser();
    const owner = await ownerOf(data.store);
    await createTarget(data.store.db, 'default', owner, {
      kpi_id: 'session_completion_rate',
      scope: 'practice',
      kind: { type: 'above', x: 80 },
      title: 'Completion stays above 80 %',
      start_date: new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10),
      cadence: 'month',
      notes: null,
      followers: [],
    });
    const d = await createDelivery(data.store.db, {
      practice_id: 'default',
      event_id: 'report:someone:2026-10',
      channel: 'email',
      target: 'olga@example.org',
    });
    await recordAttempt(data.store.db, 'default', d, {
      attempt: 1,
      ok: true,
      status_code: 250,
      error: null,
    });
    await finishDelivery(data.store.db, 'default', d, 'success');
    const res = await fetch(`${server.url}/api/v1/therapists`, {
      headers: await ownerHeaders(data.store),
    });
    therapist = ((await res.json()) as { therapist_id: string }[])[0]!.therapist_id;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await data?.dispose();
  });

  test('overview: every card with its figure, the period before and the months', async () => {
    const lines = await download('#/', 'a[download^="overview-"]');
    assert.equal(lines[0], `kpi,from,to,${KPI_COLUMNS}`);
    assert.ok(
      lines.some((l) => /^session_completion_rate,\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d,[\d.]+,/.test(l)),
    );
  });

  test('KPI detail: the trend chart’s figures', async () => {
    const lines = await download(
      '#/kpi/session_completion_rate',
      'a[download^="session_completion_rate-trend-"]',
    );
    assert.equal(lines[0], `series,month,${KPI_COLUMNS}`);
    assert.ok(lines.some((l) => /^Session completion rate,\d{4}-\d\d,[\d.]+,/.test(l)));
  });

  test('outcomes: the trend chart’s figures', async () => {
    const lines = await download('#/outcomes', 'a[download*="-trend-"]');
    assert.equal(lines[0], `series,month,${KPI_COLUMNS}`);
    assert.ok(lines.length > 1);
  });

  test('care & capacity: a chart’s figures', async () => {
    const lines = await download('#/care', 'a[download*="-trend-"]');
    assert.equal(lines[0], `series,month,${KPI_COLUMNS}`);
    assert.ok(lines.some((l) => /,\d{4}-\d\d,[\d.]+,/.test(l)));
  });

  test('therapist: their figures beside the practice’s', async () => {
    const lines = await download(
      `#/therapist/${encodeURIComponent(therapist)}`,
      `a[download="therapist-${therapist}-and-practice.csv"]`,
    );
    assert.equal(lines[0], `kpi,who,${KPI_COLUMNS}`);
    assert.ok(lines.some((l) => l.startsWith(`session_completion_rate,${therapist},`)));
    assert.ok(lines.some((l) => l.startsWith('session_completion_rate,practice,')));
  });

  test('targets: the check-ins of a target', async () => {
    const lines = await download('#/targets', 'a[download$="-checkins.csv"]');
    assert.equal(lines[0], 'period,from,to,value,ci_low,ci_high,n,expected,status,confidence,note');
    assert.ok(lines.some((l) => /^\d{4}-\d\d,\d{4}-\d\d-01,/.test(l)));
  });

  test('alerts: the delivery log, every attempt', async () => {
    const lines = await download('#/alerts', 'a[download="delivery-log.csv"]');
    assert.equal(lines[0], 'at,event,channel,destination,attempt,ok,status_code,error');
    assert.ok(lines.some((l) => l.includes(',email,olga@example.org,1,true,250,')));
  });
});
