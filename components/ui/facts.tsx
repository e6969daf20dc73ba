/** A description list of label/value pairs, two columns from small screens up. */
export function Facts({ items, label }: { items: { term: string; value: React.ReactNode }[]; label?: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {items.map((item) => (
        <div key={item.term} className="contents">
          <dt className="font-medium text-slate-700">{item.term}</dt>
          <dd className="mb-2 text-slate-900 sm:mb-0">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
