/**
 * What the GitHub Actions runner reads as workflow commands in a step's output, ported from
 * actions/runner (src/Runner.Common/ActionCommand.cs, src/Runner.Worker/ActionCommandManager.cs):
 *
 * - the output is read line by line as .NET's StreamReader.ReadLine splits it: at `\r\n`, `\r`
 *   or `\n` (a lone `\r` ends a line too);
 * - TryParseV2: a line whose start, after leading white space, is `::name props::data`;
 * - TryParse (the legacy form, still tried): `##[name props]data` ANYWHERE in a line;
 * - only registered names count: the command extensions below plus `stop-commands`;
 *   `::stop-commands::TOKEN` turns every command off until a line with the command TOKEN.
 *
 * Both stdout and stderr of a step are processed this way.
 */

export const REGISTERED_COMMANDS = [
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands'
];

export interface RunnerCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
  /** The line as the runner read it. */
  line: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
const unescapeLegacy = (s: string) =>
  s
    .replace(/%3B/g, ';')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%5D/g, ']')
    .replace(/%25/g, '%');

/** .NET's Char.IsWhiteSpace, which String.TrimStart() uses. */
const DOTNET_LEADING_WHITESPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;

function parseV2(line: string, registered: Set<string>): RunnerCommand | null {
  const message = line.replace(DOTNET_LEADING_WHITESPACE, '');
  if (!message.startsWith('::')) return null;
  const end = message.indexOf('::', 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name)) return null;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0 && eq < pair.length - 1)
        properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { name, properties, data: unescapeData(message.slice(end + 2)), line };
}

function parseLegacy(line: string, registered: Set<string>): RunnerCommand | null {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return null;
  const rb = line.indexOf(']', prefix);
  if (rb < 0) return null;
  const info = line.slice(prefix + 3, rb);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name)) return null;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .split(';')
      .filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = unescapeLegacy(pair.slice(eq + 1));
    }
  }
  return { name, properties, data: unescapeLegacy(line.slice(rb + 1)), line };
}

/** The lines of a stream as the runner reads them. */
export function runnerLines(output: string): string[] {
  const lines = output.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Every workflow command the runner would carry out from this output, in order. */
export function runnerCommands(output: string): RunnerCommand[] {
  const registered = new Set(REGISTERED_COMMANDS);
  const commands: RunnerCommand[] = [];
  let stopToken: string | null = null;
  for (const line of runnerLines(output)) {
    if (!line) continue;
    const command = parseV2(line, registered) ?? parseLegacy(line, registered);
    if (!command) continue;
    if (stopToken !== null) {
      if (command.name.toLowerCase() === stopToken.toLowerCase()) {
        registered.delete(stopToken);
        stopToken = null;
        commands.push(command);
      }
      continue;
    }
    commands.push(command);
    if (command.name === 'stop-commands' && command.data && command.data !== 'pause-logging') {
      stopToken = command.data;
      registered.add(stopToken);
    }
  }
  return commands;
}
