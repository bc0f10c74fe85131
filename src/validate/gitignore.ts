import ignoreModule, { Ignore } from 'ignore';

type IgnoreFactory = () => Ignore;

/** `ignore` is CommonJS with an ESM-style default in its types: take whichever callable Node hands us. */
const factory: IgnoreFactory = ((ignoreModule as unknown as { default?: IgnoreFactory }).default ??
  ignoreModule) as unknown as IgnoreFactory;

/** A matcher with .gitignore semantics (also used for .dockerignore). */
export function gitignoreMatcher(text = ''): Ignore {
  return factory().add(text);
}

export type { Ignore };

/**
 * A fast pre-check for files: false when no pattern of the .gitignore text could match a file
 * with this name (its parents were checked on the way down), so the full matcher is skipped for
 * most files of a large tree. Null when a pattern is too rich to judge by name (`**`, `[...]`,
 * escapes): then every file goes through the matcher.
 */
export function fileNamePrefilter(text: string): ((name: string) => boolean) | null {
  const alternatives: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('!')) line = line.slice(1);
    if (line.endsWith('/')) continue; // matches directories only
    const segment = line.slice(line.lastIndexOf('/') + 1);
    if (segment === '' || /[\\[\]]|\*\*/.test(segment)) return null;
    alternatives.push(
      segment
        .replace(/[.+^${}()|]/g, c => `\\${c}`)
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
    );
  }
  if (alternatives.length === 0) return () => false;
  // ignore() matches case-insensitively by default; so does this
  const pattern = new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
  return name => pattern.test(name);
}
