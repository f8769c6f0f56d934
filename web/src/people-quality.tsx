import { useEffect, useState } from 'react';
import type {
  DashboardResponse,
  MeResponse,
  PeoplePlotsResponse,
} from '../../src/contract/people-api.js';
import { api } from './api-client.js';
import { answerWords } from './answer-words.js';
import { failureMessage } from './failure-message.js';
import { FailureNote } from './failure-note.js';
import { SvgFigure } from './svg-figure.js';

/** The server redraws people's plots at most every 10 s. */
const REFRESH_MS = 10_000;

const pct = (value: number | null) => (value === null ? '—' : `${Math.round(100 * value)}%`);

/**
 * People's quality: agreement on overlap items (mean, histogram, the least agreed items) and
 * control accuracy and agreement over time, plots drawn by the server (admins only).
 */
export function PeopleQuality(props: {
  readonly data: DashboardResponse;
  readonly project: MeResponse['project'];
}) {
  const { agreement } = props.data;
  const { task, labels } = props.project;
  const [plots, setPlots] = useState<PeoplePlotsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () => {
      api
        .peoplePlots()
        .then((drawn) => {
          setPlots(drawn);
          setError(null);
        })
        .catch((e: unknown) => setError(failureMessage("draw people's plots", e)));
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const latest = props.data.quality.project.at(-1);

  return (
    <section>
      <h2>People’s quality</h2>
      <FailureNote message={error} />
      <p data-testid="agreement-summary">
        {agreement.items === 0
          ? 'No item has answers from two people yet.'
          : `Agreement on ${agreement.items} items answered by two or more people: mean ${pct(agreement.mean)}, ${agreement.unanimous} unanimous.`}
        {latest !== undefined &&
          ` This ${props.data.quality.unit}: control accuracy ${pct(latest.controlAccuracy)} on ${latest.controls} controls, agreement ${pct(latest.agreement)} on ${latest.compared} answers.`}
      </p>
      {plots === null ? (
        error === null && <p className="muted">Drawing the plots…</p>
      ) : (
        <>
          <h3>Agreement per item</h3>
          <SvgFigure
            svg={plots.agreement.svg}
            caption={plots.agreement.caption}
            testId="plot-agreement"
          />
          <h3>Quality over time</h3>
          <SvgFigure
            svg={plots.quality.svg}
            caption={plots.quality.caption}
            testId="plot-quality"
          />
        </>
      )}
      {agreement.lowest.length > 0 && (
        <>
          <h3>Least agreed items</h3>
          <table data-testid="least-agreed">
            <thead>
              <tr>
                <th>item</th>
                <th>answers</th>
                <th>agreement</th>
                <th>labels</th>
              </tr>
            </thead>
            <tbody>
              {agreement.lowest.map((row) => (
                <tr key={row.itemId}>
                  <td>
                    <code>{row.itemId}</code>
                  </td>
                  <td>{row.answers}</td>
                  <td>{pct(row.agreement)}</td>
                  <td>
                    {Object.entries(row.labels)
                      .sort((a, b) => b[1] - a[1])
                      .map(([label, n]) => `${answerWords(task, labels, label)} ×${n}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
