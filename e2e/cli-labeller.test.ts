import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../src/testing/fakes/fake-openai-server.js';
import { classifierResponder } from '../src/testing/fakes/classifier-responder.js';
import { bankingSubset, SUBSET_LABELS } from './banking-subset.js';
import { hilo, tempDir, writeJsonl, type CliResult } from './cli-harness.js';

let server: FakeOpenAiServer | undefined;
afterAll(async () => {
  await server?.close();
});

/** Every command that works on "the current labeller", as a user runs them after labelling. */
const STEPS = [['eval'], ['calibrate'], ['plan'], ['route'], ['report', '--out', 'report.html']];

/** The labeller line each step printed on stderr (one per step). */
function labellerLines(results: readonly CliResult[]): string[] {
  return results.map((r) => {
    expect(r.code, r.err).toBe(0);
    const lines = r.err.split('\n').filter((line) => line.startsWith('labeller: '));
    expect(lines).toHaveLength(1);
    return lines[0] as string;
  });
}

describe('the current labeller, along the README tour (local model, then an LLM)', () => {
  it('is the same for eval, calibrate, plan, route and report; a failed run is never it; --source wins', async () => {
    const rows = bankingSubset().slice(0, 240);
    const dir = await tempDir('labeller');
    const project = join(dir, 'bank');
    const p = ['--project', project];
    expect((await hilo(['init', project, '--labels', SUBSET_LABELS.join(',')])).code).toBe(0);
    const parts = {
      gold: rows.filter((_, i) => i % 4 < 2),
      test: rows.filter((_, i) => i % 4 === 2),
      pool: rows.filter((_, i) => i % 4 === 3).map(({ id, text }) => ({ id, text })),
    };
    for (const [role, part] of Object.entries(parts)) {
      await writeJsonl(join(dir, `${role}.jsonl`), part);
      const imported = await hilo(['import', join(dir, `${role}.jsonl`), '--role', role, ...p]);
      expect(imported.code, imported.err).toBe(0);
    }
    expect((await hilo(['learn', '--folds', '3', ...p])).code).toBe(0);
    const local = await hilo(['label', ...p]);
    expect(local.code, local.err).toBe(0);
    const run = async (extra: readonly string[] = []) => {
      const results: CliResult[] = [];
      for (const step of STEPS) results.push(await hilo([...step, ...extra, ...p], {}, dir));
      return results;
    };

    // An LLM run that fails (the provider refuses the key): it must not become the labeller.
    server = await startFakeOpenAiServer({
      respond: () => ({ type: 'error', status: 401, message: 'bad key' }),
    });
    const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'test' };
    const llmArgs = ['label', '--labeller', 'llm', '--model', 'gpt-4o-mini', ...p];
    const failed = await hilo(llmArgs, env);
    expect(failed.code).toBe(6);
    const afterFailure = await run();
    const first = labellerLines(afterFailure);
    expect(first[0]).toMatch(
      /^labeller: model:local@1 \(newest finished label run, label-1-\d{14}-[0-9a-f]{6}\)$/,
    );
    expect(new Set(first).size).toBe(1);
    for (const r of afterFailure) expect(r.out).toContain('model:local@1');

    // The same LLM labeller, now answered: its finished run makes it the current labeller.
    server.setBehaviour(classifierResponder());
    const answered = await hilo(llmArgs, env);
    expect(answered.code, answered.err).toBe(0);
    const afterLlm = await run();
    const second = labellerLines(afterLlm);
    expect(second[0]).toMatch(
      /^labeller: llm:gpt-4o-mini#[0-9a-f]+ \(newest finished label run, label-3-\d{14}-[0-9a-f]{6}\)$/,
    );
    expect(new Set(second).size).toBe(1);
    const llmSource = /labeller: (\S+)/.exec(second[0] as string)?.[1] as string;
    for (const r of afterLlm) expect(r.out).toContain(llmSource);

    // --source wins on every one of them.
    const asked = await run(['--source', 'model:local@1']);
    expect(new Set(labellerLines(asked))).toEqual(new Set(['labeller: model:local@1 (--source)']));
    for (const r of asked) {
      expect(r.out).toContain('model:local@1');
      expect(r.out).not.toContain(llmSource);
    }
  }, 240_000);
});
