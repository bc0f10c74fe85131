import { ConfigurationError } from './errors.js';

/**
 * One table of options per command. The CLI flags, the action inputs (action.yml) and the
 * help text are all read from it, so no input name is spelled twice.
 */
export interface OptionSpec {
  name: string;
  description: string;
  default?: string;
  /** Several values: repeated flags in the CLI, newlines or commas in the action. */
  multiple?: boolean;
  /** Split on newlines only (values may contain commas). */
  linesOnly?: boolean;
  /** A flag without a value in the CLI (`--json`). */
  flag?: boolean;
  /** Only meaningful in the CLI: not an action input. */
  cliOnly?: boolean;
  /** A secret: never echoed. */
  secret?: boolean;
  /**
   * Parts of a secret value that grant access on their own (the token in a webhook URL's path):
   * the action registers each with the runner's masking too, as a peer may echo only that part.
   */
  secretParts?: (value: string) => string[];
}

export type RawInputs = Record<string, string | string[] | boolean | undefined>;

/** Typed access to raw inputs; missing values fall back to the spec's default. */
export class Inputs {
  private readonly byName: Map<string, OptionSpec>;
  constructor(
    private readonly specs: OptionSpec[],
    private readonly raw: RawInputs
  ) {
    this.byName = new Map(specs.map(s => [s.name, s]));
  }

  private spec(name: string): OptionSpec {
    const spec = this.byName.get(name);
    if (!spec) throw new Error(`internal: no option '${name}'`);
    return spec;
  }

  has(name: string): boolean {
    const value = this.raw[name];
    if (value === undefined || value === false) return false;
    if (Array.isArray(value)) return value.some(v => v.trim() !== '');
    return typeof value === 'boolean' || value.trim() !== '';
  }

  string(name: string): string | undefined {
    const spec = this.spec(name);
    const value = this.raw[name];
    if (Array.isArray(value)) {
      if (value.length > 1) throw new ConfigurationError('given more than once', name);
      return value[0]?.trim() || spec.default;
    }
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    return spec.default;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw new ConfigurationError('is required', name);
    return value;
  }

  list(name: string): string[] {
    const spec = this.spec(name);
    const value = this.raw[name];
    const values =
      value === undefined || typeof value === 'boolean' ? [] : Array.isArray(value) ? value : [value];
    const separator = spec.linesOnly ? /\r?\n/ : /\r?\n|,/;
    const items = values
      .flatMap(v => v.split(separator))
      .map(v => v.trim())
      .filter(v => v !== '');
    if (items.length === 0 && spec.default) return spec.default.split(separator).map(v => v.trim());
    return items;
  }

  boolean(name: string): boolean {
    const value = this.raw[name];
    if (typeof value === 'boolean') return value;
    const text = (this.string(name) ?? 'false').toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(text)) return true;
    if (['false', 'no', '0', 'off'].includes(text)) return false;
    throw new ConfigurationError(`'${text}' is not a boolean (true or false)`, name);
  }

  integer(name: string, min: number): number {
    const text = this.required(name);
    if (!/^-?\d+$/.test(text)) throw new ConfigurationError(`'${text}' is not a whole number`, name);
    const value = Number(text);
    if (value < min) throw new ConfigurationError(`must be at least ${min}, got ${value}`, name);
    return value;
  }
}

export const jsonOption: OptionSpec = {
  name: 'json',
  description: 'Print one JSON object on stdout and nothing else there; progress goes to stderr.',
  flag: true,
  cliOnly: true
};
