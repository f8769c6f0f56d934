import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { STORED_RUNS } from '../../testing/fixtures/stored-runs.js';
import { parseRun, type StoredRun } from './parse-run.js';
import { runsOfKind, type Run } from './run-records.js';

const stored = (): StoredRun[] =>
  STORED_RUNS.map((row) => ({ ...row, config: JSON.parse(row.config) as unknown }));

function storedRun(id: string): StoredRun {
  const found = stored().find((run) => run.id === id);
  if (!found) throw new Error(`no stored run ${id}`);
  return found;
}

/** A stored run with one config field replaced (undefined: removed). */
function withConfig(id: string, key: string, value: unknown): StoredRun {
  const run = storedRun(id);
  const config = { ...(run.config as Record<string, unknown>), [key]: value };
  if (value === undefined) delete config[key];
  return { ...run, config };
}

function failure(run: StoredRun): HiloError {
  try {
    parseRun(run);
  } catch (error) {
    if (error instanceof HiloError) return error;
    throw error;
  }
  throw new Error('parsed');
}

describe('parseRun', () => {
  it('reads every run record hilo 0.1.0 stored, typed by kind', () => {
    const runs = stored().map(parseRun);
    expect(runs.map((run) => run.kind)).toEqual([
      'label',
      'label',
      'route',
      'audit',
      'route',
      'route',
    ]);
    const [local, llm] = runsOfKind(runs, 'label');
    expect(local?.config).toEqual({
      kind: 'local',
      version: 1,
      trainedOn: 700,
      labeller: 'model:local@1',
      roles: ['pool', 'gold', 'test'],
      limit: null,
    });
    expect(llm?.config).toMatchObject({ kind: 'llm', model: 'gpt-4o-mini', limit: 50 });
    expect(llm?.status).toBe('failed');
    const [fixed, meta, perClass] = runsOfKind(runs, 'route');
    expect(fixed?.config).toMatchObject({
      source: 'model:local@1',
      calibrator: 'platt',
      threshold: 0.41004863176459233,
      counts: { accept: 309, overlap: 291, human: 0 },
      cost: { plan: 69.66900000000001, allHuman: 132, currency: 'USD', auditRate: 0.05 },
      testCheck: { items: 200, accepted: 90, correct: 63, accuracy: { estimate: 0.7 } },
      auditRun: 'audit-1-20260102000000',
    });
    expect(meta?.config.router?.names).toHaveLength(5);
    expect(meta?.config.testCheck?.accuracy.estimate).toBeNull();
    expect(meta?.config.goldNeededDetail).toMatchObject({
      observedAccuracy: 0.875,
      totalGold: null,
    });
    expect(perClass?.config.thresholds).toEqual({ a: 0.93, b: null, c: 0.88 });
    expect(runsOfKind(runs, 'audit')[0]?.config.items).toEqual([
      { id: 'p00069', batch: 'b2', label: 'b' },
      { id: 'p00095', batch: '(no batch)', label: 'a' },
    ]);
  });

  it('keeps only the fields the record declares', () => {
    const route = parseRun(storedRun('route-1-20260102000000')) as Extract<Run, { kind: 'route' }>;
    for (const dropped of ['confidence', 'perClass', 'meta', 'goldNeeded'])
      expect(route.config).not.toHaveProperty(dropped);
    expect(Object.keys(route)).toEqual([
      'id',
      'status',
      'itemsDone',
      'itemsFailed',
      'tokensIn',
      'tokensOut',
      'costUsd',
      'startedAt',
      'endedAt',
      'kind',
      'config',
    ]);
  });

  it('names the run and the field of a damaged record', () => {
    const renamed = failure(withConfig('route-1-20260102000000', 'threshold', undefined));
    expect(renamed.code).toBe('INTERNAL');
    expect(renamed.message).toBe(
      'stored run "route-1-20260102000000" is malformed: config.threshold must be a number, found nothing',
    );
    const nested = withConfig('route-1-20260102000000', 'cost', { plan: '69' });
    expect(failure(nested).message).toMatch(
      /"route-1-20260102000000".*config\.cost\.plan must be a number, found "69"/,
    );
    const entry = withConfig('audit-1-20260102000000', 'items', [
      { id: 'p1', batch: 'b', label: 3 },
    ]);
    expect(failure(entry).message).toMatch(/config\.items\[0\]\.label must be a string, found 3/);
    const kind = withConfig('label-1-20260101000000', 'kind', 'keyword');
    expect(failure(kind).message).toMatch(
      /config\.kind must be one of llm, local, import, found "keyword"/,
    );
    const roles = withConfig('label-1-20260101000000', 'roles', ['pool', 'everything']);
    expect(failure(roles).message).toMatch(
      /config\.roles\[1\] must be one of pool, gold, control, test/,
    );
    expect(failure({ ...storedRun('label-1-20260101000000'), config: null }).message).toMatch(
      /config must be an object, found null/,
    );
  });

  it('reads the label run of imported predictions, and refuses one with an unknown method', () => {
    const config = {
      kind: 'import',
      model: 'gpt-4o',
      file: '/data/preds.csv',
      method: 'verbalized',
      costPerItem: 0.001,
      labeller: 'import:gpt-4o',
      roles: ['pool', 'gold'],
      limit: null,
    };
    const run = { ...storedRun('label-1-20260101000000'), id: 'label-3', config };
    expect(parseRun(run).config).toEqual(config);
    expect(failure({ ...run, config: { ...config, method: 'guess' } }).message).toMatch(
      /config\.method must be one of logprobs, self-consistency, verbalized, local-model, distribution, mixed, found "guess"/,
    );
  });

  it('refuses an unknown kind or status, naming the run', () => {
    expect(failure({ ...storedRun('label-1-20260101000000'), kind: 'synth' }).message).toBe(
      'stored run "label-1-20260101000000" is malformed: kind must be one of label, route, audit, found "synth"',
    );
    expect(failure({ ...storedRun('label-1-20260101000000'), status: 'paused' }).message).toMatch(
      /status must be one of running, done, failed, interrupted, found "paused"/,
    );
  });
});
