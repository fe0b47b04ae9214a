/**
 * The rows of the engagement weights form (activity type, points, daily cap) and their
 * conversion to the stored settings. Number boxes hand over text while a number is being typed,
 * so a row keeps what was typed and the conversion says whether it is a valid setting yet.
 */
import type { EngagementSettings } from '../api/buying-groups.api.ts';
import { nextDraftKey } from './setup-drafts.ts';

export interface WeightRow {
  key: number;
  type: string;
  points: number | string;
  dailyCap: number | string;
}

export interface WeightsDraft {
  rows: WeightRow[];
  saturation: number | string;
}

export function weightsDraft(settings: EngagementSettings): WeightsDraft {
  return {
    rows: Object.entries(settings.weights).map(([type, w]) => ({
      key: nextDraftKey(),
      type,
      points: w.points,
      dailyCap: w.dailyCap,
    })),
    saturation: settings.saturation,
  };
}

export function newWeightRow(): WeightRow {
  return { key: nextDraftKey(), type: '', points: 1, dailyCap: 1 };
}

export type WeightsProblem = 'typeMissing' | 'typesRepeat' | 'notANumber' | 'saturation';

function asNumber(value: number | string): number | undefined {
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The settings, or what keeps the rows from being saved (the server checks the same bounds). */
export function weightsSettings(
  draft: WeightsDraft,
): { ok: true; value: EngagementSettings } | { ok: false; error: WeightsProblem[] } {
  const problems = new Set<WeightsProblem>();
  const weights: EngagementSettings['weights'] = {};
  for (const row of draft.rows) {
    const type = row.type.trim();
    const points = asNumber(row.points);
    const dailyCap = asNumber(row.dailyCap);
    if (type === '') problems.add('typeMissing');
    else if (Object.hasOwn(weights, type)) problems.add('typesRepeat');
    if (points === undefined || dailyCap === undefined || points < 0 || dailyCap < 0) {
      problems.add('notANumber');
      continue;
    }
    if (type !== '') weights[type] = { points, dailyCap };
  }
  const saturation = asNumber(draft.saturation);
  if (saturation === undefined || saturation <= 0) problems.add('saturation');
  return problems.size > 0 || saturation === undefined
    ? { ok: false, error: [...problems] }
    : { ok: true, value: { weights, saturation } };
}
