import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/compose/index.js';
import { labelRun } from '../src/testing/builders/run-builders.js';
import { vote } from '../src/testing/builders/vote.js';
import {
  bearerSession,
  ARTIFACTS,
  CHROMIUM,
  HAS_CHROMIUM,
  launchBrowser,
  serveProject,
  spamHamProject,
  watchedPage,
} from './browser-harness.js';
import { hilo, writeJsonl } from './cli-harness.js';

/** Sits only in a pool file's truth and gold columns: no page may ever show it. */
const SECRET = 'ANSWER-KEY-7731';
const TEXTS: Record<string, string> = {
  t1: 'WIN a cruise, reply now',
  t2: 'lunch moved to noon',
  t3: 'your parcel is waiting, pay the fee',
};
const MODEL = 'llm:m#e2e';
const GUIDELINES = [
  '# Spam or ham',
  '',
  'Label **spam** when the text *sells* or scams.',
  '',
  '- ads and prizes',
  '- [phishing](https://example.org/phishing)',
  '',
  '<script>window.__pwned = 1</script>',
].join('\n');

if (!HAS_CHROMIUM) console.warn(`skipping the people pages in a browser: ${CHROMIUM} is missing`);

describe.skipIf(!HAS_CHROMIUM)('annotate and review pages in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminToken: string;
  let link: (id?: string) => Promise<string>;
  const shots = process.env.HILO_SHOTS ?? ARTIFACTS;
  /** Each person's id (for a fresh sign-in link) and bearer session. */
  const people = new Map<string, { id: string; token: string }>();

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

  async function open(name: string): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await watchedPage(browser, { width: 1000, height: 900 });
    await page.goto(await link(people.get(name)?.id));
    return { page, errors };
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const { dir, project } = await spamHamProject(
      'e2e-people-pages',
      `name: p\nlabels: [spam, ham]\nguidelines: ${JSON.stringify(GUIDELINES)}\npeople:\n  overlap: { human: 2 }\n  controlRate: 0\n  exam: { size: 0 }\n  preAnnotate: true\n`,
    );
    await writeJsonl(
      join(dir, 'pool.jsonl'),
      Object.entries(TEXTS).map(([id, text]) => ({ id, text, truth: SECRET, gold: SECRET })),
    );
    const imported = await hilo(['import', join(dir, 'pool.jsonl'), '--project', project]);
    expect(imported.code, imported.err).toBe(0);
    ({ server, adminToken, link } = await serveProject(project, { answersPerMinute: 10_000 }));
    const store = server.project.store;
    await store.createRun(labelRun('label-1', MODEL));
    await store.addVotes(
      Object.keys(TEXTS).map((id) =>
        vote(id, MODEL, { label: 'spam', probabilities: { spam: 0.75, ham: 0.25 } }),
      ),
    );
    await invite('Ann', 'annotator');
    await invite('Ann ', 'annotator');
    await invite('Rita', 'reviewer');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows guidelines as Markdown with a <script> as text, the suggestion and progress; F flags with a comment', async () => {
    const { page, errors } = await open('Ann');
    const item = page.getByTestId('item');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).not.toContain(SECRET);
    await expect
      .poll(() => page.getByTestId('suggestion').textContent())
      .toMatch(/Machine suggestion: spam \(75% sure\).*pulls answers towards it/);
    await expect
      .poll(() => page.getByTestId('progress').textContent())
      .toBe('You: 0 / 3 · Project: 0 / 6 answers (0%)');

    await page.keyboard.press('g');
    const guidelines = page.getByTestId('guidelines');
    await expect.poll(() => guidelines.isVisible()).toBe(true);
    expect(await guidelines.locator('h3').textContent()).toBe('Spam or ham');
    expect(await guidelines.locator('strong').first().textContent()).toBe('spam');
    expect(await guidelines.locator('em').textContent()).toBe('sells');
    expect(await guidelines.locator('li').count()).toBeGreaterThanOrEqual(2);
    expect(await guidelines.locator('a').getAttribute('href')).toBe('https://example.org/phishing');
    expect(await guidelines.textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: join(shots, 'annotate-guidelines.png'), fullPage: true });
    await page.keyboard.press('Escape');

    const flagged = (await item.getAttribute('data-item-id')) ?? '';
    await page.keyboard.press('f');
    const box = page.getByLabel('What is wrong with this item?');
    await expect.poll(() => box.isVisible()).toBe(true);
    await box.fill('Half of it is in French');
    await page.screenshot({ path: join(shots, 'annotate-flag.png'), fullPage: true });
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toMatch(/Flagged for a reviewer/);
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('progress').textContent()).toMatch(/^You: 1 \/ 3 · /);
    await page.screenshot({ path: join(shots, 'annotate-progress.png'), fullPage: true });
    const entry = await server.project.store.people.getQueueEntry(flagged);
    expect(entry?.reviewReason).toBe('flagged: Half of it is in French');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('review shows only the project’s fields, names the voters and the flag, and settles with the keyboard', async () => {
    // The two Anns answer every item the other way round, so each is disputed (the first Ann's
    // page still holds a lease on the item it fetched ahead, which she answers here too).
    for (const [name, label] of [
      ['Ann', 'ham'],
      ['Ann ', 'spam'],
    ] as const) {
      const token = people.get(name)?.token ?? '';
      // Lease everything left: a reload gives back the live lease, so ask while holding them.
      const held: string[] = [];
      for (;;) {
        const query = held.map((id) => `holding=${encodeURIComponent(id)}`).join('&');
        const { item } = (await call(token, 'GET', `/api/next${query ? `?${query}` : ''}`)) as {
          item: { itemId: string } | null;
        };
        if (item === null) break;
        held.push(item.itemId);
      }
      for (const itemId of Object.keys(TEXTS)) {
        const response = await fetch(`${server.url}/api/answers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ itemId, label, timeSpentMs: 5000 }),
        });
        // 409: already answered (the flagged item, in the first test).
        expect([200, 409]).toContain(response.status);
      }
    }
    const { page, errors } = await open('Rita');
    const items = page.getByTestId('review-item');
    await expect.poll(() => items.count()).toBe(3);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain(SECRET);
    expect(await page.locator('dt').allTextContents()).toEqual(['text', 'text', 'text']);
    const [ann1, ann2] = [people.get('Ann')?.id, people.get('Ann ')?.id];
    const votes = (await items.first().getByTestId('votes').textContent()) ?? '';
    expect(votes).toMatch(new RegExp(`Ann \\((${ann1}|${ann2})\\) → (spam|ham)`));
    expect(await page.getByTestId('comments').textContent()).toMatch(
      /Ann \(\w+\): Half of it is in French/,
    );
    expect(await page.getByTestId('review-keys').textContent()).toMatch(
      /1–2 pick a label · Enter settle · J\/N next item · K previous item/,
    );
    await page.screenshot({ path: join(shots, 'review-keys.png'), fullPage: true });

    const second = (await items.nth(1).getAttribute('data-item-id')) ?? '';
    await page.keyboard.press('j');
    await expect.poll(() => items.nth(1).getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId('review-choice').textContent()).toMatch(/“ham”/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(`Item ${second} settled as “ham”.`);
    await expect.poll(() => items.count()).toBe(2);
    const decision = (await server.project.store.listDecisions({ itemIds: [second] }))[0];
    expect(decision).toMatchObject({ label: 'ham', decidedBy: 'reviewer' });
    await page.keyboard.press('k');
    await page.keyboard.press('1');
    const first = (await items.first().getAttribute('data-item-id')) ?? '';
    await page.keyboard.press('Enter');
    await expect.poll(() => items.count()).toBe(1);
    expect((await server.project.store.listDecisions({ itemIds: [first] }))[0]?.label).toBe('spam');
    await page.screenshot({ path: join(shots, 'review-settled.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
