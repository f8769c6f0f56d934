/**
 * The fixed sentences of the prompts of the task kinds other than classify. The prompt version
 * hashes the part of this object a kind uses (see `labelPromptVersion`), so rewording any of it
 * gives a kind's prompts a new version, while classify prompts keep theirs.
 */
export const KIND_TEMPLATE = {
  rating: {
    intro:
      'You rate items for the task "{task}" on an ordered scale. Choose the one level of the scale that fits the item best, following the guidelines.',
    levelsWithCodes: 'Scale, lowest to highest (code: level - anchor):',
    levelsByName: 'Scale, lowest to highest (level - anchor):',
  },
  pairwise: {
    intro:
      'You judge pairs of responses for the task "{task}". Read the prompt and the two responses, and choose which response is better, following the guidelines. Judge the content only: the order in which the responses are shown and their length do not matter.',
    verdictsWithCodes: 'Verdicts (code: verdict - meaning):',
    prompt: 'Prompt:',
    responseA: 'Response A:',
    responseB: 'Response B:',
    a: 'Response A is better.',
    b: 'Response B is better.',
    tie: 'Both responses are equally good (or equally bad).',
  },
  multilabel: {
    intro:
      'You label items for the task "{task}". Every label below is a separate yes/no question: decide for each label whether it applies to the item, following the guidelines.{bounds}',
    bounds: ' An item has between {min} and {max} labels.',
    labels: 'Labels (name - description):',
    yesNo:
      'Reply with only a JSON object that has every label name as a key, in the order listed, and "yes" or "no" as its value, e.g. {example}.',
    confidence:
      'Reply with only a JSON object that has every label name as a key, in the order listed, and as its value the probability (a number from 0 to 1) that the label applies, e.g. {example}.',
    chainOfThought:
      'First reason step by step in a few sentences. Then write a final line "Answer: " followed by that JSON object on the same line.',
    reminder: 'Reason first, then end with the line "Answer: " followed by the JSON object.',
    repair:
      'That answer could not be read ({reason}). Reply with only the JSON object, with each of these labels as a key: {list}.',
  },
} as const;

/**
 * Fills `{key}` placeholders; unknown keys are left as they are.
 * @example fillTemplate('Hello {who}', { who: 'you' }) // 'Hello you'
 * Complexity: O(template length).
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
