import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAS_CHROMIUM, launchBrowser } from './browser-harness.js';
import {
  KIND_SHOTS,
  NARROW,
  leaseNext,
  serveKindProject,
  type KindProject,
  POLL,
} from './kind-harness.js';

/** A 5-level severity scale, lowest first, each level's description its anchor. */
const ANCHORS = [
  'not abusive',
  'ambiguous',
  'mildly abusive',
  'strongly abusive',
  'very strongly abusive',
];
/** Synthetic messages to rate. */
const TEXTS: Record<string, string> = {
  m1: 'thanks, that fixed it',
  m2: 'you are useless, just like the last bot',
  m3: 'whatever',
};

if (!HAS_CHROMIUM) console.warn(`skipping the rating pages: ${CHROMIUM} is missing`);

describe.skipIf(!HAS_CHROMIUM)('a rating project in a real browser', () => {
  let project: KindProject;
  let browser: Browser;
  let ann: { id: string; token: string };
  let bob: { id: string; token: string };
  let rita: { id: string; token: string };

  beforeAll(async () => {
    project = await serveKindProject(
      'e2e-rating',
      [
        'name: p',
        'kind: rating',
        'labels:',
        ...ANCHORS.map((anchor, i) => `  - { name: "${i + 1}", description: ${anchor} }`),
        'people:',
        '  overlap: { human: 2 }',
        '  controlRate: 0',
        '  exam: { size: 0 }',
        '  rules: { fastCount: 0, sameLabelRun: 0 }',
        '',
      ].join('\n'),
      { pool: Object.entries(TEXTS).map(([id, text]) => ({ id, text })) },
    );
    ann = await project.invite('Ann', 'annotator');
    bob = await project.invite('Bob', 'annotator');
    rita = await project.invite('Rita', 'reviewer');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await project?.server.close();
  });

  it('shows the scale as a row of levels with their anchors, and number keys rate', async () => {
    const { page, errors } = await project.open(browser, ann.id);
    const levels = page.getByTestId('scale').getByRole('button');
    await expect.poll(() => levels.count(), POLL).toBe(5);
    for (let i = 0; i < 5; i++)
      expect(await levels.nth(i).textContent()).toBe(`${i + 1}${ANCHORS[i]}`);
    const boxes = await Promise.all([0, 4].map((i) => levels.nth(i).boundingBox()));
    expect(boxes[0] && boxes[1] && boxes[0].y === boxes[1].y && boxes[0].x < boxes[1].x).toBe(true);
    const ratings: Record<string, string> = {};
    for (let n = 0; n < 3; n++) {
      const item = page.getByTestId('item');
      await item.waitFor();
      const id = (await item.getAttribute('data-item-id')) ?? '';
      const key = String(n + 2);
      ratings[id] = key;
      await page.keyboard.press('5');
      await page.keyboard.press(key);
      await expect
        .poll(
          () => page.locator('[data-testid=scale] button.chosen').getAttribute('aria-label'),
          POLL,
        )
        .toBe(`${key}: ${ANCHORS[n + 1]}`);
      if (n === 0) await page.screenshot({ path: join(KIND_SHOTS, 'rating-annotate.png') });
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('status').textContent(), POLL)
        .toBe(`${n + 1} answered`);
    }
    await page.getByTestId('empty').waitFor();
    const votes = await project.server.project.store.listVotes({ source: `human:${ann.id}` });
    expect(Object.fromEntries(votes.map((v) => [v.itemId, v.label]))).toEqual(ratings);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stacks the levels on a narrow screen, anchors beside them', async () => {
    expect(await leaseNext(project, bob.token)).not.toBeNull();
    const { page, errors } = await project.open(browser, bob.id, NARROW);
    const levels = page.getByTestId('scale').getByRole('button');
    await expect.poll(() => levels.count(), POLL).toBe(5);
    const [low, high] = await Promise.all([0, 4].map((i) => levels.nth(i).boundingBox()));
    expect(low && high && low.y + low.height <= high.y).toBe(true);
    await page.screenshot({ path: join(KIND_SHOTS, 'rating-annotate-narrow.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a reviewer sees each rating with its anchor and settles with a number key', async () => {
    // Bob rates every message 1: each differs from Ann's, so all three go to review.
    for (
      let id = await leaseNext(project, bob.token);
      id !== null;
      id = await leaseNext(project, bob.token)
    )
      await project.call(bob.token, 'POST', '/api/answers', {
        itemId: id,
        label: '1',
        timeSpentMs: 4000,
      });
    const { page, errors } = await project.open(browser, rita.id);
    const items = page.getByTestId('review-item');
    await expect.poll(() => items.count(), POLL).toBe(3);
    const first = items.first();
    const id = (await first.getAttribute('data-item-id')) ?? '';
    const annVote =
      (
        await project.server.project.store.listVotes({ itemIds: [id], source: `human:${ann.id}` })
      )[0]?.label ?? '';
    expect(await first.getByTestId('votes').textContent()).toBe(
      `Votes: Ann → ${annVote} — ${ANCHORS[Number(annVote) - 1]}, Bob → 1 — not abusive`,
    );
    await page.keyboard.press('4');
    await expect
      .poll(() => page.getByTestId('review-choice').textContent(), POLL)
      .toBe('Enter settles as “4 — strongly abusive”.');
    await page.screenshot({ path: join(KIND_SHOTS, 'rating-review.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => items.count(), POLL).toBe(2);
    expect(await page.getByRole('status').textContent()).toBe(
      `Item ${id} settled as “4 — strongly abusive”.`,
    );
    const decisions = await project.server.project.store.listDecisions({ itemIds: [id] });
    expect(decisions.find((d) => d.decidedBy === 'reviewer')?.label).toBe('4');
    expect(errors).toEqual([]);
    await page.close();
  });
});
