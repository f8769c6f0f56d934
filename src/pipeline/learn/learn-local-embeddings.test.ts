import { describe, expect, it } from 'vitest';
import type { EmbeddingModel } from '../../core/ports/index.js';
import type { ProjectConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { loopProject, loopStore, WAITING } from '../../testing/fixtures/learn-loop-fixture.js';
import { learnRound } from './learn-loop-round.js';
import { loadLocalPredictor } from './local-predictor.js';

const FRUIT = new Set(['apple', 'banana', 'cherry', 'mango', 'pear', 'kiwi', 'plum']);
const CARS = new Set(['engine', 'wheel', 'brake', 'gearbox', 'clutch']);

/** Three dimensions: fruit words, car words, anything else; counts every text it is sent. */
function wordEmbedder(cacheKey = 'test/words'): EmbeddingModel & { sent: string[] } {
  const sent: string[] = [];
  return {
    name: 'words',
    cacheKey,
    dimensions: 3,
    sent,
    embed: async (texts) => {
      sent.push(...texts);
      const vectors = texts.map((text) => {
        const v = new Float32Array(3);
        for (const w of text.split(' ')) v[FRUIT.has(w) ? 0 : CARS.has(w) ? 1 : 2]! += 1;
        return v;
      });
      return { vectors, promptTokens: texts.length, costUsd: 0, latencyMs: 0 };
    },
  };
}

const project: ProjectConfig = {
  ...loopProject,
  labeller: {
    ...loopProject.labeller,
    local: {
      ...loopProject.labeller.local,
      input: 'embeddings',
      embeddings: { model: 'words', batchSize: 8 },
    },
  },
};

describe('the local model over embeddings', () => {
  it('learns, scores and re-scores the queue from the texts’ vectors, fetching each text once', async () => {
    const store = await loopStore();
    const embedder = wordEmbedder();
    const clock = { now: () => 0 };
    const round = await learnRound({
      store,
      project,
      clock,
      rng: createRng(1),
      embedder,
      folds: 3,
    });
    expect(round.learn).toMatchObject({ classifier: 'logistic', input: 'embeddings' });
    expect(round.learn.crossFitAccuracy).toBe(1);
    expect(round.learn.heldOut).toMatchObject({ items: 3, accuracy: 1 });
    expect(round.rescore.rescored).toBe(10);
    const queue = (await store.people.listQueue({ kind: 'task' })).map((e) => e.itemId);
    expect(queue.indexOf(WAITING.split)).toBeLessThan(queue.indexOf(WAITING.sureCars));
    const stored = await store.getModel('local');
    expect(JSON.parse(stored?.payload ?? '{}')).toMatchObject({
      format: 'hilo.embedding-classifier',
      embeddingModel: 'test/words',
    });
    expect(new Set(embedder.sent).size).toBe(embedder.sent.length);
    // Read back, it predicts from cached vectors without asking the model again.
    const before = embedder.sent.length;
    const predictor = loadLocalPredictor(stored?.payload ?? '', { store, embedder });
    const [p] = await predictor.predict(['apple banana']);
    expect(p?.[0]).toBeGreaterThan(0.5);
    expect(embedder.sent.length).toBe(before);
  });

  it('refuses to learn without the embedding model, and to label with another one', async () => {
    const store = await loopStore();
    const clock = { now: () => 0 };
    await expect(learnRound({ store, project, clock, rng: createRng(1) })).rejects.toThrow(
      /input is embeddings but no embedding model/,
    );
    await learnRound({ store, project, clock, rng: createRng(1), embedder: wordEmbedder() });
    const payload = (await store.getModel('local'))?.payload ?? '';
    expect(() => loadLocalPredictor(payload, { store })).toThrow(/set labeller.local.embeddings/);
    expect(() =>
      loadLocalPredictor(payload, { store, embedder: wordEmbedder('other/words') }),
    ).toThrow(/trained on embeddings of test\/words/);
  });
});
