import { describe, expect, it } from 'vitest';
import { swapPairwiseText } from '../../core/local-model/pairwise-text.js';
import { memorySource } from '../../testing/fakes/memory-records.js';
import { readSimulationData } from './simulate-data.js';

const PAIRS = [
  { prompt: 'Why?', a: 'Because it is so', b: 'No idea', label: 'a' },
  { prompt: 'How?', a: 'Dunno', b: 'Step by step', label: 'b' },
];

describe('readSimulationData per task kind', () => {
  it('reads pairwise data with each response marked by side, verdicts as labels', async () => {
    const data = await readSimulationData(memorySource('pairs.jsonl', PAIRS), {
      kind: 'pairwise',
      textFields: ['prompt', 'a', 'b'],
      labelField: 'label',
    });
    expect(data.texts[0]).toBe('why\nǂabecause ǂait ǂais ǂaso\nǂbno ǂbidea');
    expect(swapPairwiseText(data.texts[1] as string)).toBe('how\nǂastep ǂaby ǂastep\nǂbdunno');
    expect(data.labels).toEqual(['a', 'b']);
    await expect(
      readSimulationData(memorySource('pairs.jsonl', PAIRS), {
        kind: 'pairwise',
        textFields: ['a', 'b'],
        labelField: 'label',
      }),
    ).rejects.toThrow(/reads three text fields \(prompt, a, b\), got a, b/);
  });

  it('refuses multi-label data, by kind or by a label that is a list', async () => {
    const rows = [{ text: 'so happy and grateful', label: ['joy', 'gratitude'] }];
    await expect(
      readSimulationData(memorySource('emotions.jsonl', rows), {
        textFields: ['text'],
        labelField: 'label',
      }),
    ).rejects.toThrow(/emotions\.jsonl, line 1, field "label": the label is a list/);
    await expect(
      readSimulationData(memorySource('emotions.jsonl', rows), {
        kind: 'multilabel',
        textFields: ['text'],
        labelField: 'label',
      }),
    ).rejects.toThrow(/kind multilabel is not simulated/);
  });
});
