// Small drawn marks that go with every state, so that colour is never the only signal (and no font has
// to carry a glyph). Always next to words; hidden from screen readers, which read the words.

export type ShapeKind = 'yes' | 'no' | 'warn' | 'unknown' | 'info' | 'sees' | 'partly' | 'likely' | 'may-see' | 'does-not-see' | 'if-used';

const PATHS: Record<ShapeKind, string> = {
  yes: 'M3.5 8.5l3 3 6-7',
  no: 'M4 4l8 8M12 4l-8 8',
  warn: 'M8 2L15 14H1zM8 6.5v3.5M8 11.6v.8',
  unknown: 'M5.8 6a2.3 2.3 0 1 1 3.2 2.1c-.7.3-1 .8-1 1.5v.6M8 12.3v.7',
  info: 'M8 7v5M8 4.2v.8',
  sees: 'M8 3a5 5 0 1 1 0 10A5 5 0 1 1 8 3z',
  partly: 'M8 3a5 5 0 0 0 0 10z',
  likely: 'M8 3a5 5 0 0 0 0 10zM8 3a5 5 0 1 1 0 10',
  'may-see': 'M8 3a5 5 0 1 1 0 10A5 5 0 1 1 8 3zM8 5.5v3M8 10v.8',
  'does-not-see': 'M8 3a5 5 0 1 1 0 10A5 5 0 1 1 8 3z',
  'if-used': 'M8 3a5 5 0 1 1 0 10A5 5 0 1 1 8 3z',
};

/** Filled shapes: the eye "sees"; half-filled for part. */
const FILLED = new Set<ShapeKind>(['sees', 'partly', 'likely']);

export function Shape({ kind }: { kind: ShapeKind }) {
  return (
    <svg class={`shape shape-${kind}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {(kind === 'info' || kind === 'unknown' || kind === 'partly') && <circle cx="8" cy="8" r="6.5" fill="none" />}
      <path d={PATHS[kind]} class={FILLED.has(kind) ? 'fill' : undefined} stroke-dasharray={kind === 'if-used' ? '2 2' : undefined} />
    </svg>
  );
}
