// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Report } from '../support/report';
import { useLocale } from '../support/setup';
import { SCENARIOS, type ScenarioName } from '../fixtures/popup-scenarios';

// What the popup must say, and must never say, for each situation. Accuracy is the product: an
// overclaim ("HTTPS keeps you private", "hostname hidden" without ECH) is the worst bug it can have.

afterEach(cleanup);

function show(name: ScenarioName) {
  const s = SCENARIOS[name];
  const { container } = render(<Report view={s.view} caps={s.caps} tabId={7} />);
  const text = (sel: string) => [...container.querySelectorAll(sel)].map((e) => e.textContent ?? '').join('\n');
  const all = (container.textContent ?? '').replace(/\s+/g, ' ');
  const cell = (observer: string, subject: string) => container.querySelector(`tr[data-observer="${observer}"] td[data-subject="${subject}"]`)?.getAttribute('data-value');
  return { container, all, text, cell, verdict: container.querySelector('[data-verdict]')?.getAttribute('data-verdict') };
}

const NAMES = Object.keys(SCENARIOS) as ScenarioName[];

describe.each(NAMES)('%s: what is never said', (name) => {
  const ech = SCENARIOS[name].view.main.security?.usedEch === true;

  it('claims no anonymity and no privacy from HTTPS', () => {
    const { all } = show(name);
    expect(all).not.toMatch(/anonym/i);
    expect(all).not.toMatch(/\bprivate\b/i);
    // "Privacy and security" / "Privacy & Security" are the browsers' own settings names.
    expect(all.replace(/Privacy (and|&) [Ss]ecurity/g, '')).not.toMatch(/privacy/i);
    expect(all).not.toMatch(/you are safe|completely secure|fully protected|third parties cannot|prevents? third parties/i);
  });

  it('says the hostname is hidden only when ECH was seen', () => {
    const { all, text } = show(name);
    if (ech) return;
    expect(all).not.toMatch(/\bhidden\b/i);
    expect(all).not.toMatch(/hides? (the )?(host)?name/i);
    expect(text('.sni')).not.toMatch(/ECH\) was used/);
  });

  it('leaves no message key unresolved', () => {
    const { all } = show(name);
    expect(all).not.toMatch(/\b(reason|finding|you|identity|label|value|help|dns|ech|seeing|observer|subject|verdict|why|ct|override)_[A-Za-z]/);
  });
});

describe('plain http', () => {
  it('says so in the headline, and never that the page is encrypted', () => {
    const r = show('http');
    expect(r.verdict).toBe('not-encrypted');
    expect(r.text('h1')).toBe('Not encrypted');
    expect(r.text('.why')).toMatch(/read and change/);
    expect(r.all).not.toMatch(/(page|content|what you read and send) is encrypted/i);
    expect(r.text('.content')).toMatch(/not encrypted: anyone on the network path/);
    expect(r.text('.identity')).toMatch(/not verified/);
    expect(r.cell('network', 'content')).toBe('sees');
  });
  it('marks facts Chrome does not give as not available in this browser', () => {
    expect(show('http').text('.dns')).toMatch(/not available in this browser/);
  });
});

describe('https in Chrome without security info', () => {
  const r = () => show('httpsChrome');
  it('says encrypted, and still lists what HTTPS does not protect', () => {
    expect(r().text('h1')).toBe('Encrypted');
    expect(r().text('.seen-visit summary')).toMatch(/That you visit this site.*Your network or ISP/);
    expect(r().text('.you')).toMatch(/see your IP address/);
  });
  it('says "not available in this browser" for what Chrome does not tell, and how to look', () => {
    const x = r();
    expect(x.text('.tls')).toBe('not available in this browser');
    expect(x.text('.sni')).toBe('not available in this browser');
    expect(x.text('.dns')).toMatch(/not available in this browser.*Use secure DNS/);
    expect(x.text('.issued-to')).toMatch(/not available in this browser/);
    expect(x.all).toMatch(/Connection is secure/);
    expect(x.all).toMatch(/chrome:\/\/flags\/#web-request-security-info/);
  });
  it('never says the certificate was verified: Chrome did not show it', () => {
    expect(r().text('.identity')).not.toMatch(/verified, with a certificate/);
  });
  it('keeps the name visible unless both protections were used, which it cannot know', () => {
    expect(r().text('.destination')).toMatch(/unless both encrypted DNS and ECH were used/);
  });
});

describe('https in Firefox, TLS 1.3, no ECH, no encrypted DNS', () => {
  const r = () => show('httpsFirefox');
  it('shows this connection\'s facts', () => {
    const x = r();
    expect(x.text('.tls')).toBe('TLS 1.3');
    expect(x.text('.issued-to')).toMatch(/example\.com/);
    expect(x.text('.issued-by')).toMatch(/R11/);
    expect(x.text('.valid-until')).toMatch(/2026/);
    expect(x.text('.ct')).toMatch(/publicly logged/);
    expect(x.text('.root')).toMatch(/built into the browser/);
  });
  it('says where the hostname shows', () => {
    const x = r();
    expect(x.text('.dns')).toMatch(/^visible: DNS was not encrypted/);
    expect(x.text('.sni')).toMatch(/^visible: ECH was not used/);
    expect(x.text('.destination')).toMatch(/93\.184\.216\.34/);
    expect(x.cell('network', 'visit')).toBe('sees');
  });
  it('never says "not available" for what Firefox tells', () => {
    expect(r().text('.sni, .dns, .tls')).not.toMatch(/not available/);
  });
});

describe('https with ECH and encrypted DNS (Firefox)', () => {
  it('says the name is kept from the network, and the address is not', () => {
    const x = show('httpsEchDoh');
    expect(x.text('.sni')).toMatch(/Encrypted Client Hello \(ECH\) was used/);
    expect(x.text('.dns')).toMatch(/encrypted DNS was used \(the resolver still sees it\)/);
    expect(x.text('.destination')).toMatch(/93\.184\.216\.34\) but not the name/);
    expect(x.cell('network', 'visit')).toBe('partly');
    expect(x.cell('resolver', 'visit')).toBe('sees');
  });
});

describe('mixed content', () => {
  it('names the parts that went over plain http', () => {
    const x = show('mixed');
    expect(x.verdict).toBe('mixed');
    expect(x.text('.content')).toMatch(/loaded over plain HTTP/);
    expect(x.text('.content')).toMatch(/img\.example\.org/);
    expect(x.cell('network', 'content')).toBe('partly');
    expect(x.all).not.toMatch(/neither read nor change/);
  });
});

describe('custom root (Firefox)', () => {
  it('says who can read it, calmly, naming the root', async () => {
    const x = show('customRoot');
    expect(x.text('h1')).toBe('Encrypted to an added certificate authority');
    expect(x.text('.why')).toMatch(/organisation or some software added/);
    expect(x.text('.identity')).toMatch(/Example Corp Inspection Root/);
    expect(x.text('.root')).toMatch(/added to this browser/);
    expect(x.cell('network', 'content')).toBe('may-see');
    await waitFor(() => expect(x.container.textContent).toMatch(/If you expect this/));
    expect(x.all).not.toMatch(/neither read nor change/);
  });
});

describe('certificate error', () => {
  it('says the identity was not verified, and never that it was', () => {
    const x = show('certError');
    expect(x.verdict).toBe('cert-error');
    expect(x.text('.identity')).toMatch(/not verified.*bypassed \(certificate for another name\)/);
    expect(x.all).not.toMatch(/verified, with a certificate/);
    expect(x.cell('network', 'content')).toBe('may-see');
  });
});

describe('places that are not the internet', () => {
  it('localhost is not shamed as unencrypted: its traffic stays on the device', () => {
    const x = show('localhost');
    expect(x.verdict).toBe('local');
    expect(x.text('h1')).toBe('On this device');
    expect(x.all).not.toMatch(/Not encrypted/);
    expect(x.text('.content')).toMatch(/stays on this device/);
    expect(x.all).not.toMatch(/visible to your network/);
  });
  it('onion: reached through Tor, no IP for the service, no DNS, no exit', () => {
    const x = show('onion');
    expect(x.verdict).toBe('onion');
    expect(x.text('.you')).toMatch(/onion service does not see your IP address/);
    expect(x.text('.dns')).toMatch(/no DNS lookup/);
    expect(x.cell('site', 'ip')).toBe('does-not-see');
    expect(x.all).not.toMatch(/exit relay sees which site/);
  });
  it('browser pages: nothing to inspect, and no lists pretending otherwise', () => {
    const x = show('internal');
    expect(x.verdict).toBe('internal');
    expect(x.all).toMatch(/no website connection to inspect/);
    expect(x.container.querySelector('#h-connection')).toBeNull();
    expect(x.container.querySelector('table')).toBeNull();
  });
});

describe('a page Onlooker did not see load', () => {
  it('says not known, and unknown where it has no facts', () => {
    const x = show('unknown');
    expect(x.verdict).toBe('unknown');
    expect(x.text('h1')).toBe('Not known yet');
    expect(x.all).not.toMatch(/What you read and send is encrypted/);
    expect(x.text('.content')).toMatch(/Not known/);
    expect(x.cell('network', 'content')).toBe('unknown');
    expect(x.cell('third-parties', 'visit')).toBe('unknown');
    expect(x.text('.server-ip')).toBe('unknown');
  });
});

describe('through a Tor-shaped proxy (Firefox)', () => {
  it('says what that proxy changes for this page', async () => {
    const x = show('torProxy');
    await waitFor(() => expect(x.container.textContent).toMatch(/set up like Tor Browser's/));
    expect(x.text('.you')).toMatch(/Tor exit relay's address, not yours; cookies and logins still identify you/);
    expect(x.text('.destination')).toMatch(/connection into Tor, not which site/);
    expect(x.text('.dns')).toMatch(/looked up by the proxy/);
    expect(x.text('.sni')).toMatch(/only after the Tor exit relay/);
    expect(x.cell('network', 'visit')).toBe('does-not-see');
    expect(x.cell('tor-exit', 'visit')).toBe('sees');
    expect(x.cell('tor-exit', 'ip')).toBe('does-not-see');
    expect(x.cell('tor-guard', 'ip')).toBe('sees');
    expect(x.cell('tor-guard', 'visit')).toBe('does-not-see');
  });
});

describe('in every language', () => {
  it.each(['de', 'fr', 'es'])('%s: the report is in that language and claims no anonymity', (lang) => {
    useLocale(lang);
    for (const name of NAMES) {
      const x = show(name);
      expect(x.all, name).not.toMatch(/anonym|anónim/i);
      expect(x.all, name).not.toMatch(/\b(reason|finding|you|identity|label|value|help|seeing|observer)_[A-Za-z]/);
      cleanup();
    }
    const x = show('http');
    const headline = { de: 'Nicht verschlüsselt', fr: 'Non chiffré', es: 'Sin cifrar' }[lang];
    expect(x.text('h1')).toBe(headline);
  });
});
