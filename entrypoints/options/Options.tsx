import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '@/utils/page-api';
import { catalogueLanguage, Inert, Msg } from '@/components/text';
import { t } from '@/utils/i18n';
import { withBadgeMode, withoutKnownRoot, withoutQuietHost, withQuietHost, type EditProblem } from '@/utils/settings-edit';
import { readSettings, updateSettings, watchSettings } from '@/utils/settings-store';
import { MemorySection } from './MemorySection';
import { BADGE_MODES, type BadgeMode, type KnownRoot, type Settings } from '@/utils/storage/settings';

// The options page: the badge mode, the quiet hosts, the known roots. Each change is written at once
// (the background repaints every tab from storage.onChanged), and a change made elsewhere (the popup
// marking a root) shows here at once too.

const MODE_KEYS: Record<BadgeMode, [string, string]> = {
  all: ['options_badgeAll', 'options_badgeAllHint'],
  serious: ['options_badgeSerious', 'options_badgeSeriousHint'],
  off: ['options_badgeOff', 'options_badgeOffHint'],
};

export const problemKey = (p: EditProblem) => `options_problem_${p.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`;

/** Firefox's certificate viewer shows fingerprints as colon-separated pairs: shown the same, they compare at a glance. */
export const displayFingerprint = (sha256: string) => sha256.toUpperCase().match(/../g)?.join(':') ?? sha256;

type Status = 'idle' | 'saved' | 'failed';

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<Status>('idle');
  const area = browser.storage.local;

  useEffect(() => {
    let live = true;
    void readSettings(area).then((s) => live && setSettings((cur) => cur ?? s));
    const stop = watchSettings(browser.storage.onChanged, (s) => setSettings(s));
    return () => {
      live = false;
      stop();
    };
  }, []);

  const save = (edit: (s: Settings) => Settings) =>
    updateSettings(area, edit).then(
      (s) => {
        setSettings(s);
        setStatus('saved');
      },
      () => setStatus('failed'),
    );

  if (!settings) return <main class="options" aria-busy="true"><h1>{t('options_title')}</h1></main>;
  return (
    <main class="options">
      <h1>{t('options_title')}</h1>
      <p>{t('options_intro')}</p>
      <BadgeModes mode={settings.badge} onChange={(m) => void save((s) => withBadgeMode(s, m))} />
      <QuietHosts hosts={settings.quietHosts} settings={settings} save={save} />
      <KnownRoots roots={settings.knownRoots} save={save} />
      <MemorySection settings={settings} save={save} />
      {import.meta.env.FIREFOX && (
        <section aria-labelledby="hosttls-h">
          <h2 id="hosttls-h">{t('options_hostTlsHeading')}</h2>
          <label class="choice">
            <input type="checkbox" class="host-tls-option" checked={settings.hostTls} aria-describedby="hosttls-hint" onChange={(e) => void save((s) => ({ ...s, hostTls: (e.currentTarget as HTMLInputElement).checked }))} />
            <span class="name">{t('options_hostTlsLabel')}</span>
          </label>
          <p class="hint" id="hosttls-hint">{t('options_hostTlsHint')}</p>
        </section>
      )}
      <p class="status" role="status">
        {status === 'saved' ? t('options_saved') : status === 'failed' ? t('options_saveFailed') : ''}
      </p>
    </main>
  );
}

function BadgeModes({ mode, onChange }: { mode: BadgeMode; onChange: (m: BadgeMode) => void }) {
  return (
    <section aria-labelledby="badge-h">
      <h2 id="badge-h">{t('options_badgeHeading')}</h2>
      <div class="choices" role="radiogroup" aria-labelledby="badge-h">
        {BADGE_MODES.map((m) => {
          const [name, hint] = MODE_KEYS[m];
          return (
            <label class="choice" key={m}>
              <input type="radio" name="badge" value={m} checked={mode === m} aria-labelledby={`badge-${m}-name`} aria-describedby={`badge-${m}-hint`} onChange={() => onChange(m)} />
              <span class="name" id={`badge-${m}-name`}>{t(name)}</span>
              <span class="hint" id={`badge-${m}-hint`}>{t(hint)}</span>
            </label>
          );
        })}
      </div>
    </section>
  );
}

type Save = (edit: (s: Settings) => Settings) => Promise<void>;

function QuietHosts({ hosts, settings, save }: { hosts: string[]; settings: Settings; save: Save }) {
  const [input, setInput] = useState('');
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const field = useRef<HTMLInputElement>(null);

  const add = (e: Event) => {
    e.preventDefault();
    const r = withQuietHost(settings, input);
    if (!r.ok) {
      setProblem(r.problem);
      field.current?.focus();
      return;
    }
    setProblem(null);
    setInput('');
    void save((s) => {
      const again = withQuietHost(s, input);
      return again.ok ? again.settings : s;
    });
  };
  const remove = (host: string) => {
    void save((s) => withoutQuietHost(s, host));
    field.current?.focus();
  };

  return (
    <section aria-labelledby="quiet-h">
      <h2 id="quiet-h">{t('options_quietHeading')}</h2>
      <p>{t('options_quietIntro')}</p>
      <form class="add" onSubmit={add}>
        <label for="quiet-input">{t('options_quietLabel')}</label>
        <input
          id="quiet-input"
          ref={field}
          type="text"
          spellcheck={false}
          autocomplete="off"
          autocapitalize="off"
          maxLength={260}
          value={input}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? 'quiet-examples quiet-problem' : 'quiet-examples'}
          onInput={(e) => {
            setInput(e.currentTarget.value);
            setProblem(null);
          }}
        />
        <button type="submit">{t('options_add')}</button>
      </form>
      <p class="hint" id="quiet-examples">{t('options_quietExamples')}</p>
      <p class="problem" id="quiet-problem" aria-live="assertive">{problem ? t(problemKey(problem)) : ''}</p>
      {hosts.length ? (
        <ul class="entries" aria-labelledby="quiet-h">
          {hosts.map((h) => (
            <li key={h}>
              <code class="what"><bdi dir="ltr">{h}</bdi></code>
              <button type="button" onClick={() => remove(h)}><Msg k="options_remove" subs={[<bdi dir="ltr">{h}</bdi>]} /></button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">{t('options_none')}</p>
      )}
    </section>
  );
}

function KnownRoots({ roots, save }: { roots: KnownRoot[]; save: Save }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const date = new Intl.DateTimeFormat(catalogueLanguage(), { dateStyle: 'medium' });
  const remove = (sha256: string) => {
    void save((s) => withoutKnownRoot(s, sha256));
    heading.current?.focus();
  };
  return (
    <section aria-labelledby="roots-h">
      <h2 id="roots-h" ref={heading} tabIndex={-1}>{t('options_rootsHeading')}</h2>
      <p>{t('options_rootsIntro')}</p>
      <p class="hint">{t('options_rootsHow')}</p>
      {roots.length ? (
        <ul class="entries" aria-labelledby="roots-h">
          {roots.map((r) => {
            const name = r.label || t('options_rootUnnamed');
            return (
              <li key={r.sha256} class="root-entry">
                <div class="root">
                  <strong class="what"><Inert value={name} max={80} /></strong>
                  <span class="hint">
                    <Msg k="options_rootFingerprint" subs={[<bdi dir="ltr" class="fingerprint">{displayFingerprint(r.sha256)}</bdi>]} />
                  </span>
                  {r.added > 0 && <span class="hint"><Msg k="options_rootAdded" subs={[date.format(r.added)]} /></span>}
                </div>
                <button type="button" onClick={() => remove(r.sha256)}><Msg k="options_remove" subs={[<Inert value={name} max={40} fixed />]} /></button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="hint">{t('options_none')}</p>
      )}
    </section>
  );
}
