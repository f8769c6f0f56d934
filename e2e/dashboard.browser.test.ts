import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/compose/index.js';
import { bankingSubset, SUBSET_LABELS } from './banking-subset.js';
import {
  ARTIFACTS,
  CHROMIUM,
  HAS_CHROMIUM,
  launchBrowser,
  serveProject,
  watchedPage,
} from './browser-harness.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

const EVIL = 'Hi <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

if (!HAS_CHROMIUM)
  console.warn(
    `skipping the dashboard in a browser: ${CHROMIUM} is missing (apt-get install chromium)`,
  );

describe.skipIf(!HAS_CHROMIUM)(
  'admin dashboard in a real browser (learn → label → calibrate → serve)',
  () => {
    let server: RunningServer;
    let adminToken: string;
    let adminLink: () => Promise<string>;
    let browser: Browser;

    beforeAll(async () => {
      const dir = await tempDir('e2e-dashboard');
      const project = join(dir, 'bank');
      const p = ['--project', project];
      expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
      const rows = bankingSubset();
      const gold = rows.filter((_, i) => i % 3 === 0);
      const pool = rows.filter((_, i) => i % 3 === 2).map(({ id, text }) => ({ id, text }));
      pool.push({ id: 'evil', text: EVIL });
      await writeJsonl(join(dir, 'gold.jsonl'), gold);
      await writeJsonl(join(dir, 'pool.jsonl'), pool);
      for (const role of ['gold', 'pool']) {
        const imported = await hilo(['import', join(dir, `${role}.jsonl`), '--role', role, ...p]);
        expect(imported.code, imported.err).toBe(0);
      }
      for (const step of [['learn', '--folds', '3'], ['label'], ['calibrate']]) {
        const done = await hilo([...step, ...p]);
        expect(done.code, `${step.join(' ')}: ${done.err}`).toBe(0);
      }
      ({ server, adminToken, link: adminLink } = await serveProject(project));
      const timed = async () => {
        const start = performance.now();
        const res = await fetch(`${server.url}/api/admin/plots`, {
          headers: { authorization: `Bearer ${adminToken}` },
        });
        expect(res.status).toBe(200);
        await res.text();
        return Math.round(performance.now() - start);
      };
      const cold = await timed();
      console.log(`GET /api/admin/plots: ${cold} ms to gather and draw, ${await timed()} ms kept`);
      browser = await launchBrowser();
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('shows the report’s calibration and cost–accuracy plots, drawn, sized and inert', async () => {
      const { page, errors } = await watchedPage(browser, { width: 1200, height: 900 });
      const started = Date.now();
      await page.goto(await adminLink());
      for (const [testId, plotId] of [
        ['plot-calibration', 'plot-reliability'],
        ['plot-cost', 'plot-cost-accuracy'],
      ] as const) {
        const svg = page.getByTestId(testId).locator(`svg#${plotId}`);
        await svg.waitFor({ timeout: 60_000 });
        const box = await svg.boundingBox();
        expect(box?.width ?? 0, testId).toBeGreaterThan(200);
        expect(box?.height ?? 0, testId).toBeGreaterThan(100);
        // Drawn, not an empty frame: the plot holds marks.
        expect(await svg.locator('circle, rect, path').count(), testId).toBeGreaterThan(5);
        expect(await page.getByTestId(testId).locator('script, foreignObject').count()).toBe(0);
      }
      console.log(`dashboard plots shown ${Date.now() - started} ms after opening the page`);
      await expect
        .poll(() => page.getByTestId('plot-calibration').textContent())
        .toMatch(/calibration/);
      await expect.poll(() => page.getByTestId('spend').textContent()).toMatch(/Spend so far \$/);
      // Machine-check flags per person: disputed / outvoted / pasted; nobody has answered yet.
      expect(await page.getByTestId('people').getByTestId('flags').first().textContent()).toBe(
        '0 / 0 / 0',
      );
      expect(await page.getByTestId('routing').textContent()).toMatch(
        /^Pool of 246 items by routing zone: 0 accepted .* 246 not routed yet\.$/,
      );
      await page.getByTestId('plot-cost').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-plots.png'), fullPage: true });
      expect(
        await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(errors).toEqual([]);
    }, 120_000);

    it('adds only inert SVG to the page, whatever the plots response holds', async () => {
      const page = await browser.newPage();
      const hostile = [
        '<svg id="plot-reliability" viewBox="0 0 100 50" width="100" height="50">',
        '<script>window.__pwned = 1</script>',
        '<image href="x" onerror="window.__pwned = 2"/>',
        '<a href="javascript:window.__pwned = 3"><text x="5" y="20" onclick="window.__pwned = 4">bins</text></a>',
        '<foreignObject><iframe src="https://example.com"></iframe></foreignObject>',
        '</svg>',
      ].join('');
      await page.route('**/api/admin/plots', (route) =>
        route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            generatedAt: null,
            source: EVIL,
            calibration: { svg: hostile, caption: EVIL },
            costAccuracy: { svg: `<img src=x onerror="window.__pwned = 5">`, caption: 'not svg' },
            routing: null,
            notes: [],
          }),
        }),
      );
      await page.goto(await adminLink());
      const figure = page.getByTestId('plot-calibration');
      await figure.locator('svg text').waitFor();
      expect(await figure.locator('svg text').textContent()).toBe('bins');
      expect(await figure.locator('script, image, foreignObject, iframe').count()).toBe(0);
      expect(await figure.locator('[onclick], [onerror], [href]').count()).toBe(0);
      expect(await figure.locator('figcaption').textContent()).toBe(EVIL);
      expect(await page.getByTestId('plot-cost').locator('img, svg').count()).toBe(0);
      await figure.locator('svg text').click();
      expect(
        await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned),
      ).toBeUndefined();
    }, 60_000);
  },
);
