import { describe, expect, it } from 'vitest';
import { embeddingModelContract } from '../contracts/embedding-model.case.js';
import { fakeEmbeddings } from './fake-embeddings.js';
import { delayed } from './fake-replies.js';
import { createScriptedEmbeddings } from './scripted-embeddings.js';

embeddingModelContract('scripted', async (options) => {
  const model = createScriptedEmbeddings(options);
  return {
    model,
    setBehaviour: (respond) => model.setBehaviour(respond),
    requests: () => model.requests,
  };
});

describe('createScriptedEmbeddings', () => {
  it('passes the request index to the responder and counts delays as latency', async () => {
    const model = createScriptedEmbeddings({
      batchSize: 1,
      respond: (_body, i) => delayed(fakeEmbeddings([[i, 1]]), 5),
    });
    const result = await model.embed(['a', 'b']);
    expect(result.vectors.map((v) => Array.from(v))).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(result.latencyMs).toBe(10);
  });
});
