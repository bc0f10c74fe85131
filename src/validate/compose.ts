import { isMap, isScalar, isSeq, LineCounter, Node as YamlNode, parseDocument } from 'yaml';

/** One service of a compose file, as far as deployment evidence goes. */
export interface ComposeService {
  name: string;
  line: number;
  /** `build:` as written (context and dockerfile relative to the compose file's folder). */
  build: { context: string; dockerfile: string | null; target: string | null } | null;
  image: string | null;
  /** `ports:` or `expose:` present: the service listens. */
  listens: boolean;
  /** `profiles:` (e.g. dev, test): a service started only on request. */
  profiles: string[];
}

export interface ParsedCompose {
  services: ComposeService[];
}

/** Reads the services of a compose file; null when it is not valid YAML. */
export function parseCompose(text: string): ParsedCompose | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const services = doc.contents.get('services', true);
  if (!isMap(services)) return { services: [] };
  const result: ComposeService[] = [];
  for (const pair of services.items) {
    const service = pair.value;
    if (!isMap(service)) continue;
    const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const scalar = (node: unknown): string | null =>
      isScalar(node) && node.value !== null ? String(node.value) : null;
    const buildNode: unknown = service.get('build', true);
    let build: ComposeService['build'] = null;
    if (isScalar(buildNode)) build = { context: String(buildNode.value), dockerfile: null, target: null };
    else if (isMap(buildNode))
      build = {
        context: scalar(buildNode.get('context', true)) ?? '.',
        dockerfile: scalar(buildNode.get('dockerfile', true)),
        target: scalar(buildNode.get('target', true))
      };
    const profilesNode: unknown = service.get('profiles', true);
    result.push({
      name,
      line: lineOf(pair.key as YamlNode),
      build,
      image: scalar(service.get('image', true)),
      listens: service.has('ports') || service.has('expose'),
      profiles: isSeq(profilesNode) ? profilesNode.items.map(i => String(isScalar(i) ? i.value : i)) : []
    });
  }
  return { services: result };
}
