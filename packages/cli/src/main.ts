/**
 * `caravan <command>`: a thin adapter from the command line to the server package. It reads
 * the environment once (loadConfig) and passes the configuration down.
 */
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '@caravan/server/config';
import { openMigratedDatabase, startCaravan, startWorker } from '@caravan/server/bootstrap';
import { runImport } from './import.command.ts';
import {
  journeyCodeUsage,
  runExport,
  runImportJourney,
  runValidate,
} from './journey-code.command.ts';

const usage = `Usage: caravan <command>

Commands:
  start     run the API, the scheduler, one engine worker and the web app in one process
  worker    run an engine worker and the scheduler only (PostgreSQL; start as many as you like)
  migrate   bring the database schema up to date and exit
  import    upsert accounts or people from a CSV file: import <file.csv> --entity accounts|people

${journeyCodeUsage}

Configuration comes from the environment (PORT, HOST, DATABASE_URL, CARAVAN_ADMIN_EMAIL,
CARAVAN_ADMIN_PASSWORD, CARAVAN_DEMO, CARAVAN_TEST_CLOCK, PUBLIC_URL, LOG_LEVEL, …).`;

async function start(config: Config): Promise<number> {
  const started = await startCaravan(config, (line) => console.log(line));
  if (!started.ok) {
    console.error(`caravan: ${started.error.message}`);
    return 1;
  }
  const running = started.value;
  console.log(`Caravan is running at ${running.url}`);
  await untilStopped();
  await running.close();
  return 0;
}

/** Resolves on SIGINT or SIGTERM, after saying which one arrived. */
function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`caravan: ${signal} received, shutting down`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

async function worker(config: Config): Promise<number> {
  if (!config.databaseUrl.startsWith('postgres')) {
    console.error(
      'caravan: `caravan worker` needs PostgreSQL (DATABASE_URL=postgres://…); ' +
        'with SQLite, `caravan start` runs the one worker there can be.',
    );
    return 2;
  }
  const started = await startWorker(config, (line) => console.log(line));
  if (!started.ok) {
    console.error(`caravan: ${started.error.message}`);
    return 1;
  }
  console.log('Caravan worker is running');
  await untilStopped();
  await started.value.close();
  return 0;
}

async function migrate(config: Config): Promise<number> {
  const opened = await openMigratedDatabase(config.databaseUrl);
  if (!opened.ok) {
    console.error(`caravan: migration failed: ${opened.error.message}`);
    return 1;
  }
  await opened.value.close();
  console.log('caravan: database is up to date');
  return 0;
}

/** The words after the command; each command parses its own options strictly. */
function argsAfter(argv: string[], command: string): string[] {
  return argv.slice(argv.indexOf(command) + 1);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (values.help || command === 'help') {
    console.log(usage);
    return 0;
  }
  const io = {
    out: (text: string) => void process.stdout.write(text),
    err: (text: string) => void process.stderr.write(text),
  };
  // Validating a file needs no database, so it runs before (and without) the configuration.
  if (command === 'validate') return runValidate(argsAfter(argv, command), io, new Date());
  const known = ['start', 'worker', 'migrate', 'import', 'export', 'import-journey'];
  if (command === undefined || !known.includes(command)) {
    console.error(command ? `caravan: unknown command "${command}"\n\n${usage}` : usage);
    return 2;
  }
  const config = loadConfig(process.env);
  if (!config.ok) {
    console.error(`caravan: ${config.error.message}`);
    return 2;
  }
  if (command === 'export') {
    return runExport(argsAfter(argv, command), config.value.databaseUrl, io);
  }
  if (command === 'import-journey') {
    const { databaseUrl, adminEmail } = config.value;
    return runImportJourney(
      argsAfter(argv, command),
      { databaseUrl, defaultActorEmail: adminEmail },
      io,
    );
  }
  if (command === 'import') {
    // The import parses its own options strictly; this parser is lenient (strict: false).
    return runImport(argv.slice(argv.indexOf('import') + 1), config.value.databaseUrl, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      isTTY: process.stderr.isTTY === true,
    });
  }
  if (command === 'worker') return worker(config.value);
  return command === 'start' ? start(config.value) : migrate(config.value);
}

process.exitCode = await main(process.argv.slice(2));
