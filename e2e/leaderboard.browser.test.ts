import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/compose/index.js';
import {
  ARTIFACTS,
  bearerSession,
  CHROMIUM,
  HAS_CHROMIUM,
  launchBrowser,
  serveProject,
  spamHamProject,
  watchedPage,
} from './browser-harness.js';
import { hilo, writeJsonl } from './cli-harness.js';

/** Every served item is a control while any is left; the bonus needs 2 controls. */
const YAML = `name: p
labels: [spam, ham]
prices: { humanHourlyUsd: 15, humanItemsPerHour: 120 }
people:
  overlap: { human: 2, overlap: 2 }
  controlRate: 1
  exam: { size: 0 }
  rules: { fastCount: 0 }       # the scripted people answer at machine speed
  pay: { bonus: { controlAccuracyAtLeast: 0.9, minControls: 2, percent: 10 } }
  leaderboard: anonymous
`;

if (!HAS_CHROMIUM) console.warn(`skipping the leaderboard in a browser: ${CHROMIUM} is missing`);

describe.skipIf(!HAS_CHROMIUM)('leaderboard and pay in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminToken: string;
  let link: (id?: string) => Promise<string>;
  /** Each person's bearer session, and id for a fresh sign-in link. */
  const tokens = new Map<string, string>();
  const ids = new Map<string, string>();

  async function call(token: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, `${method} ${path}`).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  /** Answers every item the person is given with `labels` in turn. */
  async function answerAll(name: string, labels: readonly string[]) {
    const token = tokens.get(name) ?? '';
    for (const label of labels) {
      const { item } = (await call(token, 'GET', '/api/next')) as { item: { itemId: string } };
      await call(token, 'POST', '/api/answers', { itemId: item.itemId, label, timeSpentMs: 5000 });
    }
  }

  /** Opens the app signed in with a fresh link of the person (the admin when no id). */
  async function openAs(
    id: string | undefined,
    button: string,
  ): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await watchedPage(browser, { width: 1100, height: 800 });
    await page.goto(await link(id));
    await page.getByRole('button', { name: button }).click();
    return { page, errors };
  }

  beforeAll(async () => {
    mkdirSync('/tmp/shots-g', { recursive: true });
    const { dir, project } = await spamHamProject('e2e-leaderboard', YAML);
    await writeJsonl(join(dir, 'pool.jsonl'), [
      { id: 'p1', text: 'lunch at noon' },
      { id: 'p2', text: 'see you soon' },
    ]);
    await writeJsonl(join(dir, 'controls.jsonl'), [
      { id: 'c1', text: 'WIN now', label: 'spam' },
      { id: 'c2', text: 'FREE prize', label: 'spam' },
    ]);
    for (const [file, role] of [
      ['pool.jsonl', 'pool'],
      ['controls.jsonl', 'control'],
    ] as const) {
      const imported = await hilo([
        'import',
        join(dir, file),
        '--role',
        role,
        '--project',
        project,
      ]);
      expect(imported.code, imported.err).toBe(0);
    }
    ({ server, adminToken, link } = await serveProject(project, { answersPerMinute: 10_000 }));
    for (const name of ['Ann', 'Bob']) {
      const created = await call(adminToken, 'POST', '/api/annotators', {
        name,
        role: 'annotator',
      });
      ids.set(name, String(created.id));
      tokens.set(name, await bearerSession(server.url, String(created.token)));
    }
    // Two controls then two tasks each; Ann gets both controls right, Bob one.
    await answerAll('Ann', ['spam', 'spam', 'ham', 'ham']);
    await answerAll('Bob', ['spam', 'ham', 'ham', 'ham']);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an annotator sees their own rank and name, and nobody else’s name', async () => {
    const { page, errors } = await openAs(ids.get('Bob'), 'Leaderboard');
    const rows = page.getByTestId('leaderboard').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByTestId('your-rank').textContent()).toMatch(
      /^You are number 2 of 2 from \d{4}-\d{2}-01 to \d{4}-\d{2}-\d{2} \(UTC\)\.$/,
    );
    // Ann: 4 × Wilson low of 2/2 (0.342) = 1.4; Bob: 4 × Wilson low of 1/2 (0.095) = 0.4.
    expect(await rows.allInnerTexts()).toEqual([
      '1\tanonymous\t4\t100%\t1.4',
      '2\tBob\t4\t50%\t0.4',
    ]);
    expect(await rows.nth(1).getAttribute('data-you')).toBe('true');
    expect(await page.locator('body').textContent()).not.toMatch(/\bAnn\b/);
    expect(await page.getByTestId('pay').count()).toBe(0);
    await page.screenshot({ path: '/tmp/shots-g/leaderboard-annotator.png', fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'leaderboard-annotator.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('an admin sees everyone’s pay at the project’s rate, and picks the days', async () => {
    const { page, errors } = await openAs(undefined, 'Leaderboard & pay');
    const rows = page.getByTestId('pay-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // $15 / 120 = $0.125 per answer: 4 answers = $0.50; Ann's 2/2 controls add 10% = $0.05.
    const cells = async (i: number) => (await rows.nth(i).innerText()).split('\t');
    expect(await cells(0)).toEqual(
      expect.arrayContaining(['1', 'Ann', 'active', '4', '$0.50', '$0.05', '$0.55']),
    );
    expect(await cells(1)).toEqual(
      expect.arrayContaining(['2', 'Bob', 'active', '4', '$0.50', '$0.00', '$0.50']),
    );
    expect(await page.getByTestId('pay-total').textContent()).toBe('$1.05');
    expect(await page.getByTestId('pay-period').textContent()).toMatch(
      /^From \d{4}-\d{2}-01 to \d{4}-\d{2}-\d{2} \(UTC\)\. Annotators see only their own name/,
    );
    expect(await page.getByTestId('leaderboard').count()).toBe(0);
    expect(await page.getByTestId('pay-rules').textContent()).toContain('$0.1250 per answer');
    expect(await page.getByTestId('pay-rules').textContent()).toContain('hilo pays nobody');
    await page.screenshot({ path: '/tmp/shots-g/leaderboard-admin.png', fullPage: true });
    await page.screenshot({ path: join(ARTIFACTS, 'leaderboard-admin.png'), fullPage: true });

    // A period ending before it starts is refused, in words, and the page stays usable.
    const [from, to] = await page.locator('input[type=date]').all();
    await from?.fill('2099-01-02');
    await to?.fill('2099-01-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/to 2099-01-01 is before from 2099-01-02/);
    await page.screenshot({
      path: '/tmp/shots-g/leaderboard-admin-bad-period.png',
      fullPage: true,
    });
    // Days in the future: nobody worked then.
    await to?.fill('2099-01-31');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByTestId('pay-total').textContent()).toBe('$0.00');
    expect(await page.getByTestId('pay-period').textContent()).toMatch(
      /^From 2099-01-02 to 2099-01-31/,
    );
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
