import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { hilo, tempDir, writeJsonl } from './cli-harness.js';

const url = process.env.HILO_LLAMA_URL;
if (!url)
  console.warn(
    'e2e/cli-llama-server: HILO_LLAMA_URL is not set; skipped (.ci/run starts a real llama-server)',
  );

describe.skipIf(!url)('hilo label --labeller llm against a real llama-server', () => {
  it('stores a vote for every item: a distribution or an abstention with its reason, with tokens counted', async () => {
    const dir = await tempDir('llama');
    const project = join(dir, 'p');
    await hilo(['init', project, '--labels', 'spam,ham']);
    // The tiny random-weight model rambles; a one-token answer keeps the run short.
    const yaml = join(project, 'hilo.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/maxTokens: \d+/, 'maxTokens: 1'));
    const texts = [
      'win a free prize now',
      'see you at lunch',
      'claim your reward',
      'call me later',
      'urgent offer',
    ];
    await writeJsonl(
      join(dir, 'pool.jsonl'),
      texts.map((text, i) => ({ id: `m${i}`, text })),
    );
    await hilo(['import', join(dir, 'pool.jsonl'), '--project', project]);
    const run = await hilo(
      ['label', '--labeller', 'llm', '--model', 'tiny', '--project', project],
      { OPENAI_BASE_URL: `${url}/v1` },
    );
    expect(run.code, run.err).toBe(0);
    const store = await openSqliteStore({ path: join(project, 'hilo.db') });
    const votes = await store.listVotes({ sourcePrefix: 'llm:tiny#' });
    await store.close();
    expect(votes).toHaveLength(texts.length);
    for (const vote of votes) {
      if (vote.label === null) expect(vote.abstainReason).toMatch(/\S/);
      else
        expect(Object.values(vote.probabilities ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(
          1,
          6,
        );
    }
    expect(votes.some((v) => v.tokensIn > 0)).toBe(true);
  }, 120_000);
});
