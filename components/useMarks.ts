import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from '@/utils/page-api';
import type { Posture } from '@/utils/assess/posture';
import type { PageView } from '@/utils/page-view';
import type { PageMarks } from '@/utils/settings-marks';

// What the user's settings say about this page (a root they expect, a host whose plain http they
// expect), kept live. The settings code loads after the report's first paint: the popup's own script
// stays small, and the marks arrive a few milliseconds later.

export interface Marked {
  marks: PageMarks;
  /** The "I expect this root" offer, once its code has loaded. */
  RootOffer?: ComponentType<{ sha256: string; name: string }>;
}

export function useMarks(view: PageView, posture: Posture): Marked {
  const [state, setState] = useState<Marked>({ marks: {} });
  useEffect(() => {
    let alive = true;
    let stop = () => {};
    void Promise.all([import('@/utils/settings-marks'), import('@/utils/settings-store'), import('./KnownRootOffer')]).then(([m, store, offer]) => {
      if (!alive) return;
      const apply = (s: Parameters<typeof m.marksFor>[0]) => alive && setState({ marks: m.marksFor(s, view, posture), RootOffer: offer.KnownRootOffer });
      void store.readSettings(browser.storage.local).then(apply);
      stop = store.watchSettings(browser.storage.onChanged, apply);
    }).catch(() => {
      // The page went away before the settings code loaded (or it failed to load): the report stands
      // as it is, without the marks.
    });
    return () => {
      alive = false;
      stop();
    };
  }, [view, posture]);
  return state;
}
