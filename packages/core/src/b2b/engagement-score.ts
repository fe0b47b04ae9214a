/**
 * The engagement score of a buying group (SPEC §5), 0–100 from weighted activity of its members
 * over the last 30 days. Formula (docs/engagement-score.md):
 *
 *   raw   = Σ over UTC days d in the window, Σ over activity types t:
 *             min(count(t, d) × points(t), dailyCap(t))
 *   score = min(100, round(100 × raw / saturation))
 *
 * Types without a weight count 0. The window is (now − 30 days, now]: an activity exactly 30 days
 * old has dropped out, one stamped in the future (clock skew) does not count yet.
 */
import { z } from 'zod';

export const ActivityWeight = z.object({
  /** Points per occurrence. */
  points: z.number().nonnegative(),
  /** Most points this type can add on one UTC day. */
  dailyCap: z.number().nonnegative(),
});
export type ActivityWeight = z.infer<typeof ActivityWeight>;

export const EngagementWeights = z.record(z.string().min(1), ActivityWeight);
export type EngagementWeights = z.infer<typeof EngagementWeights>;

export interface Activity {
  type: string;
  /** ISO-8601. */
  occurredAt: string;
}

export const engagementWindowDays = 30;

/** Raw points at which a group counts as fully engaged (score 100). */
export const defaultEngagementSaturation = 100;

/** Defaults a new instance starts with; admins may change them. */
export const defaultEngagementWeights: EngagementWeights = {
  emailOpened: { points: 1, dailyCap: 3 },
  emailClicked: { points: 3, dailyCap: 9 },
  smsClicked: { points: 3, dailyCap: 6 },
  webPageVisited: { points: 1, dailyCap: 5 },
  formFilledOut: { points: 10, dailyCap: 20 },
  interestingMoment: { points: 5, dailyCap: 10 },
};

const dayMs = 24 * 60 * 60 * 1000;

/** Raw weighted, capped points in the window (before normalisation). */
export function engagementPoints(
  activities: readonly Activity[],
  weights: EngagementWeights,
  now: Date,
): number {
  const end = now.getTime();
  const start = end - engagementWindowDays * dayMs;
  const counts = new Map<string, { type: string; count: number }>();
  for (const activity of activities) {
    const at = Date.parse(activity.occurredAt);
    if (!(at > start && at <= end) || !Object.hasOwn(weights, activity.type)) continue;
    const key = `${new Date(at).toISOString().slice(0, 10)}|${activity.type}`;
    const entry = counts.get(key) ?? { type: activity.type, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  let raw = 0;
  for (const { type, count } of counts.values()) {
    const weight = weights[type];
    if (weight !== undefined) raw += Math.min(count * weight.points, weight.dailyCap);
  }
  return raw;
}

/** The 0–100 engagement score; see the header for the formula. */
export function engagementScore(
  activities: readonly Activity[],
  weights: EngagementWeights,
  now: Date,
  saturation: number = defaultEngagementSaturation,
): number {
  if (!(saturation > 0)) throw new Error('Engagement saturation must be positive');
  const raw = engagementPoints(activities, weights, now);
  return Math.min(100, Math.round((100 * raw) / saturation));
}
