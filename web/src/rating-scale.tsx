import { KeyHint } from './label-choices.js';

/**
 * A rating: the scale's levels in a row, lowest first, each with its key and its anchor (the
 * level's description) beneath it.
 * @example <RatingScale levels={labels} choice="3" onChoose={setChoice} />
 */
export function RatingScale(props: {
  levels: readonly { readonly name: string; readonly description: string }[];
  choice: string | null;
  onChoose: (level: string) => void;
}) {
  return (
    <ol className="scale" data-testid="scale">
      {props.levels.map((level, i) => (
        <li key={level.name}>
          <button
            className={props.choice === level.name ? 'chosen' : ''}
            onClick={() => props.onChoose(level.name)}
            aria-label={
              level.description === '' ? level.name : `${level.name}: ${level.description}`
            }
          >
            <span className="level">
              <KeyHint index={i} /> {level.name}
            </span>
            {level.description !== '' && <span className="anchor">{level.description}</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}
