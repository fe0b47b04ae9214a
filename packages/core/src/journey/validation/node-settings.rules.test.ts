import { futureDate } from '../fixtures.test-support.ts';
import {
  all,
  describeRuleCases,
  patchSettings,
  removeEdges,
  rewire,
  setSettings,
  type RuleCase,
} from './rule-cases.test-support.ts';

const timingCases: RuleCase[] = [
  {
    when: 'a listener listens to neither accounts nor people',
    failing: patchSettings('listener', { on: undefined }),
    expected: [{ code: 'EVENT_ON_MISSING', nodeId: 'listener' }],
    passing: patchSettings('listener', { on: 'accounts', peopleFilter: undefined }),
  },
  {
    when: 'a listener has no event type',
    failing: patchSettings('listener', { event: '' }),
    expected: [{ code: 'EVENT_TYPE_MISSING', nodeId: 'listener' }],
    passing: patchSettings('listener', { event: 'formFilledOut' }),
  },
  {
    when: 'a path is taken on timeout but the listener has no timeout',
    failing: patchSettings('listener', { timeout: undefined }),
    expected: [{ code: 'TIMEOUT_MISSING', nodeId: 'listener' }],
    passing: all(
      patchSettings('listener', { timeout: undefined, timeoutPath: false }),
      removeEdges((e) => e.from === 'listener' && e.port === 'timeout'),
      rewire('listener', 'next', 'shortWait'),
    ),
  },
  {
    when: 'a wait has neither a duration nor a date',
    failing: setSettings('shortWait', {}),
    expected: [{ code: 'TIMING_MISSING', nodeId: 'shortWait' }],
    passing: setSettings('shortWait', { date: futureDate }),
  },
  {
    when: 'a listener timeout has neither a duration, a date nor a must-end-on day or time',
    failing: patchSettings('listener', {
      timeout: { mustEndOn: { timeZone: 'Europe/Stockholm' } },
    }),
    expected: [{ code: 'TIMING_MISSING', nodeId: 'listener' }],
    // SPEC §2 "9:00, any day": must end on alone is a timing.
    passing: patchSettings('listener', { timeout: { mustEndOn: { time: '09:00' } } }),
  },
  {
    when: 'a wait has both a duration and a date',
    failing: patchSettings('shortWait', { date: futureDate }),
    expected: [{ code: 'TIMING_AMBIGUOUS', nodeId: 'shortWait' }],
    passing: () => {},
  },
  {
    when: 'a listener timeout has both a duration and a date',
    failing: patchSettings('listener', {
      timeout: { duration: { amount: 1, unit: 'weeks' }, date: futureDate },
    }),
    expected: [{ code: 'TIMING_AMBIGUOUS', nodeId: 'listener' }],
    passing: patchSettings('listener', { timeout: { duration: { amount: 1, unit: 'weeks' } } }),
  },
  {
    when: 'a wait date is in the past',
    failing: setSettings('dateWait', { date: '2030-03-01T11:59:59.999Z' }),
    expected: [{ code: 'TIMING_DATE_PAST', nodeId: 'dateWait' }],
    passing: setSettings('dateWait', { date: '2030-03-01T12:00:00.000Z' }),
  },
  {
    when: 'a listener timeout date is in the past',
    failing: patchSettings('listener', { timeout: { date: '2030-03-01T13:00:00+02:00' } }),
    expected: [{ code: 'TIMING_DATE_PAST', nodeId: 'listener' }],
    passing: patchSettings('listener', { timeout: { date: '2030-03-01T13:00:00+01:00' } }),
  },
  {
    when: 'a must-end-on time zone is not an IANA zone',
    failing: setSettings('dateWait', { date: futureDate, mustEndOn: { timeZone: 'Mars/Olympus' } }),
    expected: [{ code: 'TIME_ZONE_INVALID', nodeId: 'dateWait' }],
    passing: setSettings('dateWait', { date: futureDate, mustEndOn: { timeZone: 'UTC' } }),
  },
  {
    when: 'a listener timeout time zone is not an IANA zone',
    failing: patchSettings('listener', {
      timeout: { duration: { amount: 2, unit: 'hours' }, mustEndOn: { timeZone: 'CEST+2' } },
    }),
    expected: [{ code: 'TIME_ZONE_INVALID', nodeId: 'listener' }],
    passing: patchSettings('listener', {
      timeout: { duration: { amount: 2, unit: 'hours' }, mustEndOn: { timeZone: 'Asia/Kolkata' } },
    }),
  },
  {
    when: 'must-end-on has an empty list of weekdays',
    failing: setSettings('shortWait', {
      duration: { amount: 1, unit: 'days' },
      mustEndOn: { weekdays: [] },
    }),
    expected: [{ code: 'WEEKDAYS_EMPTY', nodeId: 'shortWait' }],
    passing: setSettings('shortWait', {
      duration: { amount: 1, unit: 'days' },
      mustEndOn: { weekdays: ['tue'] },
    }),
  },
  {
    when: 'an external action has no service',
    failing: patchSettings('externalAction', { serviceId: undefined }),
    expected: [{ code: 'EXTERNAL_SERVICE_MISSING', nodeId: 'externalAction' }],
    passing: () => {},
  },
  {
    when: 'an external split has no service',
    failing: patchSettings('externalSplit', { serviceId: undefined }),
    expected: [{ code: 'EXTERNAL_SERVICE_MISSING', nodeId: 'externalSplit' }],
    passing: () => {},
  },
];

describeRuleCases(timingCases);
