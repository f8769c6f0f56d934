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

/** `hilo serve` on a free loopback port, with its first admin's invitation token. */
export async function serveProject(
  dir: string,
  rateLimits?: { answersPerMinute?: number },
): Promise<{ server: RunningServer; adminToken: string }> {
  const server = await serve({
    dir,
    env: {},
    host: '127.0.0.1',
    port: 0,
    ...(rateLimits ? { rateLimits } : {}),
  });
  return { server, adminToken: /invite=([\w-]+)/.exec(server.adminLink ?? '')?.[1] ?? '' };
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
