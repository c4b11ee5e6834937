import type Browser from 'webextension-polyfill';

// The extension pages (popup, tab page, options, learn) and `t()` call the browser's own API: Firefox's
// `browser`, or Chrome's `chrome`, whose every call these pages make (tabs, storage, i18n, runtime's
// URLs and options page) returns a promise in Manifest V3. The polyfill would only re-wrap those calls
// in Chrome and hand back `browser` in Firefox, for 2.8 KB of gzipped script the popup reads before its
// first paint. Its types still describe the API. The background and the content script keep the
// polyfill: they have no size budget, and their listeners' behaviour stays the one tested.
type Api = Browser.Browser;
const global = globalThis as { browser?: Api; chrome?: Api };

const api: Api = global.browser ?? global.chrome!;
export default api;
