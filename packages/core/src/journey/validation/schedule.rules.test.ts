import { describeRuleCases, inYears, now, type RuleCase } from './rule-cases.test-support.ts';

const journeyCases: RuleCase[] = [
  {
    when: 'the name is blank',
    failing: (j) => void (j.name = '   '),
    expected: [{ code: 'NAME_REQUIRED' }],
    passing: (j) => void (j.name = 'N'),
  },
  {
    when: 'the name is longer than 255 characters',
    failing: (j) => void (j.name = 'n'.repeat(256)),
    expected: [{ code: 'NAME_TOO_LONG' }],
    passing: (j) => void (j.name = 'n'.repeat(255)),
  },
  {
    when: 'another journey has the name',
    failing: () => {},
    failingCtx: { nameTaken: true },
    expected: [{ code: 'NAME_TAKEN' }],
    passing: () => {},
    passingCtx: { nameTaken: false },
  },
  {
    when: 'the end date is missing',
    failing: (j) => void (j.schedule.end = null),
    expected: [{ code: 'SCHEDULE_END_MISSING' }],
    passing: (j) => void (j.schedule.end = inYears(1)),
  },
  {
    when: 'the start date is in the past',
    failing: (j) => {
      j.schedule = { start: new Date(now.getTime() - 60_000).toISOString(), end: inYears(1) };
    },
    expected: [{ code: 'SCHEDULE_START_PAST' }],
    passing: (j) => {
      j.schedule = { start: new Date(now.getTime() + 60_000).toISOString(), end: inYears(1) };
    },
  },
  {
    when: 'the end date is not after the start',
    failing: (j) => void (j.schedule.end = now.toISOString()),
    expected: [{ code: 'SCHEDULE_END_BEFORE_START' }],
    passing: (j) => void (j.schedule.end = new Date(now.getTime() + 1).toISOString()),
  },
  {
    when: 'the end date is more than 3 years after an immediate start',
    failing: (j) => void (j.schedule.end = inYears(3, 1)),
    expected: [{ code: 'SCHEDULE_TOO_LONG' }],
    passing: (j) => void (j.schedule.end = inYears(3)),
  },
  {
    when: 'the end date is more than 3 years after a future start',
    failing: (j) => {
      j.schedule = { start: inYears(1), end: inYears(4, 1) };
    },
    expected: [{ code: 'SCHEDULE_TOO_LONG' }],
    passing: (j) => {
      j.schedule = { start: inYears(1), end: inYears(4) };
    },
  },
  {
    when: 're-entry is on without its limit, delay and measure',
    failing: (j) => void (j.settings.reEntry = { enabled: true }),
    expected: [{ code: 'REENTRY_INCOMPLETE' }],
    passing: (j) => void (j.settings.reEntry = { enabled: false }),
  },
  {
    when: 'two my tokens share a name',
    failing: (j) => {
      j.settings.myTokens = [
        { name: 'Offer', type: 'text', value: 'a' },
        { name: 'offer', type: 'number', value: 1 },
      ];
    },
    expected: [{ code: 'TOKEN_NAME_DUPLICATE' }],
    passing: (j) => {
      j.settings.myTokens = [
        { name: 'Offer', type: 'text', value: 'a' },
        { name: 'Discount', type: 'number', value: 1 },
      ];
    },
  },
];

describeRuleCases(journeyCases);
