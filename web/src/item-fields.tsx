/** An item's fields as inert text: React text nodes only, so no markup from data ever runs. */
export function ItemFields({ fields }: { fields: Record<string, unknown> }) {
  return (
    <dl className="fields">
      {Object.entries(fields).map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
