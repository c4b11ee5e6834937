import type { Address } from '@/utils/addresses';
import type { Capabilities } from '@/utils/capabilities';
import { t } from '@/utils/i18n';
import { relativeDays } from '@/utils/format';
import type { PageView } from '@/utils/page-view';
import type { ConnectionFacts } from '@/utils/report';
import { hostsTable, type FailedHostRow, type HostRowTls, type HostTable as Table, type HostTableRow, type PartialInterception } from '@/utils/report/hosts-table';
import { Shape } from './Shape';
import { Inert, Msg } from './text';

// Every host of the page, from the report model's table: contacted hosts (this site first, then by
// requests), each with its schemes, addresses and (Firefox) TLS; the hosts whose every request failed
// apart. In the popup the list scrolls inside a few lines' height; in the tab page it is shown whole.
// Loaded after the first paint (components/useLate.ts): the popup's first script stays small.

const FAMILY: Record<Address['family'], string> = { ipv4: 'family_ipv4', ipv6: 'family_ipv6', nat64: 'family_nat64', mapped: 'family_mapped', unknown: 'family_unknown' };
const SCOPE: Partial<Record<Address['scope'], string>> = {
  loopback: 'scope_loopback',
  private: 'scope_private',
  'link-local': 'scope_linkLocal',
  shared: 'scope_shared',
  reserved: 'scope_reserved',
};
const ROOT: Record<HostRowTls['root'], string> = { 'built-in': 'tlsRoot_builtIn', added: 'tlsRoot_added', unknown: 'tlsRoot_unknown' };

function AddressView({ a }: { a: Address }) {
  const scope = SCOPE[a.scope];
  const family = a.ipv4 ? <Msg k={FAMILY[a.family]} subs={[<Inert value={a.ipv4} max={15} />]} /> : t(FAMILY[a.family]);
  return (
    <span class={`addr family-${a.family}`}>
      <Inert value={a.zone ? `${a.text}%${a.zone}` : a.text} max={45} /> <span class="family">({family}{scope ? `, ${t(scope)}` : ''})</span>
    </span>
  );
}

function TlsView({ tls }: { tls: HostRowTls }) {
  const root = tls.root === 'added' ? <Msg k={ROOT.added} subs={[<Inert value={tls.rootName ?? '?'} max={40} />]} /> : t(ROOT[tls.root]);
  const days = tls.daysLeft === undefined ? undefined : t(tls.daysLeft >= 0 ? 'tls_daysLeft' : 'tls_ended', [relativeDays(tls.daysLeft, t('locale_code'))]);
  return (
    <span class={`host-tls root-${tls.root}`}>
      {tls.protocol ? <Inert class="tls-version" value={tls.protocol} max={12} /> : t('value_unknown')}
      {' · '}
      <span class="tls-root">{root}</span>
      {tls.issuer && <>{' · '}<Msg k="tls_issuer" subs={[<Inert class="tls-issuer" value={tls.issuer} max={40} />]} /></>}
      {days && <>{' · '}<span class="tls-days">{days}</span></>}
    </span>
  );
}

function Row({ r, label }: { r: HostTableRow; label: string }) {
  return (
    <li class={`host-row host-${r.party}`}>
      <Inert class="hostname" value={r.host} max={48} /> <span class="party">{t(r.party === 'first' ? 'party_first' : 'party_third')}</span>
      <span class="host-meta">
        {' · '}
        <span class="requests">{t('hostTable_requests', [String(r.requests)])}</span>
        {r.schemes.length > 0 && <>{' · '}<span class="schemes">{r.schemes.join(', ')}</span></>}
      </span>
      <br />
      <span class="ip">
        {r.addressKey !== label && <>{t(r.addressKey)}: </>}
        {r.addresses.length ? r.addresses.map((a, i) => <>{i ? ', ' : ''}<AddressView a={a} /></>) : t('value_ipUnknown')}
      </span>
      {r.tls && (
        <>
          <br />
          <TlsView tls={r.tls} />
        </>
      )}
    </li>
  );
}

function Failed({ h }: { h: FailedHostRow }) {
  return (
    <li class={`host-failed host-${h.party}`}>
      <Inert class="hostname" value={h.host} max={48} /> <span class="party">{t(`fail_${h.reason}`)}</span>
      {h.error && <> <Inert class="fail-error" value={h.error} max={60} /></>}
    </li>
  );
}

/** Only some hosts are vouched for by an added root: said by name, next to the table. */
export function PartialInterceptionNote({ p }: { p: PartialInterception }) {
  const hosts = p.hosts.map((h, i) => <>{i ? ', ' : ''}<Inert value={h} max={48} /></>);
  const roots = p.roots.length ? p.roots.map((n, i) => <>{i ? ', ' : ''}<Inert value={n} max={48} /></>) : t('value_unknown');
  return (
    <p class="partial-interception" role="note">
      <Shape kind="warn" /> <Msg k="partial_interception" subs={[<>{hosts}{p.more > 0 ? ` ${t('partial_more', [String(p.more)])}` : ''}</>, <>{roots}</>, String(p.builtIn)]} />
    </p>
  );
}

export function HostTable({ table, page }: { table: Table; page?: boolean }) {
  const label = table.addressKey;
  const count = table.rows.length + table.more;
  return (
    // No heading of its own: it opens from the report's "Also contacted" line (or "Hosts of this page (N)").
    <div class="hosts-sec" data-hosts={count}>
      {table.interception && <PartialInterceptionNote p={table.interception} />}
      {table.state !== 'listed' ? (
        <p class="hosts-empty">{t(table.state === 'none' ? 'hosts_none' : 'hosts_notObserved')}</p>
      ) : (
        <>
          <p class="hosts-intro">
            <Msg k="hostTable_intro" subs={[t(label)]} />{table.tls !== 'per-host' && <> <span class="tls-unavailable">{t(table.tls === 'off' ? 'hostTable_tlsOff' : 'hostTable_tlsUnavailable')}</span></>}
          </p>
          {table.rows.length > 0 && (
            <div class={page ? 'host-scroll full' : 'host-scroll'} tabIndex={0}>
              <ul class="hosts host-table">{table.rows.map((r) => <Row r={r} label={label} />)}</ul>
            </div>
          )}
          {table.more > 0 && <p class="hosts-more">{t('hosts_more', [String(table.more)])}</p>}
          {table.omittedRequests > 0 && <p class="hosts-omitted">{t('hosts_omitted', [String(table.omittedRequests)])}</p>}
          {table.failed.length > 0 && (
            <>
              <p class="hosts-failed-intro">{t('hosts_failed')}</p>
              <ul class="hosts failed">{table.failed.map((h) => <Failed h={h} />)}</ul>
              {table.failedMore > 0 && <p>{t('hosts_more', [String(table.failedMore)])}</p>}
            </>
          )}
        </>
      )}
    </div>
  );
}

/** The popup's entry: the table built from the page's facts, in this (lazily loaded) chunk. */
export function PageHosts({ view, facts, caps, page, hostTls }: { view: PageView; facts: ConnectionFacts; caps: Capabilities; page?: boolean; hostTls?: boolean }) {
  return <HostTable table={hostsTable(view, facts, caps, Date.now(), hostTls)} page={page} />;
}
