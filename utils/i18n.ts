import browser from '@/utils/page-api';

// Every word the user reads comes from public/_locales. A missing key shows the key, which the locale
// tests catch, rather than an empty string, which nobody would notice.

export function t(key: string, substitutions?: string | (string | number)[]): string {
  const subs = Array.isArray(substitutions) ? substitutions.map(String) : substitutions;
  try {
    return browser.i18n.getMessage(key, subs) || key;
  } catch {
    return key;
  }
}
