import { describe, expect, it } from 'vitest';
import { DEFAULT_PREDICTION_COLUMNS } from './import-predictions.js';
import { predictionFromRecord } from './prediction-from-record.js';
import type { Prediction, PredictionRules } from './prediction-types.js';

const labels = ['joy', 'fear', 'anger'];
const rules: PredictionRules = {
  ...DEFAULT_PREDICTION_COLUMNS,
  mapping: { labels, map: new Map() },
  model: 'm1',
};

function read(values: Record<string, unknown>, over: Partial<PredictionRules> = {}): Prediction {
  const result = predictionFromRecord(values, { ...rules, ...over });
  if ('reason' in result) throw new Error(result.reason);
  return result;
}

function refused(values: Record<string, unknown>, over: Partial<PredictionRules> = {}) {
  const result = predictionFromRecord(values, { ...rules, ...over });
  if (!('reason' in result)) throw new Error(`accepted ${JSON.stringify(result)}`);
  return result;
}

describe('predictionFromRecord: accepted shapes', () => {
  it('a confidence (CSV text) makes a verbalized distribution and keeps the other columns as fields', () => {
    const p = read({ id: 7, label: 'joy', confidence: '0.7', text: 'hi' });
    expect(p).toMatchObject({
      id: '7',
      label: 'joy',
      method: 'verbalized',
      verbalized: 0.7,
      otherMass: 0,
    });
    expect(p.probabilities).toEqual({
      joy: 0.7,
      fear: expect.closeTo(0.15, 12),
      anger: expect.closeTo(0.15, 12),
    });
    expect(p.fields).toEqual({ text: 'hi' });
  });

  it('a probabilities map (JSON, or JSON text in a CSV cell) is a distribution; the label defaults to the argmax', () => {
    const asJson = read({ id: 'a', probabilities: { joy: 0.1, fear: 0.7, anger: 0.2 } });
    expect(asJson).toMatchObject({ label: 'fear', method: 'distribution', verbalized: null });
    const asText = read({ id: 'a', probabilities: '{"joy": 0.1, "fear": 0.7, "anger": 0.2}' });
    expect(asText.probabilities).toEqual(asJson.probabilities);
  });

  it('p_<option> columns are a distribution; options outside the set become other mass', () => {
    const p = read(
      {
        item_id: '3',
        text: 'x',
        p_joy: '0.5',
        p_fear: '0.2',
        p_anger: '0.1',
        p_i_dont_know: '0.15',
        p_none_of_the_above: '0.05',
      },
      { idField: 'item_id' },
    );
    expect(p.label).toBe('joy');
    expect(p.method).toBe('distribution');
    expect(p.otherMass).toBeCloseTo(0.2, 12);
    expect(p.outside).toEqual(['i_dont_know', 'none_of_the_above']);
    expect(p.probabilities?.joy).toBeCloseTo(0.625, 5);
    expect(p.fields).toEqual({ text: 'x' });
  });

  it('a stated label beside a distribution is kept, and the confidence kept as verbalized', () => {
    const p = read({
      id: 'a',
      label: 'anger',
      confidence: 0.4,
      probabilities: { joy: 0.5, fear: 0.1, anger: 0.4 },
    });
    expect(p).toMatchObject({ label: 'anger', method: 'distribution', verbalized: 0.4 });
  });

  it('logprobs as a top_logprobs list, a token map, or an OpenAI logprobs object', () => {
    const list = [
      { token: ' joy', logprob: Math.log(0.8) },
      { token: 'fear', logprob: Math.log(0.1) },
      { token: '\n', logprob: Math.log(0.1) },
    ];
    const fromList = read({ id: 'a', logprobs: list });
    expect(fromList).toMatchObject({ label: 'joy', method: 'logprobs' });
    expect(fromList.otherMass).toBeCloseTo(0.1, 9);
    const fromMap = read({
      id: 'a',
      logprobs: JSON.stringify({ ' joy': Math.log(0.8), fear: Math.log(0.1), '\n': Math.log(0.1) }),
    });
    expect(fromMap.probabilities).toEqual(fromList.probabilities);
    const openai = read({
      id: 'a',
      logprobs: { content: [{ token: ' joy', logprob: -0.2, top_logprobs: list }] },
    });
    expect(openai.probabilities).toEqual(fromList.probabilities);
  });

  it('maps the file’s label names, and a name mapped to null makes an abstention', () => {
    const mapping = {
      labels,
      map: new Map<string, string | null>([
        ['happy', 'joy'],
        ['unsure', null],
      ]),
    };
    expect(read({ id: 'a', label: 'happy', confidence: 0.9 }, { mapping }).label).toBe('joy');
    const p = read({ id: 'b', label: 'unsure', confidence: 0.9 }, { mapping });
    expect(p).toMatchObject({ label: null, probabilities: null });
  });

  it('a Label Studio task: data becomes fields, the choice the label, the score the confidence', () => {
    const task = {
      id: 12,
      data: { text: 'so glad' },
      predictions: [
        { model_version: 'old', score: 0.5, result: [{ value: { choices: ['fear'] } }] },
        {
          model_version: 'm1',
          score: 0.87,
          result: [{ from_name: 'sentiment', type: 'choices', value: { choices: ['joy'] } }],
        },
      ],
    };
    const p = read(task);
    expect(p).toMatchObject({ id: '12', label: 'joy', verbalized: 0.87, method: 'verbalized' });
    expect(p.fields).toEqual({ text: 'so glad' });
    expect(read({ ...task, data: { id: 'own-7', text: 'x' } }).id).toBe('own-7');
    expect(
      refused({
        ...task,
        predictions: [task.predictions[0], { ...task.predictions[0], model_version: 'other' }],
      }).reason,
    ).toBe('the task has 2 predictions and none has model_version "m1"');
  });
});

describe('predictionFromRecord: refused rows', () => {
  it('a missing or empty id', () => {
    expect(refused({ id: null, label: 'joy', confidence: 1 })).toEqual({
      field: 'id',
      reason: 'missing id',
    });
    expect(refused({ item: 'a', label: 'joy', confidence: 1 }).reason).toBe(
      'no id column "id" (the columns are "item", "label", "confidence"; name one with --id-field)',
    );
    expect(refused({ id: ' ', label: 'joy', confidence: 1 })).toEqual({
      field: 'id',
      reason: 'empty id',
    });
  });

  it('a label outside the set with no map', () => {
    expect(refused({ id: 'a', label: 'surprise', confidence: 0.9 })).toEqual({
      field: 'label',
      reason:
        'label "surprise" is not in the label set (joy, fear, anger); map it with --label-map',
    });
  });

  it('a confidence outside [0, 1] or not a number', () => {
    expect(refused({ id: 'a', label: 'joy', confidence: '1.2' })).toEqual({
      field: 'confidence',
      reason: 'confidence must be a number in [0, 1], got "1.2"',
    });
    expect(refused({ id: 'a', label: 'joy', confidence: 'high' }).field).toBe('confidence');
    expect(refused({ id: 'a', label: 'joy', confidence: -0.1 }).field).toBe('confidence');
  });

  it('probabilities that do not sum to 1, negative ones, and cells that are not numbers', () => {
    expect(refused({ id: 'a', p_joy: '0.5', p_fear: '0.2', p_anger: '0.1' })).toEqual({
      field: 'p_*',
      reason: 'probabilities sum to 0.8, not 1 (tolerance 0.02)',
    });
    expect(refused({ id: 'a', probabilities: { joy: 1.2, fear: -0.2 } })).toEqual({
      field: 'probabilities',
      reason: 'probability of "joy" must be in [0, 1], got 1.2',
    });
    expect(refused({ id: 'a', p_joy: 'x', p_fear: '1' })).toEqual({
      field: 'p_joy',
      reason: 'must be a number, got "x"',
    });
    expect(refused({ id: 'a', probabilities: '[1, 2]' }).field).toBe('probabilities');
  });

  it('logprobs that are positive or not a list or map of numbers', () => {
    expect(refused({ id: 'a', logprobs: [{ token: 'joy', logprob: 0.3 }] }).reason).toBe(
      'logprob of "joy" must be ≤ 0, got 0.3',
    );
    expect(refused({ id: 'a', logprobs: [{ token: 'joy' }] }).field).toBe('logprobs');
    expect(refused({ id: 'a', logprobs: 'joy' }).field).toBe('logprobs');
  });

  it('a row with no confidence, distribution or logprobs, and a confidence row with no label', () => {
    expect(refused({ id: 'a', label: 'joy' }).reason).toMatch(/^no confidence \("confidence"\)/);
    expect(refused({ id: 'a', label: '', confidence: 0.5 })).toEqual({
      field: 'label',
      reason: 'missing label',
    });
    expect(refused({ id: 'a', confidence: 0.5 }).reason).toBe(
      'no label column "label" (the columns are "id", "confidence"; name one with --label-field)',
    );
  });
});
