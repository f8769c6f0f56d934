import type { TaskView } from '../../src/contract/people-api.js';
import { ItemFields } from './item-fields.js';

/**
 * An item as its kind is judged: a pairwise item's prompt on top and its two responses side by
 * side (stacked on a narrow screen), headed "Response A" and "Response B" only — never a field
 * name, which could name the system; any other kind's fields as a list.
 * @example <ItemView task={me.project.task} fields={item.fields} />
 */
export function ItemView({ task, fields }: { task: TaskView; fields: Record<string, unknown> }) {
  if (task.kind !== 'pairwise') return <ItemFields fields={fields} />;
  return (
    <div className="pair" data-testid="pair">
      <section className="prompt" data-testid="pair-prompt">
        <h3>Prompt</h3>
        <p>{text(fields[task.prompt])}</p>
      </section>
      <div className="responses">
        <section data-testid="response-a">
          <h3>Response A</h3>
          <p>{text(fields[task.a])}</p>
        </section>
        <section data-testid="response-b">
          <h3>Response B</h3>
          <p>{text(fields[task.b])}</p>
        </section>
      </div>
    </div>
  );
}

/** A field as inert text: React text nodes only, so no markup from data ever runs. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
