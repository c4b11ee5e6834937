// The export formats, alone in a module: the popup's first paint reads `?export=` without loading
// the export code.
export const FORMATS = ['text', 'markdown', 'json'] as const;
export type ExportFormat = (typeof FORMATS)[number];
export const isFormat = (s: unknown): s is ExportFormat => typeof s === 'string' && (FORMATS as readonly string[]).includes(s);
