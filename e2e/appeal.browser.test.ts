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

const PROJECT = [
  'name: p',
  'labels:',
  '  - { name: spam, description: "Sells or scams." }',
  '  - { name: ham, description: "Anything a person would want." }',
  'guidelines: "Read the whole message first.\\n\\nA message is spam when it sells something nobody asked for."',
  'people:',
  '  controlRate: 1',
  '  exam: { size: 0 }',
  '',
].join('\n');

if (!HAS_CHROMIUM) console.warn(`skipping the appeal flow in a browser: ${CHROMIUM} is missing`);

describe.skipIf(!HAS_CHROMIUM)('feedback and appeals in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    const { dir, project } = await spamHamProject('e2e-appeal', PROJECT);
    await writeJsonl(join(dir, 'control.jsonl'), [
      { id: 'c1', text: 'Meet the new pricing page', label: 'spam' },
    ]);
    const imported = await hilo([
      'import',
      join(dir, 'control.jsonl'),
      '--project',
      project,
      '--role',
      'control',
    ]);
    expect(imported.code, imported.err).toBe(0);
    const served = await serveProject(project, { answersPerMinute: 10_000 });
    server = served.server;
    for (const [name, role] of [
      ['Ada', 'annotator'],
      ['Rita', 'reviewer'],
    ] as const) {
      const response = await fetch(`${server.url}/api/annotators`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${served.adminToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name, role }),
      });
      tokens.set(name, ((await response.json()) as { token: string }).token);
    }
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a wrong control answer shows why and can be appealed; a reviewer upholds it and fixes the gold', async () => {
    const ada = await watchedPage(browser, { width: 1000, height: 800 });
    await ada.page.goto(`${server.url}/#invite=${tokens.get('Ada') ?? ''}`);
    await ada.page.getByTestId('item').waitFor();
    await ada.page.waitForTimeout(300);
    await ada.page.keyboard.press('2'); // ham; the gold label says spam
    await ada.page.keyboard.press('Enter');
    const feedback = ada.page.getByTestId('feedback');
    await feedback.waitFor();
    expect(await feedback.textContent()).toContain(
      'The expected answer was “spam”: Sells or scams.',
    );
    expect(await ada.page.getByTestId('feedback-guideline').textContent()).toBe(
      'A message is spam when it sells something nobody asked for.',
    );
    await feedback.getByRole('button', { name: 'Appeal' }).click();
    // Typing in the comment box does not answer items with the number keys.
    await ada.page.getByLabel('appeal comment').fill('It announces a page; it sells nothing 1 2.');
    await ada.page.screenshot({ path: join(ARTIFACTS, 'appeal-feedback.png') });
    await feedback.getByRole('button', { name: 'Send appeal' }).click();
    await expect
      .poll(() => ada.page.getByTestId('appeal-sent').textContent())
      .toBe('Appeal sent: a reviewer will look at it.');
    await ada.page.screenshot({ path: join(ARTIFACTS, 'appeal-sent.png') });
    expect(ada.errors).toEqual([]);

    const rita = await watchedPage(browser, { width: 1000, height: 900 });
    await rita.page.goto(`${server.url}/#invite=${tokens.get('Rita') ?? ''}`);
    const appeal = rita.page.getByTestId('appeal');
    await expect.poll(() => appeal.count()).toBe(1);
    const text = (await appeal.textContent()) ?? '';
    expect(text).toContain('Ada answered “ham” to this control; the gold label is “spam”.');
    expect(text).toContain('Meet the new pricing page');
    expect(text).toContain('It announces a page; it sells nothing 1 2.');
    await appeal.getByLabel('appeal note').fill('Right: the gold was wrong.');
    await rita.page.screenshot({ path: join(ARTIFACTS, 'appeal-review.png'), fullPage: true });
    await appeal.getByRole('button', { name: 'Uphold: gold was wrong' }).click();
    await expect.poll(() => appeal.count()).toBe(0);
    expect(await rita.page.getByTestId('appeals').getByRole('status').textContent()).toBe(
      'Appeal of Ada on item c1 upheld, gold label fixed.',
    );
    await rita.page.screenshot({ path: join(ARTIFACTS, 'appeal-settled.png'), fullPage: true });
    expect(rita.errors).toEqual([]);

    const people = server.project.store.people;
    const adaRow = (await people.listAnnotators()).find((a) => a.name === 'Ada');
    expect(adaRow).toMatchObject({ controlsSeen: 1, controlsCorrect: 1 });
    expect(await people.listAppeals({})).toMatchObject([
      { itemId: 'c1', state: 'upheld', note: 'Right: the gold was wrong.' },
    ]);
    expect((await server.project.store.getItem('c1'))?.goldLabel).toBe('ham');
  }, 120_000);
});
