import type { MachineCheckSettings } from '../../core/project.js';

/** Phrases and layouts typical of a chatbot's reply, with how a flag names them. */
const CHATBOT_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\bas an ai\b|\bas a(n)? (ai )?language model\b|\bi(?: am|'m) an ai\b/i, 'says it is an AI'],
  [/\bi (?:cannot|can't|can not) (?:assist|help) with\b/i, "a chatbot's refusal"],
  [
    /^\s*(?:certainly|sure|absolutely|great question)[!,.]|\bi hope this helps\b|\blet me know if you (?:have|need)\b/im,
    "a chatbot's opening or closing",
  ],
  [
    /\bit(?:'s| is) (?:important|worth) (?:to note|noting)\b|\bdelve into\b/i,
    'typical LLM phrasing',
  ],
  [/(?:^|\n)\s*(?:[-*•]|\d+[.)])\s+\S.*\n\s*(?:[-*•]|\d+[.)])\s+\S/, 'a markdown list'],
  [/(?:^|\n)#{1,6} \S|\*\*[^*\n]+\*\*/, 'markdown formatting'],
];

/**
 * Why a free-text answer (a comment, a rationale) reads like a chatbot's reply, or null: "As an
 * AI…", refusals, "Certainly!" and "I hope this helps", "it's important to note", markdown
 * lists, headings and bold text. Plain short notes pass.
 * @example chatbotPattern('Certainly! Here is the answer.') // "a chatbot's opening or closing"
 * Complexity: O(length) per pattern.
 */
export function chatbotPattern(text: string): string | null {
  for (const [pattern, name] of CHATBOT_PATTERNS) if (pattern.test(text)) return name;
  return null;
}

/** What the speed check compares, in milliseconds. */
export interface AnswerTiming {
  /** Time this answer took. */
  readonly elapsedMs: number;
  /** The person's other answers' times. */
  readonly othersMs: readonly number[];
  /** Characters of the item's fields shown to people. */
  readonly characters: number;
}

/**
 * Why an answer came too fast to be the person's own reading, or null: faster than
 * `pastedShare` of their median time (once they have `pastedMinAnswers` other answers) and
 * faster than reading the item at `readingCharsPerSecond` (0: not compared). Off when
 * `pastedShare` is 0.
 * @example pastedBySpeed({ elapsedMs: 900, othersMs: Array(10).fill(8000), characters: 400 }, settings) // 'answered in 0.9 s: …'
 * Complexity: O(n log n) for n other answers.
 */
export function pastedBySpeed(timing: AnswerTiming, settings: MachineCheckSettings): string | null {
  const { pastedShare, pastedMinAnswers, readingCharsPerSecond } = settings;
  if (pastedShare <= 0 || timing.othersMs.length < Math.max(1, pastedMinAnswers)) return null;
  const median = medianOf(timing.othersMs);
  if (!(timing.elapsedMs < pastedShare * median)) return null;
  const readingMs =
    readingCharsPerSecond > 0 ? (1000 * timing.characters) / readingCharsPerSecond : Infinity;
  if (!(timing.elapsedMs < readingMs)) return null;
  const reading =
    readingCharsPerSecond > 0 ? ` and the ${seconds(readingMs)} it takes to read the item` : '';
  return `answered in ${seconds(timing.elapsedMs)}, under ${Math.round(100 * pastedShare)}% of their median ${seconds(median)}${reading}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}
