import { buildxCacheSpecs, buildxScope } from '../src/cache/buildx.js';
import { parseCacheConfig, cacheOptions } from '../src/cache/config.js';
import { deriveKeys, hashKeyFiles, KeyContext, runtimeLabel } from '../src/cache/keys.js';
import { LibraryLog } from '../src/cache/library-log.js';
import {
  allHit,
  cacheModeFrom,
  classifyRestore,
  decideSave,
  parseJobStatus,
  SaveInput
} from '../src/cache/policy.js';
import { detectPresets, planPresets, PresetPlan, WorkspaceFacts } from '../src/cache/presets.js';
import { ConfigurationError } from '../src/errors.js';
import { Inputs } from '../src/options.js';

function facts(files: string[], extra: Partial<WorkspaceFacts> = {}): WorkspaceFacts {
  return {
    files,
    workdir: '',
    dependencies: [],
    home: '/home/runner',
    platform: 'linux',
    env: {},
    ...extra
  };
}

const names = (f: WorkspaceFacts) => detectPresets(f).map(d => d.name);

describe('detection (pure)', () => {
  test.each([
    [['package-lock.json'], {}, ['npm']],
    [['pnpm-lock.yaml', 'package.json'], {}, ['pnpm']],
    [['yarn.lock'], { yarnLockHead: '# yarn lockfile v1\n' }, ['yarn-classic']],
    [['yarn.lock'], { yarnLockHead: '__metadata:\n  version: 8\n' }, ['yarn-berry']],
    [['yarn.lock', '.yarnrc.yml'], {}, ['yarn-berry']],
    [['yarn.lock'], { packageManager: 'yarn@4.5.0' }, ['yarn-berry']],
    [['go.mod', 'go.sum'], {}, ['go']],
    [['package-lock.json', 'next.config.mjs', 'turbo.json'], {}, ['npm', 'next', 'turbo']],
    [['package-lock.json'], { dependencies: ['next'] }, ['npm', 'next']],
    [['tsconfig.json'], { tsconfig: '{ "compilerOptions": { "incremental": true } }' }, ['tsbuildinfo']],
    [['tsconfig.json'], { tsconfig: '{ "compilerOptions": { "strict": true } }' }, []],
    // a commented-out option is not an option
    [
      ['tsconfig.json'],
      { tsconfig: '{\n  "compilerOptions": {\n    // "incremental": true,\n    "strict": true,\n  }\n}' },
      []
    ],
    [['Dockerfile'], {}, []]
  ] as [string[], Partial<WorkspaceFacts>, string[]][])('%j %j -> %j', (files, extra, expected) => {
    expect(names(facts(files, extra))).toEqual(expected);
  });

  test('paths follow the tools: env overrides, XDG, yarn 4 global cache, workdir', () => {
    const plan = (requested: string[], f: WorkspaceFacts) =>
      Object.fromEntries(planPresets(requested, [], [], f).map(p => [p.name, p.paths]));
    expect(plan(['npm', 'pnpm', 'yarn-classic', 'go'], facts([]))).toEqual({
      npm: ['~/.npm'],
      pnpm: ['~/.local/share/pnpm/store'],
      'yarn-classic': ['~/.cache/yarn'],
      go: ['~/go/pkg/mod', '~/.cache/go-build']
    });
    expect(
      plan(
        ['npm', 'go'],
        facts([], { env: { npm_config_cache: '/opt/npm-cache', GOMODCACHE: '/home/runner/mod' } })
      )
    ).toEqual({ npm: ['/opt/npm-cache'], go: ['~/mod', '~/.cache/go-build'] });
    expect(plan(['yarn'], facts(['yarn.lock'], { packageManager: 'yarn@4.1.0' }))).toEqual({
      'yarn-berry': ['~/.yarn/berry/cache']
    });
    expect(
      plan(['yarn'], facts(['yarn.lock', '.yarnrc.yml'], { yarnrc: 'enableGlobalCache: false\n' }))
    ).toEqual({
      'yarn-berry': ['.yarn/cache']
    });
    expect(
      plan(
        ['yarn'],
        facts(['yarn.lock', '.yarnrc.yml'], { yarnrc: 'yarnPath: .yarn/releases/yarn-3.6.4.cjs\n' })
      )
    ).toEqual({ 'yarn-berry': ['.yarn/cache'] });
    expect(
      plan(['yarn'], facts(['yarn.lock', '.yarnrc.yml'], { yarnrc: 'cacheFolder: ./ci-cache\n' }))
    ).toEqual({
      'yarn-berry': ['ci-cache']
    });
    expect(plan(['next', 'turbo'], facts([], { workdir: 'apps/web' }))).toEqual({
      next: ['apps/web/.next/cache'],
      turbo: ['apps/web/.turbo/cache', 'apps/web/node_modules/.cache/turbo']
    });
    expect(
      plan(
        ['tsbuildinfo'],
        facts([], { tsconfig: '{"compilerOptions":{"incremental":true,"outDir":"lib"}}' })
      )
    ).toEqual({ tsbuildinfo: ['lib'] });
    expect(plan(['npm'], facts([], { platform: 'darwin' })).npm).toEqual(['~/.npm']);
    expect(plan(['pnpm'], facts([], { platform: 'darwin' })).pnpm).toEqual(['~/Library/pnpm/store']);
  });

  test('explicit presets, none, paths and unknown names', () => {
    const f = facts(['package-lock.json', 'go.sum']);
    expect(planPresets(['none'], [], [], f)).toEqual([]);
    expect(planPresets(['auto', 'turbo'], [], [], f).map(p => p.name)).toEqual(['npm', 'go', 'turbo']);
    const withPaths = planPresets(['none'], ['~/.cache/ms-playwright'], [], f);
    expect(withPaths).toEqual([
      expect.objectContaining({
        name: 'paths',
        kind: 'dependency',
        paths: ['~/.cache/ms-playwright'],
        keyFiles: ['package-lock.json', 'go.sum']
      })
    ]);
    expect(() => planPresets(['maven'], [], [], f)).toThrow(ConfigurationError);
  });
});

describe('keys (pure)', () => {
  const ctx: KeyContext = {
    os: 'linux',
    arch: 'x64',
    runtimes: { node: 'node20', go: 'go1.22', none: 'any' },
    keyFileHash: 'abc123',
    runId: '987',
    runAttempt: '2'
  };
  const plan = (
    name: PresetPlan['name'],
    kind: PresetPlan['kind'],
    runtime: PresetPlan['runtime']
  ): PresetPlan => ({
    name,
    kind,
    runtime,
    paths: ['x'],
    keyFiles: [],
    reason: ''
  });

  test('dependency presets: exact key, then prefixes without the hash, then without the runtime', () => {
    expect(deriveKeys(plan('npm', 'dependency', 'node'), ctx)).toEqual({
      primaryKey: 'shipgate-linux-x64-npm-node20-abc123',
      restoreKeys: ['shipgate-linux-x64-npm-node20-', 'shipgate-linux-x64-npm-'],
      exactPrefix: 'shipgate-linux-x64-npm-node20-abc123'
    });
  });

  test('build presets: a run-unique key; the lockfile prefix counts as exact', () => {
    expect(deriveKeys(plan('next', 'build', 'node'), ctx)).toEqual({
      primaryKey: 'shipgate-linux-x64-next-node20-abc123-987-2',
      restoreKeys: [
        'shipgate-linux-x64-next-node20-abc123-',
        'shipgate-linux-x64-next-node20-',
        'shipgate-linux-x64-next-'
      ],
      exactPrefix: 'shipgate-linux-x64-next-node20-abc123-'
    });
  });

  test('no preset name is a prefix of another (restore keys never cross presets)', () => {
    const prefixes = (
      ['npm', 'pnpm', 'yarn-classic', 'yarn-berry', 'go', 'next', 'turbo', 'tsbuildinfo', 'paths'] as const
    ).map(n => `${n}-`);
    for (const a of prefixes) for (const b of prefixes) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });

  test('runtime labels and the key-file hash', () => {
    expect(runtimeLabel('node', 'v20.11.1')).toBe('node20');
    expect(runtimeLabel('go', 'go1.22.3')).toBe('go1.22');
    expect(runtimeLabel('go', undefined)).toBe('gounknown');
    const a = hashKeyFiles([{ path: 'package-lock.json', content: Buffer.from('1') }]);
    expect(a).toMatch(/^[0-9a-f]{20}$/);
    expect(hashKeyFiles([{ path: 'package-lock.json', content: Buffer.from('2') }])).not.toBe(a);
    expect(hashKeyFiles([{ path: 'other.json', content: Buffer.from('1') }])).not.toBe(a);
    const two = [
      { path: 'a', content: Buffer.from('1') },
      { path: 'b', content: null }
    ];
    expect(hashKeyFiles(two)).toBe(hashKeyFiles([...two].reverse()));
  });
});

describe('save policy (pure)', () => {
  const base: SaveInput = {
    kind: 'dependency',
    restore: 'miss',
    matchedPrimaryKey: false,
    jobStatus: 'success',
    saveOnFailure: true,
    writable: true,
    writeDenied: false
  };
  test.each([
    [{}, true],
    [{ restore: 'partial' }, true],
    [{ restore: 'hit' }, false],
    [{ restore: 'error' }, true],
    [{ jobStatus: 'failure' }, true],
    [{ jobStatus: 'failure', saveOnFailure: false }, false],
    [{ jobStatus: 'cancelled', saveOnFailure: false }, false],
    [{ writable: false }, false],
    [{ writeDenied: true }, false],
    [{ kind: 'build', restore: 'hit' }, true],
    [{ kind: 'build', restore: 'hit', matchedPrimaryKey: true }, false],
    [{ kind: 'build', jobStatus: 'failure' }, false],
    [{ kind: 'build', writable: false }, false]
  ] as [Partial<SaveInput>, boolean][])('%j -> save %s', (change, expected) => {
    expect(decideSave({ ...base, ...change }).save).toBe(expected);
  });

  test('classification, cache-hit and job status', () => {
    const keys = { primaryKey: 'k-npm-node20-abc', exactPrefix: 'k-npm-node20-abc' };
    expect(classifyRestore(undefined, keys)).toBe('miss');
    expect(classifyRestore('k-npm-node20-abc', keys)).toBe('hit');
    expect(classifyRestore('k-npm-node20-old', keys)).toBe('partial');
    expect(
      classifyRestore('k-next-abc-1-1', { primaryKey: 'k-next-abc-2-1', exactPrefix: 'k-next-abc-' })
    ).toBe('hit');
    expect(allHit(['hit', 'hit'])).toBe(true);
    expect(allHit(['hit', 'partial'])).toBe(false);
    expect(allHit([])).toBe(false);
    expect(parseJobStatus('failure')).toBe('failure');
    expect(parseJobStatus('${{ job.status }}')).toBe('success');
  });

  test('ACTIONS_CACHE_MODE follows the lattice of @actions/cache', () => {
    expect(cacheModeFrom(undefined)).toMatchObject({ readable: true, writable: true });
    expect(cacheModeFrom('read')).toMatchObject({ readable: true, writable: false });
    expect(cacheModeFrom('write-only')).toMatchObject({ readable: false, writable: true });
    expect(cacheModeFrom('none')).toMatchObject({ readable: false, writable: false });
    expect(cacheModeFrom('surprise')).toMatchObject({ readable: true, writable: true });
  });
});

describe('buildx, config and the library log', () => {
  test('one scope per image, mode=max and ignore-error on writes only', () => {
    expect(buildxScope('ghcr.io/acme/api:1.2')).toBe('shipgate-acme_api');
    expect(buildxScope('localhost:5000/api')).toBe('shipgate-api');
    expect(buildxScope('api@sha256:abc')).toBe('shipgate-api');
    expect(buildxCacheSpecs([], true)).toEqual([
      {
        image: 'default',
        scope: 'shipgate-default',
        cacheFrom: 'type=gha,scope=shipgate-default',
        cacheTo: 'type=gha,scope=shipgate-default,mode=max,ignore-error=true'
      }
    ]);
    expect(buildxCacheSpecs(['api'], false)[0].cacheTo).toBe('');
  });

  test('inputs: buildx-images implies the buildx preset; bad values are configuration errors', () => {
    const parse = (raw: Record<string, string>) => parseCacheConfig(new Inputs(cacheOptions, raw));
    expect(parse({})).toMatchObject({
      presets: ['auto'],
      workingDirectory: '',
      saveOnFailure: true,
      dryRun: false
    });
    expect(parse({ 'buildx-images': 'api' }).presets).toEqual(['auto', 'buildx']);
    expect(parse({ 'working-directory': './.github/' }).workingDirectory).toBe('.github');
    expect(() => parse({ 'working-directory': '../elsewhere' })).toThrow(ConfigurationError);
    expect(() => parse({ 'save-on-failure': 'maybe' })).toThrow(ConfigurationError);
    expect(() => parse({ 'buildx-images': 'bad image' })).toThrow(ConfigurationError);
  });

  test('library lines: size, failures, a denied write made quiet, errors downgraded', () => {
    const restore = new LibraryLog('npm', 'restore');
    expect(restore.observe('Cache Size: ~12 MB (12582912 B)\n')).toBe('Cache Size: ~12 MB (12582912 B)\n');
    expect(restore.archiveBytes).toBe(12582912);
    expect(restore.observe('::error::Failed to restore: boom\n')).toBe(
      '::warning::Failed to restore: boom\n'
    );
    expect(restore.restoreFailed).toBe(true);

    const save = new LibraryLog('npm', 'save');
    const denied = save.observe(
      '::warning::Failed to save: Unable to reserve cache with key k. More details: cache write denied: read-only\n'
    );
    expect(denied).not.toContain('::warning::');
    expect(denied).toContain('the token is read-only');
    expect(save.writeDenied).toBe(true);
    expect(save.saveFailed).toBe(false);
    const conflict = new LibraryLog('npm', 'save');
    conflict.observe(
      'Failed to save: Unable to reserve cache with key k, another job may be creating this cache.\n'
    );
    expect(conflict.alreadyExists).toBe(true);
  });
});
