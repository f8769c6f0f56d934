/** An invitation to sign in once, stored by the hash of its token. */
export interface NewInvitation {
  readonly tokenHash: string;
  readonly annotatorId: string;
  /** ISO-8601. */
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** Redeeming an invitation: its token hash, now, and the session it opens. */
export interface RedeemRequest {
  readonly tokenHash: string;
  /** ISO-8601. */
  readonly now: string;
  readonly session: { readonly tokenHash: string; readonly expiresAt: string };
}

/**
 * What became of a redemption: the person signed in, or why not. `used` and `expired` name no
 * person, so a refusal tells the caller nothing it did not know.
 */
export type RedeemResult =
  | { readonly status: 'redeemed'; readonly annotatorId: string }
  | { readonly status: 'used' | 'expired' | 'unknown' };

/**
 * Single-use invitations (part of PeopleStore): each opens one session, before it expires.
 */
export interface InvitationStore {
  /**
   * Stores an invitation and revokes (deletes) the person's earlier ones not used yet, in one
   * transaction, so only the newest link works. CONFLICT when the annotator does not exist.
   */
  createInvitation(invitation: NewInvitation): Promise<void>;
  /**
   * Atomically marks an unused invitation that expires after `now` as used and creates the
   * session; of two concurrent redemptions of one token exactly one succeeds. A used invitation
   * answers `used` (even once expired), a past one `expired`, any other token `unknown`.
   */
  redeemInvitation(request: RedeemRequest): Promise<RedeemResult>;
}
