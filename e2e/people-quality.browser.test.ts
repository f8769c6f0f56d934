import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/compose/index.js';
import {
  bearerSession,
  CHROMIUM,
  HAS_CHROMIUM,
  launchBrowser,
  serveProject,
  spamHamProject,
  watchedPage,
} from './browser-harness.js';
import { hilo } from './cli-harness.js';

const SHOTS = '/tmp/shots-e';
const EVIL = '<img src=x onerror="window.__pwned = 1">';

if (!HAS_CHROMIUM) console.warn(`skipping people's quality in a browser: ${CHROMIUM} is missing`);

/** A person's API credential: their invitation redeemed once for a bearer session. */
async function annotatorCredential(
  url: string,
  invitation: string,
): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await bearerSession(url, invitation)}` };
}

describe.skipIf(!HAS_CHROMIUM)('people’s quality on the dashboard, live decisions', () => {
  let server: RunningServer;
  let adminToken: string;
  let link: () => Promise<string>;
  let browser: Browser;
  let project: string;
  let dir: string;

  const call = async (path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };

  beforeAll(async () => {
    ({ dir, project } = await spamHamProject(
      'people-quality',
      'name: p\nlabels: [spam, ham]\npeople:\n  controlRate: 0.2\n  exam: { size: 0, threshold: 0 }\n  overlap: { human: 3, overlap: 3, max: 3 }\n  rules: { fastMs: 0, sameLabelRun: 0, minControls: 0 }\n',
    ));
    const rows = Array.from({ length: 16 }, (_, i) => ({
      id: `i${String(i).padStart(2, '0')}`,
      text: i % 2 === 0 ? `WIN a prize ${i}` : `lunch at noon ${i}`,
    }));
    const controls = Array.from({ length: 4 }, (_, i) => ({
      id: `c${i}`,
      text: i % 2 === 0 ? `FREE cash ${i}` : `meeting moved ${i}`,
      label: i % 2 === 0 ? 'spam' : 'ham',
    }));
    for (const [name, data, role] of [
      ['pool', rows, 'pool'],
      ['control', controls, 'control'],
    ] as const) {
      await writeFile(join(dir, `${name}.jsonl`), data.map((r) => JSON.stringify(r)).join('\n'));
      const imported = await hilo([
        'import',
        join(dir, `${name}.jsonl`),
        '--role',
        role,
        '--project',
        project,
      ]);
      expect(imported.code, imported.err).toBe(0);
    }
    ({ server, adminToken, link } = await serveProject(project, { answersPerMinute: 10_000 }));
    const admin = { authorization: `Bearer ${adminToken}` };
    // Three careful people and a careless one (wrong on every other item).
    const people = ['Ada', 'Ben', EVIL, 'Cleo'];
    for (const [p, name] of people.entries()) {
      const invited = await call('/api/annotators', admin, { name, role: 'annotator' });
      const me = await annotatorCredential(server.url, String(invited['token']));
      for (let n = 0; ; n++) {
        const next = (await call('/api/next', me))['item'] as {
          itemId: string;
          fields: { text: string };
        } | null;
        if (next === null) break;
        const spam = /WIN|FREE/.test(next.fields.text);
        const careless = p === 2 && n % 2 === 0;
        const label = spam !== careless ? 'spam' : 'ham';
        await call('/api/answers', me, { itemId: next.itemId, label, timeSpentMs: 4000 });
      }
    }
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('decides every answered item as its answers arrive, without hilo aggregate', async () => {
    const out = join(dir, 'out.jsonl');
    const exported = await hilo(['export', out, '--project', project]);
    expect(exported.code, exported.err).toBe(0);
    const rows = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; label: string; decidedBy: string });
    const pool = rows.filter((r) => r.id.startsWith('i'));
    expect(pool).toHaveLength(16);
    for (const row of pool) {
      expect(row.decidedBy, row.id).toBe('aggregated');
      expect(row.label, row.id).toBe(Number(row.id.slice(1)) % 2 === 0 ? 'spam' : 'ham');
    }
  }, 60_000);

  it('shows agreement per item, its histogram and quality over time, drawn and inert', async () => {
    const { page, errors } = await watchedPage(browser, { width: 1200, height: 900 });
    await page.goto(await link());
    for (const [testId, plotId] of [
      ['plot-agreement', 'plot-agreement'],
      ['plot-quality', 'plot-quality-time'],
    ] as const) {
      const svg = page.getByTestId(testId).locator(`svg#${plotId}`);
      await svg.waitFor({ timeout: 30_000 });
      const box = await svg.boundingBox();
      expect(box?.width ?? 0, testId).toBeGreaterThan(200);
      expect(box?.height ?? 0, testId).toBeGreaterThan(100);
      expect(await svg.locator('circle, rect, path').count(), testId).toBeGreaterThan(3);
    }
    // The careless person was wrong on every other item served: those items split 2 to 1 (agreement 1/3).
    const summary = (await page.getByTestId('agreement-summary').textContent()) ?? '';
    const [, mean, unanimous] =
      /^Agreement on 16 items answered by two or more people: mean (\d+)%, (\d+) unanimous\./.exec(
        summary,
      ) ?? [];
    const split = 16 - Number(unanimous);
    expect(split).toBeGreaterThan(3);
    // An exact half (e.g. 62.5%) may print either way once summed in floating point.
    const exact = (100 * (16 - split + split / 3)) / 16;
    expect([Math.floor(exact), Math.round(exact)]).toContain(Number(mean));
    expect(summary).toMatch(
      /This hour: control accuracy \d+% on 16 controls, agreement \d+% on 48 answers\.$/,
    );
    expect(await page.getByTestId('least-agreed').locator('tbody tr').count()).toBe(
      Math.min(10, split),
    );
    expect(await page.getByTestId('plot-quality').locator('svg text').allTextContents()).toContain(
      EVIL,
    );
    await page.getByTestId('plot-agreement').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'people-quality.png'), fullPage: true });
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  }, 60_000);
});
