import type { MeResponse, ReviewResponse } from '../../src/contract/people-api.js';
import { percent } from '../../src/core/format/format-number.js';
import { ItemFields } from './item-fields.js';

type ReviewItem = ReviewResponse['items'][number];

/**
 * One item waiting for review: why, its fields, the votes by name, people's comments, the
 * machine's view, and a button per label (numbered for the keys of the selected item).
 * @example <ReviewCard item={item} labels={labels} selected choice={null} busy={false} onSelect={…} onSettle={…} />
 */
export function ReviewCard(props: {
  item: ReviewItem;
  labels: MeResponse['project']['labels'];
  selected: boolean;
  choice: string | null;
  busy: boolean;
  onSelect: () => void;
  onSettle: (label: string) => void;
}) {
  const { item, labels, selected, choice, busy } = props;
  return (
    <article
      data-testid="review-item"
      data-item-id={item.itemId}
      className={selected ? 'selected' : ''}
      aria-current={selected}
      onClick={selected ? undefined : props.onSelect}
    >
      <p className="muted">{item.reason}</p>
      <ItemFields fields={item.fields} />
      <p data-testid="votes">
        Votes: {item.votes.map((v) => `${v.name} → ${v.label ?? '—'}`).join(', ') || 'none'}
      </p>
      {item.comments.length > 0 && (
        <ul className="comments" data-testid="comments">
          {item.comments.map((c, i) => (
            <li key={i}>
              <strong>{c.name}</strong>: {c.text}
            </li>
          ))}
        </ul>
      )}
      {item.machine && (
        <p>
          Machine:{' '}
          {Object.entries(item.machine)
            .map(([l, p]) => `${l} ${percent(p, 0)}`)
            .join(', ')}
        </p>
      )}
      <p className="actions">
        {labels.map((l, i) => (
          <button
            key={l.name}
            className={choice === l.name ? 'chosen' : ''}
            disabled={busy}
            title={l.description}
            onClick={() => props.onSettle(l.name)}
          >
            {selected && <kbd>{i + 1}</kbd>} {l.name}
          </button>
        ))}
      </p>
      {selected && choice !== null && (
        <p className="muted" data-testid="review-choice">
          <kbd>Enter</kbd> settles as “{choice}”.
        </p>
      )}
    </article>
  );
}
