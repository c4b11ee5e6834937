import browser from 'webextension-polyfill';
import { scanDocument } from '@/utils/capture/document-scan';
import { SCAN_MESSAGE } from '@/utils/capture/messages';
import { Rescanner, WATCHED_ATTRIBUTES, isRelevant } from '@/utils/capture/rescan';

// Reads what the top document references over plain http (scripts, styles, frames, images, media,
// plugins, form targets) and password fields on http pages, and tells the background; re-reads after
// relevant DOM changes, throttled (see utils/capture/rescan.ts). Top frame only: the page's verdict
// is about the top document, and a script in every frame of every page would cost more than it tells.

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: false,
  main(ctx) {
    const send = (scan: ReturnType<typeof scanDocument>) => {
      if (ctx.isInvalid) return;
      // No receiver (the background restarting) is not an error worth a console line.
      void browser.runtime.sendMessage({ type: SCAN_MESSAGE, scan }).catch(() => undefined);
    };
    const rescanner = new Rescanner(() => scanDocument(document, location.href), send);
    rescanner.start();

    const root = document.documentElement;
    if (!root) return;
    const observer = new MutationObserver((records) => {
      // While a scan is scheduled, further changes need no look at all.
      if (!rescanner.pending && isRelevant(records)) rescanner.changed();
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
    ctx.onInvalidated(() => {
      observer.disconnect();
      rescanner.stop();
    });
  },
});
