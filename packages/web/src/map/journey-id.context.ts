/** The id of the journey being edited, for forms that offer "this journey" (listener constraints). */
import { createContext, useContext } from 'react';

export const JourneyIdContext = createContext<string | undefined>(undefined);

export function useJourneyId(): string | undefined {
  return useContext(JourneyIdContext);
}
