import { describe, expect, it } from 'vitest';
import { HiloError } from '../core/errors.js';
import { simulationViewOf } from './simulation-json.js';

describe('simulationViewOf', () => {
  it('tells the kind of a saved result by its shape', () => {
    const al = {
      fullDataAccuracy: 0.9,
      targetShare: 0.99,
      pool: 8,
      test: 2,
      classes: 2,
      strategies: {},
    };
    expect(simulationViewOf(al, 'al.json')).toMatchObject({ kind: 'al', title: 'al.json' });
    const relabel = {
      noiseRate: 0.1,
      cleanAccuracy: 0.9,
      noisyAccuracy: 0.8,
      train: 8,
      test: 2,
      sweep: [],
    };
    expect(simulationViewOf(relabel, 'r.json').kind).toBe('relabel');
    const hybrid = {
      pool: 8,
      gold: 2,
      savingVsHuman: 0.5,
      hybrid: {},
      allHuman: {},
      allMachine: {},
      zones: {},
      policy: {},
    };
    expect(simulationViewOf(hybrid, 'h.json').kind).toBe('hybrid');
  });

  it('names the file and the field that is wrong', () => {
    const bad = { targetShare: 0.99, pool: 8, test: 2, classes: 2, strategies: {} };
    expect(() => simulationViewOf(bad, 'al.json')).toThrow(HiloError);
    expect(() => simulationViewOf(bad, 'al.json')).toThrow(
      /al\.json.*fullDataAccuracy|fullDataAccuracy.*al\.json/,
    );
    expect(() => simulationViewOf({ hello: 1 }, 'x.json')).toThrow(
      /x\.json.*not a simulation result/,
    );
    expect(() => simulationViewOf([1, 2], 'y.json')).toThrow(/y\.json/);
  });
});
