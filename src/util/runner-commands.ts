import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

/**
 * The runner's protocol (workflow commands on stdout, file commands), written exactly as
 * @actions/core writes it, for the entry points that must start faster than loading
 * @actions/core allows (it pulls an HTTP client and TLS in for OIDC). test/validate-ecs-secrets.unit.test.ts
 * compares every function here byte for byte with @actions/core's.
 */

type Properties = Record<string, string | number | undefined>;

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string =>
  s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');

export function issueCommand(command: string, properties: Properties, message: string): void {
  let text = `::${command}`;
  const entries = Object.entries(properties).filter(([, v]) => v);
  if (entries.length > 0)
    text += ` ${entries.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}`;
  process.stdout.write(`${text}::${escapeData(message)}${EOL}`);
}

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
}

export function annotate(
  level: 'error' | 'warning' | 'notice',
  message: string,
  p: AnnotationProperties = {}
): void {
  issueCommand(level, { title: p.title, file: p.file, line: p.startLine }, message);
}

export const addMask = (value: string): void => issueCommand('add-mask', {}, value);
export const info = (message: string): void => void process.stdout.write(`${message}${EOL}`);
export const debug = (message: string): void => issueCommand('debug', {}, message);
export const startGroup = (name: string): void => issueCommand('group', {}, name);
export const endGroup = (): void => issueCommand('endgroup', {}, '');

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** `name<<delimiter` blocks in a file command (GITHUB_OUTPUT, GITHUB_STATE); stdout when the file is unset. */
function fileCommand(
  variable: 'GITHUB_OUTPUT' | 'GITHUB_STATE',
  name: string,
  value: string,
  fallback: string
): void {
  const file = process.env[variable];
  if (!file) {
    process.stdout.write(EOL);
    issueCommand(fallback, { name }, value);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}

export const setOutput = (name: string, value: string): void =>
  fileCommand('GITHUB_OUTPUT', name, value, 'set-output');
export const saveState = (name: string, value: string): void =>
  fileCommand('GITHUB_STATE', name, value, 'save-state');

export function appendSummary(text: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, text, { encoding: 'utf8' });
}

export function setFailed(message: string): void {
  process.exitCode = 1;
  annotate('error', message);
}
