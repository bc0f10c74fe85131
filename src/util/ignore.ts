import ignoreModule, { Ignore } from 'ignore';

type IgnoreFactory = () => Ignore;

/** `ignore` is CommonJS with an ESM-style default in its types: take whichever callable Node hands us. */
const factory: IgnoreFactory = ((ignoreModule as unknown as { default?: IgnoreFactory }).default ??
  ignoreModule) as unknown as IgnoreFactory;

/** A matcher with .gitignore semantics (.gitignore, .dockerignore, .shipgateignore). */
export function gitignoreMatcher(text = ''): Ignore {
  return factory().add(text);
}

export type { Ignore };
