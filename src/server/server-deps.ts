import type { PeopleContext } from '../pipeline/people/index.js';

/** Rate limits per minute: sign-in per address, answers per person. */
export interface RateLimits {
  readonly loginPerMinute: number;
  readonly answersPerMinute: number;
}

/** Everything the routes need, in one object. */
export interface ServerDeps extends PeopleContext {
  readonly rateLimits: RateLimits;
}
