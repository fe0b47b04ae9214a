/**
 * The language chosen in this browser, readable without i18next: the entry module reads it to lay
 * a map out before the app (and its translations) has loaded.
 */
export const languages = ['en', 'sv'] as const;
export type Language = (typeof languages)[number];

export const languageStorageKey = 'caravan.language';

export function storedLanguage(): Language {
  const stored =
    typeof localStorage === 'undefined' ? null : localStorage.getItem(languageStorageKey);
  return languages.find((l) => l === stored) ?? 'en';
}
