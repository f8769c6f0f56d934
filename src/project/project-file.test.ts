import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HiloError } from '../core/errors.js';
import { PROJECT_DEFAULTS } from '../core/project.js';
import { initProject, loadProject } from './project-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hilo-project-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const labels = [
  { name: 'spam', description: 'junk' },
  { name: 'ham', description: '' },
];

async function loadError(yaml: string): Promise<HiloError> {
  await writeFile(join(dir, 'hilo.yaml'), yaml, 'utf8');
  const error: unknown = await loadProject(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HiloError)) throw new Error(`expected a HiloError, got ${String(error)}`);
  return error;
}

describe('initProject', () => {
  it('writes every key, those it was not given at PROJECT_DEFAULTS', async () => {
    const file = await initProject(dir, { name: 'spam', labels, guidelines: 'be kind' });
    const written: unknown = parse(await readFile(file, 'utf8'));
    expect(written).toEqual({ ...PROJECT_DEFAULTS, name: 'spam', labels, guidelines: 'be kind' });
    expect(await loadProject(dir)).toEqual(written);
  });

  it('writes the fields and model it is given', async () => {
    await initProject(dir, { name: 'x', labels, guidelines: '', fields: ['title'], model: 'm1' });
    const config = await loadProject(dir);
    expect(config.fields).toEqual(['title']);
    expect(config.labeller.llm).toEqual({ ...PROJECT_DEFAULTS.labeller.llm, model: 'm1' });
  });

  it('writes a pairwise project without labels, and a rating with its options', async () => {
    await initProject(dir, { name: 'judge', kind: 'pairwise', labels: [], guidelines: '' });
    const judge = await loadProject(dir);
    expect(judge.labels.map((l) => l.name)).toEqual(['a', 'b', 'tie']);
    expect(judge.fields).toEqual(['prompt', 'a', 'b']);
    const levels = ['1', '2', '3'].map((name) => ({ name, description: '' }));
    await initProject(dir, {
      name: 'q',
      kind: 'rating',
      labels: levels,
      guidelines: '',
      rating: { measure: 'within-k', withinK: 1 },
      force: true,
    });
    expect(await loadProject(dir)).toMatchObject({
      kind: 'rating',
      rating: { measure: 'within-k' },
    });
    await expect(
      initProject(dir, {
        name: 'm',
        kind: 'multilabel',
        labels: levels,
        guidelines: '',
        multilabel: { maxLabels: 9 },
        force: true,
      }),
    ).rejects.toThrow('multilabel.maxLabels: 9 is more than the 3 labels');
  });

  it('refuses to overwrite without force', async () => {
    await initProject(dir, { name: 'x', labels, guidelines: '' });
    await expect(initProject(dir, { name: 'x', labels, guidelines: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('loadProject', () => {
  it('names the file, the path to each bad key and what it expects', async () => {
    const error = await loadError(
      'name: x\nlabels: [a, b]\nlabeller:\n  llm:\n    temperature: hot\npeople:\n  exam:\n    sise: 3\n',
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(join(dir, 'hilo.yaml'));
    expect(error.message).toContain(
      'labeller.llm.temperature: Invalid input: expected number, received string',
    );
    expect(error.message).toContain('people.exam: Unrecognized key: "sise"');
  });

  it('names the allowed values of a setting with a fixed set', async () => {
    const error = await loadError(
      'name: x\nlabels: [a, b]\nlabeller:\n  local:\n    classifier: svm\n',
    );
    expect(error.message).toContain(
      'labeller.local.classifier: Invalid option: expected one of "logistic"|"mlp"',
    );
  });

  it('refuses a kind it does not know, naming the kinds it does', async () => {
    const error = await loadError('name: x\nkind: ranking\nlabels: [a, b]\n');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(
      'kind: Invalid option: expected one of "classify"|"multilabel"|"pairwise"|"rating"',
    );
  });

  it('gives the line of a YAML syntax error', async () => {
    const error = await loadError('name: x\nlabels: [a, b\n');
    expect(error.message).toMatch(/line 3: not valid YAML/);
  });

  it('says how to create the file when there is none', async () => {
    await expect(loadProject(dir)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('hilo init'),
    });
  });
});
