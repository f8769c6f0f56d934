import { useEffect, useState } from 'react';
import type { DashboardPlotsResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { failureMessage } from './failure-message.js';
import { FailureNote } from './failure-note.js';
import { SvgFigure } from './svg-figure.js';

/** The server keeps drawn plots for up to a minute; asking more often than this gains nothing. */
const REFRESH_MS = 30_000;

/** The report's calibration and cost–accuracy plots, drawn by the server (admins only). */
export function DashboardPlots() {
  const [plots, setPlots] = useState<DashboardPlotsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () => {
      api
        .plots()
        .then((data) => {
          setPlots(data);
          setError(null);
        })
        .catch((e: unknown) => setError(failureMessage('draw the plots', e)));
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <section>
      <h2>Machine quality</h2>
      <FailureNote message={error} />
      {plots === null ? (
        error === null && <p className="muted">Drawing the plots…</p>
      ) : (
        <>
          {plots.source !== null && (
            <p className="muted">
              Labeller <code>{plots.source}</code>
            </p>
          )}
          {plots.routing !== null && (
            <p data-testid="routing">
              Pool of {plots.routing.pool} items by routing zone: {plots.routing.accept} accepted
              from the machine, {plots.routing.overlap} overlap (machine and people),{' '}
              {plots.routing.human} for people alone, {plots.routing.unrouted} not routed yet.
            </p>
          )}
          <h3>Calibration</h3>
          <SvgFigure
            svg={plots.calibration.svg}
            caption={plots.calibration.caption}
            testId="plot-calibration"
          />
          <h3>Cost against accuracy</h3>
          <SvgFigure
            svg={plots.costAccuracy.svg}
            caption={plots.costAccuracy.caption}
            testId="plot-cost"
          />
          {plots.notes.length > 0 && (
            <ul className="muted">
              {plots.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
