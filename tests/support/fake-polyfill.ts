// Project code imports `browser` from webextension-polyfill; in Node tests that is WXT's fake browser.
import { fakeBrowser } from 'wxt/testing/fake-browser';
export default fakeBrowser;
