import { describe, expect, it } from 'vitest';
import { parseVerbalizedConfidence } from './verbalized.js';

describe('parseVerbalizedConfidence', () => {
  it.each([
    ['Answer: B\nConfidence: 85', 0.85],
    ['Confidence: 0.85', 0.85],
    ['Confidence: 85%', 0.85],
    ['**Confidence:** 100', 1],
    ['confidence = 0', 0],
    ['Confidence: 1.0', 1],
    ['Confidence: 1', 0.01],
    ['Confidence: 50.5', 0.505],
    ['{"label": "B", "confidence": 0.7}', 0.7],
    ['{"label": "B", "confidence": "90"}', 0.9],
    ['Confidence: 20\n...\nConfidence: 60', 0.6],
  ])('reads %j as %s', (content, expected) => {
    expect(parseVerbalizedConfidence(content)).toBeCloseTo(expected, 12);
  });

  it.each([
    ['Answer: B'],
    ['Confidence: high'],
    ['Confidence: 150'],
    ['Confidence: -5'],
    ['Confidence: 120%'],
  ])('gives null for %j', (content) => {
    expect(parseVerbalizedConfidence(content)).toBeNull();
  });
});
