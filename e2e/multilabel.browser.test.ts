import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vote } from '../src/testing/builders/index.js';
import { labelRun } from '../src/testing/builders/run-builders.js';
import { CHROMIUM, HAS_CHROMIUM, launchBrowser } from './browser-harness.js';
import {
  KIND_SHOTS,
  NARROW,
  leaseNext,
  serveKindProject,
  type KindProject,
  POLL,
} from './kind-harness.js';

/** Eleven labels, so the 10th takes 0 and the 11th the first letter key, Q. */
const LABELS = [
  'joy',
  'anger',
  'fear',
  'sadness',
  'surprise',
  'disgust',
  'love',
  'gratitude',
  'pride',
  'relief',
  'remorse',
];
/** Synthetic messages and the machine's set for each, which the page pre-ticks. */
const TEXTS: Record<string, string> = {
  e1: 'thank you so much, this made my day',
  e2: 'how dare they cancel it again',
  e3: 'I miss her and I wish I had called',
  e4: 'wow, did not see that coming',
};
const MACHINE: Record<string, string> = {
  e1: 'joy|gratitude',
  e2: 'anger',
  e3: 'sadness|remorse',
  e4: 'surprise',
};
const MODEL = 'llm:m#abc';

if (!HAS_CHROMIUM) console.warn(`skipping the multi-label pages: ${CHROMIUM} is missing`);

describe.skipIf(!HAS_CHROMIUM)('a multi-label project in a real browser', () => {
  let project: KindProject;
  let browser: Browser;
  let ann: { id: string; token: string };
  let bob: { id: string; token: string };
  let rita: { id: string; token: string };

  beforeAll(async () => {
    project = await serveKindProject(
      'e2e-multilabel',
      [
        'name: p',
        'kind: multilabel',
        `labels: [${LABELS.join(', ')}]`,
        'multilabel: { minLabels: 1, maxLabels: 3 }',
        'people:',
        '  controlRate: 0',
        '  exam: { size: 0 }',
        '  preAnnotate: true',
        '  rules: { fastCount: 0, sameLabelRun: 0 }',
        '',
      ].join('\n'),
      { pool: Object.entries(TEXTS).map(([id, text]) => ({ id, text })) },
    );
    const store = project.server.project.store;
    await store.createRun(labelRun('label-1', MODEL));
    await store.addVotes(
      Object.entries(MACHINE).map(([id, code]) =>
        vote(id, MODEL, {
          label: code,
          probabilities: Object.fromEntries(
            LABELS.map((l) => [l, code.split('|').includes(l) ? 0.9 : 0.05]),
          ),
        }),
      ),
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

  /** The labels ticked on the page, in its order. */
  const ticked = (page: Page) =>
    page
      .locator('[data-testid=set-choices] label:has(input:checked)')
      .evaluateAll((labels) =>
        labels.map((l) => (l.textContent ?? '').replace(/^\s*\S+\s+/, '').trim()),
      );

  /** The bodies the page POSTs to `path`, as they leave it (the server answers as usual). */
  function recordPosts(page: Page, path: string): unknown[] {
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith(path))
        sent.push(request.postDataJSON());
    });
    return sent;
  }

  it('pre-ticks the suggestion, toggles labels by key (1–9, 0, Q…), holds the count to its bounds and sends the set code', async () => {
    const { page, errors } = await project.open(browser, ann.id);
    const sent = recordPosts(page, '/api/answers');
    const item = page.getByTestId('item');
    await item.waitFor();
    const id = (await item.getAttribute('data-item-id')) ?? '';
    const suggested = MACHINE[id]?.split('|') ?? [];
    await expect.poll(() => ticked(page), POLL).toEqual(suggested);
    // The suggestion's confidence is the chance the whole set is right: each label's yes or no.
    const sure = LABELS.reduce((p, l) => p * (suggested.includes(l) ? 0.9 : 0.95), 1);
    expect(await page.getByTestId('suggestion').textContent()).toContain(
      `Machine suggestion: ${suggested.join(', ')} (${Math.round(100 * sure)}% sure) —`,
    );
    expect(await page.getByTestId('set-choices').locator('legend').textContent()).toBe(
      'Tick the labels that apply (1–3).',
    );
    const keyOf = (label: string) => {
      const i = LABELS.indexOf(label);
      return i < 9 ? String(i + 1) : i === 9 ? '0' : 'q';
    };
    for (const label of suggested) await page.keyboard.press(keyOf(label));
    await expect.poll(() => ticked(page), POLL).toEqual([]);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('refused').textContent(), POLL)
      .toBe('Pick at least 1 label (none picked).');
    for (const key of ['1', '0', 'Q', '2']) await page.keyboard.press(key);
    await expect.poll(() => ticked(page), POLL).toEqual(['joy', 'anger', 'relief', 'remorse']);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('refused').textContent(), POLL)
      .toBe('Pick at most 3 labels (4 picked).');
    await page.screenshot({ path: join(KIND_SHOTS, 'multilabel-refused.png') });
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId('refused').count(), POLL).toBe(0);
    await page.screenshot({ path: join(KIND_SHOTS, 'multilabel-annotate.png') });
    expect(sent).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => sent.length, POLL).toBe(1);
    expect(sent[0]).toMatchObject({ itemId: id, label: 'joy|relief|remorse' });
    const stored = async () =>
      (
        await project.server.project.store.listVotes({ itemIds: [id], source: `human:${ann.id}` })
      ).map((v) => v.label);
    await expect.poll(stored, POLL).toEqual(['joy|relief|remorse']);
    await expect.poll(() => item.getAttribute('data-item-id'), POLL).not.toBe(id);
    const next = (await item.getAttribute('data-item-id')) ?? '';
    await expect.poll(() => ticked(page), POLL).toEqual(MACHINE[next]?.split('|'));
    await page.setViewportSize(NARROW);
    await page.screenshot({
      path: join(KIND_SHOTS, 'multilabel-annotate-narrow.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a reviewer sees each set as chips and settles a flagged item with the ticked set', async () => {
    const id = (await leaseNext(project, bob.token)) ?? '';
    expect(TEXTS[id]).toBeDefined();
    const store = project.server.project.store;
    await store.addVotes([
      vote(id, `human:${ann.id}`, { label: 'joy|anger', probabilities: null }),
      vote(id, `human:${bob.id}`, { label: '', probabilities: null }),
    ]);
    await project.call(bob.token, 'POST', '/api/flags', {
      itemId: id,
      comment: 'Two emotions at once?',
    });
    const { page, errors } = await project.open(browser, rita.id);
    const settled = recordPosts(page, '/api/review/');
    const card = page.locator(`[data-testid=review-item][data-item-id=${id}]`);
    await card.waitFor();
    const votes = card.getByTestId('votes');
    expect(await votes.textContent()).toContain('Ann → joy, anger');
    expect(await votes.textContent()).toContain('Bob → no label');
    expect(await votes.locator('.chip').allTextContents()).toContain('no label');
    expect(await card.getByTestId('machine').textContent()).toMatch(
      /^Machine, chance each label applies: (\w+ 90%, ){1,2}\w+ 5%/,
    );
    expect(await page.getByTestId('review-keys').textContent()).toContain('1–Q toggle a label');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('refused').textContent(), POLL)
      .toBe('Pick at least 1 label (none picked).');
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await expect
      .poll(() => card.getByTestId('review-choice').textContent(), POLL)
      .toBe('Enter settles as “joy, fear”.');
    expect(await page.getByTestId('refused').count()).toBe(0);
    await page.screenshot({ path: join(KIND_SHOTS, 'multilabel-review.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => settled, POLL).toEqual([{ label: 'joy|fear' }]);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), POLL)
      .toBe(`Item ${id} settled as “joy, fear”.`);
    await expect.poll(() => card.count(), POLL).toBe(0);
    const decisions = await store.listDecisions({ itemIds: [id] });
    expect(decisions.find((d) => d.decidedBy === 'reviewer')?.label).toBe('joy|fear');
    await page.setViewportSize(NARROW);
    await page.screenshot({
      path: join(KIND_SHOTS, 'multilabel-review-narrow.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
