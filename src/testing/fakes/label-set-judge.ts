import { createRng } from '../../core/rng.js';
import {
  type FakeChoice,
  type FakeResponder,
  type FakeToken,
  fakeAnswer,
  fakeToken,
} from './fake-replies.js';

export interface LabelSetJudgeOptions {
  /** The labels, in the project's order. */
  readonly labels: readonly string[];
  /** Per item text (the value after `text: ` in the last user message): P(label applies) per label. */
  readonly items: ReadonlyMap<string, readonly number[]>;
  /** Seed of sampled answers (temperature > 0). Default 1. */
  readonly seed?: number;
}

/**
 * A multi-label model with known per-label probabilities, for tests: it answers the JSON the
 * multi-label prompt asks for. Asked for "yes"/"no" at temperature 0 it writes each label's
 * likelier word, whose token carries logprobs of exactly P(yes) and 1 − P(yes); at a higher
 * temperature each of the n choices draws every label independently; asked for probabilities
 * (the prompt says "probability") it states them. An unknown item gets 0.5 for every label.
 * @example createScriptedModel({ respond: labelSetJudge({ labels, items }) })
 * Complexity: O(labels) per choice.
 */
export function labelSetJudge(options: LabelSetJudgeOptions): FakeResponder {
  const { labels } = options;
  return (body, index) => {
    const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = body.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    const text = /^text: (.*)$/m.exec(user)?.[1] ?? '';
    const p = options.items.get(text) ?? labels.map(() => 0.5);
    if (system.includes('the probability (a number from 0 to 1)')) {
      const json = `{${labels.map((l, i) => `"${l}": ${p[i] ?? 0.5}`).join(', ')}}`;
      return fakeAnswer(json);
    }
    const temperature = body.temperature ?? 1;
    if (temperature === 0) return fakeAnswer([yesNoChoice(labels, p, (q) => q >= 0.5)]);
    const rng = createRng((options.seed ?? 1) * 100_003 + index + (body.seed ?? 0) * 7919);
    const choices: FakeChoice[] = [];
    for (let k = 0; k < (body.n ?? 1); k++) {
      choices.push(yesNoChoice(labels, p, (q) => rng.next() < q));
    }
    return fakeAnswer(choices);
  };
}

function yesNoChoice(
  labels: readonly string[],
  p: readonly number[],
  says: (q: number) => boolean,
): FakeChoice {
  const plain = (token: string): FakeToken => fakeToken(token);
  const tokens: FakeToken[] = [plain('{"')];
  labels.forEach((label, i) => {
    const q = Math.min(1 - 1e-9, Math.max(1e-9, p[i] ?? 0.5));
    const word = says(q) ? 'yes' : 'no';
    tokens.push(plain(label), plain('":'), plain(' "'));
    tokens.push(fakeToken(word, { yes: q, no: 1 - q }));
    tokens.push(plain(i === labels.length - 1 ? '"}' : '", "'));
  });
  return { text: tokens.map((t) => t.token).join(''), tokens };
}
