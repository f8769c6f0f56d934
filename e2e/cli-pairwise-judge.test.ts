import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { biasedJudge, type JudgedPair } from '../src/testing/fakes/biased-judge.js';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../src/testing/fakes/fake-openai-server.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('hilo label on a pairwise project', () => {
  it('counts both orders in a dry run, asks both and prints the position bias it measured', async () => {
    const pairs = new Map<string, JudgedPair>();
    const rows = Array.from({ length: 6 }, (_, i) => {
      const pair = { a: `reply a${i}`, b: `reply b${i}`, pA: i % 2 === 0 ? 0.6 : 0.4 };
      pairs.set(`question ${i}`, pair);
      return { id: `p${i}`, prompt: `question ${i}`, a: pair.a, b: pair.b };
    });
    server = await startFakeOpenAiServer({ respond: biasedJudge({ pairs, firstBias: 0.5 }) });
    const dir = await tempDir('e2e-pairwise');
    const projectDir = join(dir, 'p');
    expect((await hilo(['init', projectDir, '--kind', 'pairwise'])).code).toBe(0);
    await writeJsonl(join(dir, 'pairs.jsonl'), rows);
    const imported = await hilo(['import', join(dir, 'pairs.jsonl'), '--project', projectDir]);
    expect(imported.code, imported.err).toBe(0);
    const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test' };
    const args = ['label', '--labeller', 'llm', '--model', 'gpt-4o-mini', '--project', projectDir];

    const dry = await hilo([...args, '--dry-run'], env);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/6 items × 2 requests, about/);
    expect(dry.out).toContain('both orders of the pairwise judge');
    expect(server.requestCount).toBe(0);

    const run = await hilo(args, env);
    expect(run.code, run.err).toBe(0);
    expect(server.requestCount).toBe(12);
    expect(run.out).toContain('6 labelled');
    // Asked once, a judge this biased always picks the first response: every verdict flips.
    expect(run.out).toContain(
      'position bias of the judge over 6 items read in both orders: 100.0% of verdicts flip when the responses are swapped; the response shown first wins 100.0% of decisive verdicts',
    );
    // Averaged over both orders, each decision names the truly better response.
    const store = await openSqliteStore({ path: join(projectDir, 'hilo.db') });
    const decisions = await store.listDecisions({});
    await store.close();
    expect(decisions.map((d) => [d.itemId, d.label])).toEqual(
      rows.map((r, i) => [r.id, i % 2 === 0 ? 'a' : 'b']),
    );
  });
});
