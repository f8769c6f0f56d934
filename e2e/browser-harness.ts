import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { serveProject as serve, WEB_ROOT, type RunningServer } from '../src/compose/index.js';
import { hilo, tempDir } from './cli-harness.js';

/** Debian's chromium, which `.ci/run` installs when it is absent. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Screenshots kept as test artefacts. */
export const ARTIFACTS = join(import.meta.dirname, 'artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium, after building the web UI if it was never built. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(WEB_ROOT, 'index.html')))
    execFileSync('npx', ['vite', 'build', 'web', '--logLevel', 'warn'], { stdio: 'inherit' });
  return launchChromium();
}

/** Headless Chromium as every browser test runs it. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** `hilo serve` with its first admin signed in, as a browser or script would reach it. */
export interface ServedProject {
  readonly server: RunningServer;
  /** The admin's session token, for `Authorization: Bearer …` (the printed link is used up). */
  readonly adminToken: string;
  /** A fresh single-use invitation link for a person (the admin by default). */
  link(id?: string): Promise<string>;
}

/**
 * `hilo serve` on a free loopback port. Its first admin's printed link is redeemed once, for a
 * bearer session; every page that signs in opens a link of its own from `link()`.
 */
export async function serveProject(
  dir: string,
  rateLimits?: { answersPerMinute?: number },
): Promise<ServedProject> {
  const server = await serve({
    dir,
    env: {},
    host: '127.0.0.1',
    port: 0,
    ...(rateLimits ? { rateLimits } : {}),
  });
  const invitation = /invite=([\w-]+)/.exec(server.adminLink ?? '')?.[1] ?? '';
  const adminToken = await bearerSession(server.url, invitation);
  const adminId = server.firstAdmin?.id ?? '';
  const link = async (id = adminId) => {
    const res = await fetch(`${server.url}/api/annotators/${id}/invitation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(res.status, 'a new invitation link').toBe(200);
    const { token } = (await res.json()) as { token: string };
    return `${server.url}/#invite=${token}`;
  };
  return { server, adminToken, link };
}

/** Redeems an invitation token as an API client does, for a bearer session token. */
export async function bearerSession(url: string, invitation: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: invitation, bearer: true }),
  });
  expect(res.status, 'signing in with an invitation').toBe(200);
  return ((await res.json()) as { session: string }).session;
}

/** A new page that records its uncaught errors, so a test can assert there were none. */
export async function watchedPage(
  browser: Browser,
  viewport?: { width: number; height: number },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage(viewport ? { viewport } : {});
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** A new project in a temporary folder, labels spam and ham, with `yaml` as its hilo.yaml. */
export async function spamHamProject(
  prefix: string,
  yaml: string,
): Promise<{ dir: string; project: string }> {
  const dir = await tempDir(prefix);
  const project = join(dir, 'p');
  expect((await hilo(['init', project, '--labels', 'spam,ham'])).code).toBe(0);
  await writeFile(join(project, 'hilo.yaml'), yaml);
  return { dir, project };
}
