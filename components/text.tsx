import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import { clipText, inert } from '@/utils/format';
import { t } from '@/utils/i18n';

// Words from _locales with live parts (a hostname, an IP) placed where each language puts them: the
// message is asked for with private-use marks as substitutions, then split at the marks. Page-controlled
// values therefore never pass through a format string, and each keeps its own isolation and clipping.

const MARK = 0xe000;

/** The words for `key`, or `fallback` (shown inert) where no catalogue has them yet. */
export function tOr(key: string, fallback: unknown): string {
  const words = t(key);
  return words && words !== key ? words : inert(fallback);
}

export function Msg({ k, subs }: { k: string; subs?: ComponentChild[] }) {
  if (!subs || !subs.length) return <>{t(k)}</>;
  const text = t(k, subs.map((_, i) => String.fromCharCode(MARK + i)));
  const parts = text.split(/([\ue000-\ue0ff])/);
  return <>{parts.map((p) => {
    const i = p.length === 1 ? p.charCodeAt(0) - MARK : -1;
    return i >= 0 && i < subs.length ? subs[i] : p;
  })}</>;
}

/**
 * A value someone else controls, as inert text: unsafe characters shown as U+FFFD, isolated from the
 * sentence around it and read left to right in every language (`<bdi dir="ltr">`: a hostname, an IP
 * or a URL keeps its order inside an Arabic sentence), clipped to `max` characters with the whole value one keypress away.
 * `fixed` leaves out the button, for places that are themselves controls (a summary); the whole value
 * must then be shown in what that control opens.
 */
export function Inert({ value, max = 60, class: cls, fixed }: { value: unknown; max?: number; class?: string; fixed?: boolean }) {
  const [open, setOpen] = useState(false);
  const full = inert(value);
  const { text, clipped } = clipText(full, max);
  return (
    <>
      <bdi dir="ltr" class={cls ? `inert ${cls}` : 'inert'} title={clipped ? clipText(full, 1000).text : undefined}>
        {open ? full : text}
      </bdi>
      {clipped && !fixed && (
        <button type="button" class="more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t(open ? 'action_showLess' : 'action_showAll')}
        </button>
      )}
    </>
  );
}

/**
 * The language of the words actually shown (the catalogue the browser chose), for `<html lang>`: a
 * browser in a language with no catalogue reads English words, and screen readers must know that.
 */
export function catalogueLanguage(): string {
  const lang = t('locale_code');
  return /^[a-z]{2}(-[A-Za-z]+)?$/.test(lang) ? lang : 'en';
}
