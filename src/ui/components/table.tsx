import type { ComponentChildren } from 'preact';

/**
 * A table that scrolls sideways on narrow screens instead of overflowing the page. The wrapper is
 * focusable and labelled so keyboard users can scroll it and screen readers can name it.
 */
export function ScrollTable(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="usa-table-container--scrollable ctip-table-scroll" tabindex={0} role="region" aria-label={props.label}>
      {props.children}
    </div>
  );
}
