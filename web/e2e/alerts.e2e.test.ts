import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { spawnCli } from '../../src/cli/spawn-cli.js';
import { bandFor } from '../../src/metrics/kpi-meta/band-for.js';
import { KPI_META } from '../../src/metrics/kpi-meta/index.js';
import type { BandLabel, KpiId } from '../../src/metrics/kpi-meta/kpi-meta.types.js';
import { lastClosedPeriods } from '../../src/metrics/periods/closed-periods.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { getPractice } from '../../src/store/practice.repository.js';
import { launchBrowser } from './support/browser.js';
import { demoStore } from './support/demo-store.js';
import { memberOf, ownerHeaders, signInOwner, signInUser } from './support/sign-in.js';
import { REPO, WEB_DIST, ensureWebBuild } from './support/web-build.js';

const SHOTS = process.env.RAPPORT_SHOTS ?? join(REPO, 'test-artifacts', 'screenshots');

let browser: Browser;
let server: RunningServer;
let data: Awaited<ReturnType<typeof demoStore>>;

/** A webhook receiver that answers 503 to its first call and 200 after, keeping every call. */
async function receiver() {
  const calls: { headers: IncomingHttpHeaders; body: string; path: string }[] = [];
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push({ headers: req.headers, body, path: req.url ?? '' });
      res.statusCode = calls.length === 1 ? 503 : 200;
      res.end();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/rapport-test`,
    host: `127.0.0.1:${port}`,
    calls,
    close: () => new Promise((r) => http.close(r)),
  };
}

async function openAs(path: string, userId?: string): Promise<Page> {
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

describe('the Alerts page', () => {
  let hook: Awaited<ReturnType<typeof receiver>>;
  /** A measure whose last closed week has a figure, and the band that figure sits in. */
  let pick: { kpi: KpiId; band: BandLabel; week: string };

  before(async () => {
    ensureWebBuild();
    mkdirSync(SHOTS, { recursive: true });
    // Records up to yesterday, so the closed weeks an evaluation judges today hold figures.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    data = await demoStore('small', 11, yesterday);
    server = await startServer({ store: data.store, port: 0, webRoot: WEB_DIST });
    hook = await receiver();
    browser = await launchBrowser();
    const practice = await getPractice(data.store.db, 'default');
    const [week] = lastClosedPeriods('week', practice.timezone, Date.now(), 1);
    const ids = Object.keys(KPI_META) as KpiId[];
    const res = await fetch(
      `${server.url}/api/v1/kpis?from=${week!.from}&to=${week!.to}&ids=${ids.join(',')}`,
      { headers: await ownerHeaders(data.store) },
    );
    const doc = (await res.json()) as {
      kpis: Record<string, { value: number | null; status: string }>;
    };
    for (const kpi of ids) {
      const r = doc.kpis[kpi];
      const band =
        r?.status === 'ok' && r.value !== null
          ? bandFor(r.value, KPI_META[kpi], practice.profile)
          : null;
      if (band) {
        pick = { kpi, band, week: week!.key };
        break;
      }
    }
    assert.ok(pick, 'a measure with a band in the last closed week');
  });

  after(async () => {
    await browser?.close();
    await hook?.close();
    await server?.close();
    await data?.dispose();
  });

  test('an owner adds a rule (the API’s messages at the fields), runs it, and reads the delivery log', async () => {
    const page = await openAs('#/alerts');
    assert.equal(await page.locator('nav a', { hasText: 'Alerts' }).count(), 1);
    await page.getByText('No alert rules yet').waitFor();
    await page.getByText('Nothing sent yet').waitFor();
    await page.screenshot({ path: `${SHOTS}/alerts-empty.png`, fullPage: true });

    const form = page.locator('form.alert-form');
    await form.locator('select[name=kind]').selectOption('kpi_band');
    await form.locator('select[name=kpi]').selectOption(pick.kpi);
    await form.locator('select[name=band]').selectOption(pick.band);
    await form.locator('input[name=consecutive]').fill('0');
    await form.locator('input[name=margin]').fill('0');
    await form.locator('input[name=url]').fill('not a url');
    await form.locator('input[name=secret]').fill('short');
    await form.getByRole('button', { name: 'Add rule' }).click();
    for (const f of ['name', 'consecutive', 'url', 'secret']) {
      const issue = form.locator(`[data-field=${f}] .field-issue`);
      await issue.waitFor();
      assert.ok(((await issue.textContent()) ?? '').length > 3, f);
    }
    assert.match(
      (await form.locator('[data-field=consecutive] .field-issue').textContent()) ?? '',
      />=\s*1|at least 1|too small/i,
    );
    await page.screenshot({ path: `${SHOTS}/alerts-form-issues.png`, fullPage: true });

    await form.locator('input[name=name]').fill('Weekly figure watch (browser test)');
    await form.locator('input[name=consecutive]').fill('1');
    await form.locator('input[name=url]').fill(hook.url);
    await form.getByRole('button', { name: 'Generate' }).click();
    const secret = await form.locator('input[name=secret]').inputValue();
    assert.equal(secret.length, 48);
    await form.getByRole('button', { name: 'Add rule' }).click();
    await form.getByText('Rule “Weekly figure watch (browser test)” added').waitFor();
    assert.equal(await form.locator('.field-issue').count(), 0);
    const card = page.locator('.rule-card', {
      has: page.getByRole('heading', { name: 'Weekly figure watch (browser test)' }),
    });
    await card.waitFor();
    const facts = (await card.locator('.rule-facts').textContent()) ?? '';
    assert.match(facts, new RegExp(`${KPI_META[pick.kpi].name}`));
    assert.match(facts, /weekly figure/);
    assert.match(facts, new RegExp(`Webhook ${hook.url}`));
    assert.equal(await form.locator('input[name=secret]').inputValue(), '');
    assert.doesNotMatch(await page.content(), new RegExp(secret));
    await card.getByText('Not judged yet').waitFor();

    // One evaluation through the command cron setups use, on the same store.
    const run = spawnCli([
      'alerts',
      'run',
      '--db',
      `sqlite:${join(data.dir, 'rapport.db')}`,
      '--practice',
      'default',
      '--attempts',
      '2',
      '--backoff-ms',
      '10',
    ]);
    const done = await run.done;
    assert.equal(done.code, 0, done.err);
    const m = /^(\d+) state changes, (\d+) deliveries sent, 0 failed$/m.exec(done.out);
    assert.ok(m, done.out);
    const changes = Number(m[1]);
    assert.ok(changes >= 1, done.out);
    assert.equal(Number(m[2]), changes);
    // The first call was answered 503 and retried: one more call than deliveries.
    assert.equal(hook.calls.length, changes + 1);
    assert.match(String(hook.calls[0]!.headers['x-rapport-signature']), /^sha256=[0-9a-f]{64}$/);
    const first = JSON.parse(hook.calls[0]!.body) as { rule_name: string; transition: string };
    assert.equal(first.rule_name, 'Weekly figure watch (browser test)');

    await page.reload();
    await page.waitForFunction(() => !document.querySelector('.state-loading'), null, {
      timeout: 30_000,
    });
    // The last closed week sits in the band with K = 1: the practice is firing since a fire.
    const state = card.locator('.rule-states tr[data-subject=practice]');
    await state.waitFor();
    assert.match((await state.textContent()) ?? '', /Firing/);
    const events = page.locator('table.alert-events tbody tr');
    assert.equal(await events.count(), changes);
    assert.match((await events.first().textContent()) ?? '', /Weekly figure watch/);
    assert.match((await page.locator('table.alert-events').textContent()) ?? '', /Fired/);

    const log = page.locator('table.delivery-log');
    assert.equal(await log.locator('tbody').count(), changes);
    assert.equal(await log.locator('tbody[data-status=success]').count(), changes);
    const retried = log.locator('tbody', { has: page.locator('tr[data-attempt="2"]') });
    assert.equal(await retried.count(), 1);
    const [a1, a2] = [
      retried.locator('tr[data-attempt="1"]'),
      retried.locator('tr[data-attempt="2"]'),
    ];
    assert.match((await a1.textContent()) ?? '', /#1.*503.*Failed/);
    assert.match((await a2.textContent()) ?? '', /#2.*200.*Delivered/);
    // The destination is the host: a webhook's path may carry a token of its own.
    assert.equal((await a1.locator('.destination').textContent())?.trim(), hook.host);
    assert.doesNotMatch((await log.textContent()) ?? '', /rapport-test/);
    assert.doesNotMatch(await page.content(), new RegExp(secret));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/alerts-after-run.png`, fullPage: true });

    // Removal is asked twice; the log stays.
    await card.getByRole('button', { name: 'Remove rule' }).click();
    await card.getByText('Its past events and deliveries stay in the log').waitFor();
    await page.screenshot({ path: `${SHOTS}/alerts-confirm-remove.png` });
    await card.getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByText('No alert rules yet').waitFor();
    assert.equal(await page.locator('table.delivery-log tbody').count(), changes);
    await page.close();
  });

  test('a rule of each other kind can be added; a clinician has no Alerts page', async () => {
    const page = await openAs('#/alerts');
    const form = page.locator('form.alert-form');
    const add = async (kind: string, name: string, fill: () => Promise<void>) => {
      await form.locator('select[name=kind]').selectOption(kind);
      await form.locator('input[name=name]').fill(name);
      await fill();
      await form.getByRole('button', { name: 'Add rule' }).click();
      await form.getByText(`Rule “${name}” added`).waitFor();
    };
    await add('data_stale', 'No fresh data for 10 days', async () => {
      await form.locator('input[name=days]').fill('10');
      await form.locator('select[name=channel]').selectOption('email');
      await form.locator('input[name=email]').fill('owner@example.org');
    });
    await add('therapist_over_limit', 'Over own limit', async () => {
      await form.locator('input[name=days]').fill('9');
      await form.locator('select[name=channel]').selectOption('user_email');
      await form.getByRole('button', { name: 'Add rule' }).click();
      const issue = form.locator('[data-field=days] .field-issue');
      await issue.waitFor();
      assert.match((await issue.textContent()) ?? '', /7/);
      await form.locator('input[name=days]').fill('2');
    });
    await add('target_off_track', 'A target off track', async () => {
      await form.locator('select[name=channel]').selectOption('user_email');
    });
    // "Added" shows as soon as the API answers; the list is read again after it.
    await page.locator('.rule-condition').nth(2).waitFor();
    const conditions = await page.locator('.rule-condition').allTextContents();
    assert.deepEqual(conditions, [
      'No import or push has finished for more than 10 days (checked every day)',
      'A therapist worked over their own daily limit on 2 or more days of a week, for 2 weeks in a row',
      "A target's check-in is off track for 2 periods in a row; it resolves once on track again",
    ]);
    await page.screenshot({ path: `${SHOTS}/alerts-kinds.png`, fullPage: true });
    await page.close();

    const clinician = await memberOf(data.store, 'clinician@example.org', 'clinician', 't001');
    const other = await openAs('', clinician);
    assert.equal(await other.locator('nav a', { hasText: 'Alerts' }).count(), 0);
    await other.goto(`${server.url}/#/alerts`);
    await other.getByText('Not allowed').waitFor();
    await other.close();
  });
});
