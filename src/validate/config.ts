import { parse } from 'yaml';
import { ConfigurationError } from '../errors.js';
import { SEVERITIES, Severity } from './types.js';

export type RuleSetting = Severity | 'off';

/**
 * `.github/shipgate.yml`:
 * ```yaml
 * validate:
 *   rules: { <rule id>: off | error | warning | notice }
 *   include: [paths or .gitignore-style patterns brought into scope, e.g. examples/prod-app/]
 *   exclude: [paths or patterns left out of scope, e.g. legacy/]
 * ```
 */
export interface ValidateConfig {
  rules: Map<string, RuleSetting>;
  include: string[];
  exclude: string[];
}

export const emptyConfig = (): ValidateConfig => ({ rules: new Map(), include: [], exclude: [] });

const KEYS = ['rules', 'include', 'exclude'];

function patternList(value: unknown, key: string, file: string): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || items.some(i => typeof i !== 'string' || i.trim() === ''))
    throw new ConfigurationError(`${file}: 'validate.${key}' must be a list of paths or patterns`, 'config');
  return items.map(i => (i as string).trim());
}

/** Parses the config text; unknown keys, rule ids and severities are a user's mistake (exit 2). */
export function parseValidateConfig(text: string, file: string, ruleIds: readonly string[]): ValidateConfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      'config'
    );
  }
  const config = emptyConfig();
  if (doc === null || doc === undefined) return config;
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new ConfigurationError(`${file} must be a mapping`, 'config');
  const validate = (doc as Record<string, unknown>).validate;
  if (validate === undefined || validate === null) return config;
  if (typeof validate !== 'object' || Array.isArray(validate))
    throw new ConfigurationError(`${file}: 'validate' must be a mapping`, 'config');
  const section = validate as Record<string, unknown>;
  for (const key of Object.keys(section))
    if (!KEYS.includes(key))
      throw new ConfigurationError(
        `${file}: unknown key 'validate.${key}' (known: ${KEYS.join(', ')})`,
        'config'
      );
  config.include = patternList(section.include, 'include', file);
  config.exclude = patternList(section.exclude, 'exclude', file);
  const entries = section.rules ?? {};
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries))
    throw new ConfigurationError(
      `${file}: 'validate.rules' must map rule ids to off, error, warning or notice`,
      'config'
    );
  const known = new Set(ruleIds);
  for (const [id, raw] of Object.entries(entries as Record<string, unknown>)) {
    if (!known.has(id))
      throw new ConfigurationError(
        `${file}: unknown rule '${id}' (known: ${[...known].join(', ')})`,
        'config'
      );
    const setting = raw === false ? 'off' : String(raw).toLowerCase();
    if (setting !== 'off' && !SEVERITIES.includes(setting as Severity))
      throw new ConfigurationError(
        `${file}: rule '${id}' must be off, error, warning or notice, not '${String(raw)}'`,
        'config'
      );
    config.rules.set(id, setting as RuleSetting);
  }
  return config;
}
