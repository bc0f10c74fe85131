import { parse, Node, Options } from 'acorn';

/** Names that CommonJS passes to every module through its wrapper function. */
export const CJS_WRAPPER_NAMES = ['exports', 'require', 'module', '__filename', '__dirname'] as const;

export interface ModuleScopeDeclaration {
  name: string;
  kind: 'const' | 'let' | 'class' | 'var' | 'function';
  line: number;
}

export interface ModuleAnalysis {
  /** Syntax the file is written in: esm (import/export/import.meta), cjs (require/module.exports) or neither. */
  syntax: 'esm' | 'cjs' | 'mixed' | 'neither';
  /** First CommonJS construct, e.g. `require()` at line 3. */
  cjsMarker: { what: string; line: number } | null;
  esmMarker: { what: string; line: number } | null;
  /** Module-scope declarations of the CommonJS wrapper names. */
  wrapperDeclarations: ModuleScopeDeclaration[];
}

type AnyNode = Node & Record<string, unknown> & { loc?: { start: { line: number } } };

const baseOptions: Options = {
  ecmaVersion: 'latest',
  locations: true,
  allowHashBang: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true
};

/** Parses with a real JavaScript parser (acorn): as a module first, then as a script. Null when neither parses. */
export function parseJavaScript(code: string): AnyNode | null {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return parse(code, { ...baseOptions, sourceType }) as unknown as AnyNode;
    } catch {
      // try the other source type
    }
  }
  return null;
}

/** Walks the tree; `fn` returning false skips the node's children. */
function visit(node: unknown, fn: (node: AnyNode) => boolean | void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
    return;
  }
  const n = node as AnyNode;
  if (typeof n.type !== 'string') return;
  if (fn(n) === false) return;
  for (const key of Object.keys(n)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'type') continue;
    const value = n[key];
    if (value && typeof value === 'object') visit(value, fn);
  }
}

function patternNames(pattern: AnyNode | null | undefined, out: string[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name as string);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties as AnyNode[])
        patternNames((p.type === 'RestElement' ? p.argument : p.value) as AnyNode, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements as (AnyNode | null)[]) patternNames(e, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument as AnyNode, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left as AnyNode, out);
      break;
  }
}

const lineOfNode = (node: AnyNode): number => node.loc?.start.line ?? 1;

function isIdentifier(node: unknown, name: string): boolean {
  return !!node && (node as AnyNode).type === 'Identifier' && (node as AnyNode).name === name;
}

/** Reads a parsed program: which module format it is written in and what it declares at module scope. */
export function analyzeModule(program: AnyNode): ModuleAnalysis {
  const wrapperDeclarations: ModuleScopeDeclaration[] = [];
  const wrapper = new Set<string>(CJS_WRAPPER_NAMES);
  let body = program.body as AnyNode[];
  // `export const __dirname = ...` still declares at module scope
  body = body.map(s =>
    s.type === 'ExportNamedDeclaration' && s.declaration ? (s.declaration as AnyNode) : s
  );
  for (const statement of body) {
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations as AnyNode[]) {
        const names: string[] = [];
        patternNames(d.id as AnyNode, names);
        for (const name of names)
          if (wrapper.has(name))
            wrapperDeclarations.push({
              name,
              kind: statement.kind as 'const' | 'let' | 'var',
              line: lineOfNode(d)
            });
      }
    } else if (
      (statement.type === 'ClassDeclaration' || statement.type === 'FunctionDeclaration') &&
      statement.id &&
      wrapper.has((statement.id as AnyNode).name as string)
    ) {
      wrapperDeclarations.push({
        name: (statement.id as AnyNode).name as string,
        kind: statement.type === 'ClassDeclaration' ? 'class' : 'function',
        line: lineOfNode(statement)
      });
    }
  }
  const declaresRequire = wrapperDeclarations.some(d => d.name === 'require');
  let cjsMarker: ModuleAnalysis['cjsMarker'] = null;
  let esmMarker: ModuleAnalysis['esmMarker'] = null;
  const cjs = (what: string, node: AnyNode): void => {
    if (!cjsMarker || lineOfNode(node) < cjsMarker.line) cjsMarker = { what, line: lineOfNode(node) };
  };
  const esm = (what: string, node: AnyNode): void => {
    if (!esmMarker || lineOfNode(node) < esmMarker.line) esmMarker = { what, line: lineOfNode(node) };
  };
  visit(program, node => {
    // A bundle's own module wrapper (function (module, exports, require) {...}) binds these
    // names itself: what happens inside says nothing about how Node loads the file.
    if (/Function/.test(node.type)) {
      const params: string[] = [];
      for (const p of (node.params as AnyNode[]) ?? []) patternNames(p, params);
      if (params.some(p => wrapper.has(p))) return false;
    }
    switch (node.type) {
      case 'ImportDeclaration':
        esm('import', node);
        break;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration':
        esm('export', node);
        break;
      case 'MetaProperty':
        if (isIdentifier(node.meta, 'import')) esm('import.meta', node);
        break;
      case 'CallExpression': {
        const args = node.arguments as AnyNode[];
        if (
          !declaresRequire &&
          isIdentifier(node.callee, 'require') &&
          args.length === 1 &&
          (args[0].type === 'Literal' || args[0].type === 'TemplateLiteral')
        )
          cjs('require()', node);
        const callee = node.callee as AnyNode;
        if (
          callee.type === 'MemberExpression' &&
          isIdentifier(callee.object, 'Object') &&
          isIdentifier(callee.property, 'defineProperty') &&
          isIdentifier(args[0], 'exports')
        )
          cjs('Object.defineProperty(exports, ...)', node);
        break;
      }
      case 'AssignmentExpression': {
        const left = node.left as AnyNode;
        if (left.type !== 'MemberExpression') break;
        if (isIdentifier(left.object, 'module') && isIdentifier(left.property, 'exports'))
          cjs('module.exports =', node);
        else if (isIdentifier(left.object, 'exports')) cjs('exports.* =', node);
        else if (
          (left.object as AnyNode).type === 'MemberExpression' &&
          isIdentifier((left.object as AnyNode).object, 'module') &&
          isIdentifier((left.object as AnyNode).property, 'exports')
        )
          cjs('module.exports.* =', node);
        break;
      }
    }
  });
  const syntax = cjsMarker && esmMarker ? 'mixed' : cjsMarker ? 'cjs' : esmMarker ? 'esm' : 'neither';
  return { syntax, cjsMarker, esmMarker, wrapperDeclarations };
}
