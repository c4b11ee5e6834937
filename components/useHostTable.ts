import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Capabilities } from '@/utils/capabilities';
import type { PageView } from '@/utils/page-view';
import type { ConnectionFacts } from '@/utils/report';

// The host table loads after the report's first paint (a separate chunk): a page can list sixty
// hosts, and the popup's first script must stay small.

type HostTableComponent = ComponentType<{ view: PageView; facts: ConnectionFacts; caps: Capabilities; page?: boolean; hostTls?: boolean }>;

export function useHostTable(): HostTableComponent | undefined {
  const [C, setC] = useState<HostTableComponent>();
  useEffect(() => {
    let alive = true;
    // A failed load (or a page gone before it finished) leaves the report without the table.
    void import('./HostTable').then((m) => alive && setC(() => m.PageHosts)).catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  return C;
}
