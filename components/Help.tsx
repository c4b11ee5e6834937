import type { Verdict } from '@/utils/assess/posture';
import { t } from '@/utils/i18n';
import { reasonSubs, type ReportContext } from './context';
import { Item } from './Item';
import { Msg } from './text';

// "What would help": calm, general facts about VPNs, Tor and encrypted DNS/ECH, and first what matters
// for this page. source: what-https-hides.md "What a VPN changes", "What Tor changes" (Tor Project
// glossary: guard, exit; onion services), RFC 8484 (DoH), RFC 9849 (ECH).

const FIRST: Partial<Record<Verdict, string>> = {
  'not-encrypted': 'help_notEncrypted',
  mixed: 'help_mixed',
  'cert-error': 'help_certError',
  'custom-root': 'help_customRoot',
  onion: 'help_onion',
  local: 'help_local',
};

const ROUTE: Record<string, string> = { proxy: 'help_proxy', tor: 'help_torProxy', 'local-proxy': 'help_localProxy' };

export function Help({ ctx }: { ctx: ReportContext }) {
  const first = FIRST[ctx.posture.verdict];
  // An onion service has no exit: the Tor route note would describe a different path.
  const route = ctx.posture.host.onion ? undefined : ROUTE[ctx.exp.route];
  return (
    <section class="sec" aria-labelledby="h-help">
      <h2 id="h-help">{t('heading_help')}</h2>
      {first && <p class="help-first">{t(first)}</p>}
      {route && <p class="help-route"><Msg k={route} subs={reasonSubs(ctx, false)} /></p>}
      <ul class="items">
        <Item kind="info" class="vpn" line={t('help_vpn')}>
          <p>{t('vpn_changes')}</p>
          <p>{t('vpn_doesNot')}</p>
          <p>{t('vpn_fits')}</p>
        </Item>
        <Item kind="info" class="tor" line={t('help_tor')}>
          <p>{t('tor_changes')}</p>
          <p>{t('tor_doesNot')}</p>
          <p>{t('tor_fits')}</p>
        </Item>
        <Item kind="info" class="dns" line={t('help_dns')}>
          <p>{t('dnsHelp_what')}</p>
          <p>{t(ctx.caps.browser === 'firefox' ? 'dnsHelp_firefox' : 'dnsHelp_chrome')}</p>
        </Item>
      </ul>
    </section>
  );
}
