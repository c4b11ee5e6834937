import { useEffect, useRef, useState } from 'preact/hooks';
import browser from '@/utils/page-api';
import { t } from '@/utils/i18n';
import { withKnownRoot } from '@/utils/settings-edit';
import { readSettings, updateSettings, watchSettings } from '@/utils/settings-store';
import { isKnownRoot } from '@/utils/storage/settings';
import { Inert, Msg } from './text';

// On a custom-root page: "I expect this root". Marking it asks first, in words, what it means (the
// root's holder can still read and change the pages it vouches for; only the badge goes), then writes
// settings.knownRoots. Once the root is known the offer is gone; the report says it is known.

type Step = 'offer' | 'confirm' | 'done' | 'failed';

export function KnownRootOffer({ sha256, name }: { sha256: string; name: string }) {
  const [known, setKnown] = useState<boolean | null>(null);
  const [step, setStep] = useState<Step>('offer');
  const confirmText = useRef<HTMLParagraphElement>(null);
  const offer = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void readSettings(browser.storage.local).then((s) => setKnown(isKnownRoot(s, sha256)));
    return watchSettings(browser.storage.onChanged, (s) => setKnown(isKnownRoot(s, sha256)));
  }, [sha256]);
  useEffect(() => {
    if (step === 'confirm') confirmText.current?.focus();
  }, [step]);

  const confirm = () =>
    void updateSettings(browser.storage.local, (s) => {
      const r = withKnownRoot(s, { sha256, label: name }, Date.now());
      return r.ok ? r.settings : s;
    }).then(
      (s) => setStep(isKnownRoot(s, sha256) ? 'done' : 'failed'),
      () => setStep('failed'),
    );

  if (step === 'done') return <p class="root-offer" role="status">{t('rootOffer_done')}</p>;
  if (known !== false) return null;
  if (step === 'offer' || step === 'failed') {
    return (
      <div class="root-offer">
        <button type="button" ref={offer} onClick={() => setStep('confirm')}>{t('rootOffer_button')}</button>
        {step === 'failed' && <p role="alert">{t('options_saveFailed')}</p>}
      </div>
    );
  }
  return (
    <div class="root-offer" role="group" aria-labelledby="root-offer-text">
      <p id="root-offer-text" ref={confirmText} tabIndex={-1}>
        <Msg k="rootOffer_confirmText" subs={[<strong><Inert value={name || t('options_rootUnnamed')} max={80} /></strong>]} />
      </p>
      <button type="button" onClick={confirm}>{t('rootOffer_confirm')}</button>{' '}
      <button
        type="button"
        onClick={() => {
          setStep('offer');
          setTimeout(() => offer.current?.focus(), 0);
        }}
      >
        {t('rootOffer_cancel')}
      </button>
    </div>
  );
}
