import { parse } from 'yaml';
import { ConfigurationError } from '../errors.js';
import { SEVERITIES, Severity } from './types.js';

export type RuleSetting = Severity | 'off';

/** Per-rule overrides from `.github/shipgate.yml`: `validate: { rules: { <id>: off|error|warning|notice } }`. */
export interface ValidateConfig {
  rules: Map<string, RuleSetting>;
}

export const DEFAULT_CONFIG_PATH = '.github/shipgate.yml';

/** Parses the config text; unknown rule ids and severities are a user's mistake (exit 2). */
/** `ruleIds`: the known rule ids (passed in, so that reading a config loads no rule or parser). */
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
  const rules = new Map<string, RuleSetting>();
  if (doc === null || doc === undefined) return { rules };
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new ConfigurationError(`${file} must be a mapping`, 'config');
  const validate = (doc as Record<string, unknown>).validate;
  if (validate === undefined || validate === null) return { rules };
  if (typeof validate !== 'object' || Array.isArray(validate))
    throw new ConfigurationError(`${file}: 'validate' must be a mapping`, 'config');
  const known = new Set(ruleIds);
  for (const key of Object.keys(validate as object))
    if (key !== 'rules')
      throw new ConfigurationError(`${file}: unknown key 'validate.${key}' (only 'rules')`, 'config');
  const entries = (validate as Record<string, unknown>).rules ?? {};
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries))
    throw new ConfigurationError(
      `${file}: 'validate.rules' must map rule ids to off, error, warning or notice`,
      'config'
    );
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
    rules.set(id, setting as RuleSetting);
  }
  return { rules };
}
