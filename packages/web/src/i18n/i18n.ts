/** i18next set-up: English by default, Swedish second; the choice is kept in this browser. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { sv } from './sv.ts';

export const languages = ['en', 'sv'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'caravan.language';

function storedLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  return languages.find((l) => l === stored) ?? 'en';
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, sv: { translation: sv } },
    lng: storedLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
  });
  return i18next;
}

export function changeLanguage(language: Language): void {
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}
