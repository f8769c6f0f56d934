import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, HAS_CHROMIUM, launchBrowser } from './browser-harness.js';
import { KIND_SHOTS, NARROW, POLL, serveKindProject, type KindProject } from './kind-harness.js';

/** Synthetic pairs: one control whose gold verdict is B, and two pool pairs to check. */
const CONTROL = {
  id: 'c1',
  prompt: 'Translate "merci" to English.',
  a: 'Mercy.',
  b: 'Thank you.',
  label: 'b',
};
const POOL = [
  { id: 'k1', prompt: 'Is 17 prime?', a: 'Yes: its only divisors are 1 and 17.', b: 'No.' },
  { id: 'k2', prompt: 'Boiling point of water at sea level?', a: '100 °C', b: '90 °C' },
];

if (!HAS_CHROMIUM) console.warn(`skipping feedback and checks per kind: ${CHROMIUM} is missing`);

describe.skipIf(!HAS_CHROMIUM)('control feedback and expert checks on a pairwise project', () => {
  let project: KindProject;
  let browser: Browser;
  let ada: { id: string; token: string };
  let rita: { id: string; token: string };

  beforeAll(async () => {
    project = await serveKindProject(
      'e2e-kind-feedback',
      [
        'name: p',
        'kind: pairwise',
        'labels:',
        '  - { name: a, description: "Response A answers better." }',
        '  - { name: b, description: "Response B answers better." }',
        'people:',
        '  controlRate: 1',
        '  exam: { size: 0 }',
        '',
      ].join('\n'),
      { pool: POOL, control: [CONTROL] },
    );
    await project.server.project.store.addChecks(
      POOL.map(({ id }) => ({
        itemId: id,
        draw: 1,
        stratum: 'all',
        stratumSize: 2,
        probability: 1,
        drawnAt: '2026-12-07T00:00:00.000Z',
      })),
    );
    ada = await project.invite('Ada', 'annotator');
    rita = await project.invite('Rita', 'reviewer');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await project?.server.close();
  });

  it('a wrong verdict on a control says the expected one in words, with no tie offered', async () => {
    const { page, errors } = await project.open(browser, ada.id);
    await expect.poll(() => page.getByTestId('item').getAttribute('data-item-id'), POLL).toBe('c1');
    expect(await page.getByTestId('verdicts').textContent()).toBe('A A betterB B better');
    await page.waitForTimeout(300);
    await page.keyboard.press('t'); // no tie in this project: nothing is picked
    expect(await page.locator('[data-testid=verdicts] button.chosen').count()).toBe(0);
    await page.keyboard.press('a');
    await page.keyboard.press('Enter');
    const feedback = page.getByTestId('feedback');
    await feedback.waitFor();
    expect(await feedback.textContent()).toContain(
      'The expected answer was “B better”: Response B answers better.',
    );
    await page.screenshot({ path: join(KIND_SHOTS, 'pairwise-feedback.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an expert answers a check on a pair by key, seeing the responses side by side', async () => {
    const { page, errors } = await project.open(browser, rita.id);
    await page.getByRole('button', { name: 'Checks' }).click();
    const check = page.getByTestId('check');
    await expect.poll(() => check.getAttribute('data-item-id'), POLL).toBe('k1');
    expect(await check.getByTestId('response-a').textContent()).toBe(`Response A${POOL[0]?.a}`);
    await page.screenshot({ path: join(KIND_SHOTS, 'pairwise-checks.png') });
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => check.getAttribute('data-item-id'), POLL).toBe('k2');
    expect(await page.getByTestId('checks-done').textContent()).toBe(
      'Item k1: “A better” kept as its expert label.',
    );
    const [decision] = await project.server.project.store.listDecisions({ itemIds: ['k1'] });
    expect(decision).toMatchObject({ label: 'a', decidedBy: 'expert' });
    await page.setViewportSize(NARROW);
    await page.screenshot({ path: join(KIND_SHOTS, 'pairwise-checks-narrow.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
