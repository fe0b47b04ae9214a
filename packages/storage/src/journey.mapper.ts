/** Journey rows ⇄ the core `Journey`; core never sees snake_case or storage encodings. */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { Journey, JourneySettings, Schedule } from '@caravan/core/journey/journey';
import { JourneyStatus } from '@caravan/core/journey/status';
import { toUserRef } from './actor.mapper.ts';
import {
  fromJson,
  fromNullableTimestamp,
  fromTimestamp,
  toJson,
  toTimestamp,
} from './column-types.ts';
import type { JourneyRecord } from './journey.query.ts';

/**
 * A journey as stored: the core `Journey` plus the row version, which every update bumps so
 * that an editor can tell whether someone else saved since it loaded (compare-and-set).
 */
export type StoredJourney = Journey & { version: number };

export function toJourney(record: JourneyRecord): StoredJourney {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    status: JourneyStatus.parse(record.status),
    // Trusted: every write goes through the core schemas first.
    definition: fromJson(record.definition) as JourneyDefinition,
    schedule: fromJson(record.schedule) as Schedule,
    settings: fromJson(record.settings) as JourneySettings,
    createdAt: fromTimestamp(record.created_at),
    createdBy: toUserRef(record.created_by, record.created_by_name, record.created_by_email),
    updatedAt: fromTimestamp(record.updated_at),
    updatedBy: toUserRef(record.updated_by, record.updated_by_name, record.updated_by_email),
    publishedAt: fromNullableTimestamp(record.published_at),
    publishedBy: toUserRef(
      record.published_by,
      record.published_by_name,
      record.published_by_email,
    ),
    version: Number(record.version),
  };
}

/** The schedule column and its UTC copies used for sorting and for finding due journeys. */
export function scheduleColumns(schedule: Schedule): {
  schedule: string;
  start_at: string | null;
  end_at: string | null;
} {
  return {
    schedule: toJson(schedule),
    start_at: schedule.start === 'immediately' ? null : toTimestamp(new Date(schedule.start)),
    end_at: schedule.end === null ? null : toTimestamp(new Date(schedule.end)),
  };
}
