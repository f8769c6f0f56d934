import type { MeResponse, ServedItemBody, TaskView } from '../../src/contract/people-api.js';
import { percent } from '../../src/core/format/format-number.js';
import { AnswerView } from './answer-view.js';

/**
 * The machine's label on the item, when the project pre-annotates, with the warning that comes
 * with it: people who see a suggestion tend to agree with it. A multi-label suggestion is also
 * ticked in the answer, so the person unticks what does not apply.
 * @example <SuggestionNote task={task} labels={labels} suggestion={item.suggestion} />
 */
export function SuggestionNote(props: {
  task: TaskView;
  labels: MeResponse['project']['labels'];
  suggestion: ServedItemBody['suggestion'];
}) {
  const { task, labels, suggestion } = props;
  if (suggestion == null) return null;
  return (
    <p className="suggestion" data-testid="suggestion">
      Machine suggestion:{' '}
      <strong>
        <AnswerView task={task} labels={labels} answer={suggestion.label} />
      </strong>
      {suggestion.confidence !== null && ` (${percent(suggestion.confidence, 0)} sure)`}
      <span className="muted">
        {' '}
        — it may be wrong, and seeing it pulls answers towards it: judge the item yourself.
      </span>
    </p>
  );
}
