import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cacheOptions } from '../src/cache/config.js';
import { CacheService, startCacheService } from './helpers/cache-service.js';
import { ActionRun, parseCommandFile, repoRoot, runActionStep, runCliBundle } from './helpers/run-bundle.js';

/**
 * The bundled action (dist-action/main.js, then dist-action/post.js with the saved state as
 * STATE_* variables) against the real @actions/cache and a v2 cache service on 127.0.0.1.
 * The runs of one describe block form a history: each builds on the entries the previous saved.
 */

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

/** A workspace with an npm lockfile and a Next.js config; a home folder with an npm cache. */
function makeWorkspace(lock: string): { workspace: string } {
  const workspace = tempDir('shipgate-cache-ws-');
  writeFileSync(
    join(workspace, 'package.json'),
    JSON.stringify({ name: 'app', dependencies: { next: '15.0.0' } })
  );
  writeFileSync(join(workspace, 'package-lock.json'), lock);
  writeFileSync(join(workspace, 'next.config.mjs'), 'export default {};\n');
  return { workspace };
}

function fillNpmCache(home: string, marker: string): void {
  const dir = join(home, '.npm', '_cacache', 'content-v2');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'marker.txt'), marker);
  writeFileSync(join(dir, 'blob.bin'), Buffer.alloc(256 * 1024, marker));
}

function fillNextCache(workspace: string, marker: string): void {
  const dir = join(workspace, '.next', 'cache', 'webpack');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'marker.txt'), marker);
}

interface Job {
  main: ActionRun;
  post: ActionRun;
  home: string;
  /** The post step once more with the same saved state (another job of the same run, say). */
  postAgain(): Promise<ActionRun>;
}

interface JobOptions {
  workspace: string;
  runId: string;
  env?: Record<string, string>;
  inputs?: Record<string, string>;
  jobStatus?: string;
  /** What the job does between the main and the post step. */
  build?: (home: string) => void;
}

/** One home folder for all jobs, as on hosted runners (/home/runner): the archives hold paths relative to the workspace. */
const home = join(tmpdir(), `shipgate-cache-home-${process.pid}`);
roots.push(home);

async function runJob(service: CacheService, options: JobOptions): Promise<Job> {
  // every job starts on a fresh machine: an empty home folder and a fresh checkout
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  rmSync(join(options.workspace, '.next'), { recursive: true, force: true });
  const env = {
    ...service.env(),
    HOME: home,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_RUN_ID: options.runId,
    GITHUB_RUN_ATTEMPT: '1',
    ...options.env
  };
  const inputs = { command: 'cache', ...options.inputs };
  const main = await runActionStep('main', inputs, env, tempDir('shipgate-cache-step-'), options.workspace);
  options.build?.(home);
  const stateEnv = Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v]));
  const postAgain = () =>
    runActionStep(
      'post',
      { ...inputs, 'job-status': options.jobStatus ?? 'success' },
      { ...env, ...stateEnv },
      tempDir('shipgate-cache-step-'),
      options.workspace
    );
  return { main, post: await postAgain(), home, postAgain };
}

const created = (service: CacheService) =>
  service.callsTo('CreateCacheEntry').map(c => ({ key: c.body.key as string, status: c.status }));

describe('cache: the bundled action against a local v2 cache service', () => {
  let service: CacheService;
  const lockV1 = JSON.stringify({
    name: 'app',
    lockfileVersion: 3,
    packages: { 'node_modules/a': { version: '1.0.0' } }
  });
  const lockV2 = lockV1.replace('1.0.0', '2.0.0');
  let workspace: string;
  let secondJob: Job;

  beforeAll(async () => {
    service = await startCacheService();
    workspace = makeWorkspace(lockV1).workspace;
  });
  afterAll(() => service.close());

  test('first run: every preset misses; the post step saves both', async () => {
    let createdByMain = -1;
    const job = await runJob(service, {
      workspace,
      runId: '101',
      build: home => {
        createdByMain = service.callsTo('CreateCacheEntry').length;
        fillNpmCache(home, 'first');
        fillNextCache(workspace, 'build-101');
      }
    });
    expect(job.main.code).toBe(0);
    expect(job.main.stdout).not.toContain('::warning::');
    expect(job.main.outputs['cache-hit']).toBe('false');
    expect(JSON.parse(job.main.outputs['matched-keys'])).toEqual({ npm: '', next: '' });
    expect(job.main.outputs.presets).toBe('npm,next');
    // the main step asked for both presets and saved nothing
    expect(service.callsTo('GetCacheEntryDownloadURL')).toHaveLength(2);
    expect(createdByMain).toBe(0);

    expect(job.post.code).toBe(0);
    expect(job.post.stdout).not.toContain('::warning::');
    const keys = created(service);
    expect(keys).toHaveLength(2);
    expect(keys.map(k => k.status)).toEqual([200, 200]);
    expect(keys[0].key).toMatch(new RegExp(`^shipgate-linux-${process.arch}-npm-node\\d+-[0-9a-f]{20}$`));
    expect(keys[1].key).toMatch(
      new RegExp(`^shipgate-linux-${process.arch}-next-node\\d+-[0-9a-f]{20}-101-1$`)
    );
    expect(service.entries.filter(e => e.finalized)).toHaveLength(2);
    // the upload really went through the signed URL as blob requests
    expect(
      service.blobCalls.filter(c => c.method === 'PUT' && c.status === 201).length
    ).toBeGreaterThanOrEqual(2);
    expect(job.post.summary).toContain('Build caches: 0 of 2 hit');
    expect(job.post.summary).toMatch(/<td>npm<\/td><td>miss<\/td>.*<td>saved<\/td>/);
  });

  test('second run: an exact hit restores the files and saves no dependency entry', async () => {
    const before = created(service).length;
    const job = await runJob(service, {
      workspace,
      runId: '102',
      build: () => fillNextCache(workspace, 'build-102')
    });
    secondJob = job;
    expect(job.main.code).toBe(0);
    // the files are back: npm cache in the (new, empty) home folder
    expect(readFileSync(join(job.home, '.npm', '_cacache', 'content-v2', 'marker.txt'), 'utf8')).toBe(
      'first'
    );
    expect(job.main.outputs['cache-hit']).toBe('true');
    const matched = JSON.parse(job.main.outputs['matched-keys']);
    expect(matched.npm).toBe(created(service)[0].key);
    expect(matched.next).toMatch(/-101-1$/);
    // @azure/storage-blob on the signed URL: properties first, then ranged downloads
    const reads = service.blobCalls.filter(c => c.method === 'HEAD' || c.method === 'GET');
    expect(reads.map(c => c.status)).toEqual(expect.arrayContaining([200, 206]));
    expect(
      reads.some(c => c.method === 'GET' && /^bytes=0-\d+$/.test(c.range ?? '') && c.status === 206)
    ).toBe(true);

    expect(job.post.code).toBe(0);
    const newKeys = created(service).slice(before);
    // npm hit exactly: not saved; next is a build preset: a fresh run-unique entry
    expect(newKeys.map(k => k.key)).toEqual([expect.stringMatching(/-next-.*-102-1$/)]);
    expect(job.post.summary).toContain('Build caches: 2 of 2 hit');
    expect(job.post.summary).toMatch(/<td>npm<\/td><td>hit<\/td>.*exact key already cached/);
  });

  test('a second save of the same key (another job of the run) is refused by the service, not a warning', async () => {
    // run 102 saved its next entry; a second post step with the same state tries the same key
    const before = created(service).length;
    const post = await secondJob.postAgain();
    expect(post.code).toBe(0);
    const again = created(service).slice(before);
    expect(again).toEqual([{ key: expect.stringMatching(/-102-1$/), status: 409 }]);
    expect(post.stdout).not.toContain('::warning::');
    expect(post.summary).toMatch(/<td>next<\/td>.*<td>exists<\/td>/);
    expect(service.entries.filter(e => e.key === again[0].key)).toHaveLength(1);
  });

  test('a changed lockfile restores from a restore key and saves a new entry', async () => {
    writeFileSync(join(workspace, 'package-lock.json'), lockV2);
    const before = created(service).length;
    const job = await runJob(service, {
      workspace,
      runId: '103',
      build: home => fillNpmCache(home, 'second')
    });
    expect(job.main.code).toBe(0);
    expect(job.main.outputs['cache-hit']).toBe('false');
    const firstNpmKey = created(service)[0].key;
    expect(JSON.parse(job.main.outputs['matched-keys']).npm).toBe(firstNpmKey);
    expect(readFileSync(join(job.home, '.npm', '_cacache', 'content-v2', 'marker.txt'), 'utf8')).toBe(
      'second'
    );
    const newKeys = created(service).slice(before);
    expect(newKeys.map(k => k.status)).toEqual([200, 200]);
    expect(newKeys[0].key).toMatch(/-npm-/);
    expect(newKeys[0].key).not.toBe(firstNpmKey);
    expect(job.post.summary).toMatch(/<td>npm<\/td><td>partial<\/td>.*<td>saved<\/td>/);
  });

  test('a failing save is a warning and the step succeeds', async () => {
    writeFileSync(join(workspace, 'package-lock.json'), lockV2.replace('2.0.0', '3.0.0'));
    service.failUploads = true;
    try {
      const job = await runJob(service, {
        workspace,
        runId: '104',
        build: home => fillNpmCache(home, 'third')
      });
      expect(job.main.code).toBe(0);
      expect(job.post.code).toBe(0);
      expect(job.post.stdout).toMatch(/::warning::.*Failed to save/);
      expect(job.post.stdout).not.toContain('::error::');
      expect(job.post.summary).toMatch(/<td>npm<\/td><td>partial<\/td>.*<td>failed<\/td>/);
    } finally {
      service.failUploads = false;
    }
  });

  test('ACTIONS_CACHE_MODE=read restores and never tries to save', async () => {
    writeFileSync(join(workspace, 'package-lock.json'), lockV1.replace('1.0.0', '4.0.0'));
    const before = created(service).length;
    const job = await runJob(service, {
      workspace,
      runId: '105',
      env: { ACTIONS_CACHE_MODE: 'read' },
      build: home => fillNpmCache(home, 'fourth')
    });
    expect(job.main.code).toBe(0);
    expect(JSON.parse(job.main.outputs['matched-keys']).npm).toMatch(/-npm-/);
    expect(job.post.code).toBe(0);
    expect(created(service).length).toBe(before);
    expect(job.post.stdout).not.toContain('::warning::');
    expect(job.post.summary).toContain('cache mode does not permit writes');
  });

  test('a read-only token restores, is refused once, and the other presets are not tried', async () => {
    const readOnly = 'ro-token';
    const roService = await startCacheService({ tokens: { [readOnly]: 'read-only' } });
    try {
      const ws = makeWorkspace(lockV1).workspace;
      const seed = await runJob(roService, {
        workspace: ws,
        runId: '201',
        build: h => fillNpmCache(h, 'seed')
      });
      expect(seed.post.code).toBe(0);
      writeFileSync(join(ws, 'package-lock.json'), lockV2);
      const before = created(roService).length;
      const job = await runJob(roService, {
        workspace: ws,
        runId: '202',
        env: { ACTIONS_RUNTIME_TOKEN: readOnly },
        build: h => {
          fillNpmCache(h, 'ro');
          fillNextCache(ws, 'ro');
        }
      });
      expect(job.main.code).toBe(0);
      expect(existsSync(join(job.home, '.npm', '_cacache', 'content-v2', 'marker.txt'))).toBe(true);
      expect(job.post.code).toBe(0);
      // one refused reservation, then nothing more
      expect(roService.callsTo('CreateCacheEntry').slice(before)).toHaveLength(1);
      expect(job.post.stdout).not.toContain('::warning::');
      expect(job.post.stdout).toContain('the token is read-only, nothing is saved');
      expect(job.post.summary).toMatch(/<td>npm<\/td>.*<td>denied<\/td>/);
      expect(job.post.summary).toMatch(/<td>next<\/td>.*read-only token/);
    } finally {
      await roService.close();
    }
  });

  test('after a failed job, dependency presets save (save-on-failure) and build outputs do not', async () => {
    writeFileSync(join(workspace, 'package-lock.json'), lockV1.replace('1.0.0', '5.0.0'));
    const before = created(service).length;
    const job = await runJob(service, {
      workspace,
      runId: '106',
      jobStatus: 'failure',
      build: home => fillNpmCache(home, 'failed-job')
    });
    expect(job.post.code).toBe(0);
    const newKeys = created(service).slice(before);
    expect(newKeys.map(k => k.key)).toEqual([expect.stringMatching(/-npm-/)]);
    expect(job.post.summary).toContain('job failure: build outputs not saved');

    writeFileSync(join(workspace, 'package-lock.json'), lockV1.replace('1.0.0', '6.0.0'));
    const off = await runJob(service, {
      workspace,
      runId: '107',
      jobStatus: 'failure',
      inputs: { 'save-on-failure': 'false' },
      build: home => fillNpmCache(home, 'failed-job')
    });
    expect(off.post.code).toBe(0);
    expect(created(service).length).toBe(before + 1);
    expect(off.post.summary).toContain('save-on-failure is false');
  });
});

describe('cache: docker buildx', () => {
  test('exports the runtime variables (token masked) and prints per-image cache-from / cache-to', async () => {
    const service = await startCacheService();
    try {
      const workspace = tempDir('shipgate-cache-buildx-');
      const dir = tempDir('shipgate-cache-step-');
      const envFile = join(dir, 'env');
      writeFileSync(envFile, '');
      const run = await runActionStep(
        'main',
        { command: 'cache', presets: 'buildx', 'buildx-images': 'ghcr.io/acme/api:1.2\nacme/web' },
        { ...service.env(), GITHUB_WORKSPACE: workspace, GITHUB_ENV: envFile },
        dir,
        workspace
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`::add-mask::${service.token}`);
      const exported = parseCommandFile(readFileSync(envFile, 'utf8'));
      expect(exported).toMatchObject({
        ACTIONS_RUNTIME_TOKEN: service.token,
        ACTIONS_RESULTS_URL: `${service.url}/`,
        ACTIONS_CACHE_SERVICE_V2: 'true'
      });
      expect(run.outputs['cache-from'].split('\n')).toEqual([
        'type=gha,scope=shipgate-acme_api',
        'type=gha,scope=shipgate-acme_web'
      ]);
      expect(run.outputs['cache-to'].split('\n')).toEqual([
        'type=gha,scope=shipgate-acme_api,mode=max,ignore-error=true',
        'type=gha,scope=shipgate-acme_web,mode=max,ignore-error=true'
      ]);
      // no local directory cache: nothing was looked up or saved
      expect(service.calls).toHaveLength(0);
    } finally {
      await service.close();
    }
  });
});

describe('cache: the CLI and action.yml', () => {
  test('--dry-run --json prints the detected presets and keys and touches nothing', async () => {
    const { workspace } = makeWorkspace('{"lockfileVersion":3}');
    writeFileSync(join(workspace, 'go.mod'), 'module example.com/x\n\ngo 1.22.1\n');
    writeFileSync(join(workspace, 'go.sum'), 'example.com/y v1.0.0 h1:abc=\n');
    const ran = await runCliBundle(['cache', '--dry-run', '--json'], {
      GITHUB_WORKSPACE: workspace,
      HOME: '/home/someone',
      PATH: '/nonexistent'
    });
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout);
    expect(result.presets.map((p: { name: string }) => p.name)).toEqual(['npm', 'go', 'next']);
    const go = result.presets[1];
    expect(go.paths).toEqual(['~/go/pkg/mod', '~/.cache/go-build']);
    // no go binary on PATH: the go line of go.mod gives the version
    expect(go.primaryKey).toMatch(new RegExp(`^shipgate-linux-${process.arch}-go-go1\\.22-[0-9a-f]{20}$`));
    expect(go.restoreKeys).toEqual([
      `shipgate-linux-${process.arch}-go-go1.22-`,
      `shipgate-linux-${process.arch}-go-`
    ]);
  });

  test('--json against the service: exactly one JSON object on stdout, the library lines on stderr', async () => {
    const service = await startCacheService();
    try {
      const { workspace } = makeWorkspace('{"lockfileVersion":3,"cli":1}');
      // an entry to restore, saved by a job first
      await runJob(service, { workspace, runId: '900', build: h => fillNpmCache(h, 'cli') });
      const ran = await runCliBundle(['cache', '--presets', 'npm', '--json'], {
        ...service.env(),
        HOME: home,
        GITHUB_WORKSPACE: workspace
      });
      expect(ran.code).toBe(0);
      const result = JSON.parse(ran.stdout);
      expect(typeof result).toBe('object');
      expect(ran.stdout.trim().split('\n')).toHaveLength(1);
      expect(ran.stderr).toMatch(/Cache restored|Cache Size|npm/);
    } finally {
      await service.close();
    }
  });

  test('outside a workflow run without --dry-run: exit 2, pointing at --dry-run', async () => {
    const { workspace } = makeWorkspace('{}');
    const ran = await runCliBundle(['cache'], { GITHUB_WORKSPACE: workspace });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/only reachable inside a workflow run.*--dry-run/);
  });

  test('cache --help lists every flag', async () => {
    const ran = await runCliBundle(['cache', '--help']);
    expect(ran.code).toBe(0);
    for (const o of cacheOptions) expect(ran.stdout).toContain(`--${o.name}`);
  });

  test('an unknown preset is bad input (exit 2)', async () => {
    const ran = await runCliBundle(['cache', '--dry-run', '--presets', 'maven']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/Invalid input 'presets': unknown preset 'maven'/);
  });

  test('action.yml declares every cache input with the same default, and the outputs', () => {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    for (const o of cacheOptions.filter(o => !o.cliOnly)) {
      expect(action.inputs[o.name]).toBeDefined();
      expect(action.inputs[o.name].description.length).toBeGreaterThan(10);
      expect(action.inputs[o.name].default).toBe(o.default);
    }
    for (const output of ['cache-hit', 'matched-keys', 'presets', 'cache-from', 'cache-to'])
      expect(action.outputs[output].description).toBeTruthy();
  });
});
