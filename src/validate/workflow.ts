import { isMap, isScalar, isSeq, LineCounter, Node as YamlNode, parseDocument, Scalar, YAMLMap } from 'yaml';

export interface WorkflowStep {
  /** `run:` text, or null for a `uses:` step. */
  run: string | null;
  /** Line of each line of `run` (same length as run.split('\n')). */
  runLines: number[];
  uses: string | null;
  name: string | null;
  /** `with:` scalars. */
  with: Record<string, string>;
  /** `working-directory:` of the step, if any. */
  workingDirectory: string | null;
  line: number;
}

export interface WorkflowJob {
  id: string;
  name: string | null;
  line: number;
  needs: string[];
  /** `environment:` (a name or `environment.name`): GitHub's own deploy marker. */
  environment: string | null;
  /** A job that calls a reusable workflow. */
  uses: string | null;
  /** `env:` of the job (scalars). */
  env: Record<string, string>;
  steps: WorkflowStep[];
}

export interface ParsedWorkflow {
  jobs: WorkflowJob[];
  /** `env:` at the top of the file (scalars). */
  env: Record<string, string>;
  /** Event names of `on:`. */
  events: string[];
  /** `on.workflow_run.workflows`: the workflows whose completion starts this one. */
  afterWorkflows: string[];
  name: string | null;
}

/** A workflow file: its triggers and jobs; null when it is not valid YAML. */
export function parseWorkflowFile(text: string): ParsedWorkflow | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const root = doc.contents;
  const on: unknown = root.get('on', true);
  const events: string[] = [];
  const afterWorkflows: string[] = [];
  if (isScalar(on)) events.push(String(on.value));
  else if (isSeq(on)) for (const e of on.items) events.push(String(isScalar(e) ? e.value : e));
  else if (isMap(on))
    for (const pair of on.items) {
      const event = String(isScalar(pair.key) ? pair.key.value : pair.key);
      events.push(event);
      if (event === 'workflow_run' && isMap(pair.value)) {
        const names = pair.value.get('workflows', true);
        if (isSeq(names)) for (const n of names.items) afterWorkflows.push(String(isScalar(n) ? n.value : n));
        else if (isScalar(names)) afterWorkflows.push(String(names.value));
      }
    }
  const nameNode = root.get('name', true);
  const name = isScalar(nameNode) && nameNode.value !== null ? String(nameNode.value) : null;
  return {
    jobs: jobsOf(doc, lineCounter) ?? [],
    env: scalarMap(root.get('env', true)),
    events,
    afterWorkflows,
    name
  };
}

function scalarMap(node: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (isMap(node))
    for (const pair of node.items)
      if (isScalar(pair.key) && isScalar(pair.value) && pair.value.value !== null)
        result[String(pair.key.value)] = String(pair.value.value);
  return result;
}

/** Jobs of a workflow file with their lines; null when it is not valid YAML. */
export function parseWorkflow(text: string): WorkflowJob[] | null {
  return parseWorkflowFile(text)?.jobs ?? null;
}

function jobsOf(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): WorkflowJob[] | null {
  if (!isMap(doc.contents)) return null;
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const str = (map: YAMLMap, key: string): string | null => {
    const v = map.get(key, true);
    return isScalar(v) && v.value !== null ? String(v.value) : null;
  };
  const jobs = doc.contents.get('jobs', true);
  if (!isMap(jobs)) return [];
  const result: WorkflowJob[] = [];
  for (const pair of jobs.items) {
    const job = pair.value;
    if (!isMap(job)) continue;
    const id = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const needsNode = job.get('needs', true);
    const needs = isSeq(needsNode)
      ? needsNode.items.map(i => String(isScalar(i) ? i.value : i))
      : isScalar(needsNode)
        ? [String(needsNode.value)]
        : [];
    const stepsNode = job.get('steps', true);
    const steps: WorkflowStep[] = [];
    if (isSeq(stepsNode)) {
      for (const s of stepsNode.items) {
        if (!isMap(s)) continue;
        const runNode = s.get('run', true) as Scalar | undefined;
        const run = isScalar(runNode) && runNode.value !== null ? String(runNode.value) : null;
        const runLines: number[] = [];
        if (run !== null && runNode) {
          const block = runNode.type === 'BLOCK_LITERAL' || runNode.type === 'BLOCK_FOLDED';
          const first = lineOf(runNode) + (block ? 1 : 0);
          run.split('\n').forEach((_l, i) => runLines.push(first + i));
        }
        const withNode = s.get('with', true);
        const withValues: Record<string, string> = {};
        if (isMap(withNode))
          for (const w of withNode.items)
            if (isScalar(w.key) && isScalar(w.value)) withValues[String(w.key.value)] = String(w.value.value);
        steps.push({
          run,
          runLines,
          uses: str(s, 'uses'),
          name: str(s, 'name'),
          with: withValues,
          workingDirectory: str(s, 'working-directory'),
          line: lineOf(s)
        });
      }
    }
    const environmentNode = job.get('environment', true);
    const environment = isScalar(environmentNode)
      ? String(environmentNode.value)
      : isMap(environmentNode)
        ? str(environmentNode, 'name')
        : null;
    result.push({
      id,
      name: str(job, 'name'),
      line: lineOf(pair.key as YamlNode),
      needs,
      environment,
      env: scalarMap(job.get('env', true)),
      uses: str(job, 'uses'),
      steps
    });
  }
  return result;
}
