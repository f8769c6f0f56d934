import type { ServedItemBody } from '../../src/contract/people-api.js';
import { percent } from '../../src/core/format/format-number.js';

/**
 * The machine's label on the item, when the project pre-annotates, with the warning that comes
 * with it: people who see a suggestion tend to agree with it.
 * @example <SuggestionNote suggestion={item.suggestion} />
 */
export function SuggestionNote({ suggestion }: { suggestion: ServedItemBody['suggestion'] }) {
  if (suggestion == null) return null;
  return (
    <p className="suggestion" data-testid="suggestion">
      Machine suggestion: <strong>{suggestion.label}</strong>
      {suggestion.confidence !== null && ` (${percent(suggestion.confidence, 0)} sure)`}
      <span className="muted">
        {' '}
        — it may be wrong, and seeing it pulls answers towards it: judge the item yourself.
      </span>
    </p>
  );
}
