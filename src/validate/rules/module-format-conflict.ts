import { moduleTypeOf, startCommands } from '../project.js';
import { RawFinding, Rule } from '../types.js';

const JS = /\.(js|mjs|cjs)$/;

export const moduleFormatConflict: Rule = {
  id: 'module-format-conflict',
  title: 'JavaScript that Node will load in the wrong module format',
  severity: 'error',
  why: 'A CommonJS file in an ESM package fails with "require is not defined", and CommonJS code that declares __dirname, __filename or require at module scope fails with "SyntaxError: Identifier \'__dirname\' has already been declared" (the first outage).',
  fix: 'Build the output in the package\'s format (tsconfig "module": "NodeNext"), or mark it with .cjs/.mjs or a package.json "type" in the output folder; remove stale build output the app does not run.',
  check(repo) {
    const files = new Map<string, string>();
    for (const s of startCommands(repo))
      if (s.entry && JS.test(s.entry) && repo.text.has(s.entry))
        files.set(s.entry, `started by ${s.evidence}`);
    for (const out of repo.outputs)
      for (const f of out.jsFiles)
        if (!files.has(f)) files.set(f, `build output ${out.dir}/ (from ${out.origin})`);
    const findings: RawFinding[] = [];
    for (const [file, evidence] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const analysis = repo.parsed.module(file);
      if (!analysis) continue;
      const runtime = moduleTypeOf(repo, file);
      const runsAsCjs = runtime.type === 'commonjs';
      const writtenAsCjs = analysis.syntax === 'cjs' || analysis.syntax === 'mixed';
      if (runsAsCjs || writtenAsCjs) {
        for (const d of analysis.wrapperDeclarations) {
          if (d.kind === 'var' || d.kind === 'function') continue;
          findings.push({
            file,
            line: d.line,
            message: `${file} is ${runsAsCjs ? 'loaded as' : 'written as'} CommonJS and declares \`${d.kind} ${d.name}\` at module scope, where the CommonJS wrapper already defines it: SyntaxError: Identifier '${d.name}' has already been declared.`,
            evidence
          });
        }
      }
      const why = runtime.pkg ? `${runtime.pkg} has "type": "module"` : 'its .mjs extension';
      if (runtime.type === 'module' && analysis.syntax === 'cjs' && analysis.cjsMarker) {
        findings.push({
          file,
          line: analysis.cjsMarker.line,
          message: `${file} is CommonJS (${analysis.cjsMarker.what} at line ${analysis.cjsMarker.line}) but ${why}, so Node loads it as an ES module: ReferenceError: require/module/exports is not defined in ES module scope.`,
          evidence
        });
      } else if (
        runsAsCjs &&
        analysis.syntax === 'esm' &&
        analysis.esmMarker &&
        (file.endsWith('.cjs') ||
          (runtime.pkg !== null && /"type"\s*:\s*"commonjs"/.test(repo.text.get(runtime.pkg) ?? '')))
      ) {
        findings.push({
          file,
          line: analysis.esmMarker.line,
          message: `${file} is an ES module (${analysis.esmMarker.what} at line ${analysis.esmMarker.line}) but Node loads it as CommonJS: SyntaxError: Cannot use import statement outside a module.`,
          evidence
        });
      } else if (analysis.syntax === 'mixed' && analysis.cjsMarker && analysis.esmMarker) {
        findings.push({
          file,
          line: analysis.cjsMarker.line,
          severity: 'warning',
          message: `${file} mixes ES module syntax (${analysis.esmMarker.what}, line ${analysis.esmMarker.line}) with CommonJS (${analysis.cjsMarker.what}, line ${analysis.cjsMarker.line}): one of them fails at run time.`,
          evidence
        });
      }
    }
    return findings;
  }
};
