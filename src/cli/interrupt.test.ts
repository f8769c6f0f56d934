import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { handleInterrupts, type ProcessSignals } from './interrupt.js';

/** A process whose signals the test sends and whose exits it records. */
function fakeProcess(): ProcessSignals & { emitter: EventEmitter; exits: number[] } {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  return {
    emitter,
    exits,
    on: (signal, listener) => emitter.on(signal, listener),
    off: (signal, listener) => emitter.off(signal, listener),
    exit: (code) => void exits.push(code),
  };
}

describe('handleInterrupts', () => {
  it('exits at once when no long work asked to stop cleanly', () => {
    const signals = fakeProcess();
    const warnings: string[] = [];
    const interrupts = handleInterrupts({ signals, warn: (m) => warnings.push(m), exitCode: 130 });
    signals.emitter.emit('SIGTERM');
    expect(signals.exits).toEqual([130]);
    expect(warnings).toEqual([]);
    interrupts.dispose();
  });

  it('aborts long work at the first Ctrl-C with its warning, and exits at the second', () => {
    const signals = fakeProcess();
    const warnings: string[] = [];
    const interrupts = handleInterrupts({ signals, warn: (m) => warnings.push(m), exitCode: 130 });
    const signal = interrupts.signal('stopping after the step in progress');
    expect(signal.aborted).toBe(false);
    signals.emitter.emit('SIGINT');
    expect(signal.aborted).toBe(true);
    expect(warnings).toEqual(['stopping after the step in progress']);
    expect(signals.exits).toEqual([]);
    signals.emitter.emit('SIGINT');
    expect(signals.exits).toEqual([130]);
    interrupts.dispose();
  });

  it('removes its handlers when disposed, and listens to nothing without signals', () => {
    const signals = fakeProcess();
    const interrupts = handleInterrupts({ signals, warn: () => undefined, exitCode: 130 });
    expect(signals.emitter.listenerCount('SIGINT')).toBe(1);
    expect(signals.emitter.listenerCount('SIGTERM')).toBe(1);
    interrupts.dispose();
    expect(signals.emitter.listenerCount('SIGINT')).toBe(0);
    expect(signals.emitter.listenerCount('SIGTERM')).toBe(0);
    const inProcess = handleInterrupts({
      signals: undefined,
      warn: () => undefined,
      exitCode: 130,
    });
    expect(inProcess.signal('never').aborted).toBe(false);
    inProcess.dispose();
  });
});
