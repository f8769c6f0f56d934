import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
import { hilo } from './cli-harness.js';

interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}
interface PageDocument {
  querySelector(selector: string): PageElement | null;
}
const XSS = 'Hi <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> there';

/** Text → right label for every item the test may be shown (ids are neutral, as users' would be). */
const truth = new Map<string, string>();
const missing = !HAS_CHROMIUM;
if (missing)
  console.warn(`skipping browser tests: ${CHROMIUM} is missing (Debian: apt-get install chromium)`);

describe.skipIf(missing)('annotation in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let adminLink: () => Promise<string>;

  beforeAll(async () => {
    // Rules scaled to test time: "too fast" is under 300 ms here (3 s by default).
    const { dir, project } = await spamHamProject(
      'serve',
      `name: p\nlabels: [spam, ham]\nguidelines: "Spam sells or scams."\npeople:\n  controlRate: 0.25\n  exam: { size: 3, threshold: 0.6 }\n  rules: { fastMs: 300, fastCount: 4, fastWindow: 10, sameLabelRun: 0 }\n`,
    );
    const rows: string[] = [];
    const add = (id: string, text: string, label: string, role: string) => {
      truth.set(text, label);
      rows.push(JSON.stringify({ id, text, label: role === 'pool' ? undefined : label }));
    };
    for (let i = 0; i < 60; i++)
      add(
        `i${String(i).padStart(3, '0')}`,
        i % 3 === 0 ? `WIN a prize now ${i}` : `see you at lunch ${i}`,
        i % 3 === 0 ? 'spam' : 'ham',
        'pool',
      );
    // First in id order, so the first annotator meets it among their first task items.
    add('a000', XSS, 'ham', 'pool');
    await writeFile(join(dir, 'pool.jsonl'), rows.join('\n') + '\n');
    rows.length = 0;
    for (let i = 0; i < 6; i++)
      add(
        `i2${i}0`,
        i % 2 === 0 ? `FREE cash offer ${i}` : `meeting moved ${i}`,
        i % 2 === 0 ? 'spam' : 'ham',
        'control',
      );
    await writeFile(join(dir, 'control.jsonl'), rows.join('\n') + '\n');
    rows.length = 0;
    for (let i = 0; i < 4; i++)
      add(
        `i3${i}0`,
        i % 2 === 0 ? `claim your reward ${i}` : `dinner tonight ${i}`,
        i % 2 === 0 ? 'spam' : 'ham',
        'gold',
      );
    await writeFile(join(dir, 'gold.jsonl'), rows.join('\n') + '\n');
    for (const [file, role] of [
      ['pool', 'pool'],
      ['control', 'control'],
      ['gold', 'gold'],
    ]) {
      expect(
        (
          await hilo([
            'import',
            join(dir, `${file}.jsonl`),
            '--project',
            project,
            '--role',
            role ?? 'pool',
          ])
        ).code,
      ).toBe(0);
    }
    ({ server, link: adminLink } = await serveProject(project, { answersPerMinute: 10_000 }));
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function itemText(page: Page): Promise<{ id: string; text: string }> {
    const article = page.getByTestId('item');
    await article.waitFor();
    return {
      id: (await article.getAttribute('data-item-id')) ?? '',
      text: (await article.locator('dd').first().textContent()) ?? '',
    };
  }

  /** Answers the item on screen with the keyboard and waits for the next one. */
  async function answer(page: Page, label: string, pauseMs: number): Promise<string> {
    const { id } = await itemText(page);
    await page.waitForTimeout(pauseMs);
    await page.keyboard.press(label === 'spam' ? '1' : '2');
    await page.keyboard.press('Enter');
    await page.waitForFunction((before) => {
      // Runs in the page; this file is type-checked for Node, hence the narrow cast.
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const now = doc.querySelector('[data-testid=item]')?.getAttribute('data-item-id');
      return (
        now !== before ||
        doc.querySelector('[data-testid=status]')?.textContent?.startsWith('Suspended')
      );
    }, id);
    return id;
  }

  async function invite(name: string): Promise<string> {
    const admin = await browser.newPage();
    await admin.goto(await adminLink());
    await admin.getByLabel('name').fill(name);
    await admin.getByRole('button', { name: 'Invite' }).click();
    const link = (await admin.getByTestId('invite-link').textContent()) ?? '';
    await admin.screenshot({ path: join(ARTIFACTS, `invite-${name}.png`), fullPage: true });
    await admin.close();
    return link;
  }

  it('an invited annotator passes the exam, labels 20 items with the keyboard and meets controls; an item holding <script> and <img onerror> renders inert', async () => {
    const link = await invite('Ada');
    expect(link).toMatch(/#invite=/);
    const { page, errors } = await watchedPage(browser);
    await page.goto(link);
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Qualification/);
    await page.keyboard.press('g');
    await expect.poll(() => page.getByTestId('guidelines').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('status').textContent()).toMatch(/Qualification/);
    for (let i = 0; i < 3; i++) {
      const { text } = await itemText(page);
      await answer(page, truth.get(text) ?? 'ham', 350);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'after-exam.png') });
    const seen: string[] = [];
    let controls = 0;
    let sawXss = false;
    while (seen.length < 20) {
      const { id, text } = await itemText(page);
      if (text === XSS) {
        sawXss = true;
        await page.screenshot({ path: join(ARTIFACTS, 'inert-item.png') });
        expect(await page.getByTestId('item').locator('img, script').count()).toBe(0);
        expect(await page.getByTestId('item').locator('dd').first().textContent()).toBe(XSS);
      }
      if (id.startsWith('i2')) controls += 1;
      seen.push(await answer(page, truth.get(text) ?? 'ham', 350));
      if (seen.length === 5) {
        // Undo the last answer, then answer it again.
        await page.keyboard.press('u');
        await expect.poll(async () => (await itemText(page)).id).toBe(id);
        await answer(page, truth.get(text) ?? 'ham', 350);
      }
    }
    expect(sawXss).toBe(true);
    await expect
      .poll(() => page.evaluate(() => (globalThis as { __pwned?: number }).__pwned))
      .toBeUndefined();
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    expect(new Set(seen).size).toBe(20);
    expect(controls).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'annotate.png') });
    const votes = await server.project.store.listVotes({ sourcePrefix: 'human:' });
    expect(votes.length).toBe(23);
    expect(votes.every((v) => (v.timeSpentMs ?? 0) >= 300)).toBe(true);
    const ada = (await server.project.store.people.listAnnotators()).find((a) => a.name === 'Ada');
    expect(ada).toMatchObject({
      state: 'active',
      controlsSeen: controls,
      controlsCorrect: controls,
    });
  }, 180_000);

  it('suspends a too-fast annotator and shows it on the dashboard', async () => {
    const link = await invite('Flash');
    const page = await browser.newPage();
    await page.goto(link);
    for (let i = 0; i < 3; i++)
      await answer(page, truth.get((await itemText(page)).text) ?? 'ham', 350);
    for (let i = 0; i < 6; i++) {
      if ((await page.getByTestId('status').textContent())?.startsWith('Suspended')) break;
      await answer(page, 'ham', 0);
    }
    await expect
      .poll(() => page.getByTestId('status').textContent())
      .toMatch(/^Suspended: 4 of the last/);
    await page.screenshot({ path: join(ARTIFACTS, 'suspended.png') });
    const admin = await browser.newPage();
    await admin.goto(await adminLink());
    await expect.poll(() => admin.locator('tr[data-state=suspended]').count()).toBeGreaterThan(0);
    await expect
      .poll(() => admin.locator('main').textContent())
      .toMatch(/[1-9]\d* answers in the last hour/);
    // No machine labeller has run in this project: the plots say so instead of staying blank.
    await expect
      .poll(() => admin.getByTestId('plot-calibration').textContent())
      .toMatch(/^No calibration yet — run hilo calibrate\./);
    expect(await admin.getByTestId('plot-calibration').locator('svg').count()).toBe(0);
    await admin.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await admin.getByRole('button', { name: 'lift suspension' }).first().click();
    await expect.poll(() => admin.locator('tr[data-state=suspended]').count()).toBe(0);
  }, 180_000);

  it('a failed answer keeps the item and the choice; a failed fetch of the next item offers to try again; both then work', async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(await invite('Cleo'));
    for (let i = 0; i < 3; i++)
      await answer(page, truth.get((await itemText(page)).text) ?? 'ham', 350);
    const alert = page.getByRole('alert');

    // Sending the answer: the connection drops.
    const { id, text } = await itemText(page);
    const label = truth.get(text) ?? 'ham';
    await page.route('**/api/answers', (route) => route.abort('connectionfailed'));
    await page.waitForTimeout(350);
    await page.keyboard.press(label === 'spam' ? '1' : '2');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'Could not send the answer: the server did not answer. Check the connection, then try again.',
      );
    expect((await itemText(page)).id).toBe(id);
    expect(await page.locator('button.chosen').textContent()).toContain(label);
    await page.screenshot({ path: join(ARTIFACTS, 'annotate-answer-failed.png') });
    await page.unroute('**/api/answers');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await itemText(page)).id).not.toBe(id);
    expect(await alert.count()).toBe(0);

    // Fetching the next item (with or without ?holding=): the connection drops. The item on
    // screen was fetched ahead, so the failure shows once the one after it is needed.
    await page.route('**/api/next*', (route) => route.abort('connectionfailed'));
    await answer(page, truth.get((await itemText(page)).text) ?? 'ham', 350);
    const last = await itemText(page);
    await page.waitForTimeout(350);
    await page.keyboard.press(truth.get(last.text) === 'spam' ? '1' : '2');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'Could not load the next item: the server did not answer. Check the connection, then try again.Try again',
      );
    expect(await page.getByTestId('item').count()).toBe(0);
    expect(await page.getByText('Loading…').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'annotate-next-failed.png') });
    await page.unroute('**/api/next*');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(async () => (await itemText(page)).id).not.toBe(last.id);
    expect(await alert.count()).toBe(0);
    const cleo = (await server.project.store.people.listAnnotators()).find(
      (a) => a.name === 'Cleo',
    );
    const answered = await server.project.store.listVotes({
      sourcePrefix: `human:${cleo?.id ?? ''}`,
    });
    expect(answered.map((v) => v.itemId)).toEqual(expect.arrayContaining([id, last.id]));
    expect(answered.length).toBe(6);
    expect(errors).toEqual([]);
  }, 180_000);
});
