/**
 * The label buttons of a page that labels one item at a time, each with its number key; the
 * picked one is marked `chosen`, and a label's description is its tooltip.
 */
export function LabelChoices({
  labels,
  choice,
  onChoose,
}: {
  labels: readonly { readonly name: string; readonly description: string }[];
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
            <kbd>{i + 1}</kbd> {label.name}
          </button>
        </li>
      ))}
    </ol>
  );
}
