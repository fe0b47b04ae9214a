/**
 * The language is kept per user (`/me/preferences/language`) as well as per browser: choosing one
 * saves both, and signing in on another browser switches to the user's saved language once the
 * session is known.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import i18next from 'i18next';
import { getPreference, setPreference } from '../api/auth.api.ts';
import { changeLanguage, languages, type Language } from '../i18n/i18n.ts';

export const languagePreferenceKey = 'language';
const queryKey = ['preferences', languagePreferenceKey];

function asLanguage(value: unknown): Language | undefined {
  return languages.find((l) => l === value);
}

/** Applies the signed-in user's saved language (call once the session is known). */
export function useUserLanguage(signedIn: boolean): void {
  const saved = useQuery({
    queryKey,
    queryFn: async () => asLanguage((await getPreference<string>(languagePreferenceKey)).value),
    enabled: signedIn,
    staleTime: Infinity,
  });
  const language = saved.data;
  useEffect(() => {
    if (language && language !== i18next.language) changeLanguage(language);
  }, [language]);
}

/** Switches now, and saves the choice for the user (a failed save keeps the browser's choice). */
export function chooseLanguage(language: Language): void {
  changeLanguage(language);
  void setPreference(languagePreferenceKey, language).catch(() => undefined);
}
