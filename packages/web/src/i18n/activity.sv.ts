import type { activityEn } from './activity.en.ts';

/** Aktivitetshistoriken på konto- och personsidor. */
export const activitySv: typeof activityEn = {
  title: 'Aktivitetshistorik',
  filter: 'Aktivitetstyper',
  allTypes: 'Alla aktiviteter',
  none: 'Ingen aktivitet ännu.',
  noneOfType: 'Ingen aktivitet av dessa typer.',
  when: 'När',
  what: 'Aktivitet',
  person: 'Person',
  account: 'Konto',
  details: 'Detaljer',
  loadMore: 'Visa fler',
  types: {
    webPageVisited: 'Besökte en webbsida',
    screenViewed: 'Visade en appskärm',
    formFilledOut: 'Fyllde i ett formulär',
    emailDelivered: 'E-post levererad',
    emailOpened: 'Öppnade ett e-postmeddelande',
    emailClicked: 'Klickade på en länk i ett e-postmeddelande',
    emailBounced: 'E-post studsade',
    emailUnsubscribed: 'Avregistrerade sig från e-post',
    personAttributeChanged: 'Personattribut ändrat',
    accountAttributeChanged: 'Kontoattribut ändrat',
    interestingMoment: 'Intressant händelse',
  },
};
