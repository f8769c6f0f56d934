import { answerText, setDifference } from '../../core/people-kinds/index.js';
import type { GoldAnswer } from '../../core/ports/gold-answers.js';
import type { ProjectConfig } from '../../core/project.js';

/** What an annotator is told after their first answer to a control or exam item. */
export interface GoldFeedback {
  readonly correct: boolean;
  /** As stored: a label, a verdict, a level, or a multi-label set's code. */
  readonly goldLabel: string;
  /** The gold answer as a person reads it: "toxic, insult", "B better", "4 — severe". */
  readonly goldText: string;
  /**
   * The gold label's description from the project, when the answer was wrong; for a set, each
   * label the answer got wrong, whether it applies, and its description, one a line.
   */
  readonly description: string | null;
  /**
   * The paragraph of the guidelines that mentions the gold label (for a set, the first label the
   * answer got wrong), when the answer was wrong.
   */
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
  const gold = { goldLabel: answer.goldLabel, goldText: answerText(project, answer.goldLabel) };
  if (answer.correct) {
    return { correct: true, ...gold, description: null, guideline: null, appealable: false };
  }
  if (project.kind === 'multilabel')
    return { correct: false, ...gold, ...setReasons(project, answer) };
  const description = descriptionOf(project, answer.goldLabel);
  return {
    correct: false,
    ...gold,
    description,
    guideline: guidelinePassage(project.guidelines, answer.goldLabel),
    appealable: true,
  };
}

/** Why a set was wrong: each label it missed or added, with its description. */
function setReasons(
  project: ProjectConfig,
  answer: GoldAnswer,
): Pick<GoldFeedback, 'description' | 'guideline' | 'appealable'> {
  const labels = project.labels.map((l) => l.name);
  const { missed, extra } = setDifference(labels, answer.label, answer.goldLabel);
  const wrong = labels.filter((l) => missed.includes(l) || extra.includes(l));
  const lines = wrong.map((name) => {
    const verdict = missed.includes(name) ? 'applies' : 'does not apply';
    const description = descriptionOf(project, name);
    return `"${name}" ${verdict}${description === null ? '' : `: ${description}`}`;
  });
  const first = wrong[0];
  return {
    description: lines.length > 0 ? lines.join('\n') : null,
    guideline: first === undefined ? null : guidelinePassage(project.guidelines, first),
    appealable: true,
  };
}

function descriptionOf(project: ProjectConfig, name: string): string | null {
  const description = project.labels.find((l) => l.name === name)?.description ?? '';
  return description.trim().length > 0 ? description : null;
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
