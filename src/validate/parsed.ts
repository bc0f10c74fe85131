import { parseJsonLoose } from '../util/text.js';
import type { ParsedCompose } from './compose.js';
import type { ParsedDockerfile } from './docker.js';
import { isComposePath, isDockerfilePath, isPm2ConfigPath, isWorkflowPath } from './files.js';
import type { ModuleAnalysis } from './js-module.js';
import type { Pm2App } from './pm2.js';
import type { ParsedWorkflow } from './workflow.js';

/** The parser modules, loaded only for the kinds of files a repository has (start-up time). */
interface ParserModules {
  docker?: typeof import('./docker.js');
  js?: typeof import('./js-module.js');
  pm2?: typeof import('./pm2.js');
  workflow?: typeof import('./workflow.js');
  compose?: typeof import('./compose.js');
}

export type ParserKind = keyof ParserModules;

export function parserKindsFor(paths: Iterable<string>): Set<ParserKind> {
  const kinds = new Set<ParserKind>();
  for (const path of paths) {
    if (isDockerfilePath(path)) kinds.add('docker');
    else if (isWorkflowPath(path)) kinds.add('workflow');
    else if (isPm2ConfigPath(path)) kinds.add('pm2');
    else if (isComposePath(path)) kinds.add('compose');
    else if (/\.(c|m)?js$/.test(path)) kinds.add('js');
  }
  return kinds;
}

/**
 * Every file of the snapshot parsed at most once, whichever rules ask for it: one shared memo
 * per parser. Parsers are loaded ahead (async) by `load`; the accessors are synchronous, so
 * rules stay pure functions.
 */
export class ParsedFiles {
  private readonly modules: ParserModules = {};
  private readonly memo = new Map<string, unknown>();
  /** How many times each `kind:file` was parsed (always 1 at most: the memo is the point). */
  readonly parses = new Map<string, number>();

  constructor(private readonly text: Map<string, string>) {}

  async load(kinds: Iterable<ParserKind>): Promise<void> {
    for (const kind of kinds) {
      if (this.modules[kind]) continue;
      if (kind === 'docker') this.modules.docker = await import('./docker.js');
      if (kind === 'js') this.modules.js = await import('./js-module.js');
      if (kind === 'pm2') this.modules.pm2 = await import('./pm2.js');
      if (kind === 'workflow') this.modules.workflow = await import('./workflow.js');
      if (kind === 'compose') this.modules.compose = await import('./compose.js');
    }
  }

  private once<T>(kind: string, file: string, parse: (text: string) => T): T | null {
    const key = `${kind}:${file}`;
    if (this.memo.has(key)) return this.memo.get(key) as T | null;
    const text = this.text.get(file);
    // a file not read (yet) is not remembered: the loader may read it once evidence names it
    if (text === undefined) return null;
    this.parses.set(key, (this.parses.get(key) ?? 0) + 1);
    const value = parse(text);
    this.memo.set(key, value);
    return value;
  }

  json(file: string): Record<string, unknown> | null {
    return this.once('json', file, text => parseJsonLoose(text));
  }

  dockerfile(file: string): ParsedDockerfile | null {
    const docker = this.modules.docker;
    if (!docker) return null;
    return this.once('docker', file, text => {
      const parsed = docker.parseDockerfile(text);
      return parsed.stages.length > 0 ? parsed : null;
    });
  }

  pm2Apps(file: string): Pm2App[] {
    const pm2 = this.modules.pm2;
    if (!pm2) return [];
    return this.once('pm2', file, text => pm2.parsePm2Config(file, text) ?? []) ?? [];
  }

  workflow(file: string): ParsedWorkflow | null {
    const workflow = this.modules.workflow;
    if (!workflow) return null;
    return this.once('workflow', file, text => workflow.parseWorkflowFile(text));
  }

  compose(file: string): ParsedCompose | null {
    const compose = this.modules.compose;
    if (!compose) return null;
    return this.once('compose', file, text => compose.parseCompose(text));
  }

  module(file: string): ModuleAnalysis | null {
    const js = this.modules.js;
    if (!js) return null;
    return this.once('module', file, text => {
      const program = js.parseJavaScript(text);
      return program ? js.analyzeModule(program) : null;
    });
  }
}
