// The version of the JSON export (docs/export-schema.md, docs/export.schema.json). Raise it when a key
// changes meaning or goes away; adding an optional key keeps it.
export const EXPORT_SCHEMA = 1;
