import type { DashboardResponse } from '../../src/contract/people-api.js';
import { percent } from '../../src/core/format/format-number.js';
import { api } from './api-client.js';

type Person = DashboardResponse['annotators'][number];

/**
 * Each person's volume, speed, control accuracy with its interval, agreement, machine-check
 * flags (disputed / outvoted / pasted) and state; its
 * buttons hand their change to `act`, named for the failure message, and wait while `busy`.
 */
export function PeopleTable(props: {
  readonly people: readonly Person[];
  readonly busy: boolean;
  readonly act: (action: string, change: () => Promise<unknown>) => void;
}) {
  const { act, busy } = props;
  return (
    <table data-testid="people">
      <thead>
        <tr>
          <th>name</th>
          <th>role</th>
          <th>state</th>
          <th>answers</th>
          <th>median s</th>
          <th>controls</th>
          <th>accuracy (95%)</th>
          <th>agreement</th>
          <th title="answers the machine checks flagged: disputed by the model / against a confident majority / looking pasted">
            flags
          </th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {props.people.map((a) => (
          <tr key={a.id} data-state={a.state}>
            <td>{a.name}</td>
            <td>{a.role}</td>
            <td>
              {a.state}
              {a.reason ? ` — ${a.reason}` : ''}
              {a.discounted ? ' (votes discounted)' : ''}
            </td>
            <td>{a.answers}</td>
            <td>{a.medianSeconds?.toFixed(1) ?? '—'}</td>
            <td>{a.controls}</td>
            <td>
              {percent(a.controlAccuracy, 0)}{' '}
              {a.controls > 0
                ? `[${percent(a.controlInterval.low, 0)}–${percent(a.controlInterval.high, 0)}]`
                : ''}
            </td>
            <td title={`compared on ${a.compared} items`}>
              {percent(a.agreement, 0)}
              {a.compared > 0 ? <span className="muted"> of {a.compared}</span> : ''}
            </td>
            <td
              data-testid="flags"
              title={`${a.flags.disputed} disputed by the model, ${a.flags.outvoted} against a confident majority, ${a.flags.pasted} looking pasted`}
            >
              {a.flags.disputed} / {a.flags.outvoted} / {a.flags.pasted}
            </td>
            <td className="row-actions">
              {a.state === 'suspended' ? (
                <button
                  disabled={busy}
                  onClick={() =>
                    act(`lift ${a.name}’s suspension`, () => api.setState(a.id, 'active'))
                  }
                >
                  lift suspension
                </button>
              ) : (
                <button
                  disabled={busy}
                  onClick={() => act(`suspend ${a.name}`, () => api.setState(a.id, 'suspended'))}
                >
                  suspend
                </button>
              )}
              {a.discounted && (
                <button
                  disabled={busy}
                  onClick={() =>
                    act(`count ${a.name}’s votes again`, () => api.setDiscounted(a.id, false))
                  }
                >
                  count votes
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
