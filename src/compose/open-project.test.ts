import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HiloError } from '../core/errors.js';
import { initProject, openProject } from './index.js';

const FRUIT = ['apple', 'banana', 'cherry', 'mango', 'pear', 'plum', 'kiwi', 'grape'];
const CARS = ['engine', 'wheel', 'brake', 'gearbox', 'clutch', 'bumper', 'piston', 'axle'];

/** Rows of two- and three-word texts, one label per vocabulary. */
function rows(prefix: string, count: number, offset: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const fruit = i % 2 === 0;
    const words = fruit ? FRUIT : CARS;
    const text = [0, 3, 5].map((k) => words[(i + offset + k) % words.length]).join(' ');
    lines.push(JSON.stringify({ id: `${prefix}${i}`, text, label: fruit ? 'fruit' : 'cars' }));
  }
  return `${lines.join('\n')}\n`;
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hilo-open-'));
  await initProject(dir, {
    name: 'words',
    labels: [
      { name: 'fruit', description: '' },
      { name: 'cars', description: '' },
    ],
    fields: ['text'],
    guidelines: '',
  });
  await writeFile(join(dir, 'gold.jsonl'), rows('g', 40, 0));
  await writeFile(join(dir, 'test.jsonl'), rows('t', 16, 1));
  await writeFile(join(dir, 'pool.jsonl'), rows('p', 12, 2));
});

describe('openProject', () => {
  it('runs the first pass programmatically: import, learn, label, evaluate, export', async () => {
    const project = await openProject({ dir, env: {} });
    try {
      expect(project.config.name).toBe('words');
      const gold = await project.importItems({ file: join(dir, 'gold.jsonl'), role: 'gold' });
      await project.importItems({ file: join(dir, 'test.jsonl'), role: 'test' });
      const pool = await project.importItems({ file: join(dir, 'pool.jsonl') });
      expect([gold.inserted, pool.inserted]).toEqual([40, 12]);
      expect(await project.store.countItems({ role: 'pool' })).toBe(12);

      const learned = await project.learn({ folds: 0 });
      expect(learned.learn.source).toBe('model:local@1');
      expect(learned.learn.trainedOn).toBe(40);

      expect(await project.estimateLabel()).toBeNull(); // the local labeller costs nothing
      const run = await project.label({ roles: ['pool', 'test'] });
      expect(run.source).toBe('model:local@1');
      expect(run.labelled).toBe(28);
      expect((await project.label({ roles: ['pool', 'test'] })).alreadyLabelled).toBe(28);

      const evaluation = await project.evaluate({ source: run.source, roles: ['test'] });
      expect(evaluation.scored).toBe(16);
      expect(evaluation.metrics.accuracy).toBeGreaterThan(0.8);

      const out = join(dir, 'labels.jsonl');
      expect((await project.export({ file: out })).written).toBe(68);
      const exported = (await readFile(out, 'utf8')).trim().split('\n');
      expect(exported).toHaveLength(68);
    } finally {
      await project.close();
    }
  });

  it('reads model URLs from the env it is given, not from the process', async () => {
    const project = await openProject({ dir, env: {} });
    try {
      const error = await project.label({ labeller: 'llm' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HiloError);
      expect((error as HiloError).code).toBe('MODEL_UNAVAILABLE');
      const estimate = await project.estimateLabel({ labeller: 'llm', model: 'gpt-4o-mini' });
      expect(estimate?.model).toBe('gpt-4o-mini');
      expect(estimate?.items).toBe(68);
      expect(estimate?.costUsd).toBeGreaterThan(0);
    } finally {
      await project.close();
    }
  });

  it('stops a label run whose signal is aborted, and the next run resumes', async () => {
    const project = await openProject({ dir, env: {} });
    try {
      await project.learn({ folds: 0 });
      const stop = new AbortController();
      stop.abort();
      const stopped = await project.label({ roles: ['gold'], signal: stop.signal });
      expect(stopped.stopped).toBe(true);
      expect(stopped.labelled).toBeLessThan(40);
      const resumed = await project.label({ roles: ['gold'] });
      expect(resumed.stopped).toBe(false);
      expect(resumed.labelled + resumed.alreadyLabelled).toBe(40);
    } finally {
      await project.close();
    }
  });

  it('applies the tournament winner to hilo.yaml and invites people', async () => {
    const project = await openProject({ dir, env: {} });
    try {
      const run = await project.tournament({ roles: ['test'], minItems: 5, apply: true });
      expect(run.result.winner?.source).toMatch(/^model:local@/);
      expect(run.applied).toBe('labeller.default = local');
      expect(run.humanCostPerItem).toBeGreaterThan(0);
      const { annotator, link } = await project.invite({
        name: 'Ada',
        role: 'reviewer',
        baseUrl: 'http://127.0.0.1:4100',
      });
      expect(annotator.state).toBe('active');
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4100\/#invite=/);
      // A lost link is re-issued by name or id; the link lasts people.invitationHours (72).
      const again = await project.reinvite({ who: 'Ada', baseUrl: 'http://h:1', hours: 2 });
      expect(again.annotator.id).toBe(annotator.id);
      expect(again.link).not.toBe(link);
      expect(Date.parse(again.expiresAt) - project.clock.now()).toBeLessThanOrEqual(2 * 3_600_000);
      await project.invite({ name: 'Ada', role: 'annotator', baseUrl: 'http://h:1' });
      await expect(project.reinvite({ who: 'Ada', baseUrl: 'http://h:1' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
      await expect(project.reinvite({ who: 'Zed', baseUrl: 'http://h:1' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    } finally {
      await project.close();
    }
  });

  it('names the missing project file', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'hilo-none-'));
    const error = await openProject({ dir: empty }).catch((e: unknown) => e);
    expect((error as HiloError).code).toBe('NOT_FOUND');
    expect((error as HiloError).message).toMatch(/no hilo\.yaml/);
  });
});
