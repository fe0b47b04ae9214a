/** i18next set-up: English by default, Swedish second; the choice is kept in this browser. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { sv } from './sv.ts';
import { languageStorageKey, storedLanguage, type Language } from './stored-language.ts';

export { languages, type Language } from './stored-language.ts';

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
  localStorage.setItem(languageStorageKey, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}
