import type { ContentMessages } from './content.en.ts';

/** Swedish labels of the email and SMS editors, CSV import mapping and the small data-in pieces. */
export const contentSv: ContentMessages = {
  tokens: {
    insert: 'Infoga token',
    token: 'Token',
    fallback: 'Reservtext när värdet saknas',
    fallbackHint: 'Visas när personen eller kontot saknar värde, t.ex. "där".',
    add: 'Infoga',
    person: 'Person',
    account: 'Konto',
    custom: 'Egna attribut',
    system: 'System',
    my: 'Mina tokens (anges per resa)',
    myName: 'Namn på min token',
    unsubscribeUrl: 'Avregistreringslänk',
    insertInto: 'Infoga token i {{field}}',
  },
  preview: {
    title: 'Förhandsvisning',
    draftNote: 'Förhandsvisningen visar dina osparade ändringar.',
    person: 'Förhandsvisa som (sök på e-post)',
    noPerson: 'Ingen person vald: varje token visar sin reservtext.',
    width: 'Bredd',
    desktop: 'Dator',
    mobile: 'Mobil',
    textTitle: 'Textversion',
    textGenerated: 'Skapad från HTML-koden eftersom ingen textversion är skriven.',
    frame: 'Förhandsvisning av e-post',
    smsFrame: 'Förhandsvisning av sms',
  },
  problems: {
    title: 'Problem',
    blocking: 'Blockerande',
    warning: 'Varning',
    none: 'Inga problem hittades.',
  },
  testSend: {
    title: 'Skicka test',
    emailTo: 'Skicka ett test till (e-postadress)',
    smsTo: 'Skicka ett test till (telefonnummer)',
    send: 'Skicka test',
    sent: 'Testet skickades till {{to}}. Det är märkt som test och räknas inte i rapporter.',
    note: 'Använder personen som är vald för förhandsvisningen; ämnet börjar med [Test].',
  },
  html: {
    label: 'HTML-innehåll',
  },
  textPlaceholder: 'Lämna tomt för att skapa textversionen från HTML-koden.',
};
