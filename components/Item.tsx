import type { ComponentChildren } from 'preact';
import { Shape, type ShapeKind } from './Shape';

// One line of a list: a shape, the words, and (when there is more to say) a disclosure that opens by
// keyboard or pointer. The summary is the line itself, so the list stays short until someone asks.

/** Without `kind`, a plain line (a help topic): marks are kept for states, so that each means one thing. */
export function Item({ kind, line, children, class: cls }: { kind?: ShapeKind; line: ComponentChildren; children?: ComponentChildren; class?: string }) {
  const c = `item${kind ? ` item-${kind}` : ' item-plain'}${cls ? ` ${cls}` : ''}`;
  if (!children) {
    return (
      <li class={c}>
        {kind && <Shape kind={kind} />}
        <span class="line">{line}</span>
      </li>
    );
  }
  return (
    <li class={c}>
      <details>
        <summary>
          {kind && <Shape kind={kind} />}
          <span class="line">{line}</span>
        </summary>
        <div class="more-body">{children}</div>
      </details>
    </li>
  );
}

/** A fact with its label, as a definition-list pair. */
export function Pair({ label, children, class: cls }: { label: ComponentChildren; children: ComponentChildren; class?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd class={cls}>{children}</dd>
    </>
  );
}
