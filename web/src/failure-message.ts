import { ApiError } from './api-client.js';

const sentence = (text: string) => text.trim().replace(/\.+$/, '');

/**
 * What failed, why, and what the person can do about it, in one or two sentences.
 * @example failureMessage('settle the item', new ApiError(0, 'NETWORK', 'Failed to fetch'))
 * // 'Could not settle the item: the server did not answer. Check the connection, then try again.'
 */
export function failureMessage(action: string, error: unknown): string {
  return `Could not ${action}: ${reason(error)}`;
}

function reason(error: unknown): string {
  if (!(error instanceof ApiError))
    return `${sentence(error instanceof Error ? error.message : String(error))}. Reload the page and try again.`;
  if (error.code === 'NETWORK')
    return 'the server did not answer. Check the connection, then try again.';
  if (error.status === 401)
    return 'you are signed out. Open your invitation link to sign in again.';
  if (error.status === 429) return 'too many requests. Wait a moment, then try again.';
  if (error.status >= 500)
    return `the server failed (${error.status} ${sentence(error.message)}). Try again; if it keeps failing, tell the project’s admin.`;
  return `${sentence(error.message)}.`;
}
