import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hilo, tempDir } from './cli-harness.js';

const KINDS = join(import.meta.dirname, '..', 'src', 'testing', 'fixtures', 'kinds');
const EMOTIONS =
  'admiration,amusement,anger,annoyance,approval,caring,confusion,curiosity,desire,disappointment,disapproval,disgust,embarrassment,excitement,fear,gratitude,grief,joy,love,nervousness,optimism,pride,realization,relief,remorse,sadness,surprise,neutral';

async function ok(args: string[]): Promise<string> {
  const result = await hilo(args);
  expect(result.code, result.err).toBe(0);
  return result.out;
}

/** Imports a fixture's first two thirds as gold and the rest as test, learns, labels, evaluates. */
async function learnAndEval(project: string, fixture: string, dir: string) {
  const rows = (await readFile(join(KINDS, fixture), 'utf8')).trim().split('\n');
  const cut = Math.round((rows.length * 2) / 3);
  await writeFile(join(dir, 'gold.jsonl'), rows.slice(0, cut).join('\n') + '\n');
  await writeFile(join(dir, 'test.jsonl'), rows.slice(cut).join('\n') + '\n');
  const p = ['--project', project];
  await ok(['import', join(dir, 'gold.jsonl'), '--role', 'gold', ...p]);
  await ok(['import', join(dir, 'test.jsonl'), '--role', 'test', ...p]);
  const learned = await ok(['learn', '--folds', '3', ...p]);
  await ok(['label', '--roles', 'test', ...p]);
  const text = await ok(['eval', ...p]);
  const json = JSON.parse(await ok(['eval', '--json', ...p])) as {
    scored: number;
    measure: string;
    kind: Record<string, unknown> | null;
  };
  expect(json.scored).toBe(rows.length - cut);
  return { learned, text, json };
}

describe('hilo learn and eval per task kind', () => {
  it('a multi-label project: one-vs-rest, set metrics', async () => {
    const dir = await tempDir('learn-ml');
    const project = join(dir, 'p');
    await ok(['init', project, '--kind', 'multilabel', '--labels', EMOTIONS, '--field', 'text']);
    const { learned, text, json } = await learnAndEval(project, 'goemotions-multilabel.jsonl', dir);
    expect(learned).toMatch(/cross-fitted exact-set accuracy \d/);
    expect(text).toMatch(/micro-F1 [\d.]+% {3}macro-F1 [\d.]+% {3}Hamming loss 0\.\d{4}/);
    expect(text).toMatch(/ {4}neutral: F1 /);
    expect(json.kind).toMatchObject({ kind: 'multilabel' });
    expect(json.measure).toBe('exact-set accuracy');
  });

  it('a rating project: levels as classes, errors and agreement on the scale', async () => {
    const dir = await tempDir('learn-rating');
    const project = join(dir, 'p');
    await ok([
      'init',
      project,
      '--kind',
      'rating',
      '--scale',
      '-3-1',
      '--field',
      'user',
      '--measure',
      'within-k',
    ]);
    const { learned, text, json } = await learnAndEval(project, 'convabuse-rating.jsonl', dir);
    expect(learned).toMatch(/cross-fitted accuracy within ±1 \d/);
    expect(text).toMatch(/MAE [\d.]+ {3}RMSE [\d.]+ {3}quadratic κ/);
    expect(text).toMatch(/accuracy exact [\d.]+% {3}within ±1 [\d.]+%/);
    expect(json.kind).toMatchObject({ kind: 'rating', withinK: 1 });
  });

  it('a pairwise project: verdicts per side, per-verdict F1 and ties', async () => {
    const dir = await tempDir('learn-pairwise');
    const project = join(dir, 'p');
    await ok(['init', project, '--kind', 'pairwise']);
    const { text, json } = await learnAndEval(project, 'llmfao-pairwise.jsonl', dir);
    expect(text).toMatch(/per verdict F1: a [\d.]+% \(\d+\), b [\d.]+% \(\d+\), tie/);
    expect(text).toMatch(/tie rate: trusted [\d.]+%, predicted [\d.]+%/);
    expect(json.kind).toMatchObject({ kind: 'pairwise' });
  });
});
