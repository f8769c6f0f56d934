/** The process's signals as the CLI uses them; `process` is one. */
export interface ProcessSignals {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  /** Ends the process at once, for a second Ctrl-C. */
  exit(code: number): void;
}

export interface Interrupts {
  /**
   * For long work that can stop cleanly: the returned signal aborts at the first Ctrl-C or
   * SIGTERM, after `warning` is printed; a second one ends the process at once. Before any
   * command asked for it, the first signal ends the process at once.
   */
  signal(warning: string): AbortSignal;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * The CLI's one interrupt handler, for SIGINT and SIGTERM. Without `signals` (a command run
 * in-process by a test) nothing is listened to and the signal never aborts.
 * @example
 * const interrupts = handleInterrupts({ signals: process, warn: console.error, exitCode: 130 });
 * await labelItems({ …, shouldStop: () => interrupts.signal('stopping…').aborted });
 * interrupts.dispose();
 */
export function handleInterrupts(options: {
  readonly signals: ProcessSignals | undefined;
  readonly warn: (message: string) => void;
  /** The exit code of a forced exit. */
  readonly exitCode: number;
}): Interrupts {
  const { signals } = options;
  const controller = new AbortController();
  let warning: string | null = null;
  const onSignal = (): void => {
    if (warning === null || controller.signal.aborted) {
      signals?.exit(options.exitCode);
      return;
    }
    options.warn(warning);
    controller.abort();
  };
  signals?.on('SIGINT', onSignal);
  signals?.on('SIGTERM', onSignal);
  return {
    signal: (message) => {
      warning = message;
      return controller.signal;
    },
    dispose: () => {
      signals?.off('SIGINT', onSignal);
      signals?.off('SIGTERM', onSignal);
    },
  };
}
