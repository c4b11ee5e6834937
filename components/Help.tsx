import type { Capabilities } from '@/utils/capabilities';
import { t } from '@/utils/i18n';
import type { Help as HelpModel, ReportCore as Report } from '@/utils/report';
import { reasonParts } from '@/utils/report/connection';
import { Item } from './Item';
import { Sentence } from './parts';
import { WhoTable } from './WhoSees';

// "What would help" (or, on a healthy page, "Hide more"): first what matters for this page, then calm,
// general facts about VPNs, Tor and encrypted DNS/ECH, each with what its provider or relays would see
// of this page (their rows of the table: the compact rows above show only the parties in play). source: what-https-hides.md "What a VPN
// changes", "What Tor changes" (Tor Project glossary: guard, exit; onion services), RFC 8484, RFC 9849.

export function Help({ help, r, caps }: { help: HelpModel; r: Report; caps: Capabilities }) {
  return (
    <section class="sec" aria-labelledby="h-help">
      <h2 id="h-help">{t(help.headingKey)}</h2>
      {help.firstKey && <p class="help-first">{t(help.firstKey)}</p>}
      {help.routeKey && <p class="help-route"><Sentence k={help.routeKey} parts={reasonParts(r.facts)} caps={caps} /></p>}
      <ul class="items">
        <Item class="vpn" line={t('help_vpn')}>
          <p>{t('vpn_changes')}</p>
          <p>{t('vpn_doesNot')}</p>
          <p>{t('vpn_fits')}</p>
          <WhoTable r={r} caps={caps} only={['vpn']} />
        </Item>
        <Item class="tor" line={t('help_tor')}>
          <p>{t('tor_changes')}</p>
          <p>{t('tor_doesNot')}</p>
          <p>{t('tor_fits')}</p>
          <WhoTable r={r} caps={caps} only={['tor-guard', 'tor-exit']} />
        </Item>
        <Item class="dns" line={t('help_dns')}>
          <p>{t('dnsHelp_what')}</p>
          <p>{t(help.browser === 'firefox' ? 'dnsHelp_firefox' : 'dnsHelp_chrome')}</p>
        </Item>
      </ul>
    </section>
  );
}
