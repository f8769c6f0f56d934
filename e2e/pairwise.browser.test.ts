import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

/** Synthetic pairs; the system fields hold names no page may show. */
const PAIRS: Record<string, { prompt: string; a: string; b: string }> = {
  q1: {
    prompt: 'How many legs does a spider have?',
    a: 'A spider has eight legs, arranged in four pairs.',
    b: 'Six.',
  },
  q2: {
    prompt: 'Name the capital of Australia.',
    a: 'Sydney.',
    b: 'Canberra is the capital of Australia.',
  },
  q3: { prompt: 'What is 12 × 12?', a: '144', b: '144.' },
};
const SYSTEMS = ['SYSTEM-ALPHA', 'SYSTEM-BETA'];

if (!HAS_CHROMIUM) console.warn(`skipping the pairwise pages: ${CHROMIUM} is missing`);

describe.skipIf(!HAS_CHROMIUM)('a pairwise-preference project in a real browser', () => {
  let project: KindProject;
  let browser: Browser;
  let ann: { id: string; token: string };
  let bob: { id: string; token: string };
  let rita: { id: string; token: string };

  beforeAll(async () => {
    project = await serveKindProject(
      'e2e-pairwise',
      [
        'name: p',
        'kind: pairwise',
        'labels:',
        '  - { name: a, description: Response A answers better }',
        '  - { name: b, description: Response B answers better }',
        '  - { name: tie, description: Both answer equally well }',
        'pairwise: { systemA: model_a, systemB: model_b }',
        'people:',
        '  overlap: { human: 2 }',
        '  controlRate: 0',
        '  exam: { size: 0 }',
        '  rules: { fastCount: 0, sameLabelRun: 0 }',
        '',
      ].join('\n'),
      {
        pool: Object.entries(PAIRS).map(([id, pair]) => ({
          id,
          ...pair,
          model_a: SYSTEMS[0],
          model_b: SYSTEMS[1],
        })),
      },
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

  const shownId = async (page: Page) => {
    const item = page.getByTestId('item');
    await item.waitFor();
    return (await item.getAttribute('data-item-id')) ?? '';
  };

  it('shows the prompt over the two responses side by side, never a system, and takes A / B / T by key', async () => {
    const { page, errors } = await project.open(browser, ann.id);
    const verdicts: Record<string, string> = { q1: 'a', q2: 'b', q3: 'tie' };
    // Each pair's keys: the first picks a verdict, the second changes it to the one sent.
    const keys: Record<string, string[]> = { q1: ['t', 'a'], q2: ['1', '2'], q3: ['b', '3'] };
    const words: Record<string, string> = { a: 'A better', b: 'B better', tie: 'tie' };
    const seen: string[] = [];
    for (let n = 0; n < 3; n++) {
      const id = await shownId(page);
      seen.push(id);
      const pair = PAIRS[id] ?? { prompt: '?', a: '?', b: '?' };
      expect(await page.getByTestId('pair-prompt').textContent()).toBe(`Prompt${pair.prompt}`);
      expect(await page.getByTestId('response-a').textContent()).toBe(`Response A${pair.a}`);
      expect(await page.getByTestId('response-b').textContent()).toBe(`Response B${pair.b}`);
      const html = await page.content();
      for (const hidden of [...SYSTEMS, 'model_a', 'model_b']) expect(html).not.toContain(hidden);
      const a = await page.getByTestId('response-a').boundingBox();
      const b = await page.getByTestId('response-b').boundingBox();
      expect(a && b && Math.abs(a.y - b.y) < 1 && a.x + a.width <= b.x).toBe(true);
      expect(await page.getByTestId('verdicts').textContent()).toBe('A A betterT tieB B better');
      if (n === 0) await page.screenshot({ path: join(KIND_SHOTS, 'pairwise-annotate.png') });
      for (const key of keys[id] ?? []) await page.keyboard.press(key);
      await expect
        .poll(() => page.locator('[data-testid=verdicts] button.chosen').textContent(), POLL)
        .toContain(words[verdicts[id] ?? '']);
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('status').textContent(), POLL)
        .toBe(`${n + 1} answered`);
    }
    expect(seen.sort()).toEqual(['q1', 'q2', 'q3']);
    await page.getByTestId('empty').waitFor();
    const votes = await project.server.project.store.listVotes({ source: `human:${ann.id}` });
    expect(Object.fromEntries(votes.map((v) => [v.itemId, v.label]))).toEqual(verdicts);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stacks the two responses on a narrow screen', async () => {
    const id = await leaseNext(project, bob.token);
    expect(id).not.toBeNull();
    const { page, errors } = await project.open(browser, bob.id, NARROW);
    await shownId(page);
    const a = await page.getByTestId('response-a').boundingBox();
    const b = await page.getByTestId('response-b').boundingBox();
    expect(a && b && a.y + a.height <= b.y && Math.abs(a.x - b.x) < 1).toBe(true);
    await page.screenshot({
      path: join(KIND_SHOTS, 'pairwise-annotate-narrow.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a reviewer sees each vote as a verdict and settles a disputed pair with T', async () => {
    // Bob disagrees with Ann on every pair: all three go to review.
    const against: Record<string, string> = { q1: 'b', q2: 'a', q3: 'a' };
    for (
      let id = await leaseNext(project, bob.token);
      id !== null;
      id = await leaseNext(project, bob.token)
    )
      await project.call(bob.token, 'POST', '/api/answers', {
        itemId: id,
        label: against[id],
        timeSpentMs: 4000,
      });
    const { page, errors } = await project.open(browser, rita.id);
    const items = page.getByTestId('review-item');
    await expect.poll(() => items.count(), POLL).toBe(3);
    const q2 = page.locator('[data-item-id=q2]');
    expect(await q2.getByTestId('votes').textContent()).toBe(
      'Votes: Ann → B better, Bob → A better',
    );
    expect(await q2.getByTestId('response-b').textContent()).toBe(`Response B${PAIRS.q2?.b}`);
    expect(await page.getByTestId('review-keys').textContent()).toContain('A/B/T pick a verdict');
    await page.screenshot({ path: join(KIND_SHOTS, 'pairwise-review.png'), fullPage: true });
    const first = (await items.first().getAttribute('data-item-id')) ?? '';
    await page.keyboard.press('t');
    await expect
      .poll(() => page.getByTestId('review-choice').textContent(), POLL)
      .toBe('Enter settles as “tie”.');
    await page.keyboard.press('Enter');
    await expect.poll(() => items.count(), POLL).toBe(2);
    expect(await page.getByRole('status').textContent()).toBe(`Item ${first} settled as “tie”.`);
    const decisions = await project.server.project.store.listDecisions({ itemIds: [first] });
    expect(decisions.find((d) => d.decidedBy === 'reviewer')?.label).toBe('tie');
    await page.setViewportSize(NARROW);
    await page.screenshot({ path: join(KIND_SHOTS, 'pairwise-review-narrow.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
