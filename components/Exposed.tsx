import type { Tristate } from '@/utils/assess/exposure';
import { t } from '@/utils/i18n';
import type { HostContact } from '@/utils/page-view';
import { Reason, reasonSubs, type ReportContext } from './context';
import { Item, Pair } from './Item';
import { Inert, Msg } from './text';

// "Not protected by HTTPS": who you are, and where you go.
// source: what-https-hides.md "Not protected by HTTPS": your IP, cookies and what you submit reach the
// site and every third party; the network sees the server IP, the hostname (DNS unless DoH/DoT,
// RFC 8484/7858; SNI unless ECH, RFC 9849), and timing and sizes (RFC 8446 §5.4); OCSP tells the CA.

/** Enough hosts to see who is there; the rest are counted, not listed (a page can contact hundreds). */
const HOSTS_SHOWN = 60;

export function Exposed({ ctx }: { ctx: ReportContext }) {
  const visit = ctx.exp.rows[0]!.visit;
  return (
    <section class="sec" aria-labelledby="h-exposed">
      <h2 id="h-exposed">{t('heading_notProtected')}</h2>
      <ul class="items">
        <Item kind="sees" class="you" line={<IdentityLine ctx={ctx} />}>
          <HostList ctx={ctx} />
          <p>{t('explain_you')}</p>
        </Item>
        <Item kind={visit.value === 'partly' || visit.value === 'does-not-see' || visit.value === 'unknown' ? visit.value : 'sees'} class="destination" line={<Reason ctx={ctx} cell={visit} fixed />}>
          <Metadata ctx={ctx} />
        </Item>
      </ul>
    </section>
  );
}

function IdentityLine({ ctx }: { ctx: ReportContext }) {
  const { exp, posture, view } = ctx;
  const key = posture.host.loopback
    ? posture.thirdPartyHosts ? 'you_local' : 'you_localAlone'
    : posture.host.onion
      ? 'you_onion'
      : view.observed !== 'network'
        ? 'you_notObserved'
        : `you_${exp.route === 'local-proxy' ? 'direct' : exp.route}`;
  return <Msg k={key} subs={reasonSubs(ctx, true)} />;
}

function order(a: HostContact, b: HostContact): number {
  if (a.party !== b.party) return a.party === 'first' ? -1 : 1;
  return (b.requests ?? 0) - (a.requests ?? 0);
}

function HostList({ ctx }: { ctx: ReportContext }) {
  const { view } = ctx;
  const all = Object.values(view.hosts && typeof view.hosts === 'object' ? view.hosts : {}).filter((h) => h && typeof h === 'object');
  if (!all.length) return <p>{t(view.observed === 'network' ? 'hosts_none' : 'hosts_notObserved')}</p>;
  const hosts = all.sort(order);
  const more = hosts.length - HOSTS_SHOWN;
  return (
    <>
      <p>{t('hosts_intro')}</p>
      <ul class="hosts">
        {hosts.slice(0, HOSTS_SHOWN).map((h) => (
          <li class={`host-${h.party === 'first' ? 'first' : 'third'}`}>
            <Inert class="hostname" value={h.host} max={48} /> <span class="party">{t(h.party === 'first' ? 'party_first' : 'party_third')}</span>
            <br />
            <span class="ip">{Array.isArray(h.ips) && h.ips.length ? h.ips.map((ip) => <Inert value={ip} max={45} />).reduce<unknown[]>((acc, n, i) => (i ? [...acc, ', ', n] : [n]), []) : t('value_ipUnknown')}</span>
          </li>
        ))}
      </ul>
      {more > 0 && <p>{t('hosts_more', [String(more)])}</p>}
      {view.omittedRequests > 0 && <p>{t('hosts_omitted', [String(view.omittedRequests)])}</p>}
    </>
  );
}

const DNS_WORDS: Record<Tristate, string> = {
  used: 'dns_used',
  'not-used': 'dns_notUsed',
  unknown: 'value_unknown',
  unavailable: 'dns_unavailable',
  'not-applicable': 'dns_notApplicable',
};
const ECH_WORDS: Record<Tristate, string> = {
  used: 'ech_used',
  'not-used': 'ech_notUsed',
  unknown: 'value_unknown',
  unavailable: 'value_unavailable',
  'not-applicable': 'ech_notApplicable',
};

/** Behind Tor or an https proxy, a name left in the handshake is readable only past that hop. */
function sniWords({ exp, posture }: ReportContext): string {
  if (exp.ech === 'not-applicable') return posture.scheme === 'http' && !posture.host.onion ? (exp.route === 'tor' ? 'ech_httpTor' : 'ech_http') : 'ech_notApplicable';
  if (exp.ech === 'not-used' && exp.route === 'tor') return 'ech_notUsedTor';
  if (exp.ech === 'not-used' && exp.route === 'proxy' && exp.proxy?.type === 'https') return 'ech_notUsedPastProxy';
  return ECH_WORDS[exp.ech];
}

function dnsWords({ exp }: ReportContext): string {
  return exp.dnsByProxy && exp.encryptedDns !== 'not-applicable' ? 'dns_viaProxy' : DNS_WORDS[exp.encryptedDns];
}

function Metadata({ ctx }: { ctx: ReportContext }) {
  const { exp, posture } = ctx;
  const ip = <Pair label={t('label_serverIp')} class="meta-ip">{posture.serverIp ? <Inert value={posture.serverIp} max={45} /> : t('value_unknown')}</Pair>;
  if (posture.host.loopback) return <dl class="facts meta">{ip}</dl>;
  return (
    <dl class="facts meta">
      <Pair label={t('label_dns')} class="dns">{t(dnsWords(ctx))}</Pair>
      <Pair label={t('label_sni')} class="sni">{t(sniWords(ctx))}</Pair>
      {exp.certificateInClear && <Pair label={t('label_certificate')} class="cert-clear">{t('value_certificateInClear')}</Pair>}
      {ip}
      <Pair label={t('label_traffic')} class="traffic">{t('value_trafficVisible')}</Pair>
      {exp.ocsp && <Pair label={t('label_ocsp')} class="ocsp">{t('value_ocspUsed')}</Pair>}
    </dl>
  );
}
