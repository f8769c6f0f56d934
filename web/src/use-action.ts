import { useCallback, useRef, useState } from 'react';
import { failureMessage } from './failure-message.js';

/** One kind of request a page makes, run one at a time, whose failure the page shows. */
export interface Action {
  /** True while a run is in progress: the page disables what would start another. */
  readonly busy: boolean;
  /** The last run's failure, worded for the person (see failureMessage); null after a success. */
  readonly error: string | null;
  /**
   * Runs `work` unless a run is in progress; a failure becomes `error` (and reaches `onFailure`),
   * never an unhandled rejection.
   */
  readonly run: (
    action: string,
    work: () => Promise<unknown>,
    onFailure?: (error: unknown) => void,
  ) => void;
}

/**
 * Every request a page makes goes through an Action, so none fails unseen.
 * @example const saving = useAction(); saving.run('settle the item', () => api.settle(id, label))
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback<Action['run']>((action, work, onFailure) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    const done = () => {
      running.current = false;
      setBusy(false);
    };
    Promise.resolve()
      .then(work)
      .then(
        () => setError(null),
        (e: unknown) => {
          setError(failureMessage(action, e));
          onFailure?.(e);
        },
      )
      .then(done, done);
  }, []);
  return { busy, error, run };
}
