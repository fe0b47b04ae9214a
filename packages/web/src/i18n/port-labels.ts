/**
 * The map's fixed path labels per language. Apart from the dictionaries because they size the
 * map's label boxes, so its layout: the entry module needs them before the translations load.
 */
import type { Language } from './stored-language.ts';

/** Labels of the fixed ports (the map's conversion takes them from here). */
export interface PortLabels {
  timeout: string;
  other: string;
  timeoutOrError: string;
}

export const portLabels: Record<Language, PortLabels> = {
  en: { timeout: 'Timeout', other: 'Other', timeoutOrError: 'Timeout or error' },
  sv: { timeout: 'Tidsgräns', other: 'Övrigt', timeoutOrError: 'Tidsgräns eller fel' },
};
