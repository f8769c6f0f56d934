import type { Clock } from '../core/ports/runtime.js';

/** How long failed sign-ins are remembered. */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;

/** Addresses remembered at most; the oldest are forgotten first. */
const MAX_ADDRESSES = 10_000;

export interface LoginGuardOptions {
  readonly clock: Clock;
  /** Failed sign-ins an address may make per window before its failures are answered 429. */
  readonly failuresPerAddress: number;
  /** Failed sign-ins per window after which the address is refused outright, valid tokens too. */
  readonly blockAfter: number;
}

interface Window {
  readonly start: number;
  failures: number;
}

/**
 * Counts failed sign-ins per address over a fixed window. A wrong token names no account, so the
 * address is all a failure can be charged to; and since several people may share an address (an
 * office behind one NAT), failures alone never stop a valid token until the address has failed
 * `blockAfter` times: past `failuresPerAddress` only the failures are answered 429, past
 * `blockAfter` every attempt is until the window ends. A guesser gets `blockAfter` tries per
 * window at most, against 256-bit single-use tokens.
 * @example const guard = new LoginGuard({ clock, failuresPerAddress: 10, blockAfter: 100 }); if (guard.blockedFor(ip) > 0) refuse()
 * Complexity: O(1) per call, memory O(addresses), bounded.
 */
export class LoginGuard {
  readonly #options: LoginGuardOptions;
  readonly #windows = new Map<string, Window>();

  constructor(options: LoginGuardOptions) {
    this.#options = options;
  }

  /** Milliseconds until the address may try again at all; 0 when it may now. */
  blockedFor(address: string): number {
    const window = this.#current(address);
    return window !== undefined && window.failures >= this.#options.blockAfter
      ? this.#left(window)
      : 0;
  }

  /**
   * Counts a failed sign-in; returns the milliseconds to wait when the address is past its
   * failure limit (answer 429), else 0 (answer the failure as it is).
   */
  fail(address: string): number {
    const now = this.#options.clock.now();
    let window = this.#current(address);
    if (window === undefined) {
      this.#forgetOld(now);
      window = { start: now, failures: 0 };
      this.#windows.set(address, window);
    }
    window.failures += 1;
    return window.failures > this.#options.failuresPerAddress ? this.#left(window) : 0;
  }

  #current(address: string): Window | undefined {
    const window = this.#windows.get(address);
    if (window === undefined) return undefined;
    if (this.#options.clock.now() - window.start < LOGIN_FAILURE_WINDOW_MS) return window;
    this.#windows.delete(address);
    return undefined;
  }

  #left(window: Window): number {
    return Math.max(1, window.start + LOGIN_FAILURE_WINDOW_MS - this.#options.clock.now());
  }

  #forgetOld(now: number): void {
    if (this.#windows.size < MAX_ADDRESSES) return;
    for (const [address, window] of this.#windows) {
      if (now - window.start >= LOGIN_FAILURE_WINDOW_MS || this.#windows.size >= MAX_ADDRESSES)
        this.#windows.delete(address);
      if (this.#windows.size < MAX_ADDRESSES / 2) return;
    }
  }
}
