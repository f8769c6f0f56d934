import type { PeopleContext } from '../pipeline/people/index.js';

/**
 * Request limits. Sign-in is limited per address (a wrong token names no account): all attempts
 * per minute, and failed ones per 15 minutes (see LoginGuard). Leasing and answering are limited
 * per signed-in person, and per address for requests without a valid session.
 */
export interface RateLimits {
  /** Sign-in attempts per address per minute, valid or not: a flood cap, set high. */
  readonly loginPerMinute: number;
  /** Failed sign-ins per address per 15 minutes before failures are answered 429. */
  readonly loginFailuresPerAddress: number;
  /** Failed sign-ins per address per 15 minutes after which even valid ones are refused. */
  readonly loginBlockAfterFailures: number;
  /** Requests per minute to each of next, answers and undo, per person. */
  readonly answersPerMinute: number;
}

/** The limits `hilo serve` runs with unless told otherwise. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  loginPerMinute: 60,
  loginFailuresPerAddress: 10,
  loginBlockAfterFailures: 100,
  answersPerMinute: 600,
};

/** Everything the routes need, in one object. */
export interface ServerDeps extends PeopleContext {
  readonly rateLimits: RateLimits;
}
