import { isMap, isScalar, isSeq, LineCounter, Node as YamlNode, parseDocument, YAMLMap } from 'yaml';
import { parseJavaScript } from './js-module.js';

/** A value of a PM2 app setting as written: a literal, an identifier (`__dirname`), or something computed. */
export interface Pm2Value {
  value: string | number | boolean | string[] | null;
  /** Set for a bare identifier such as `__dirname`. */
  identifier?: string;
  /** True when the value is an expression shipgate cannot evaluate without running the file. */
  computed?: boolean;
  line: number;
}

export interface Pm2App {
  file: string;
  /** Line where the app's object starts. */
  line: number;
  name: string | null;
  props: Map<string, Pm2Value>;
}

type JsNode = Record<string, unknown> & { type: string; loc?: { start: { line: number } } };

function jsValue(node: JsNode): Pm2Value {
  const line = node.loc?.start.line ?? 1;
  switch (node.type) {
    case 'Literal':
      return { value: node.value as string | number | boolean | null, line };
    case 'TemplateLiteral': {
      const quasis = node.quasis as { value: { cooked: string } }[];
      return (node.expressions as unknown[]).length === 0
        ? { value: quasis[0].value.cooked, line }
        : { value: null, computed: true, line };
    }
    case 'Identifier':
      return { value: null, identifier: node.name as string, line };
    case 'ArrayExpression': {
      const items = (node.elements as JsNode[]).map(e => (e ? jsValue(e).value : null));
      return items.every(i => typeof i === 'string')
        ? { value: items as string[], line }
        : { value: null, computed: true, line };
    }
    default:
      return { value: null, computed: true, line };
  }
}

function appsFromJs(file: string, text: string): Pm2App[] | null {
  const program = parseJavaScript(text);
  if (!program) return null;
  const apps: Pm2App[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as JsNode;
    if (n.type === 'ObjectExpression') {
      for (const p of n.properties as JsNode[]) {
        if (p.type !== 'Property') continue;
        const key = p.key as JsNode;
        const keyName = key.type === 'Identifier' ? key.name : key.value;
        const value = p.value as JsNode;
        if (keyName === 'apps' && value.type === 'ArrayExpression') {
          for (const element of value.elements as JsNode[]) {
            if (!element || element.type !== 'ObjectExpression') continue;
            const props = new Map<string, Pm2Value>();
            for (const ap of element.properties as JsNode[]) {
              if (ap.type !== 'Property') continue;
              const k = ap.key as JsNode;
              const name = k.type === 'Identifier' ? (k.name as string) : String(k.value);
              props.set(name, { ...jsValue(ap.value as JsNode), line: ap.loc?.start.line ?? 1 });
            }
            const appName = props.get('name')?.value;
            apps.push({
              file,
              line: element.loc?.start.line ?? 1,
              name: typeof appName === 'string' ? appName : null,
              props
            });
          }
        }
      }
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc') continue;
      const child = n[key];
      if (child && typeof child === 'object') visit(child);
    }
  };
  visit(program);
  return apps;
}

function appsFromYaml(file: string, text: string): Pm2App[] | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return null;
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const root = doc.contents;
  let list: YamlNode[] = [];
  if (isMap(root)) {
    const apps = root.get('apps', true);
    if (isSeq(apps)) list = apps.items as YamlNode[];
    else if (isMap(apps)) list = [apps];
    else if (root.has('script')) list = [root];
  } else if (isSeq(root)) list = root.items as YamlNode[];
  return list.filter(isMap).map(app => {
    const props = new Map<string, Pm2Value>();
    for (const pair of (app as YAMLMap).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const node = pair.value as YamlNode | null;
      const keyLine = lineOf(pair.key as YamlNode);
      if (isScalar(node)) props.set(key, { value: node.value as Pm2Value['value'], line: keyLine });
      else if (isSeq(node) && node.items.every(isScalar))
        props.set(key, {
          value: node.items.map(i => String((i as { value: unknown }).value)),
          line: keyLine
        });
      else props.set(key, { value: null, computed: true, line: keyLine });
    }
    const name = props.get('name')?.value;
    return { file, line: lineOf(app), name: typeof name === 'string' ? name : null, props };
  });
}

/** Reads the apps of a PM2 ecosystem file without running it; null when the file does not parse. */
export function parsePm2Config(file: string, text: string): Pm2App[] | null {
  return /\.(c?js|mjs)$/.test(file) ? appsFromJs(file, text) : appsFromYaml(file, text);
}
