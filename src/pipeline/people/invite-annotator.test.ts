import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../testing/fakes/memory-store.js';
import {
  hashToken,
  invitationLink,
  inviteAnnotator,
  inviteFirstAdmin,
  reinviteAnnotator,
} from './invite-annotator.js';
import { signIn } from './sign-in.js';
import { project } from '../../testing/builders/index.js';

const clock = { now: () => Date.UTC(2026, 0, 1) };

describe('invitations', () => {
  it('stores only the hash of the token it returns, and starts annotators in onboarding', async () => {
    const store = new MemoryStore();
    const { annotator, token, expiresAt } = await inviteAnnotator(store.people, clock, {
      name: 'Ada',
      role: 'annotator',
      hours: 5,
    });
    expect(annotator.state).toBe('onboarding');
    expect(expiresAt).toBe(new Date(clock.now() + 5 * 3_600_000).toISOString());
    const redeem = (tokenHash: string) =>
      store.people.redeemInvitation({
        tokenHash,
        now: new Date(clock.now()).toISOString(),
        session: { tokenHash: `s-${tokenHash}`, expiresAt: '2027-01-01T00:00:00.000Z' },
      });
    expect(await redeem(token)).toEqual({ status: 'unknown' });
    expect(await redeem(hashToken(token))).toEqual({
      status: 'redeemed',
      annotatorId: annotator.id,
    });
    expect(invitationLink('http://h:1/', token)).toBe(`http://h:1/#invite=${token}`);
  });

  it('signs in once per link, for people.sessionDays; a re-issued link replaces the unused one', async () => {
    const store = new MemoryStore();
    const ctx = { store, project: project({ labels: ['a', 'b'] }), clock };
    const { annotator, token } = await inviteAnnotator(store.people, clock, {
      name: 'Ada',
      role: 'annotator',
    });
    const first = await signIn(ctx, token);
    expect(first).toMatchObject({ status: 'signed-in', annotator: { id: annotator.id } });
    if (first.status !== 'signed-in') return;
    expect(first.expiresAt).toBe(
      new Date(clock.now() + ctx.project.people.sessionDays * 86_400_000).toISOString(),
    );
    expect(
      await store.people.findSession(hashToken(first.session), first.expiresAt),
    ).toBeUndefined();
    expect(
      await store.people.findSession(hashToken(first.session), '2026-01-02T00:00:00.000Z'),
    ).toBe(annotator.id);
    expect(await signIn(ctx, token)).toEqual({ status: 'used' });
    const unused = await reinviteAnnotator(store.people, clock, { id: annotator.id });
    const latest = await reinviteAnnotator(store.people, clock, { id: annotator.id, hours: 1 });
    expect(latest.expiresAt).toBe(new Date(clock.now() + 3_600_000).toISOString());
    expect(await signIn(ctx, unused.token)).toEqual({ status: 'unknown' });
    expect(await signIn(ctx, latest.token)).toMatchObject({ status: 'signed-in' });
    await expect(reinviteAnnotator(store.people, clock, { id: 'ghost' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      reinviteAnnotator(store.people, clock, { id: annotator.id, hours: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('creates the first admin once: a second start finds one and invites nobody', async () => {
    const store = new MemoryStore();
    await inviteAnnotator(store.people, clock, { name: 'Ada', role: 'annotator' });
    const base = { baseUrl: 'http://127.0.0.1:4100', hours: 72 };
    const first = await inviteFirstAdmin(store.people, clock, base);
    expect(first?.link).toMatch(/^http:\/\/127\.0\.0\.1:4100\/#invite=[\w-]{43}$/);
    expect(first?.expiresAt).toBe(new Date(clock.now() + 72 * 3_600_000).toISOString());
    expect(await inviteFirstAdmin(store.people, clock, base)).toBeNull();
    const admins = (await store.people.listAnnotators()).filter((a) => a.role === 'admin');
    expect(admins).toHaveLength(1);
    expect(admins[0]?.state).toBe('active');
  });
});
