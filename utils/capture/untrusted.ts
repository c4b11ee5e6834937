// Data that crosses into the extension from a browser API or a web page's process is checked member
// by member before use; these are the shared first steps.

export type Obj = Record<string, unknown>;

/** A plain object (not null, not an array): the only shape whose members are read. */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
