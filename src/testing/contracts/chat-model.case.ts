import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatModel, ChatRequest } from '../../core/ports/chat-model.js';
import { classifierResponder } from '../fakes/classifier-responder.js';
import {
  type FakeResponder,
  contextTooLong,
  fakeAnswer,
  fakeToken,
} from '../fakes/fake-replies.js';

/** A ChatModel under test, driven by a fake responder (llama.cpp flavour). */
export interface ChatModelContractSubject {
  readonly model: ChatModel;
  setBehaviour(respond: FakeResponder): void;
  close?(): Promise<void>;
}

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'fake-model',
  messages: [
    { role: 'system', content: 'Classify the review.\nA: positive\nB: negative\nC: neutral' },
    { role: 'user', content },
  ],
  ...extra,
});

/**
 * The behaviour every ChatModel implementation shares (HTTP adapter, scripted model): call it
 * from a test file with a setup that builds the subject.
 * @example chatModelContract('scripted', async () => { const m = createScriptedModel(); return { model: m, setBehaviour: m.setBehaviour }; });
 * Complexity: a handful of requests.
 */
export function chatModelContract(
  name: string,
  setup: () => Promise<ChatModelContractSubject>,
): void {
  describe(`ChatModel contract: ${name}`, () => {
    let subject: ChatModelContractSubject;
    beforeAll(async () => {
      subject = await setup();
    });
    afterAll(async () => {
      await subject.close?.();
    });

    it('answers with the trimmed text, finish reason and all-choice usage', async () => {
      subject.setBehaviour(() => fakeAnswer(' hello there'));
      const response = await subject.model.complete(ask('hi', { maxTokens: 8 }));
      expect(response.cached).toBe(false);
      expect(response.choices).toHaveLength(1);
      expect(response.choices[0]).toMatchObject({
        content: 'hello there',
        finishReason: 'stop',
        logprobs: null,
      });
      expect(response.usage.promptTokens).toBeGreaterThan(0);
      expect(response.usage.completionTokens).toBeGreaterThan(0);
    });

    it('returns token logprobs with at most topLogprobs alternatives, untrimmed', async () => {
      const token = fakeToken(' A', { ' A': 0.7, ' B': 0.2, ' C': 0.06, ' The': 0.04 });
      subject.setBehaviour(() => fakeAnswer([{ text: ' A', tokens: [token] }]));
      const response = await subject.model.complete(ask('great', { topLogprobs: 3, maxTokens: 1 }));
      const logprobs = response.choices[0]?.logprobs;
      expect(logprobs?.[0]?.token).toBe(' A');
      expect(logprobs?.[0]?.logprob).toBeCloseTo(Math.log(0.7), 9);
      expect(logprobs?.[0]?.top.map((t) => t.token)).toEqual([' A', ' B', ' C']);
      // llama.cpp lists the end-of-sequence token as "".
      expect(logprobs?.at(-1)?.token).toBe('');
    });

    it('reads legacy completions logprob arrays like the chat shape', async () => {
      const token = fakeToken('B', { B: 0.5, A: 0.3 });
      subject.setBehaviour(() =>
        fakeAnswer([{ text: 'B', tokens: [token] }], { legacyLogprobs: true }),
      );
      const response = await subject.model.complete(ask('meh', { topLogprobs: 2 }));
      const first = response.choices[0]?.logprobs?.[0];
      expect(first?.token).toBe('B');
      expect(first?.top.map((t) => [t.token, Math.exp(t.logprob)])).toEqual([
        ['B', expect.closeTo(0.5, 9)],
        ['A', expect.closeTo(0.3, 9)],
      ]);
    });

    it('returns n samples in order, counting completion tokens over all of them', async () => {
      subject.setBehaviour((body) =>
        fakeAnswer(Array.from({ length: body.n ?? 1 }, (_, i) => `s${i}`)),
      );
      const response = await subject.model.complete(
        ask('x', { n: 4, temperature: 1, topLogprobs: 1 }),
      );
      expect(response.choices.map((c) => c.content)).toEqual(['s0', 's1', 's2', 's3']);
      // One token and one end-of-sequence entry per sample, although llama.cpp reports one sample.
      expect(response.usage.completionTokens).toBe(8);
    });

    it('passes an answer outside the label set through untouched', async () => {
      subject.setBehaviour(() => fakeAnswer('maybe'));
      const response = await subject.model.complete(ask('hmm', { topLogprobs: 2 }));
      expect(response.choices[0]?.content).toBe('maybe');
    });

    it('fails a prompt over the context as INVALID_INPUT with the server message', async () => {
      subject.setBehaviour(() => contextTooLong());
      await expect(subject.model.complete(ask('long'))).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('exceeds the available context size'),
      });
    });

    it('labels with the default classifier by the label word in the text', async () => {
      subject.setBehaviour(classifierResponder());
      const response = await subject.model.complete(
        ask('A truly negative experience.', { topLogprobs: 5 }),
      );
      expect(response.choices[0]?.content).toBe('B');
      const top = response.choices[0]?.logprobs?.[0]?.top ?? [];
      expect(top[0]).toMatchObject({ token: ' B' });
      expect(Math.exp(top[0]?.logprob ?? -Infinity)).toBeCloseTo(0.9, 9);
    });
  });
}
