import { beforeAll } from 'vitest';

// The parts of the report that load after its first paint (components/useLate.ts) are loaded once
// before the unit and component tests, so that every component test renders, and checks, the whole
// report. A setup file of its own: tests/support/setup.ts is also read by the real-browser tests,
// which run outside an extension and cannot load the popup's modules.
beforeAll(async () => {
  const { loadLateParts } = await import('../../components/useLate');
  await loadLateParts();
});
