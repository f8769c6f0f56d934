import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from './project-schema.js';

const base = { name: 'spam', labels: ['spam', 'ham'] };

describe('labeller.local in hilo.yaml', () => {
  it('defaults to logistic regression, a 64-unit MLP setting and the margin strategy', () => {
    const parsed = parseProjectConfig(base);
    if (!parsed.ok) throw new Error(parsed.problems.join());
    expect(parsed.config.labeller.local).toMatchObject({
      classifier: 'logistic',
      mlp: { hidden: 64, learningRate: 0.1, dropout: 0 },
      queryStrategy: 'margin',
    });
  });

  it('takes the MLP with its options and a query strategy', () => {
    const parsed = parseProjectConfig({
      ...base,
      labeller: {
        local: { classifier: 'mlp', mlp: { hidden: 32, dropout: 0.2 }, queryStrategy: 'entropy' },
      },
    });
    if (!parsed.ok) throw new Error(parsed.problems.join());
    expect(parsed.config.labeller.local).toMatchObject({
      classifier: 'mlp',
      mlp: { hidden: 32, learningRate: 0.1, dropout: 0.2 },
      queryStrategy: 'entropy',
    });
  });

  it('names the key of a wrong classifier, MLP option or strategy', () => {
    const parsed = parseProjectConfig({
      ...base,
      labeller: {
        local: { classifier: 'svm', mlp: { hidden: 0, width: 3 }, queryStrategy: 'badge' },
      },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const text = parsed.problems.join('\n');
    expect(text).toMatch(/labeller\.local\.classifier: /);
    expect(text).toMatch(/labeller\.local\.mlp\.hidden: /);
    expect(text).toMatch(/labeller\.local\.mlp: .*width/);
    expect(text).toMatch(/labeller\.local\.queryStrategy: /);
  });

  it('reads text by default and takes an embedding model for input: embeddings', () => {
    const text = parseProjectConfig(base);
    if (!text.ok) throw new Error(text.problems.join());
    expect(text.config.labeller.local.input).toBe('text');
    expect(text.config.labeller.local.embeddings).toBeUndefined();
    const parsed = parseProjectConfig({
      ...base,
      labeller: {
        local: {
          input: 'embeddings',
          embeddings: { model: 'nomic-embed', baseUrl: 'http://127.0.0.1:8081/v1' },
        },
      },
    });
    if (!parsed.ok) throw new Error(parsed.problems.join());
    expect(parsed.config.labeller.local.embeddings).toEqual({
      model: 'nomic-embed',
      baseUrl: 'http://127.0.0.1:8081/v1',
      batchSize: 64,
    });
  });

  it('refuses input: embeddings without the embedding model, naming the key', () => {
    const parsed = parseProjectConfig({ ...base, labeller: { local: { input: 'embeddings' } } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      expect.stringMatching(
        /^labeller\.local\.embeddings: input: embeddings needs the embedding model/,
      ),
    ]);
    const typo = parseProjectConfig({
      ...base,
      labeller: { local: { input: 'embeddings', embeddings: { model: 'm', url: 'x' } } },
    });
    expect(typo.ok).toBe(false);
  });
});
