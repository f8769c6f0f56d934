import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddingModel } from '../../core/ports/embedding-model.js';
import {
  type FakeEmbeddingResponder,
  fakeEmbeddingVector,
  fakeEmbeddings,
  inputsOf,
} from '../fakes/fake-embeddings.js';
import { malformedBody, serverError } from '../fakes/fake-replies.js';

/** What an EmbeddingModel under test is built with: the model name the server is asked for. */
export interface EmbeddingModelContractOptions {
  readonly model: string;
  readonly batchSize?: number;
  readonly dimensions?: number;
}

/** An EmbeddingModel under test, driven by a fake embeddings responder (8 dimensions by default). */
export interface EmbeddingModelContractSubject {
  readonly model: EmbeddingModel;
  setBehaviour(respond: FakeEmbeddingResponder): void;
  /** The texts of every request sent so far, in the order they arrived. */
  requests(): readonly (readonly string[])[];
  close?(): Promise<void>;
}

const MODEL = 'embed-model';

/**
 * The behaviour every EmbeddingModel implementation shares (HTTP adapter, scripted fake): call
 * it from a test file with a function that builds a fresh subject for each test.
 * @example embeddingModelContract('scripted', async (o) => { const m = createScriptedEmbeddings(o); return { model: m, setBehaviour: m.setBehaviour, requests: () => m.requests }; });
 * Complexity: a handful of requests per case.
 */
export function embeddingModelContract(
  name: string,
  open: (options: EmbeddingModelContractOptions) => Promise<EmbeddingModelContractSubject>,
): void {
  describe(`EmbeddingModel contract: ${name}`, () => {
    const opened: EmbeddingModelContractSubject[] = [];
    const subject = async (options: Partial<EmbeddingModelContractOptions> = {}) => {
      const made = await open({ model: MODEL, ...options });
      opened.push(made);
      return made;
    };
    afterEach(async () => {
      for (const made of opened.splice(0)) await made.close?.();
    });

    it('returns one float32 vector per text in input order, equal texts equal vectors', async () => {
      const { model } = await subject();
      expect(model.name).toBe(MODEL);
      expect(model.cacheKey).toBe(MODEL);
      expect(model.dimensions).toBeUndefined();
      const texts = ['alpha', 'beta', 'alpha', 'héllo 🙂'];
      const result = await model.embed(texts);
      expect(result.vectors.every((v) => v instanceof Float32Array)).toBe(true);
      expect(result.vectors.map((v) => Array.from(v))).toEqual(
        texts.map((t) => fakeEmbeddingVector(t, 8)),
      );
      expect(model.dimensions).toBe(8);
      expect(result.costUsd).toBe(0);
    });

    it('sends nothing for no texts', async () => {
      const made = await subject();
      expect(await made.model.embed([])).toEqual({
        vectors: [],
        promptTokens: 0,
        costUsd: 0,
        latencyMs: 0,
      });
      expect(made.requests()).toEqual([]);
    });

    it('sends batches of batchSize texts and joins the answers in input order', async () => {
      const made = await subject({ batchSize: 2 });
      const texts = ['a', 'b', 'c', 'd', 'e'];
      const result = await made.model.embed(texts);
      expect(made.requests()).toHaveLength(3);
      expect(made.requests()).toEqual(expect.arrayContaining([['a', 'b'], ['c', 'd'], ['e']]));
      expect(result.vectors.map((v) => Array.from(v))).toEqual(
        texts.map((t) => fakeEmbeddingVector(t, 8)),
      );
    });

    it('reads entries by their index, whatever their order', async () => {
      const made = await subject();
      made.setBehaviour((body) =>
        fakeEmbeddings(
          inputsOf(body).map((t) => fakeEmbeddingVector(t, 4)),
          { reversed: true },
        ),
      );
      const result = await made.model.embed(['x', 'y', 'z']);
      expect(result.vectors.map((v) => Array.from(v))).toEqual(
        ['x', 'y', 'z'].map((t) => fakeEmbeddingVector(t, 4)),
      );
    });

    it('counts the prompt tokens the server reports, else characters / 4, over all batches', async () => {
      const made = await subject({ batchSize: 1 });
      made.setBehaviour((body) =>
        fakeEmbeddings([fakeEmbeddingVector(inputsOf(body)[0] ?? '', 4)], {
          usage: inputsOf(body)[0] === 'counted' ? { prompt_tokens: 7 } : null,
        }),
      );
      expect((await made.model.embed(['counted', 'twelve chars'])).promptTokens).toBe(7 + 3);
    });

    it('holds every answer to the configured or the first-seen dimension (MODEL_OUTPUT)', async () => {
      const configured = await subject({ dimensions: 16 });
      expect(configured.model.dimensions).toBe(16);
      await expect(configured.model.embed(['a'])).rejects.toMatchObject({
        code: 'MODEL_OUTPUT',
        message: expect.stringMatching(/8 dimensions, expected 16/),
      });
      const learnt = await subject();
      await learnt.model.embed(['a']);
      learnt.setBehaviour(() => fakeEmbeddings([[1, 0, 0]]));
      await expect(learnt.model.embed(['b'])).rejects.toMatchObject({ code: 'MODEL_OUTPUT' });
      expect(learnt.model.dimensions).toBe(8);
    });

    it.each([
      ['fewer vectors than texts', [[0.1, 0.2]], /1 vectors for 2 texts/],
      ['differing lengths', [[0.1, 0.2], [0.3]], /expected 2/],
      [
        'a value that is not a number',
        [
          [0.1, 0.2],
          [0.3, 'x'],
        ],
        /value 1 is/,
      ],
      ['empty vectors', [[], []], /0 dimensions/],
    ])('fails with MODEL_OUTPUT on %s', async (_case, vectors, message) => {
      const made = await subject();
      made.setBehaviour(() => fakeEmbeddings(vectors));
      await expect(made.model.embed(['a', 'b'])).rejects.toMatchObject({
        code: 'MODEL_OUTPUT',
        message: expect.stringMatching(message),
      });
    });

    it('fails a refused request with the code of its status, and a broken body as unavailable', async () => {
      const made = await subject();
      made.setBehaviour(() => ({ type: 'error', status: 401, message: 'bad key' }));
      await expect(made.model.embed(['a'])).rejects.toMatchObject({
        code: 'MODEL_UNAVAILABLE',
        message: expect.stringMatching(/401: bad key/),
      });
      made.setBehaviour(() => ({ type: 'error', status: 400, message: 'input is empty' }));
      await expect(made.model.embed(['a'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      made.setBehaviour(() => serverError('slot crashed'));
      await expect(made.model.embed(['a'])).rejects.toMatchObject({
        code: 'MODEL_UNAVAILABLE',
        message: expect.stringMatching(/slot crashed/),
      });
      made.setBehaviour(() => malformedBody());
      await expect(made.model.embed(['a'])).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    });
  });
}
