import type { GoldAnswer } from '../../core/ports/gold-answers.js';
import type { ProjectConfig } from '../../core/project.js';

/** What an annotator is told after their first answer to a control or exam item. */
export interface GoldFeedback {
  readonly correct: boolean;
  readonly goldLabel: string;
  /** The gold label's description from the project, when the answer was wrong. */
  readonly description: string | null;
  /** The paragraph of the guidelines that mentions the gold label, when the answer was wrong. */
  readonly guideline: string | null;
  /** A wrong answer may be appealed (POST /api/appeals). */
  readonly appealable: boolean;
}

/**
 * The feedback on a scored gold answer: right or wrong, and for a wrong one why — the gold label's
 * description and the guideline passage about it.
 * @example goldFeedback(project, kept) // { correct: false, goldLabel: 'spam', description: 'Ads…', … }
 * Complexity: O(guidelines length).
 */
export function goldFeedback(project: ProjectConfig, answer: GoldAnswer): GoldFeedback {
  if (answer.correct) {
    return {
      correct: true,
      goldLabel: answer.goldLabel,
      description: null,
      guideline: null,
      appealable: false,
    };
  }
  const description = project.labels.find((l) => l.name === answer.goldLabel)?.description ?? '';
  return {
    correct: false,
    goldLabel: answer.goldLabel,
    description: description.trim().length > 0 ? description : null,
    guideline: guidelinePassage(project.guidelines, answer.goldLabel),
    appealable: true,
  };
}

/**
 * The first paragraph (blocks split by blank lines) of the guidelines that names the label as a
 * whole word, case-insensitively; null when none does.
 * @example guidelinePassage('Intro.\n\nSpam is any ad.', 'spam') // 'Spam is any ad.'
 * Complexity: O(guidelines length).
 */
export function guidelinePassage(guidelines: string, label: string): string | null {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const mentions = new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}($|[^\\p{L}\\p{N}_])`, 'iu');
  for (const paragraph of guidelines.split(/\n\s*\n/)) {
    const text = paragraph.trim();
    if (text.length > 0 && mentions.test(text)) return text;
  }
  return null;
}
