import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningServer } from '../src/compose/index.js';
import { bearerSession, serveProject, watchedPage } from './browser-harness.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

/** Screenshots of the pages of each task kind, to look at by eye at desktop and narrow widths. */
export const KIND_SHOTS = '/tmp/shots-ui';
const DESKTOP = { width: 1200, height: 900 };
export const NARROW = { width: 390, height: 844 };
/** How long a page may take to show what a test waits for, on a machine busy with other work. */
export const POLL = { timeout: 15_000, interval: 100 };

/** A served project of one task kind, with the API as each invited person calls it. */
export interface KindProject {
  readonly server: RunningServer;
  /** A fresh single-use sign-in link for a person (the admin by default). */
  link(id?: string): Promise<string>;
  /** Invites a person, who signs in as an API client; returns their id and bearer token. */
  invite(name: string, role: 'annotator' | 'reviewer'): Promise<{ id: string; token: string }>;
  /** One API call with a bearer token; expects 200 and returns the JSON body. */
  call(token: string, method: string, path: string, body?: unknown): Promise<unknown>;
  /** A page of `browser` at `viewport`, signed in with a fresh link of the person. */
  open(
    browser: Browser,
    id: string,
    viewport?: typeof DESKTOP,
  ): Promise<{ page: Page; errors: string[] }>;
}

/** Rows to import, by role. */
type Rows = Partial<Record<'pool' | 'control', readonly Record<string, unknown>[]>>;

/**
 * `hilo init`, then `yaml` as hilo.yaml, the rows imported by role, and `hilo serve` with its
 * admin signed in. Answers at test speed are allowed (the speed rule belongs in `yaml`).
 */
export async function serveKindProject(
  prefix: string,
  yaml: string,
  rows: Rows,
): Promise<KindProject> {
  mkdirSync(KIND_SHOTS, { recursive: true });
  const dir = await tempDir(prefix);
  const project = join(dir, 'p');
  expect((await hilo(['init', project, '--labels', 'x,y'])).code).toBe(0);
  await writeFile(join(project, 'hilo.yaml'), yaml);
  for (const [role, list] of Object.entries(rows)) {
    const file = await writeJsonl(join(dir, `${role}.jsonl`), list);
    const imported = await hilo(['import', file, '--project', project, '--role', role]);
    expect(imported.code, imported.err).toBe(0);
  }
  const served = await serveProject(project, { answersPerMinute: 10_000 });
  const { server, adminToken } = served;
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBe(200);
    return (await response.json()) as unknown;
  };
  const invite = async (name: string, role: 'annotator' | 'reviewer') => {
    const created = (await call(adminToken, 'POST', '/api/annotators', { name, role })) as {
      id: string;
      token: string;
    };
    return { id: created.id, token: await bearerSession(server.url, created.token) };
  };
  const open = async (browser: Browser, id: string, viewport = DESKTOP) => {
    const watched = await watchedPage(browser, viewport);
    await watched.page.goto(await served.link(id));
    return watched;
  };
  return { server, link: served.link, invite, call, open };
}

/** Leases the person's next item through the API, or null when none is left. */
export async function leaseNext(project: KindProject, token: string): Promise<string | null> {
  const { item } = (await project.call(token, 'GET', '/api/next')) as {
    item: { itemId: string } | null;
  };
  return item?.itemId ?? null;
}
