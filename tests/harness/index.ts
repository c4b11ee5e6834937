// The local test world shared by the demo, the end-to-end tests and the benchmarks:
// certificates (certs), hostnames (hosts), site content (sites), servers (servers), the scenario list
// (scenarios) and a Chromium with the extension loaded (chromium).
export * from './certs';
export * from './chromium';
export * from './hosts';
export * from './scenarios';
export * from './servers';
export * from './sites';
export * from './firefox';
export * from './header-site';
export * from './request-checks';
