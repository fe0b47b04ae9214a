/** English labels of the email and SMS editors, CSV import mapping and the small data-in pieces. */
export const contentEn = {
  tokens: {
    insert: 'Insert token',
    token: 'Token',
    fallback: 'Fallback when empty',
    fallbackHint: 'Shown when the person or account has no value, e.g. "there".',
    add: 'Insert',
    person: 'Person',
    account: 'Account',
    custom: 'Custom attributes',
    system: 'System',
    my: 'My tokens (set per journey)',
    myName: 'My token name',
    unsubscribeUrl: 'Unsubscribe link',
    insertInto: 'Insert token into {{field}}',
  },
  preview: {
    title: 'Live preview',
    draftNote: 'The preview shows your unsaved changes.',
    person: 'Preview as (search by email)',
    noPerson: 'No person chosen: every token shows its fallback.',
    width: 'Preview width',
    desktop: 'Desktop',
    mobile: 'Mobile',
    textTitle: 'Plain-text version',
    textGenerated: 'Generated from the HTML, since no text version is written.',
    frame: 'Email preview',
    smsFrame: 'SMS preview',
  },
  problems: {
    title: 'Problems',
    blocking: 'Blocking',
    warning: 'Warning',
    none: 'No problems found.',
  },
  testSend: {
    title: 'Send test',
    emailTo: 'Send a test to (email address)',
    smsTo: 'Send a test to (phone number)',
    send: 'Send test',
    sent: 'Test sent to {{to}}. It is marked as a test and not counted in reports.',
    note: 'Uses the person chosen for the preview; the subject starts with [Test].',
  },
  html: {
    label: 'HTML body',
  },
  textPlaceholder: 'Leave empty to generate the text version from the HTML.',
};

export type ContentMessages = typeof contentEn;
