/**
 * `node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]`: where the time of a V8 CPU
 * profile (`BENCH_CPU_PROF=<dir> npm run bench:engine …`) went — self time by function and by
 * source area (our packages, kysely, pg, better-sqlite3, node internals, idle, GC), in ms and %.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function areaOf(url: string, name: string): string {
  if (name === '(idle)') return 'idle (waiting for the database)';
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)') return 'V8 / native (incl. better-sqlite3 statements)';
  const pkg = /packages\/(\w+)\/src\/(?:([\w-]+)\/)?/.exec(url);
  if (pkg) return `caravan ${pkg[1]}${pkg[2] && pkg[1] === 'engine' ? `/${pkg[2]}` : ''}`;
  const dep = /node_modules\/((?:@[\w.-]+\/)?[\w.-]+)/.exec(url);
  if (dep) return dep[1] ?? 'dependency';
  if (url.startsWith('node:') || url === '') return 'node internals';
  return url;
}

function summarise(profile: Profile, top: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = url.replace(/^.*\/(packages|node_modules)\//, '$1/');
    const key = `${name} ${where}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const area = areaOf(url, name);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    total += us;
  }
  const print = (title: string, rows: Map<string, number>, limit: number) => {
    console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
    for (const [key, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
      console.log(
        `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`,
      );
    }
  };
  print('self time by area', byArea, 30);
  print('self time by function', byFunction, top);
}

const [file, top] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top ?? 40));
