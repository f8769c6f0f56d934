import { useEffect, useState } from 'react';
import type { MeResponse } from '../../src/contract/people-api.js';
import { AnnotatePage } from './annotate-page.js';
import { api, ApiError } from './api-client.js';
import { DashboardPage } from './dashboard-page.js';
import { ReviewPage } from './review-page.js';

type View = 'annotate' | 'dashboard' | 'review';

/** Signs in from an invitation link (#invite=…), then shows the page for the person's role. */
export function App() {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>('annotate');

  useEffect(() => {
    const invite = /invite=([\w-]+)/.exec(window.location.hash)?.[1];
    // The token leaves the address bar at once, so it is not kept in history.
    if (invite !== undefined) history.replaceState(null, '', window.location.pathname);
    const signIn = invite !== undefined ? api.login(invite) : api.me();
    signIn
      .then((who) => {
        setMe(who);
        setView(
          who.role === 'admin' ? 'dashboard' : who.role === 'reviewer' ? 'review' : 'annotate',
        );
      })
      .catch((e: unknown) =>
        setError(
          e instanceof ApiError && e.status === 401
            ? 'Open your invitation link to sign in.'
            : String(e),
        ),
      );
  }, []);

  if (error !== null)
    return (
      <main className="centre">
        <p role="alert">{error}</p>
      </main>
    );
  if (me === null)
    return (
      <main className="centre">
        <p>Loading…</p>
      </main>
    );
  return (
    <>
      <header>
        <strong>hilo</strong> <span className="muted">{me.project.name}</span>
        <nav>
          <button className={view === 'annotate' ? 'on' : ''} onClick={() => setView('annotate')}>
            Annotate
          </button>
          {me.role !== 'annotator' && (
            <button className={view === 'review' ? 'on' : ''} onClick={() => setView('review')}>
              Review
            </button>
          )}
          {me.role === 'admin' && (
            <button
              className={view === 'dashboard' ? 'on' : ''}
              onClick={() => setView('dashboard')}
            >
              Dashboard
            </button>
          )}
        </nav>
        <span className="muted">
          {me.name} · {me.role}
        </span>
      </header>
      {view === 'annotate' && <AnnotatePage me={me} />}
      {view === 'dashboard' && <DashboardPage />}
      {view === 'review' && <ReviewPage me={me} />}
    </>
  );
}
