import { afterAll, beforeAll } from 'vitest';
import { removeTestCerts } from './certs';
import { startScenarioServers, type ScenarioServers } from './servers';

/** The scenario servers as a test file sees them: started for it, closed by it. */
export type FileServers = Omit<ScenarioServers, 'close'>;

/**
 * Starts the demo's scenario servers before the calling file's tests and closes them after, removing
 * the throwaway test CA. Call at the top level of an e2e file; read the result inside tests and hooks
 * (its members throw before the servers have started). Kept apart from servers.ts, which the demo and
 * screenshot scripts import outside Vitest.
 */
export function scenarioServersForFile(): FileServers {
  let started: ScenarioServers | undefined;
  beforeAll(async () => {
    started = await startScenarioServers();
  });
  afterAll(async () => {
    await started?.close();
    started = undefined;
    removeTestCerts();
  });
  const live = (): ScenarioServers => {
    if (!started) throw new Error('the scenario servers are read before they started (or after they closed)');
    return started;
  };
  return {
    get ports() {
      return live().ports;
    },
    get log() {
      return live().log;
    },
    get resources() {
      return live().resources;
    },
    url: (...args) => live().url(...args),
    unknownRequests: () => live().unknownRequests(),
  };
}
