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

const TEXTS: Record<string, string> = {
  r1: 'WIN a cruise, reply now',
  r2: 'lunch moved to noon',
  r3: 'your parcel is waiting, pay the fee',
  r4: 'CLAIM your free prize',
};
const SERVER_FAILED = { code: 'INTERNAL', message: 'internal error' };

if (!HAS_CHROMIUM)
  console.warn(
    `skipping the review page in a browser: ${CHROMIUM} is missing (apt-get install chromium)`,
  );

describe.skipIf(!HAS_CHROMIUM)('review and the admin’s actions in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminToken: string;
  let linkFor: (id?: string) => Promise<string>;
  const people = new Map<string, { id: string; token: string }>();

  /** The API as a person calls it, with their bearer session token. */
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

  async function invite(name: string, role: string) {
    const created = await call(adminToken, 'POST', '/api/annotators', { name, role });
    const token = await bearerSession(server.url, String(created.token));
    people.set(name, { id: String(created.id), token });
  }

  /** Answers every item the person is given: `labelOf(itemId)`, 5 s each. */
  async function answerAll(name: string, labelOf: (itemId: string) => string) {
    const token = people.get(name)?.token ?? '';
    for (;;) {
      const { item } = (await call(token, 'GET', '/api/next')) as {
        item: { itemId: string } | null;
      };
      if (item === null) return;
      await call(token, 'POST', '/api/answers', {
        itemId: item.itemId,
        label: labelOf(item.itemId),
        timeSpentMs: 5000,
      });
    }
  }

  const reviewDecision = async (itemId: string) =>
    (await server.project.store.listDecisions({ itemIds: [itemId] })).find(
      (d) => d.decidedBy === 'reviewer',
    );
  const underReview = async () =>
    (await server.project.store.people.listQueue({ underReview: true }))
      .map((e) => e.itemId)
      .sort();

  /** A page signed in with a fresh link of the person (the admin by default), or a bad token. */
  async function open(who?: string, token?: string): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await watchedPage(browser, { width: 1000, height: 900 });
    const id = who === undefined ? undefined : people.get(who)?.id;
    await page.goto(token === undefined ? await linkFor(id) : `${server.url}/#invite=${token}`);
    return { page, errors };
  }

  beforeAll(async () => {
    // Two people per item and no exam or controls: every item is a task both answer. The API is
    // called at machine speed, which the server measures, so the speed rule is off.
    const { dir, project } = await spamHamProject(
      'e2e-review',
      'name: p\nlabels: [spam, ham]\npeople:\n  overlap: { human: 2 }\n  controlRate: 0\n  exam: { size: 0 }\n  rules: { fastCount: 0 }\n',
    );
    await writeJsonl(
      join(dir, 'pool.jsonl'),
      Object.entries(TEXTS).map(([id, text]) => ({ id, text })),
    );
    const imported = await hilo(['import', join(dir, 'pool.jsonl'), '--project', project]);
    expect(imported.code, imported.err).toBe(0);
    ({
      server,
      adminToken,
      link: linkFor,
    } = await serveProject(project, {
      answersPerMinute: 10_000,
    }));
    await invite('Ann', 'annotator');
    await invite('Bob', 'annotator');
    await invite('Rita', 'reviewer');
    // They agree only on r4: r1, r2 and r3 go to review.
    await answerAll('Ann', () => 'spam');
    await answerAll('Bob', (id) => (id === 'r4' ? 'spam' : 'ham'));
    expect(await underReview()).toEqual(['r1', 'r2', 'r3']);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a reviewer sees the disputed items with their votes, settles one, and the decision is stored', async () => {
    const { page, errors } = await open('Rita');
    const items = page.getByTestId('review-item');
    await expect.poll(() => items.count()).toBe(3);
    for (const id of ['r1', 'r2', 'r3']) {
      const item = page.locator(`[data-item-id=${id}]`);
      expect(await item.locator('dd').first().textContent()).toBe(TEXTS[id]);
      expect(await item.getByText('votes disagree').count()).toBe(1);
      const votes = (await item.getByTestId('votes').textContent()) ?? '';
      expect(votes).toContain('Ann → spam');
      expect(votes).toContain('Bob → ham');
    }
    await page.screenshot({ path: join(ARTIFACTS, 'review.png'), fullPage: true });

    await page.locator('[data-item-id=r2]').getByRole('button', { name: 'ham' }).click();
    await expect.poll(() => items.count()).toBe(2);
    expect(await page.getByRole('status').textContent()).toBe('Item r2 settled as “ham”.');
    expect(await reviewDecision('r2')).toMatchObject({
      label: 'ham',
      confidence: 1,
      source: `human:${people.get('Rita')?.id ?? ''}`,
    });
    expect(await underReview()).toEqual(['r1', 'r3']);
    await page.screenshot({ path: join(ARTIFACTS, 'review-settled.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a failed load or settle says what went wrong, keeps the page usable, and trying again works', async () => {
    const { page, errors } = await open('Rita');
    // Loading the list: the connection drops.
    await page.route('**/api/review', (route) => route.abort('connectionfailed'));
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'Could not load the items to review: the server did not answer. Check the connection, then try again.Try again',
      );
    await page.screenshot({ path: join(ARTIFACTS, 'review-load-failed.png') });
    await page.unroute('**/api/review');
    await alert.getByRole('button', { name: 'Try again' }).click();
    const items = page.getByTestId('review-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await alert.count()).toBe(0);

    // Settling: the server fails.
    await page.route('**/api/review/*', (route) =>
      route.fulfill({ status: 500, json: SERVER_FAILED }),
    );
    const r1 = page.locator('[data-item-id=r1]');
    await r1.getByRole('button', { name: 'spam' }).click();
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'Could not settle item r1 as “spam”: the server failed (500 internal error). Try again; if it keeps failing, tell the project’s admin.',
      );
    expect(await items.count()).toBe(2);
    expect(await r1.getByRole('button', { name: 'spam' }).isEnabled()).toBe(true);
    expect(await reviewDecision('r1')).toBeUndefined();
    await page.screenshot({ path: join(ARTIFACTS, 'review-settle-failed.png') });
    await page.unroute('**/api/review/*');
    await r1.getByRole('button', { name: 'spam' }).click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await alert.count()).toBe(0);
    expect(await reviewDecision('r1')).toMatchObject({ label: 'spam' });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('signing in says why it failed: a link that is not valid, or a connection to try again', async () => {
    for (const token of ['not-a-token', 'x'.repeat(43)]) {
      const { page: stranger } = await open(undefined, token);
      await expect
        .poll(() => stranger.getByRole('alert').textContent())
        .toBe('This invitation link is not valid: ask the project’s admin for a new one.');
      await stranger.close();
    }

    const page = await browser.newPage();
    await page.route('**/api/login', (route) => route.abort('connectionfailed'));
    await page.goto(await linkFor(people.get('Rita')?.id));
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toMatch(/^Could not sign in: the server did not answer/);
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in-failed.png') });
    // The invitation left the address bar, but trying again still uses it.
    expect(page.url()).toBe(`${server.url}/`);
    await page.unroute('**/api/login');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.locator('header').textContent()).toMatch(/Rita · reviewer/);
    await page.close();
  }, 60_000);

  it('the dashboard’s invite and suspend say when they fail, keep what was typed, and work when tried again', async () => {
    const { page, errors } = await open();
    const ann = page
      .locator('tr')
      .filter({ has: page.getByRole('cell', { name: 'Ann', exact: true }) });
    await ann.waitFor();

    await page.route('**/api/annotators', (route) => route.abort('connectionfailed'));
    await page.getByLabel('name').fill('Dora');
    await page.getByRole('button', { name: 'Invite' }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'Could not invite Dora: the server did not answer. Check the connection, then try again.',
      );
    expect(await page.getByLabel('name').inputValue()).toBe('Dora');
    expect(await page.getByRole('button', { name: 'Invite' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-invite-failed.png'), fullPage: true });
    await page.unroute('**/api/annotators');
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => page.getByTestId('invite-link').textContent()).toMatch(/#invite=/);
    expect(await alert.count()).toBe(0);
    const dora = (await server.project.store.people.listAnnotators()).find(
      (a) => a.name === 'Dora',
    );
    expect(dora).toMatchObject({ role: 'annotator' });

    await page.route('**/api/annotators/*', (route) =>
      route.fulfill({ status: 500, json: SERVER_FAILED }),
    );
    await ann.getByRole('button', { name: 'suspend' }).click();
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'Could not suspend Ann: the server failed (500 internal error). Try again; if it keeps failing, tell the project’s admin.',
      );
    expect(await ann.getByRole('button', { name: 'suspend' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-action-failed.png'), fullPage: true });
    const annId = people.get('Ann')?.id ?? '';
    expect((await server.project.store.people.getAnnotator(annId))?.state).toBe('active');
    await page.unroute('**/api/annotators/*');
    await ann.getByRole('button', { name: 'suspend' }).click();
    await expect.poll(() => ann.getAttribute('data-state')).toBe('suspended');
    expect(await alert.count()).toBe(0);
    expect((await server.project.store.people.getAnnotator(annId))?.state).toBe('suspended');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
