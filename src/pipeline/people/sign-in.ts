import type { Annotator } from '../../core/ports/people-store.js';
import { hashToken, newToken } from './invite-annotator.js';
import { isoAt, peopleConfig, type PeopleContext } from './people-context.js';

/** A sign-in: the person and their new session token (shown once), or why there is none. */
export type SignInResult =
  | {
      readonly status: 'signed-in';
      readonly annotator: Annotator;
      readonly session: string;
      /** ISO-8601, `people.sessionDays` from now. */
      readonly expiresAt: string;
    }
  | { readonly status: 'used' | 'expired' | 'unknown' };

/**
 * Redeems an invitation token: on success the invitation is used up and a session opened for
 * `people.sessionDays`; a used, expired or unknown token opens nothing.
 * @example const result = await signIn(ctx, token); if (result.status === 'signed-in') setCookie(result.session)
 * Complexity: one store transaction and one read.
 */
export async function signIn(
  ctx: Pick<PeopleContext, 'store' | 'project' | 'clock'>,
  token: string,
): Promise<SignInResult> {
  const session = newToken();
  const expiresAt = isoAt(ctx.clock, peopleConfig(ctx.project).sessionDays * 86_400_000);
  const result = await ctx.store.people.redeemInvitation({
    tokenHash: hashToken(token),
    now: isoAt(ctx.clock),
    session: { tokenHash: hashToken(session), expiresAt },
  });
  if (result.status !== 'redeemed') return { status: result.status };
  const annotator = await ctx.store.people.getAnnotator(result.annotatorId);
  // The row is removed with its invitations (cascade), so a redeemed one names a person.
  if (annotator === undefined) return { status: 'unknown' };
  return { status: 'signed-in', annotator, session, expiresAt };
}
