import { HiloError } from '../../core/errors.js';
import type {
  NewInvitation,
  RedeemRequest,
  RedeemResult,
} from '../../core/ports/invitation-store.js';

/** What the invitations need of the people store they belong to. */
export interface InvitationPeople {
  hasAnnotator(id: string): boolean;
  openSession(tokenHash: string, annotatorId: string, expiresAt: string): void;
}

interface Row {
  readonly annotatorId: string;
  readonly expiresAt: string;
  usedAt: string | null;
}

/**
 * Single-use invitations in memory, for MemoryPeopleStore; each call checks and writes without
 * awaiting, so a redemption is atomic.
 * @example const invitations = new MemoryInvitations({ hasAnnotator, openSession })
 * Complexity: create O(invitations), redeem O(1).
 */
export class MemoryInvitations {
  readonly #rows = new Map<string, Row>();
  readonly #people: InvitationPeople;

  constructor(people: InvitationPeople) {
    this.#people = people;
  }

  create(invitation: NewInvitation): void {
    if (!this.#people.hasAnnotator(invitation.annotatorId))
      throw new HiloError(
        'CONFLICT',
        `store createInvitation: no annotator "${invitation.annotatorId}"`,
      );
    if (this.#rows.has(invitation.tokenHash))
      throw new HiloError('CONFLICT', 'store createInvitation: the token is taken');
    for (const [hash, row] of this.#rows)
      if (row.annotatorId === invitation.annotatorId && row.usedAt === null)
        this.#rows.delete(hash);
    this.#rows.set(invitation.tokenHash, {
      annotatorId: invitation.annotatorId,
      expiresAt: invitation.expiresAt,
      usedAt: null,
    });
  }

  redeem(request: RedeemRequest): RedeemResult {
    const row = this.#rows.get(request.tokenHash);
    if (row === undefined) return { status: 'unknown' };
    if (row.usedAt !== null) return { status: 'used' };
    if (row.expiresAt <= request.now) return { status: 'expired' };
    row.usedAt = request.now;
    this.#people.openSession(request.session.tokenHash, row.annotatorId, request.session.expiresAt);
    return { status: 'redeemed', annotatorId: row.annotatorId };
  }
}
