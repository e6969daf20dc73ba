/** A description list of label/value pairs, two columns from small screens up. */
export function Facts({ items, label }: { items: { term: string; value: React.ReactNode }[]; label?: string }) {
  return (
    <dl aria-label={label} className="facts">
      {items.map((item) => (
        <div key={item.term}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
