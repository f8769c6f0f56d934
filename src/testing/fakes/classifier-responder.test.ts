import { describe, expect, it } from 'vitest';
import type { ChatCompletionsBody } from '../../llm/chat-completions-body.js';
import { classifierResponder } from './classifier-responder.js';
import type { FakeReply } from './fake-replies.js';

const body = (system: string, user: string): ChatCompletionsBody => ({
  model: 'm',
  messages: [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ],
});
const answer = async (reply: FakeReply | Promise<FakeReply>) => {
  const r = await reply;
  if (r.type !== 'completion') throw new Error('expected a completion');
  return r.choices[0];
};
const listing =
  'Answer with one code.\nA: positive — the writer is pleased\nB) negative\n- C = not sure - mixed';

describe('classifierResponder', () => {
  it('reads the codes from the prompt and picks the first label word in the text', async () => {
    const respond = classifierResponder();
    expect(
      (await answer(respond(body(listing, 'Honestly negative, not positive.'), 0)))?.text,
    ).toBe(' B');
    expect((await answer(respond(body(listing, 'I am NOT SURE at all'), 0)))?.text).toBe(' C');
  });

  it('puts the chosen code first with the stated confidence and spreads the rest', async () => {
    const choice = await answer(
      classifierResponder({ confidence: 0.8 })(body(listing, 'so positive'), 0),
    );
    const top = choice?.tokens?.[0]?.top ?? [];
    expect(top[0]?.token).toBe(' A');
    expect(Math.exp(top[0]?.logprob ?? 0)).toBeCloseTo(0.8, 12);
    const total = top.reduce((sum, t) => sum + Math.exp(t.logprob), 0);
    expect(total).toBeCloseTo(1, 12);
    expect(top.map((t) => t.token)).toContain(' The');
  });

  it('is unsure when no label word appears, and ignores words inside other words', async () => {
    const choice = await answer(classifierResponder()(body(listing, 'positively odd'), 0));
    expect(choice?.text).toBe(' A');
    expect(Math.exp(choice?.tokens?.[0]?.logprob ?? 0)).toBeCloseTo(0.4, 12);
  });

  it('takes codes from options, without a leading space if asked', async () => {
    const respond = classifierResponder({ codes: { S: 'spam', H: 'ham' }, leadingSpace: false });
    expect((await answer(respond(body('Classify.', 'ham sandwich'), 0)))?.text).toBe('H');
  });

  it('looks only at the last user message, past few-shot demonstrations', async () => {
    const request: ChatCompletionsBody = {
      model: 'm',
      messages: [
        { role: 'system', content: listing },
        { role: 'user', content: 'text: a positive demo' },
        { role: 'assistant', content: 'A' },
        { role: 'user', content: 'text: plainly negative' },
      ],
    };
    expect((await answer(classifierResponder()(request, 0)))?.text).toBe(' B');
  });

  it('reasons before "Answer:" and states a confidence when the prompt asks', async () => {
    const system = `${listing}\nFirst reason step by step. Then write a final line "Answer: <code>".\nOn the very last line write "Confidence: <0-100>".`;
    const choice = await answer(classifierResponder()(body(system, 'text: negative'), 0));
    expect(choice?.text).toBe('The item reads as negative.\nAnswer: B\nConfidence: 90');
    const tokens = choice?.tokens ?? [];
    const code = tokens.findIndex((t) => t.token === ' B');
    expect(tokens[code - 1]?.token).toBe('\nAnswer:');
    expect(tokens[code]?.top.length).toBe(4);
  });
});
