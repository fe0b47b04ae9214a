/**
 * Writes one batch of CSV rows: rows that fail their schema are rejected up front, the rest go
 * to the batched upserts in one transaction. When the database refuses the batch (say, a row
 * takes an external id another person holds), the batch is retried row by row so that only the
 * offending rows are rejected.
 *
 * Inside the batch's transaction, the audience and dynamic-list memberships of every account the
 * batch touched (the accounts written, or every account of the people written) are re-evaluated,
 * so an import that changes an account's industry moves it between audiences at once. When no
 * audience and no live dynamic list exists this costs one query per batch; otherwise a people
 * batch reads its people's accounts in one query.
 */
import type { Db } from '@caravan/storage/database';
import { upsertAccounts, type AccountUpsert } from '@caravan/storage/account-upsert.repository';
import { upsertPeople, type PersonUpsert } from '@caravan/storage/person-upsert.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import {
  parseRow,
  type AccountLink,
  type ColumnPlan,
  type ParsedRow,
} from './csv-import-columns.ts';
import {
  accountIdsOfPeople,
  findLinkedAccounts,
  insertMemberships,
  resolveLink,
} from './csv-import-links.ts';
import { hasMembershipRules, reevaluateAccounts } from '../segments/membership-evaluation.ts';

export interface BatchRow {
  line: number;
  cells: string[];
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
}

type Valid = { line: number } & ParsedRow;

function toUpsert(row: Valid): AccountUpsert | PersonUpsert {
  return { ...row.fields, id: crypto.randomUUID() } as AccountUpsert | PersonUpsert;
}

function describeLink(link: AccountLink): string {
  const keys = [
    link.accountExternalId === undefined ? '' : `external id "${link.accountExternalId}"`,
    link.accountDomain === undefined ? '' : `domain "${link.accountDomain}"`,
  ].filter(Boolean);
  return `no account has the ${keys.join(' or the ')}`;
}

/** What a batch wrote, with the ids whose accounts need their memberships re-evaluated. */
interface Written {
  outcome: BatchOutcome;
  accountIds: string[];
  personIds: string[];
}

/** Writes the rows in `db` (a transaction); rows naming a missing account are returned rejected. */
async function writeRows(db: Db, rows: readonly Valid[], now: Date): Promise<Written> {
  const rejected: BatchOutcome['rejected'] = [];
  if (rows[0]?.entity === 'accounts') {
    const { ids, ...written } = await upsertAccounts(
      db,
      rows.map(toUpsert) as AccountUpsert[],
      now,
    );
    return { outcome: { ...written, rejected }, accountIds: ids, personIds: [] };
  }
  const links = rows.flatMap((r) => (r.entity === 'people' && r.link ? [r.link] : []));
  const accounts = await findLinkedAccounts(db, links);
  const linked: Array<{ accountId: string | undefined; role: string | null }> = [];
  const kept = rows.filter((row) => {
    if (row.entity !== 'people' || row.link === undefined) {
      linked.push({ accountId: undefined, role: null });
      return true;
    }
    const accountId = resolveLink(accounts, row.link);
    if (accountId === undefined) {
      rejected.push({ line: row.line, reason: describeLink(row.link) });
      return false;
    }
    linked.push({ accountId, role: row.link.role });
    return true;
  });
  const written = await upsertPeople(db, kept.map(toUpsert) as PersonUpsert[], now);
  const memberships = written.ids.flatMap((personId, i) => {
    const link = linked[i];
    return link?.accountId ? [{ accountId: link.accountId, personId, role: link.role }] : [];
  });
  await insertMemberships(db, memberships, now);
  const { ids, ...counts } = written;
  return { outcome: { ...counts, rejected }, accountIds: [], personIds: ids };
}

/** Re-evaluates the memberships of every account the batch touched (see the header). */
async function reevaluateTouched(db: Db, written: Written, now: Date): Promise<void> {
  if (!(await hasMembershipRules(db))) return;
  // A person's attributes may decide their accounts' audiences (person rules), new links included.
  const accountIds = await accountIdsOfPeople(db, [...new Set(written.personIds)]);
  for (const accountId of written.accountIds) accountIds.add(accountId);
  await reevaluateAccounts(db, accountIds, now);
}

function inOneTransaction(deps: DataDeps, rows: readonly Valid[], now: Date) {
  return deps.database.db.transaction().execute(async (trx) => {
    const written = await writeRows(trx, rows, now);
    await reevaluateTouched(trx, written, now);
    return written.outcome;
  });
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `the database refused the row: ${message.split('\n')[0] ?? message}`;
}

/** A batch after validation: rows ready to write, and rows rejected by their schema. */
export interface CheckedBatch {
  valid: Valid[];
  rejected: BatchOutcome['rejected'];
}

/** Validates the rows (pure CPU, so it can run while the previous batch is being written). */
export function checkBatch(plan: ColumnPlan, batch: readonly BatchRow[]): CheckedBatch {
  const checked: CheckedBatch = { valid: [], rejected: [] };
  for (const row of batch) {
    const parsed = parseRow(plan, row.cells);
    if (parsed.ok) checked.valid.push({ line: row.line, ...parsed.value });
    else checked.rejected.push({ line: row.line, reason: parsed.error });
  }
  return checked;
}

/** Writes one checked batch; never throws for a bad row, only for a broken database. */
export async function writeBatch(deps: DataDeps, checked: CheckedBatch): Promise<BatchOutcome> {
  const now = deps.clock.now();
  const { valid } = checked;
  const outcome: BatchOutcome = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [...checked.rejected],
  };
  if (valid.length === 0) return outcome;
  const add = (written: BatchOutcome) => {
    outcome.inserted += written.inserted;
    outcome.updated += written.updated;
    outcome.unchanged += written.unchanged;
    outcome.rejected.push(...written.rejected);
  };
  try {
    add(await inOneTransaction(deps, valid, now));
  } catch {
    // One row spoiled the batch's transaction: find it (them) by writing each row alone.
    for (const row of valid) {
      try {
        add(await inOneTransaction(deps, [row], now));
      } catch (error) {
        outcome.rejected.push({ line: row.line, reason: reasonOf(error) });
      }
    }
  }
  // In line order, so that the report's cap keeps the first rejected lines.
  outcome.rejected.sort((a, b) => a.line - b.line);
  return outcome;
}
