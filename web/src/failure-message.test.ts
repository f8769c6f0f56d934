import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.js';
import { failureMessage } from './failure-message.js';

describe('failure messages', () => {
  it('says what failed, why, and what to do next', () => {
    const cases: [unknown, string][] = [
      [
        new ApiError(0, 'NETWORK', 'Failed to fetch'),
        'Could not settle the item: the server did not answer. Check the connection, then try again.',
      ],
      [
        new ApiError(401, 'UNAUTHENTICATED', 'sign in with your invitation link'),
        'Could not settle the item: you are signed out. Open your invitation link to sign in again.',
      ],
      [
        new ApiError(429, 'RATE_LIMITED', 'too many requests; slow down'),
        'Could not settle the item: too many requests. Wait a moment, then try again.',
      ],
      [
        new ApiError(500, 'INTERNAL', 'internal error'),
        'Could not settle the item: the server failed (500 internal error). Try again; if it keeps failing, tell the project’s admin.',
      ],
      [
        new ApiError(409, 'CONFLICT', 'item "g1" has a gold label'),
        'Could not settle the item: item "g1" has a gold label.',
      ],
      [
        new ApiError(403, 'FORBIDDEN', 'this needs the reviewer role.'),
        'Could not settle the item: this needs the reviewer role.',
      ],
      [
        new TypeError('items is undefined'),
        'Could not settle the item: items is undefined. Reload the page and try again.',
      ],
    ];
    for (const [error, message] of cases)
      expect(failureMessage('settle the item', error)).toBe(message);
  });
});
