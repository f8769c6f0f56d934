import { choiceKey } from './answer-keys.js';
import { KeyHint } from './label-choices.js';

/**
 * A rating: the scale's levels in a row, lowest first, each with its anchor (the level's
 * description) beneath it, and its key when the key is not the level's own name.
 * @example <RatingScale levels={labels} choice="3" onChoose={setChoice} />
 */
export function RatingScale(props: {
  levels: readonly { readonly name: string; readonly description: string }[];
  choice: string | null;
  onChoose: (level: string) => void;
}) {
  const last = choiceKey(props.levels.length - 1);
  return (
    <>
      {last !== null && (
        <p className="muted scale-keys">
          Keys <kbd>1</kbd>–<kbd>{last.toUpperCase()}</kbd> rate, lowest to highest.
        </p>
      )}
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
                {choiceKey(i) !== level.name.toLowerCase() && (
                  <>
                    <KeyHint index={i} />{' '}
                  </>
                )}
                {level.name}
              </span>
              {level.description !== '' && <span className="anchor">{level.description}</span>}
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}
