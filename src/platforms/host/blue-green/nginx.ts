/**
 * The proxy side of blue/green: nginx, with an upstream file that shipgate owns and the user's
 * server block includes. Switching is: write the file atomically, `nginx -t`, graceful reload;
 * a configuration nginx refuses puts the previous file back and moves nothing.
 */
import { ConfigurationError, OperationError } from '../../../errors.js';
import { Host, outputTail } from '../transport/host.js';
import { BlueGreenSettings, dumpCommand } from './settings.js';

export function upstreamName(app: string): string {
  return `shipgate_${app}`;
}

export function upstreamConfig(app: string, port: number): string {
  return `# written by shipgate: the slot that takes the traffic\nupstream ${upstreamName(app)} { server 127.0.0.1:${port}; }\n`;
}

/** The port the upstream file points at, or null when it names none (a placeholder). */
export function parseUpstreamPort(text: string | null): number | null {
  const match = text ? /server\s+(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)/.exec(text) : null;
  return match ? Number(match[1]) : null;
}

/** The server block the user adds, for messages and docs. */
export function serverBlockHint(settings: Pick<BlueGreenSettings, 'upstreamFile'>, app: string): string {
  return `include ${settings.upstreamFile};\nserver {\n  listen 80;\n  location / { proxy_pass http://${upstreamName(app)}; }\n}`;
}

export class NginxProxy {
  constructor(
    private readonly host: Host,
    private readonly settings: BlueGreenSettings
  ) {}

  private sh(command: string, timeoutMs = 60_000) {
    return this.host.exec(['sh', '-c', command], { timeoutMs });
  }

  async readUpstream(): Promise<string | null> {
    return this.host.readFile(this.settings.upstreamFile);
  }

  /**
   * Nothing changes here: nginx accepts its configuration and that configuration includes the
   * upstream file. A refusal is bad configuration (exit 2) with what to fix.
   */
  async check(): Promise<void> {
    const file = this.settings.upstreamFile;
    const dump = await this.sh(dumpCommand(this.settings.testCommand));
    if (dump.code === 127)
      throw new OperationError(
        `'${this.settings.testCommand}' was not found on ${this.host.description}: install nginx, or name its test command with proxy-test-command. Nothing was changed.`
      );
    if (dump.code !== 0) {
      const missing = (await this.readUpstream()) === null;
      throw new ConfigurationError(
        missing
          ? `nginx refuses its configuration and ${file} does not exist on ${this.host.description}: create it with a placeholder upstream (shipgate overwrites it), e.g. "upstream shipgate_<app> { server 127.0.0.1:${this.settings.ports[0]}; }". nginx said: ${outputTail(dump, 4)}`
          : `'${this.settings.testCommand}' refuses the nginx configuration on ${this.host.description}; fix it first. nginx said: ${outputTail(dump, 6)}`,
        'proxy-test-command'
      );
    }
    if (!dump.stdout.includes(`# configuration file ${file}:`))
      throw new ConfigurationError(
        `the nginx configuration does not include ${file}: a switch would move nothing. Add to nginx's http block: include ${file}; and in your server block: proxy_pass http://shipgate_<app>; (see docs/blue-green.md)`,
        'nginx-upstream-file'
      );
  }

  /** Points the upstream at a port: written atomically, tested, reloaded; on a refusal the old file is put back. */
  async point(app: string, port: number, log: (line: string) => void): Promise<void> {
    const file = this.settings.upstreamFile;
    const before = await this.readUpstream();
    await this.host.writeFile(file, upstreamConfig(app, port));
    const test = await this.sh(this.settings.testCommand);
    if (test.code !== 0) {
      if (before !== null) await this.host.writeFile(file, before);
      throw new OperationError(
        `'${this.settings.testCommand}' refused the switch to port ${port}; ${file} was put back. nginx said: ${outputTail(test, 6)}`
      );
    }
    const reload = await this.sh(this.settings.reloadCommand);
    if (reload.code !== 0) {
      if (before !== null) await this.host.writeFile(file, before);
      throw new OperationError(
        `'${this.settings.reloadCommand}' failed (exit ${reload.code}); ${file} was put back. ${outputTail(reload, 6)}`
      );
    }
    log(
      `proxy: ${file} -> 127.0.0.1:${port}; '${this.settings.testCommand}' ok, '${this.settings.reloadCommand}' done`
    );
  }
}
