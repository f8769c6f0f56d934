import { createRng } from '../../core/rng.js';
import { type FakeChoice, type FakeResponder, fakeAnswer, fakeToken } from './fake-replies.js';

/** One pair the judge knows: its two responses and the probability that `a` is the better one. */
export interface JudgedPair {
  readonly a: string;
  readonly b: string;
  /** The true preference: P(a is better); `b` wins with 1 − pA. */
  readonly pA: number;
}

export interface BiasedJudgeOptions {
  /** Pairs by their prompt text. */
  readonly pairs: ReadonlyMap<string, JudgedPair>;
  /** The built-in position bias: with this probability the judge picks whichever response is shown first. */
  readonly firstBias: number;
  /** Probability of a tie, when the prompt offers one (code C). Default 0.05. */
  readonly tie?: number;
  /** Seed of sampled answers (temperature > 0). Default 1. */
  readonly seed?: number;
}

const PROMPT =
  /Prompt:\n([\s\S]*?)\n\nResponse A:\n([\s\S]*?)\n\nResponse B:\n([\s\S]*?)(?:\n\n|$)/;

/**
 * A pairwise judge with a known position bias, for tests and benches of swap-and-combine. For a
 * shown pair (first X, second Y) it puts P(first) = firstBias + (1 − firstBias)·P(X is better)
 * on code A, the rest on B, scaled by 1 − tie with the tie on C (when the prompt lists a code C).
 * So asked once, an item whose better response is shown second by a small margin is judged
 * wrong; averaged over both orders P(a) = firstBias/2 + (1 − firstBias)·pA, whose top verdict
 * is the true one. At temperature 0 it answers the top code with these logprobs; at a higher
 * temperature it samples each choice (n per request) from them, seeded by the request index.
 * The prompt is read from the last user message (`Prompt:` / `Response A:` / `Response B:`);
 * an unknown prompt gets an even split.
 * @example createScriptedModel({ respond: biasedJudge({ pairs, firstBias: 0.4 }) })
 * Complexity: O(prompt length) per request.
 */
export function biasedJudge(options: BiasedJudgeOptions): FakeResponder {
  const tieMass = options.tie ?? 0.05;
  return (body, index) => {
    const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = body.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    const withTie = /^C: /m.test(system);
    const match = PROMPT.exec(user);
    const pair = match ? options.pairs.get(match[1] as string) : undefined;
    let pFirstBetter = 0.5;
    if (pair && match) pFirstBetter = match[2] === pair.a ? pair.pA : 1 - pair.pA;
    const tie = withTie ? tieMass : 0;
    const first = (options.firstBias + (1 - options.firstBias) * pFirstBetter) * (1 - tie);
    const probabilities: Record<string, number> = { A: first, B: 1 - tie - first };
    if (withTie) probabilities.C = tie;
    const temperature = body.temperature ?? 1;
    const n = body.n ?? 1;
    if (temperature === 0) return fakeAnswer([choice(top(probabilities), probabilities)]);
    const rng = createRng((options.seed ?? 1) * 100_003 + index + (body.seed ?? 0) * 7919);
    const choices: FakeChoice[] = [];
    for (let k = 0; k < n; k++)
      choices.push(choice(sample(probabilities, rng.next()), probabilities));
    return fakeAnswer(choices);
  };
}

function choice(code: string, probabilities: Record<string, number>): FakeChoice {
  return { text: code, tokens: [fakeToken(code, probabilities)] };
}

function top(probabilities: Record<string, number>): string {
  return Object.entries(probabilities).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

function sample(probabilities: Record<string, number>, u: number): string {
  let acc = 0;
  const entries = Object.entries(probabilities);
  for (const [code, p] of entries) {
    acc += p;
    if (u < acc) return code;
  }
  return entries.at(-1)?.[0] ?? 'A';
}
