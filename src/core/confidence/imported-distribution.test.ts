import { describe, expect, it } from 'vitest';
import {
  argmax,
  fromConfidence,
  fromLogprobs,
  fromMasses,
  mapName,
  type LabelMapping,
} from './imported-distribution.js';

const labels = ['joy', 'fear', 'anger'];
const plain: LabelMapping = { labels, map: new Map() };

describe('mapName', () => {
  it('maps through the map first, then takes a label of the set, else knows nothing', () => {
    const mapping: LabelMapping = {
      labels,
      map: new Map([
        ['happy', 'joy'],
        ['idk', null],
      ]),
    };
    expect(mapName(mapping, 'happy')).toEqual({ label: 'joy' });
    expect(mapName(mapping, 'fear')).toEqual({ label: 'fear' });
    expect(mapName(mapping, 'idk')).toEqual({ outside: true });
    expect(mapName(mapping, 'surprise')).toEqual({ unknown: true });
  });
});

describe('fromConfidence', () => {
  it('gives the label the confidence and spreads the rest evenly', () => {
    const d = fromConfidence('joy', 0.8, labels);
    expect(d.joy).toBe(0.8);
    expect(d.fear).toBeCloseTo(0.1, 12);
    expect(d.anger).toBeCloseTo(0.1, 12);
  });
});

describe('fromMasses', () => {
  it('keeps mass outside the label set as other mass and renormalises the labels', () => {
    const d = fromMasses(
      [
        ['joy', 0.6],
        ['fear', 0.2],
        ['anger', 0.1],
        ['i_dont_know', 0.1],
      ],
      plain,
    );
    if ('problem' in d) throw new Error(d.problem);
    expect(d.otherMass).toBeCloseTo(0.1, 12);
    expect(d.outside).toEqual(['i_dont_know']);
    expect(d.probabilities.joy).toBeCloseTo(0.6 / 0.9, 12);
    expect(d.probabilities.anger).toBeCloseTo(0.1 / 0.9, 12);
  });

  it('adds the masses of names mapped to one label', () => {
    const mapping: LabelMapping = {
      labels,
      map: new Map([
        ['happy', 'joy'],
        ['glad', 'joy'],
      ]),
    };
    const d = fromMasses(
      [
        ['happy', 0.3],
        ['glad', 0.3],
        ['fear', 0.4],
      ],
      mapping,
    );
    if ('problem' in d) throw new Error(d.problem);
    expect(d.probabilities.joy).toBeCloseTo(0.6, 5);
    expect(d.otherMass).toBe(0);
    expect(d.probabilities.anger).toBeGreaterThan(0);
  });

  it('accepts sums within the tolerance and refuses those outside it', () => {
    expect(
      'probabilities' in
        fromMasses(
          [
            ['joy', 0.33],
            ['fear', 0.33],
            ['anger', 0.33],
          ],
          plain,
        ),
    ).toBe(true);
    const short = fromMasses(
      [
        ['joy', 0.5],
        ['fear', 0.3],
      ],
      plain,
    );
    expect(short).toEqual({ problem: 'probabilities sum to 0.8, not 1 (tolerance 0.02)' });
  });

  it('refuses negative and larger-than-one masses', () => {
    expect(
      fromMasses(
        [
          ['joy', -0.1],
          ['fear', 1.1],
        ],
        plain,
      ),
    ).toEqual({
      problem: 'probability of "joy" must be in [0, 1], got -0.1',
    });
    expect(fromMasses([['joy', 1.5]], plain)).toMatchObject({
      problem: expect.stringContaining('"joy"'),
    });
  });

  it('refuses a distribution with all its mass outside the label set', () => {
    expect(fromMasses([['i_dont_know', 1]], plain)).toEqual({
      problem: 'no probability on any label of the label set',
    });
  });
});

describe('fromLogprobs', () => {
  it('softmaxes over the label tokens and keeps the rest as other mass', () => {
    const d = fromLogprobs(
      [
        { token: ' joy', logprob: Math.log(0.6) },
        { token: 'Fear', logprob: Math.log(0.2) },
        { token: 'The', logprob: Math.log(0.2) },
      ],
      plain,
    );
    if ('problem' in d) throw new Error(d.problem);
    expect(d.probabilities.joy).toBeCloseTo(0.75, 5);
    expect(d.probabilities.fear).toBeCloseTo(0.25, 5);
    expect(d.otherMass).toBeCloseTo(0.2, 9);
    expect(d.outside).toEqual(['The']);
  });

  it('refuses positive logprobs and logprobs naming no label', () => {
    expect(fromLogprobs([{ token: 'joy', logprob: 0.5 }], plain)).toEqual({
      problem: 'logprob of "joy" must be ≤ 0, got 0.5',
    });
    expect(fromLogprobs([{ token: 'x', logprob: -0.1 }], plain)).toEqual({
      problem: 'no token of the label set among the logprobs',
    });
  });
});

describe('argmax', () => {
  it('takes the most probable label, the first on a tie', () => {
    expect(argmax({ joy: 0.2, fear: 0.5, anger: 0.3 }, labels)).toBe('fear');
    expect(argmax({ joy: 0.5, fear: 0.5, anger: 0 }, labels)).toBe('joy');
  });
});
