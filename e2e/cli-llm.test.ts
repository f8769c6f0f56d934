import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../src/testing/fakes/fake-openai-server.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TEXTS = [
  'you win a prize, this is spam',
  'lunch at noon? ham here',
  'spam offer now',
  'meeting moved, ham',
];

async function project(items: number): Promise<{ dir: string; projectDir: string }> {
  const dir = await tempDir('e2e-llm');
  const projectDir = join(dir, 'p');
  await hilo(['init', projectDir, '--labels', 'spam,ham']);
  await writeJsonl(
    join(dir, 'pool.jsonl'),
    Array.from({ length: items }, (_, i) => ({
      id: `m${String(i).padStart(4, '0')}`,
      text: `${TEXTS[i % TEXTS.length]} (${i})`,
    })),
  );
  expect((await hilo(['import', join(dir, 'pool.jsonl'), '--project', projectDir])).code).toBe(0);
  return { dir, projectDir };
}

describe('hilo label --labeller llm over an OpenAI-compatible server', () => {
  it('stores logprob distributions, tokens and cost; a dry run sends nothing', async () => {
    server = await startFakeOpenAiServer();
    const { projectDir } = await project(8);
    const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test' };
    const dry = await hilo(
      [
        'label',
        '--labeller',
        'llm',
        '--model',
        'gpt-4o-mini',
        '--dry-run',
        '--project',
        projectDir,
      ],
      env,
    );
    expect(dry.out).toMatch(/dry run .*8 items, about [\d,]+ prompt tokens .*\$\d/);
    expect(server.requestCount).toBe(0);

    const run = await hilo(
      ['label', '--labeller', 'llm', '--model', 'gpt-4o-mini', '--project', projectDir],
      env,
    );
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('8 labelled');
    expect(server.requestCount).toBe(8);
    const body = server.requests[0] as unknown as Record<string, unknown>;
    expect(body).toMatchObject({ logprobs: true, top_logprobs: 20, temperature: 0 });

    const store = await openSqliteStore({ path: join(projectDir, 'hilo.db') });
    const votes = await store.listVotes({ sourcePrefix: 'llm:' });
    await store.close();
    expect(votes).toHaveLength(8);
    for (const vote of votes) {
      expect(vote.method).toBe('logprobs');
      expect(Object.keys(vote.probabilities ?? {}).sort()).toEqual(['ham', 'spam']);
      expect(vote.otherMass).toBeGreaterThan(0);
      expect(vote.tokensIn).toBeGreaterThan(0);
      expect(vote.costUsd).toBeGreaterThan(0);
    }
    expect(votes.find((v) => v.itemId === 'm0000')?.label).toBe('spam');
    expect(votes.find((v) => v.itemId === 'm0001')?.label).toBe('ham');
  });

  it('a run killed half-way resumes and sends no answered request again', async () => {
    server = await startFakeOpenAiServer({ latencyMs: 40 });
    const items = 60;
    const { projectDir } = await project(items);
    // A short lease: the resumed run takes over the killed worker's leased items a second later.
    const yaml = join(projectDir, 'hilo.yaml');
    await writeFile(
      yaml,
      (await readFile(yaml, 'utf8')).replace(/leaseSeconds: \d+/, 'leaseSeconds: 1'),
    );
    const env = { ...process.env, OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test' };
    const args = [
      '--import',
      'tsx',
      join(import.meta.dirname, 'run-cli.ts'),
      'label',
      '--labeller',
      'llm',
      '--model',
      'gpt-4o-mini',
      '--concurrency',
      '4',
      '--project',
      projectDir,
    ];
    const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
    const started = Date.now();
    while (server.requestCount < 20 && Date.now() - started < 90_000)
      await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const beforeResume = server.requestCount;
    expect(beforeResume).toBeGreaterThanOrEqual(20);
    expect(beforeResume).toBeLessThan(items);

    const resumed = await hilo(
      [
        'label',
        '--labeller',
        'llm',
        '--model',
        'gpt-4o-mini',
        '--concurrency',
        '4',
        '--project',
        projectDir,
      ],
      { OPENAI_BASE_URL: server.url },
    );
    expect(resumed.code, resumed.err).toBe(0);
    // Every item was asked once; only requests still in flight at the kill (≤ concurrency) may repeat.
    const bodies = server.requests.map((b) => JSON.stringify(b));
    const repeats = bodies.length - new Set(bodies).size;
    expect(repeats).toBeLessThanOrEqual(4);
    expect(new Set(bodies).size).toBe(items);
    const store = await openSqliteStore({ path: join(projectDir, 'hilo.db') });
    const votes = await store.listVotes({ sourcePrefix: 'llm:' });
    await store.close();
    expect(new Set(votes.map((v) => v.itemId)).size).toBe(items);
    expect(votes).toHaveLength(items);
  }, 180_000);

  it('stops cleanly on Ctrl-C with code 130, and quits at once on a second', async () => {
    server = await startFakeOpenAiServer({ latencyMs: 40 });
    const items = 200;
    const { projectDir } = await project(items);
    const env = { ...process.env, OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test' };
    const label = (url: string) =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'run-cli.ts'),
          'label',
          '--labeller',
          'llm',
          '--model',
          'gpt-4o-mini',
          '--concurrency',
          '2',
          '--project',
          projectDir,
        ],
        { env: { ...env, OPENAI_BASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    const waitFor = async (requests: number) => {
      const started = Date.now();
      while (server && server.requestCount < requests && Date.now() - started < 90_000)
        await new Promise((r) => setTimeout(r, 10));
    };

    const child = label(server.url);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await waitFor(10);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(err).toMatch(/stopping after the requests in flight/);
    expect(out).toMatch(/^stopped: \d+ labelled/);
    expect(server.requestCount).toBeLessThan(items);

    // With answers that take seconds, the first Ctrl-C waits for them and the second quits.
    const slow = await startFakeOpenAiServer({ latencyMs: 5000 });
    try {
      const again = label(slow.url);
      let againOut = '';
      let againErr = '';
      again.stdout.on('data', (d: Buffer) => (againOut += d.toString()));
      again.stderr.on('data', (d: Buffer) => (againErr += d.toString()));
      const againExited = new Promise<number | null>((r) => again.once('exit', (code) => r(code)));
      const started = Date.now();
      while (slow.requestCount < 1 && Date.now() - started < 90_000)
        await new Promise((r) => setTimeout(r, 10));
      const interrupted = Date.now();
      again.kill('SIGINT');
      while (!againErr.includes('stopping') && Date.now() - started < 90_000)
        await new Promise((r) => setTimeout(r, 10));
      again.kill('SIGINT');
      expect(await againExited).toBe(130);
      expect(Date.now() - interrupted).toBeLessThan(4000); // the answers in flight take 5 s
      expect(againOut).not.toMatch(/stopped:/);
    } finally {
      await slow.close();
    }
  }, 180_000);
});
