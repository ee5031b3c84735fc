/** One headline figure: the value large, what it counts, and an optional note (such as the change). */
export function Figure(props: { label: string; value: string; note?: string }) {
  return (
    <li>
      <span class="ctip-figure-value">{props.value}</span>
      <span>{props.label}</span>
      {props.note ? <span class="ctip-figure-note">{props.note}</span> : null}
    </li>
  );
}

/** A row of headline figures. */
export function Figures(props: { label: string; items: { label: string; value: string; note?: string }[] }) {
  return (
    <ul class="ctip-figures" aria-label={props.label}>
      {props.items.map((item) => (
        <Figure key={item.label} {...item} />
      ))}
    </ul>
  );
}
