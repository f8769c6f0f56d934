import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/compose/index.js';
import {
  ARTIFACTS,
  CHROMIUM,
  HAS_CHROMIUM,
  launchBrowser,
  serveProject,
  spamHamProject,
  watchedPage,
} from './browser-harness.js';
import { hilo, writeJsonl } from './cli-harness.js';

const TEXTS: Record<string, string> = {
  k1: 'WIN a cruise, reply now',
  k2: 'lunch moved to noon',
  k3: 'your parcel is waiting, pay the fee',
};
/** Where the screenshots of this page are kept to be looked at, besides the test artefacts. */
const SHOTS = process.env.HILO_SHOTS ?? ARTIFACTS;

if (!HAS_CHROMIUM) console.warn(`skipping the Checks page in a browser: ${CHROMIUM} is missing`);

describe.skipIf(!HAS_CHROMIUM)('the reviewers’ Checks queue in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminToken: string;
  let linkFor: (id?: string) => Promise<string>;
  const people = new Map<string, string>();

  async function invite(name: string, role: string): Promise<void> {
    const res = await fetch(`${server.url}/api/annotators`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, role }),
    });
    expect(res.status).toBe(200);
    people.set(name, String(((await res.json()) as { id: string }).id));
  }

  beforeAll(async () => {
    const { dir, project } = await spamHamProject(
      'e2e-checks',
      'name: p\nlabels: [spam, ham]\npeople:\n  controlRate: 0\n  exam: { size: 0 }\n',
    );
    await writeJsonl(
      join(dir, 'pool.jsonl'),
      Object.entries(TEXTS).map(([id, text]) => ({ id, text })),
    );
    expect((await hilo(['import', join(dir, 'pool.jsonl'), '--project', project])).code).toBe(0);
    ({ server, adminToken, link: linkFor } = await serveProject(project));
    const store = server.project.store;
    // The machine accepted k1 as ham: the page must not show it.
    await store.putDecisions([
      {
        itemId: 'k1',
        label: 'ham',
        confidence: 0.93,
        probabilities: { spam: 0.07, ham: 0.93 },
        decidedBy: 'auto',
        source: 'llm:m#p',
        voteIds: [],
        zone: 'accept',
        updatedAt: '2026-12-07T00:00:00.000Z',
      },
    ]);
    await store.addChecks(
      ['k1', 'k3'].map((itemId) => ({
        itemId,
        draw: 1,
        stratum: 'ham@0.9-0.95',
        stratumSize: 3,
        probability: 2 / 3,
        drawnAt: '2026-12-07T00:00:00.000Z',
      })),
    );
    await invite('Rita', 'reviewer');
    await invite('Ann', 'annotator');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a reviewer answers checks with the keyboard, without seeing the machine’s label, and the answer is the final label', async () => {
    const { page, errors } = await watchedPage(browser, { width: 1000, height: 800 });
    await page.goto(await linkFor(people.get('Rita')));
    await page.getByRole('button', { name: 'Checks' }).click();
    const check = page.getByTestId('check');
    await expect.poll(() => check.getAttribute('data-item-id')).toBe('k1');
    expect(await check.locator('dd').first().textContent()).toBe(TEXTS.k1);
    expect(await page.getByTestId('checks-status').textContent()).toContain(
      '2 waiting, 0 labelled',
    );
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toMatch(/0\.93|93%|accept|auto|ham@/);
    await page.screenshot({ path: join(SHOTS, 'checks-queue.png') });

    await page.keyboard.press('1');
    expect(await check.getByRole('button', { name: 'spam' }).getAttribute('class')).toBe('chosen');
    await page.keyboard.press('Enter');
    await expect.poll(() => check.getAttribute('data-item-id')).toBe('k3');
    expect(await page.getByTestId('checks-done').textContent()).toBe(
      'Item k1: “spam” kept as its expert label.',
    );
    const [decision] = await server.project.store.listDecisions({ itemIds: ['k1'] });
    expect(decision).toMatchObject({ label: 'spam', decidedBy: 'expert', zone: 'accept' });
    expect((await server.project.store.listChecks({ labelled: true }))[0]).toMatchObject({
      itemId: 'k1',
      label: 'spam',
      labelledBy: `reviewer:${people.get('Rita') ?? ''}`,
    });
    await page.screenshot({ path: join(SHOTS, 'checks-answered.png') });

    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('checks-empty').count()).toBe(1);
    expect(await page.getByTestId('checks-status').textContent()).toContain(
      '0 waiting, 2 labelled',
    );
    await page.screenshot({ path: join(SHOTS, 'checks-empty.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a plain annotator is never offered the Checks queue', async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(await linkFor(people.get('Ann')));
    await expect.poll(() => page.getByRole('button', { name: 'Annotate' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Checks' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
