import { HiloError } from '../../core/errors.js';
import type { LlmLabellerConfig } from '../../core/project.js';
import type { TaskKind } from '../../core/types.js';

/**
 * Refuses LLM settings a task kind cannot use, with a one-line error naming the kind and the
 * setting, instead of running them as something else:
 * - `confidence: verbalized` (a stated probability per label) is for multilabel only; a
 *   single-choice kind reads logprobs or samples.
 * - `askVerbalized` (one stated confidence per answer) does not fit a multi-label answer, which
 *   is one yes/no per label.
 * @example checkLlmSettingsForKind('multilabel', settings) // throws when settings.askVerbalized
 * @throws HiloError INVALID_INPUT
 */
export function checkLlmSettingsForKind(
  kind: TaskKind,
  settings: Pick<LlmLabellerConfig, 'confidence' | 'askVerbalized'>,
): void {
  if (kind === 'multilabel') {
    if (settings.askVerbalized) {
      throw new HiloError(
        'INVALID_INPUT',
        'labeller.llm.askVerbalized (one confidence per answer) does not apply to kind multilabel; set labeller.llm.confidence to verbalized for a stated probability per label',
      );
    }
    return;
  }
  if (settings.confidence === 'verbalized') {
    throw new HiloError(
      'INVALID_INPUT',
      `labeller.llm.confidence verbalized applies to kind multilabel only; a ${kind} project reads logprobs, self-consistency or auto`,
    );
  }
}
