import { mkdirSync } from 'node:fs';
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

/** Screenshots of the sign-in flow, beside the test artefacts, for a person to look at. */
const SHOTS = process.env.HILO_SHOTS ?? ARTIFACTS;

if (!HAS_CHROMIUM)
  console.warn(`skipping sign-in in a browser: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!HAS_CHROMIUM)(
  'signing in with a single-use link, and out, in a real browser',
  () => {
    let server: RunningServer;
    let adminToken: string;
    let browser: Browser;

    beforeAll(async () => {
      const { dir, project } = await spamHamProject(
        'e2e-sign-in',
        'name: p\nlabels: [spam, ham]\npeople:\n  controlRate: 0\n  exam: { size: 0 }\n',
      );
      await writeJsonl(
        join(dir, 'pool.jsonl'),
        Array.from({ length: 10 }, (_, i) => ({ id: `m${i}`, text: `message ${i}` })),
      );
      const imported = await hilo(['import', join(dir, 'pool.jsonl'), '--project', project]);
      expect(imported.code, imported.err).toBe(0);
      ({ server, adminToken } = await serveProject(project));
      mkdirSync(SHOTS, { recursive: true });
      browser = await launchBrowser();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('a link signs in once; a second use is refused; signing out ends the session on the server', async () => {
      const created = await fetch(`${server.url}/api/annotators`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ada', role: 'annotator' }),
      });
      expect(created.headers.get('cache-control')).toBe('no-store');
      const link = `${server.url}/#invite=${((await created.json()) as { token: string }).token}`;

      const { page, errors } = await watchedPage(browser);
      await page.goto(link);
      await expect.poll(() => page.locator('header').textContent()).toMatch(/Ada · annotator/);
      expect(page.url()).toBe(`${server.url}/`);
      await page.screenshot({ path: join(SHOTS, 'sign-in-first-use.png') });
      const [cookie] = await page.context().cookies();
      expect(cookie).toMatchObject({ name: 'hilo_session', httpOnly: true, sameSite: 'Strict' });
      const session = cookie?.value ?? '';

      // The same link in another browser (a forwarded or leaked link): refused, and says why.
      const { page: second } = await watchedPage(browser);
      await second.goto(link);
      await expect
        .poll(() => second.getByRole('alert').textContent())
        .toBe('This invitation was already used: ask the project’s admin for a new one.');
      await second.screenshot({ path: join(SHOTS, 'sign-in-second-use.png') });
      expect(await second.context().cookies()).toEqual([]);
      await second.close();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toMatch(/^You are signed out\./);
      await page.screenshot({ path: join(SHOTS, 'signed-out.png') });
      const me = await fetch(`${server.url}/api/me`, {
        headers: { authorization: `Bearer ${session}` },
      });
      expect(me.status).toBe(401);
      await page.reload();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('Open your invitation link to sign in.');
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);

    it('a page on another site cannot lease an item with the person’s session', async () => {
      const created = await fetch(`${server.url}/api/annotators`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bob', role: 'annotator' }),
      });
      const { id, token } = (await created.json()) as { id: string; token: string };
      const { page } = await watchedPage(browser);
      await page.goto(`${server.url}/#invite=${token}`);
      await page.getByTestId('item').waitFor({ timeout: 20_000 });
      const leases = async () =>
        (await server.project.store.people.listAssignments({ annotatorId: id })).length;
      const before = await leases();
      // localhost is another site than 127.0.0.1; the browser holds Bob's session for the latter.
      const api = `${server.url}/api/next`;
      await page.goto(server.url.replace('127.0.0.1', 'localhost'));
      const statuses = await page.evaluate(async (url) => {
        const tries = [
          fetch(url, { credentials: 'include' }),
          fetch(url, { credentials: 'include', mode: 'no-cors' }),
        ];
        return Promise.all(tries.map((t) => t.then((r) => r.status).catch(() => -1)));
      }, api);
      await page.screenshot({ path: join(SHOTS, 'cross-site-refused.png') });
      // -1: the browser refused to show the answer; 0: an opaque answer; never a lease.
      expect(statuses.every((s) => s === -1 || s === 0 || s === 403)).toBe(true);
      expect(await leases()).toBe(before);
      await page.close();
    }, 60_000);
  },
);
