import { verdictWords } from './answer-words.js';

const KEYS: Record<string, string> = { a: 'A', b: 'B', tie: 'T' };

/**
 * A pairwise verdict: A better, tie (when the project has it) and B better, with keys A / T / B
 * (or 1 / 3 / 2). The buttons name positions only, never a system.
 * @example <VerdictChoices labels={['a', 'b', 'tie']} choice="a" onChoose={setChoice} />
 */
export function VerdictChoices(props: {
  labels: readonly string[];
  choice: string | null;
  onChoose: (verdict: string) => void;
}) {
  const order = ['a', 'tie', 'b'].filter((v) => props.labels.includes(v));
  const numbers: Record<string, string> = { a: '1', b: '2', tie: '3' };
  return (
    <ol className="labels verdicts" data-testid="verdicts">
      {order.map((verdict) => (
        <li key={verdict}>
          <button
            className={props.choice === verdict ? 'chosen' : ''}
            onClick={() => props.onChoose(verdict)}
            title={`key ${KEYS[verdict] ?? ''} or ${numbers[verdict] ?? ''}`}
          >
            <kbd>{KEYS[verdict]}</kbd> {verdictWords(verdict)}
          </button>
        </li>
      ))}
    </ol>
  );
}
