/**
 * Journeys as code on the command line:
 *   caravan validate <file.json>                  core validation, no database
 *   caravan export <journeyId> [--out file]       the journey's file, to stdout or a file
 *   caravan import-journey <file.json> [--name N] [--as email]   a new draft from a file
 * Exit codes: 0 done (validate: no blocking error), 1 blocking errors or the database refused
 * (unknown journey, name taken), 2 usage errors and files that are unreadable or not a journey.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { systemClock } from '@caravan/core/clock';
import { JourneyName } from '@caravan/core/journey/journey';
import { hasBlockingProblems, type Problem } from '@caravan/core/journey/validation';
import { err, ok, type Result } from '@caravan/core/result';
import { canWrite } from '@caravan/core/user';
import {
  checkJourneyFile,
  exportJourney,
  importJourney,
  parseJourneyFile,
  type JourneyFile,
} from '@caravan/engine/journeys/journey-transfer.service';
import { openMigratedDatabase } from '@caravan/server/bootstrap';
import type { Database } from '@caravan/storage/database';
import { findUserByEmail } from '@caravan/storage/user.repository';

export const journeyCodeUsage = `Journeys as code:
  validate <file.json>                   check a journey file with the publish rules
  export <journeyId> [--out <file>]      write a journey as a file (stdout by default)
  import-journey <file.json> [--name <name>] [--as <email>]
                                         import a file as a new draft, created by the user
                                         with that email (default CARAVAN_ADMIN_EMAIL)`;

/** Where a command writes. */
export interface CommandOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed = { positionals: string[]; values: Record<string, string | undefined> };

/** Strict parsing of one command's words; exactly one positional argument. */
function parseCommandArgs(
  args: string[],
  options: Options,
  what: string,
): Result<Parsed & { target: string }, string> {
  try {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options });
    const [target, ...extra] = positionals;
    if (target === undefined) return err(`name the ${what}`);
    if (extra.length > 0) return err(`unexpected argument "${extra[0]}"`);
    return ok({ positionals, values: values as Parsed['values'], target });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

function usageError(output: CommandOutput, command: string, message: string): number {
  output.err(`caravan ${command}: ${message}\n\n${journeyCodeUsage}\n`);
  return 2;
}

/** Reads and parses a journey file; prints why not and returns undefined when it cannot. */
async function readJourneyFile(
  output: CommandOutput,
  command: string,
  path: string,
): Promise<JourneyFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    output.err(`caravan ${command}: cannot read ${path}: ${(error as Error).message}\n`);
    return undefined;
  }
  const parsed = parseJourneyFile(text);
  if (parsed.ok) return parsed.value;
  output.err(`caravan ${command}: ${path} is not a Caravan journey file:\n`);
  for (const issue of parsed.error.issues) {
    output.err(`  ${issue.path || '(file)'}: ${issue.message}\n`);
  }
  return undefined;
}

function formatProblem(problem: Problem): string {
  const place = [
    problem.nodeId !== undefined ? `node ${problem.nodeId}` : '',
    problem.pathId !== undefined ? `path ${problem.pathId}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const where = place ? ` (${place})` : '';
  return `  ${problem.severity.padEnd(7)} ${problem.code}${where}: ${problem.message}\n`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `caravan validate <file.json>`; `now` is when the schedule rules are checked. */
export async function runValidate(
  args: string[],
  output: CommandOutput,
  now: Date,
): Promise<number> {
  const parsed = parseCommandArgs(args, {}, 'journey file to validate');
  if (!parsed.ok) return usageError(output, 'validate', parsed.error);
  const file = await readJourneyFile(output, 'validate', parsed.value.target);
  if (!file) return 2;
  const problems = checkJourneyFile(file, now);
  for (const problem of problems) output.out(formatProblem(problem));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const counts = `${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}`;
  const blocked = hasBlockingProblems(problems);
  output.out(`${parsed.value.target}: ${blocked ? 'cannot be published' : 'valid'} (${counts})\n`);
  return blocked ? 1 : 0;
}

/** Opens the database, runs `work`, closes it; a database that cannot be opened exits 1. */
async function withDatabase(
  databaseUrl: string,
  output: CommandOutput,
  command: string,
  work: (database: Database) => Promise<number>,
): Promise<number> {
  const opened = await openMigratedDatabase(databaseUrl);
  if (!opened.ok) {
    output.err(`caravan ${command}: ${opened.error.message}\n`);
    return 1;
  }
  try {
    return await work(opened.value);
  } finally {
    await opened.value.close();
  }
}

/** `caravan export <journeyId> [--out file]`: the file goes to stdout unless `--out` names one. */
export async function runExport(
  args: string[],
  databaseUrl: string,
  output: CommandOutput,
): Promise<number> {
  const parsed = parseCommandArgs(args, { out: { type: 'string', short: 'o' } }, 'journey id');
  if (!parsed.ok) return usageError(output, 'export', parsed.error);
  const { target: id, values } = parsed.value;
  return withDatabase(databaseUrl, output, 'export', async (database) => {
    const exported = await exportJourney({ database }, id);
    if (!exported.ok) {
      output.err(`caravan export: ${exported.error.message}\n`);
      return 1;
    }
    const text = `${JSON.stringify(exported.value, null, 2)}\n`;
    if (values.out === undefined) {
      output.out(text);
      return 0;
    }
    try {
      await writeFile(values.out, text);
    } catch (error) {
      output.err(`caravan export: cannot write ${values.out}: ${(error as Error).message}\n`);
      return 1;
    }
    output.err(`caravan export: wrote ${values.out}\n`);
    return 0;
  });
}

export interface ImportJourneyOptions {
  databaseUrl: string;
  /** Whose name the draft is created under when `--as` is not given. */
  defaultActorEmail: string;
}

/** `caravan import-journey <file.json> [--name N] [--as email]`: prints the new draft's id. */
export async function runImportJourney(
  args: string[],
  options: ImportJourneyOptions,
  output: CommandOutput,
): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    { name: { type: 'string', short: 'n' }, as: { type: 'string' } },
    'journey file to import',
  );
  if (!parsed.ok) return usageError(output, 'import-journey', parsed.error);
  const { target: path, values } = parsed.value;
  const name = values.name === undefined ? undefined : JourneyName.safeParse(values.name);
  if (name && !name.success) {
    return usageError(output, 'import-journey', `--name: ${name.error.issues[0]?.message}`);
  }
  const file = await readJourneyFile(output, 'import-journey', path);
  if (!file) return 2;
  const actorEmail = values.as ?? options.defaultActorEmail;
  return withDatabase(options.databaseUrl, output, 'import-journey', async (database) => {
    // Journeys record who created them; the CLI acts as an existing user who may edit.
    const actor = await findUserByEmail(database.db, actorEmail);
    if (!actor || !canWrite(actor.role)) {
      output.err(
        `caravan import-journey: no manager or admin has the email ${actorEmail}; ` +
          'pass --as <email> of one\n',
      );
      return 1;
    }
    const imported = await importJourney(
      { database, clock: systemClock },
      actor.id,
      file,
      name?.data,
    );
    if (!imported.ok) {
      output.err(`caravan import-journey: ${imported.error.message}\n`);
      return 1;
    }
    output.out(`Imported draft "${imported.value.name}" with id ${imported.value.id}\n`);
    return 0;
  });
}
