import type { ChatCompletionsBody } from '../../llm/chat-completions-body.js';
import { type FakeResponder, defaultTokens, fakeAnswer, fakeToken } from './fake-replies.js';

/** Options of `classifierResponder`. */
export interface ClassifierResponderOptions {
  /** Code → label word. Absent: read from the prompt (see `classifierResponder`). */
  readonly codes?: Readonly<Record<string, string>>;
  /** Probability of the chosen code when its label word is in the text. Default 0.9. */
  readonly confidence?: number;
  /** Emit the code with a leading space (" A"), as models often do. Default true. */
  readonly leadingSpace?: boolean;
}

const LISTING =
  /^\s*(?:[-*•]\s*)?["'`]?([A-Z0-9]{1,2})["'`]?\s*[:=)]\s*["'`]?([^—–:("'`\n]+?)["'`]?\s*(?:[—–:(].*|\s-\s.*)?$/;

/**
 * A deterministic stand-in for a classifying LLM, for pipeline tests. The label set is the
 * `codes` option, or else read from the prompt: every line of the form `A: positive`,
 * `A) positive`, `- B = negative — description` (codes are 1–2 capitals or digits). The
 * answer is the code of the label word that appears first (whole word, any case) in the last
 * user message (the item; earlier ones are demonstrations) with listing lines removed, with
 * probability `confidence`; with no label word in the text, the first code with probability
 * 0.4. The remaining mass is spread over the other codes (90%) and a non-code token (10%), so
 * callers see a full distribution and some `other` mass. When the prompt asks for a final line
 * `Answer: <...>` the code follows a line of reasoning and `Answer:`; when it asks for
 * `Confidence: <...>` a last line states the probability in percent. With no codes at all it
 * answers "A". Answers carry logprobs whenever they are asked for.
 * @example await startFakeOpenAiServer({ respond: classifierResponder({ codes: { A: 'spam', B: 'ham' } }) });
 * Complexity: O(prompt length × codes) per request.
 */
export function classifierResponder(options: ClassifierResponderOptions = {}): FakeResponder {
  const confidence = options.confidence ?? 0.9;
  const space = (options.leadingSpace ?? true) ? ' ' : '';
  return (body) => {
    const { codes, text } = readPrompt(body, options.codes);
    const entries = Object.entries(codes);
    if (entries.length === 0) return fakeAnswer(`${space}A`);
    let chosen = entries[0]?.[0] ?? 'A';
    let matched = false;
    let firstAt = Infinity;
    for (const [code, word] of entries) {
      const at = wordIndex(text, word);
      if (at >= 0 && at < firstAt) {
        firstAt = at;
        chosen = code;
        matched = true;
      }
    }
    const p = matched ? confidence : 0.4;
    const rest = 1 - p;
    const others = entries.length - 1;
    const alternatives: Record<string, number> = { [`${space}${chosen}`]: p };
    for (const [code] of entries) {
      if (code !== chosen) alternatives[`${space}${code}`] = (rest * 0.9) / others;
    }
    alternatives[`${space}The`] = others > 0 ? rest * 0.1 : rest;
    const asks = body.messages.map((m) => m.content).join('\n');
    const reasoning = asks.includes('Answer: <')
      ? defaultTokens(`The item reads as ${matched ? codes[chosen] : 'unclear'}.\nAnswer:`)
      : [];
    const stated = asks.includes('Confidence: <')
      ? defaultTokens(`\nConfidence: ${Math.round(100 * p)}`)
      : [];
    const tokens = [...reasoning, fakeToken(`${space}${chosen}`, alternatives), ...stated];
    return fakeAnswer([{ text: tokens.map((t) => t.token).join(''), tokens }]);
  };
}

function readPrompt(
  body: ChatCompletionsBody,
  given: Readonly<Record<string, string>> | undefined,
): { codes: Record<string, string>; text: string } {
  const codes: Record<string, string> = { ...given };
  let kept: string[] = [];
  for (const message of body.messages) {
    // Only the last user message is the item: earlier ones are few-shot demonstrations.
    if (message.role === 'user') kept = [];
    for (const line of message.content.split('\n')) {
      const match = LISTING.exec(line);
      if (match?.[1] && match[2]) {
        if (!given) codes[match[1]] ??= match[2].trim();
        continue;
      }
      if (message.role === 'user') kept.push(line);
    }
  }
  return { codes, text: kept.join('\n') };
}

function wordIndex(text: string, word: string): number {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
  return match ? match.index : -1;
}
