/**
 * The shape of the code, checked on every `npm test`: no import cycle anywhere, arrows between
 * packages pointing one way (web → (HTTP) → server → engine → storage → core), and inside the
 * engine every file in a domain folder, with the workflow folders importing the data folders and
 * never the other way round (docs/engine.md, "Where things live").
 */
import { parseCircular, parseDependencyTree, type DependencyTree } from 'dpdm';
import { beforeAll, describe, expect, it } from 'vitest';

/** What each package may import of ours; anything else is an arrow pointing the wrong way. */
const allowedPackages: Record<string, readonly string[]> = {
  core: [],
  storage: ['core'],
  engine: ['core', 'storage'],
  server: ['core', 'storage', 'engine'],
  cli: ['core', 'storage', 'engine', 'server'],
  web: ['core'],
};

/**
 * The engine's folders from the bottom up. A file may import its own folder, any folder of its
 * own layer, and the layers below; never a layer above. `audit` sits low so that every folder may
 * record who changed what. `entry` sits below the data folders: it is
 * the one seam through which a data change admits an account into a journey, and it knows only
 * the journey and enrollment tables.
 */
const engineLayers: ReadonlyArray<readonly string[]> = [
  ['runtime'],
  ['entry', 'audit'],
  ['data', 'content', 'segments', 'buying-groups'],
  ['journeys', 'run', 'outbox', 'external-services', 'ingestion', 'import', 'demo', 'reports'],
];

const engineSrc = 'packages/engine/src/';

function packageOf(file: string): string | undefined {
  return /^packages\/([^/]+)\//.exec(file)?.[1];
}

function engineFolderOf(file: string): string | undefined {
  if (!file.startsWith(engineSrc)) return undefined;
  const rest = file.slice(engineSrc.length);
  return rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : '';
}

/** Tests drive the engine from above, whatever folder they sit in; the layers bind the code. */
function isTestCode(file: string): boolean {
  return /\.test(-support)?\.tsx?$/.test(file);
}

function layerOf(folder: string): number {
  return engineLayers.findIndex((layer) => layer.includes(folder));
}

/** Every import between two of our files, as [from, to]. */
function projectEdges(tree: DependencyTree): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  for (const [from, dependencies] of Object.entries(tree)) {
    if (!from.startsWith('packages/')) continue;
    for (const d of dependencies ?? []) {
      if (d.id?.startsWith('packages/')) edges.push([from, d.id]);
    }
  }
  return edges;
}

describe('the import graph', () => {
  let tree: DependencyTree;
  beforeAll(async () => {
    tree = await parseDependencyTree(
      [
        'packages/*/src/**/*.ts',
        'packages/*/src/**/*.tsx',
        'packages/*/e2e/**/*.ts',
        'bench/**/*.ts',
        'test/**/*.ts',
      ],
      {
        context: process.cwd(),
        tsconfig: 'tsconfig.json',
        transform: false,
        exclude: /node_modules/,
      },
    );
  }, 60_000);

  it('reads the whole repository', () => {
    const ours = Object.keys(tree).filter((f) => f.startsWith('packages/'));
    expect(ours.length).toBeGreaterThan(400);
    expect(projectEdges(tree).length).toBeGreaterThan(1000);
  });

  it('has no import cycle', () => {
    expect(parseCircular(tree)).toEqual([]);
  });

  it('points every arrow between packages one way', () => {
    const wrong = projectEdges(tree)
      .map(([from, to]) => [packageOf(from)!, packageOf(to)!, `${from} → ${to}`] as const)
      .filter(([a, b]) => a !== b && !(allowedPackages[a] ?? []).includes(b))
      .map(([, , edge]) => edge);
    expect(wrong).toEqual([]);
  });

  it('keeps every engine file in a domain folder of a known layer', () => {
    const engineFiles = Object.keys(tree).filter((f) => f.startsWith(engineSrc));
    const misplaced = engineFiles.filter((f) => layerOf(engineFolderOf(f)!) < 0);
    expect(misplaced).toEqual([]);
  });

  it('lets engine code import only its own layer and the layers below', () => {
    const upward = projectEdges(tree)
      .filter(([from, to]) => from.startsWith(engineSrc) && to.startsWith(engineSrc))
      .filter(([from]) => !isTestCode(from))
      .filter(([from, to]) => layerOf(engineFolderOf(to)!) > layerOf(engineFolderOf(from)!))
      .map(([from, to]) => `${from} → ${to}`);
    expect(upward).toEqual([]);
  });
});
