import { choiceKey } from './answer-keys.js';

type Labels = readonly { readonly name: string; readonly description: string }[];

/**
 * The label buttons of a page that labels one item at a time, each with its key (choiceKey);
 * the picked one is marked `chosen`, and a label's description is its tooltip.
 */
export function LabelChoices({
  labels,
  choice,
  onChoose,
}: {
  labels: Labels;
  choice: string | null;
  onChoose: (label: string) => void;
}) {
  return (
    <ol className="labels">
      {labels.map((label, i) => (
        <li key={label.name}>
          <button
            className={choice === label.name ? 'chosen' : ''}
            onClick={() => onChoose(label.name)}
            title={label.description}
          >
            <KeyHint index={i} /> {label.name}
          </button>
        </li>
      ))}
    </ol>
  );
}

/** The key that picks the label at `index`, when there is one. */
export function KeyHint({ index }: { index: number }) {
  const key = choiceKey(index);
  return key === null ? null : <kbd>{key.toUpperCase()}</kbd>;
}
