/**
 * The catalogue of validation problems: every code the validator can report, its severity and
 * what it means. Codes are stable (the API, the web app and docs rely on them); messages are
 * built per occurrence and say what to fix.
 */

/** 'error' blocks publish; 'warning' is shown but does not. */
export type Severity = 'error' | 'warning';

/** One problem, placed on a node (and one of its paths) when it belongs to one. */
export interface Problem {
  code: string;
  message: string;
  severity: Severity;
  nodeId?: string;
  pathId?: string;
}

const error = 'error' as const;
const warning = 'warning' as const;

/** Every problem code with its severity and a one-line summary (for docs and translations). */
export const problemCatalogue = {
  // Journey
  NAME_REQUIRED: { severity: error, summary: 'The journey has no name.' },
  NAME_TOO_LONG: { severity: error, summary: 'The journey name is longer than 255 characters.' },
  NAME_TAKEN: { severity: error, summary: 'Another journey already has this name.' },
  SCHEDULE_END_MISSING: { severity: error, summary: 'The journey has no end date.' },
  SCHEDULE_START_PAST: { severity: error, summary: 'The start date is in the past.' },
  SCHEDULE_END_BEFORE_START: { severity: error, summary: 'The end date is not after the start.' },
  SCHEDULE_TOO_LONG: { severity: error, summary: 'The end is more than 3 years after the start.' },
  REENTRY_INCOMPLETE: { severity: error, summary: 'Re-entry is on but not fully set.' },
  TOKEN_NAME_DUPLICATE: { severity: error, summary: 'Two my tokens share a name.' },
  // Graph structure
  AUDIENCE_MISSING: { severity: error, summary: 'The journey has no audience node.' },
  AUDIENCE_MULTIPLE: { severity: error, summary: 'The journey has more than one audience node.' },
  AUDIENCE_NOT_ROOT: { severity: error, summary: 'A path leads into the audience node.' },
  NODE_ID_DUPLICATE: { severity: error, summary: 'Two nodes share an id.' },
  DANGLING_EDGE: {
    severity: error,
    summary: 'A path starts or ends at a node that does not exist.',
  },
  INVALID_PORT: { severity: error, summary: 'A path leaves a node by a port it does not have.' },
  DUPLICATE_EDGE: { severity: error, summary: 'A port of a node has more than one path.' },
  CYCLE: { severity: error, summary: 'The paths form a loop.' },
  UNREACHABLE_NODE: { severity: error, summary: 'No path from the audience reaches the node.' },
  // Node settings
  AUDIENCE_SOURCE_MISSING: { severity: error, summary: 'The audience node has no source.' },
  ACTION_ON_MISSING: {
    severity: error,
    summary: 'The action node acts on neither accounts nor people.',
  },
  ACTION_MISSING: { severity: error, summary: 'The action node has no action.' },
  ACTION_WRONG_AUDIENCE: {
    severity: error,
    summary: 'The action does not exist for this audience.',
  },
  ACTION_SETTING_MISSING: {
    severity: error,
    summary: 'A required setting of the action is empty.',
  },
  ADD_TO_SAME_JOURNEY: {
    severity: error,
    summary: 'The action adds accounts to this journey itself.',
  },
  EMAIL_NOT_SET: { severity: error, summary: 'The send-email action has no email.' },
  EMAIL_SUBJECT_MISSING: { severity: error, summary: 'The authored email has no subject.' },
  EMAIL_FROM_NAME_MISSING: { severity: error, summary: 'The authored email has no from name.' },
  EMAIL_BODY_MISSING: { severity: error, summary: 'The authored email has no body.' },
  EMAIL_UNSUBSCRIBE_MISSING: { severity: warning, summary: 'The email has no unsubscribe link.' },
  EMAIL_TEXT_EMPTY: {
    severity: warning,
    summary: 'The email has no text version of its own (one is generated from the HTML).',
  },
  EMAIL_ADDRESS_INVALID: {
    severity: error,
    summary: 'A from or reply-to address of the email is not an email address.',
  },
  EMAIL_TEMPLATE_INVALID: {
    severity: error,
    summary: 'A personalization token of the email cannot be read.',
  },
  SMS_MESSAGE_MISSING: { severity: error, summary: 'The SMS has no message.' },
  SMS_TEMPLATE_INVALID: {
    severity: error,
    summary: 'A personalization token of the SMS cannot be read.',
  },
  SMS_NOT_SET: { severity: error, summary: 'The send-SMS action has no message.' },
  SMS_TOO_LONG: { severity: error, summary: 'The SMS message is longer than 1,600 characters.' },
  BUYING_GROUP_STATUS_TOO_LONG: {
    severity: error,
    summary: 'The status is longer than 50 characters.',
  },
  SALES_ALERT_RECIPIENT_INVALID: {
    severity: error,
    summary: 'A sales alert recipient is not an email address.',
  },
  WEBHOOK_URL_INVALID: { severity: error, summary: 'The webhook has no http(s) URL.' },
  EVENT_ON_MISSING: {
    severity: error,
    summary: 'The listener listens to neither accounts nor people.',
  },
  EVENT_TYPE_MISSING: { severity: error, summary: 'The listener has no event type.' },
  TIMEOUT_MISSING: { severity: error, summary: 'A timeout path exists but no timeout is set.' },
  TIMING_MISSING: {
    severity: error,
    summary: 'A wait or timeout has no duration, no date and no must-end-on day or time.',
  },
  TIMING_AMBIGUOUS: {
    severity: error,
    summary: 'A wait or timeout has both a duration and a date.',
  },
  TIMING_DATE_PAST: { severity: error, summary: 'A wait or timeout date is in the past.' },
  TIME_ZONE_INVALID: { severity: error, summary: 'The must-end-on time zone is not an IANA zone.' },
  WEEKDAYS_EMPTY: { severity: error, summary: 'The must-end-on weekdays list is empty.' },
  SPLIT_BY_MISSING: { severity: error, summary: 'The split splits neither accounts nor people.' },
  SPLIT_PATH_COUNT: { severity: error, summary: 'The split has too few or too many paths.' },
  PATH_ID_DUPLICATE: { severity: error, summary: 'Two paths of a split share an id.' },
  PATH_ID_RESERVED: { severity: error, summary: 'A path id is a reserved port name.' },
  PATH_CONDITION_MISSING: { severity: error, summary: 'A split path has no condition rule.' },
  VARIANT_PATH_COUNT: {
    severity: error,
    summary: 'The variant split has too few or too many paths.',
  },
  VARIANT_PERCENT_INVALID: {
    severity: error,
    summary: 'A variant percentage is not an integer 1–99.',
  },
  VARIANT_PERCENT_SUM: {
    severity: error,
    summary: 'The variant percentages do not add up to 100.',
  },
  PEOPLE_SPLIT_NODE_NOT_ALLOWED: {
    severity: error,
    summary: 'A people-split path holds a node other than a people action.',
  },
  PEOPLE_SPLIT_NESTED: {
    severity: error,
    summary: 'A split by people is inside another split by people.',
  },
  MERGE_NOT_BELOW_ACCOUNT_SPLIT: {
    severity: error,
    summary: 'The merge is not below a split by accounts.',
  },
  MERGE_TOO_FEW_INPUTS: { severity: error, summary: 'The merge joins fewer than two paths.' },
  EXTERNAL_SERVICE_MISSING: { severity: error, summary: 'The external node has no service.' },
  // References
  REFERENCE_MISSING: { severity: error, summary: 'A referenced item does not exist.' },
  REFERENCE_UNUSABLE: { severity: error, summary: 'A referenced item exists but cannot be used.' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

/** Every code the validator reports. */
export type ProblemCode = keyof typeof problemCatalogue;

/** Where a problem sits on the map. */
export interface ProblemPlace {
  nodeId?: string;
  pathId?: string;
}

/** Builds a problem; its severity comes from the catalogue so that it cannot drift per call. */
export function problem(code: ProblemCode, message: string, place: ProblemPlace = {}): Problem {
  const built: Problem = { code, message, severity: problemCatalogue[code].severity };
  if (place.nodeId !== undefined) built.nodeId = place.nodeId;
  if (place.pathId !== undefined) built.pathId = place.pathId;
  return built;
}
