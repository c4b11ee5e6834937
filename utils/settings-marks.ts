import type { Posture } from './assess/posture';
import { chainRoot } from './badge';
import type { PageView } from './page-view';
import type { Marks } from './report';
import { isQuietHost } from './settings-hosts';
import { isKnownRoot, type Settings } from './storage/settings';

// What the user's settings say about one page: a root they expect, a host whose plain http they expect.
// Kept apart from the report model (which takes the marks as input) so that the popup loads the
// settings code only after its first paint.

export interface PageMarks extends Marks {
  /** The added root this page's chain ends in, which the user may mark as expected. */
  root?: { sha256: string; name: string };
}

export function marksFor(settings: Settings, view: PageView, posture: Posture): PageMarks {
  const root = posture.verdict === 'custom-root' || posture.verdict === 'mixed' ? chainRoot(view.main) : undefined;
  return {
    knownRoot: !!root && isKnownRoot(settings, root.sha256),
    quietHost: isQuietHost(settings, posture.host.ascii),
    hostTls: settings.hostTls,
    ...(root ? { root } : {}),
  };
}
