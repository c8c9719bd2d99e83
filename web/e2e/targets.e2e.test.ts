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
import { memberOf, ownerHeaders, signInOwner, signInUser } from './support/sign-in.js';
import { REPO, WEB_DIST, ensureWebBuild } from './support/web-build.js';

const SHOTS = process.env.RAPPORT_SHOTS ?? join(REPO, 'test-artifacts', 'screenshots');

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;

async function openPage(path: string, userId?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (e) => assert.fail(`page error on ${path}: ${e.message}`));
  if (userId) await signInUser(page, server.url, data.store, userId);
  else await signInOwner(page, server.url, data.store);
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

  test('an owner edits a target (an issue at its field, then saved) and removes another', async () => {
    const page = await openPage('#/targets');
    const before = await page.locator('.target-panel').count();
    const panel = page.locator('.target-panel', {
      has: page.getByRole('heading', { name: /Session completion stays above 80/ }),
    });
    await panel.getByRole('button', { name: 'Edit target' }).click();
    const form = panel.locator('form.target-edit');
    await form.locator('select[name=kind]').selectOption('within');
    await form.locator('input[name=a]').fill('90');
    await form.locator('input[name=b]').fill('80');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const issue = form.locator('.field-issue');
    await issue.waitFor();
    assert.match((await issue.textContent()) ?? '', /lo must not exceed hi/);
    await panel.screenshot({ path: `${SHOTS}/alerts-target-edit.png` });

    await form.locator('select[name=kind]').selectOption('above');
    await form.locator('input[name=a]').fill('80');
    await form.locator('input[name=title]').fill('Completion kept above 80 (edited)');
    await form.locator('textarea[name=notes]').fill('Reviewed at the team meeting');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const edited = page.locator('.target-panel', {
      has: page.getByRole('heading', { name: 'Completion kept above 80 (edited)' }),
    });
    await edited.waitFor();
    await page.reload();
    await edited.locator('.target-notes', { hasText: 'Reviewed at the team meeting' }).waitFor();
    assert.match((await edited.locator('.target-facts').textContent()) ?? '', /stay above 80/);

    const other = page.locator('.target-panel').filter({
      hasNot: page.getByRole('heading', { name: 'Completion kept above 80 (edited)' }),
    });
    const gone = (await other.first().locator('h2').textContent()) ?? '';
    await other.first().getByRole('button', { name: 'Remove target' }).click();
    await page.getByText(`Remove “${gone}” with its check-ins and notes?`).waitFor();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByRole('heading', { name: gone, exact: true }).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.target-panel').count(), before - 1);
    await page.reload();
    await page.locator('.target-panel').first().waitFor();
    assert.equal(await page.locator('.target-panel').count(), before - 1);
    await page.close();
  });

  test('a clinician sets a personal target from their page and sees it on Targets; nobody else does', async () => {
    const row = await data.store.db
      .selectFrom('therapists')
      .select('therapist_id')
      .orderBy('therapist_id')
      .executeTakeFirstOrThrow();
    const clinician = await memberOf(data.store, 'clin@example.org', 'clinician', row.therapist_id);
    const page = await openPage(`#/therapist/${row.therapist_id}`, clinician);
    const box = page.locator('section', {
      has: page.getByRole('heading', { name: 'A personal target' }),
    });
    await box.locator('select[name=personal-kpi]').selectOption('session_completion_rate');
    await box.getByRole('button', { name: 'Set a personal target' }).click();
    const form = box.locator('form.target-form');
    await form.getByText('a personal target only you see').waitFor();
    assert.equal(await form.locator('select[name=scope]').count(), 0);
    await form.locator('input[name=title]').fill('My completion above 75');
    await form.locator('select[name=kind]').selectOption('above');
    await form.locator('input[name=a]').fill('75');
    await form.getByRole('button', { name: 'Save target' }).click();
    await box.getByText('Target set.').waitFor();
    await box.screenshot({ path: `${SHOTS}/alerts-personal-target.png` });

    await page.goto(`${server.url}/#/targets`);
    const mine = page.locator('.target-panel', {
      has: page.getByRole('heading', { name: 'My completion above 75' }),
    });
    await mine.locator('tbody tr').first().waitFor();
    assert.match((await mine.locator('.target-facts').textContent()) ?? '', /Personal target/);
    // Their own target is theirs to change; the practice's are not.
    assert.equal(await mine.getByRole('button', { name: 'Edit target' }).count(), 1);
    const shared = page.locator('.target-panel', {
      hasNot: page.getByRole('heading', { name: 'My completion above 75' }),
    });
    assert.equal(await shared.getByRole('button', { name: 'Edit target' }).count(), 0);
    // On any measure the clinician's button sets a personal target too.
    await page.goto(`${server.url}/`);
    await page.locator('.kpi-card').first().waitFor();
    assert.ok((await page.getByRole('button', { name: 'Set a personal target' }).count()) > 0);
    await page.close();

    const res = await fetch(`${server.url}/api/v1/targets`, {
      headers: await ownerHeaders(data.store),
    });
    const titles = ((await res.json()) as { title: string }[]).map((t) => t.title);
    assert.ok(!titles.includes('My completion above 75'), titles.join('|'));
  });
});
