import type { MeResponse, ReviewResponse, TaskView } from '../../src/contract/people-api.js';
import { percent } from '../../src/core/format/format-number.js';
import { AnswerView } from './answer-view.js';
import { answerWords, verdictWords } from './answer-words.js';
import { KeyHint } from './label-choices.js';
import { ItemView } from './item-view.js';
import { SetChoices } from './set-choices.js';

type ReviewItem = ReviewResponse['items'][number];
type Labels = MeResponse['project']['labels'];

/**
 * One item waiting for review: why, its fields, the votes by name, people's comments, the
 * machine's view, and the answers to settle it with in the project's kind: a button per label,
 * verdict or level (numbered for the keys of the selected item), or for a multi-label project the
 * set's checkboxes and a button that settles the ticked set.
 * @example <ReviewCard item={item} task={task} labels={labels} selected choice={null} busy={false} onSelect={…} onChoose={…} onSettle={…} />
 */
export function ReviewCard(props: {
  item: ReviewItem;
  task: TaskView;
  labels: Labels;
  selected: boolean;
  choice: string | null;
  busy: boolean;
  onSelect: () => void;
  onChoose: (answer: string) => void;
  onSettle: (answer: string) => void;
}) {
  const { item, task, labels, selected, choice, busy } = props;
  return (
    <article
      data-testid="review-item"
      data-item-id={item.itemId}
      className={selected ? 'selected' : ''}
      aria-current={selected}
      onClick={selected ? undefined : props.onSelect}
    >
      <p className="muted">{item.reason}</p>
      <ItemView task={task} fields={item.fields} />
      <p data-testid="votes">
        Votes:{' '}
        {item.votes.length === 0
          ? 'none'
          : item.votes.map((v, i) => (
              <span key={`${v.source}-${i}`} className="vote">
                {i > 0 && ', '}
                {v.name} →{' '}
                {v.label === null ? (
                  '—'
                ) : (
                  <AnswerView task={task} labels={labels} answer={v.label} />
                )}
              </span>
            ))}
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
      {item.machine && <MachineView task={task} machine={item.machine} />}
      {task.kind === 'multilabel' ? (
        <>
          <SetChoices task={task} labels={labels} code={choice ?? ''} onChange={props.onChoose} />
          <p className="actions">
            <button disabled={busy} onClick={() => props.onSettle(choice ?? '')}>
              {selected && <kbd>Enter</kbd>} settle as ticked
            </button>
          </p>
        </>
      ) : (
        <p className="actions">
          {settleOrder(task, labels).map(({ label, index }) => (
            <button
              key={label.name}
              className={choice === label.name ? 'chosen' : ''}
              disabled={busy}
              title={label.description}
              onClick={() => props.onSettle(label.name)}
            >
              {selected &&
                (task.kind === 'pairwise' ? (
                  <kbd>{{ a: 'A', b: 'B', tie: 'T' }[label.name]}</kbd>
                ) : (
                  <KeyHint index={index} />
                ))}{' '}
              {task.kind === 'classify' ? label.name : answerWords(task, labels, label.name)}
            </button>
          ))}
        </p>
      )}
      {selected && choice !== null && (
        <p className="muted" data-testid="review-choice">
          <kbd>Enter</kbd> settles as “{answerWords(task, labels, choice)}”.
        </p>
      )}
    </article>
  );
}

/** The labels in the order their buttons show: A better, tie, B better for a pairwise verdict. */
function settleOrder(task: TaskView, labels: Labels) {
  const indexed = labels.map((label, index) => ({ label, index }));
  if (task.kind !== 'pairwise') return indexed;
  const rank: Record<string, number> = { a: 0, tie: 1, b: 2 };
  return indexed.sort((x, y) => (rank[x.label.name] ?? 3) - (rank[y.label.name] ?? 3));
}

/** The machine's probabilities: per label that it applies for a set, else its distribution. */
function MachineView({ task, machine }: { task: TaskView; machine: Record<string, number> }) {
  const words = (label: string) => (task.kind === 'pairwise' ? verdictWords(label) : label);
  return (
    <p data-testid="machine">
      {task.kind === 'multilabel' ? 'Machine, chance each label applies: ' : 'Machine: '}
      {Object.entries(machine)
        // A set's labels, likeliest first: the few that apply lead a long list.
        .sort(([, p], [, q]) => (task.kind === 'multilabel' ? q - p : 0))
        .map(([l, p]) => `${words(l)} ${percent(p, 0)}`)
        .join(', ')}
    </p>
  );
}
