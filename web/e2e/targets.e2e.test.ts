import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { exampleTargets } from '../../src/demo/example-targets.js';
import { refreshCheckins } from '../../src/metrics/targets/target-checkins.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { getPractice } from '../../src/store/practice.repository.js';
import { createTarget } from '../../src/store/target.repository.js';
import type { DataRange } from '../src/api/api-types.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { ownerHeaders, signInOwner } from './support/sign-in.js';
import { REPO, WEB_DIST, ensureWebBuild } from './support/web-build.js';

const SHOTS = process.env.RAPPORT_SHOTS ?? join(REPO, 'test-artifacts', 'screenshots');

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;

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

describe('the Targets page', () => {
  before(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    data = await demoStore('small');
    server = await startServer({ store: data.store, port: 0, webRoot: WEB_DIST });
    // The demo's example targets, as `rapport demo` adds them at the data's end.
    const res = await fetch(`${server.url}/api/v1/data-range`, {
      headers: await ownerHeaders(data.store),
    });
    const range = (await res.json()) as DataRange;
    const practice = await getPractice(data.store.db, 'default');
    for (const t of exampleTargets(range.last!)) {
      await refreshCheckins(
        data.store.db,
        practice,
        await createTarget(data.store.db, 'default', 'demo', t),
      );
    }
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await data?.dispose();
  });

  test("the demo's three example targets show, each with a status in words", async () => {
    const page = await openPage('#/targets');
    const panels = page.locator('.target-panel');
    assert.equal(await panels.count(), 3);
    const titles = await page.locator('.target-panel h2').allTextContents();
    assert.ok(
      titles.some((t) => /Session completion stays above 80/.test(t)),
      titles.join('|'),
    );
    for (let i = 0; i < 3; i++) {
      const status = await panels.nth(i).locator('.card-head .target-status').textContent();
      assert.match(status ?? '', /On track|At risk|Off track|Not enough data/);
      assert.ok((await panels.nth(i).locator('tbody tr').count()) > 0);
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/targets.png`, fullPage: true });
    await page.close();
  });

  test('a target set from a KPI card shows with its first check-in; a note stays after reload', async () => {
    const page = await openPage('');
    const card = page.locator('.kpi-card[data-kpi=session_completion_rate]');
    await card.getByRole('button', { name: 'Set a target' }).click();
    const form = card.locator('form.target-form');
    await form.locator('input[name=title]').fill('Completion above 70 (browser test)');
    await form.locator('select[name=kind]').selectOption('above');
    await form.locator('input[name=a]').fill('70');
    await form.getByRole('button', { name: 'Save target' }).click();
    await card.getByText('Target set.').waitFor();

    await page.goto(`${server.url}/#/targets`);
    const panel = page.locator('.target-panel', {
      has: page.getByRole('heading', { name: 'Completion above 70 (browser test)' }),
    });
    await panel.locator('tbody tr').first().waitFor();
    assert.match((await panel.locator('.target-facts').textContent()) ?? '', /stay above 70/);
    const rows = await panel.locator('tbody tr').count();
    assert.ok(rows >= 1, 'at least one closed check-in');
    const period = await panel.locator('tbody tr th').first().textContent();

    await panel.locator('input[name=note]').fill('Two therapists on leave this week');
    await panel.locator('select[name=confidence]').selectOption('at_risk');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.locator('.checkin-note', { hasText: 'Two therapists on leave' }).waitFor();

    await page.reload();
    const row = page.locator(`.target-panel tbody tr[data-period="${period}"]`, {
      hasText: 'Two therapists on leave this week',
    });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /At risk/);
    await page.close();
  });

  test('a refused target shows the reason in the form', async () => {
    const page = await openPage('');
    const card = page.locator('.kpi-card[data-kpi=session_completion_rate]');
    await card.getByRole('button', { name: 'Set a target' }).click();
    const form = card.locator('form.target-form');
    await form.locator('select[name=kind]').selectOption('within');
    await form.locator('input[name=a]').fill('90');
    await form.locator('input[name=b]').fill('10');
    await form.getByRole('button', { name: 'Save target' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    assert.ok(((await alert.textContent()) ?? '').length > 0);
    await page.close();
  });

  test('the KPI detail page offers the same form', async () => {
    const page = await openPage('#/kpi/session_completion_rate');
    await page.getByRole('button', { name: 'Set a target' }).click();
    const form = page.locator('form.target-form');
    await form.locator('input[name=title]').fill('Completion below 99 (detail page)');
    await form.locator('select[name=kind]').selectOption('below');
    await form.locator('input[name=a]').fill('99');
    await form.getByRole('button', { name: 'Save target' }).click();
    await page.getByText('Target set.').waitFor();
    await page.close();
  });
});
