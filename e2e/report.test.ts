import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankingSubset, SUBSET_LABELS } from './banking-subset.js';
import { CHROMIUM, HAS_CHROMIUM, launchChromium } from './browser-harness.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

if (!HAS_CHROMIUM) {
  console.warn(
    `e2e/report.test.ts: ${CHROMIUM} is missing, so the report is not opened in a browser (apt-get install chromium)`,
  );
}

const EVIL = '<script>alert(1)</script>';
const PLOTS = [
  ['plot-confusion-matrix', 'Confusion matrix'],
  ['plot-reliability', 'Reliability diagram before and after calibration'],
  ['plot-confidence-histogram', 'Confidence histogram'],
  ['plot-accuracy-coverage', 'Accuracy–coverage curve'],
  ['plot-cost-accuracy', 'Cost–accuracy curve'],
] as const;

let dir: string;
let reportPath: string;
let page: string;

beforeAll(async () => {
  dir = await tempDir('e2e-report');
  const project = join(dir, 'bank');
  const rows = bankingSubset();
  const p = ['--project', project];
  expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
  const pool = rows.filter((_, i) => i % 3 === 2).map(({ id, text }) => ({ id, text }));
  pool.push({ id: 'evil', text: EVIL });
  await writeJsonl(
    join(dir, 'gold.jsonl'),
    rows.filter((_, i) => i % 3 === 0).map((r) => ({ ...r })),
  );
  await writeJsonl(
    join(dir, 'test.jsonl'),
    rows.filter((_, i) => i % 3 === 1).map((r) => ({ ...r })),
  );
  await writeJsonl(join(dir, 'pool.jsonl'), pool);
  for (const role of ['gold', 'test', 'pool']) {
    const imported = await hilo(['import', join(dir, `${role}.jsonl`), '--role', role, ...p]);
    expect(imported.code, imported.err).toBe(0);
  }
  expect((await hilo(['learn', '--folds', '3', ...p])).code).toBe(0);
  expect((await hilo(['label', ...p])).code).toBe(0);
  reportPath = join(dir, 'out', 'report.html');
  await hilo(['init', join(dir, 'out'), '--labels', 'a,b']); // an existing folder to write into
  const report = await hilo(['report', '--out', reportPath, ...p]);
  expect(report.code, report.err).toBe(0);
  expect(report.out).toMatch(
    /wrote .*report\.html: model:local@1 \d+\.\d% accurate .* on \d+ test items; no policy chosen yet/,
  );
  page = await readFile(reportPath, 'utf8');
});

describe('hilo report (init → import → learn → label → report, local labeller, SQLite)', () => {
  it('writes one HTML file holding every plot as inline SVG, with an id and an accessible name', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    const svgs = [...page.matchAll(/<svg\b[^>]*>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(PLOTS.length);
    PLOTS.forEach(([id, label], i) => {
      expect(svgs[i]).toContain(`id="${id}"`);
      expect(svgs[i]).toContain(`aria-label="${label}"`);
    });
    const text = page.replace(/\s+/g, ' ');
    expect(text).toContain('No routing policy has been chosen yet');
    expect(text).toContain('Accuracy on held-out items');
  });

  it('needs nothing from outside: no script, no link, no external address', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link\b|@import/i);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<[a-z][^>]*\s(?:src|href|xlink:href)\s*=/i);
    expect(page.match(/url\((?!#)/g)).toBeNull();
  });

  it('shows item text from the data escaped, never as markup', () => {
    expect(page).not.toContain(EVIL);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.skipIf(!HAS_CHROMIUM)(
    'opens offline in Chromium and renders: every plot has a size, the page is not blank (needs /usr/bin/chromium)',
    { timeout: 120_000 },
    async () => {
      const browser = await launchChromium();
      try {
        const tab = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        const requests: string[] = [];
        const errors: string[] = [];
        tab.on('request', (request) => requests.push(request.url()));
        tab.on('pageerror', (error) => errors.push(error.message));
        await tab.route(/^(?!file:|data:)/, (route) => route.abort());
        await tab.goto(`file://${reportPath}`, { waitUntil: 'load' });

        expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
        expect(errors).toEqual([]);
        expect(await tab.locator('script').count()).toBe(0);
        const boxes = await tab.$$eval('svg[id^="plot-"]', (svgs) =>
          svgs.map((svg) => {
            const box = svg.getBoundingClientRect();
            return {
              id: svg.id,
              width: box.width,
              height: box.height,
              marks: svg.querySelectorAll('rect, circle, path, line').length,
            };
          }),
        );
        expect(boxes.map((b) => b.id)).toEqual(PLOTS.map(([id]) => id));
        for (const box of boxes) {
          expect(box.width, box.id).toBeGreaterThan(200);
          expect(box.height, box.id).toBeGreaterThan(150);
          expect(box.marks, box.id).toBeGreaterThan(10);
        }
        expect(await tab.getByText(EVIL, { exact: true }).count()).toBeGreaterThan(0);

        const shot = await tab.screenshot({ path: join(dir, 'report.png'), fullPage: true });
        const stats = await pixelStats(tab, shot.toString('base64'));
        expect(stats.height).toBeGreaterThan(3000);
        // A blank or single-colour page has no spread; text and plots give plenty.
        expect(stats.stdDev).toBeGreaterThan(10);
        expect(stats.inkShare).toBeGreaterThan(0.01);
      } finally {
        await browser.close();
      }
    },
  );
});

/**
 * Pixel statistics of a PNG, decoded by the browser itself (no image library needed): the
 * standard deviation of grey levels and the share of pixels clearly darker than the background.
 */
async function pixelStats(
  tab: import('playwright-core').Page,
  base64: string,
): Promise<{ width: number; height: number; stdDev: number; inkShare: number }> {
  return tab.evaluate(async (data) => {
    // Runs in the page; the project's compiler has no DOM types, so the few used are named here.
    const page = globalThis as unknown as {
      Image: new () => {
        src: string;
        naturalWidth: number;
        naturalHeight: number;
        decode(): Promise<void>;
      };
      document: { createElement(name: 'canvas'): Canvas };
    };
    interface Canvas {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        drawImage(image: unknown, x: number, y: number): void;
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      } | null;
    }
    const image = new page.Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = page.document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let sum = 0;
    let sumSquares = 0;
    let ink = 0;
    const n = pixels.length / 4;
    for (let i = 0; i < pixels.length; i += 4) {
      const grey =
        0.299 * (pixels[i] as number) +
        0.587 * (pixels[i + 1] as number) +
        0.114 * (pixels[i + 2] as number);
      sum += grey;
      sumSquares += grey * grey;
      if (grey < 160) ink++;
    }
    const mean = sum / n;
    return {
      width: canvas.width,
      height: canvas.height,
      stdDev: Math.sqrt(sumSquares / n - mean * mean),
      inkShare: ink / n,
    };
  }, base64);
}
