import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gateCommand } from '../src/commands/gate.js';
import { monitorEvent } from '../src/integrations/events.js';
import { deployCommand } from '../src/commands/deploy.js';
import { rollbackCommand } from '../src/commands/rollback.js';
import { commandContext, commandTargetInputs } from './helpers/context.js';
import { ReleaseHealth, startReleaseHealth, statusSource } from './helpers/release-health.js';
import { readRunContext } from '../src/runner.js';
import { ConfigurationError } from '../src/errors.js';
import { Inputs, RawInputs } from '../src/options.js';
import {
  formatNotification,
  Notification,
  notify,
  notifyOptions,
  NotifyConfig,
  parseNotifyConfig
} from '../src/integrations/notify.js';
import { closedPort, NotifyPeers, startNotifyPeers } from './helpers/notify-servers.js';

const sample: Notification = {
  event: 'failure',
  command: 'deploy',
  repository: 'acme/api',
  environment: 'production',
  release: '20261122-051402-ab12cd3',
  verdict: 'fail',
  reason:
    "release 20261122-051402-ab12cd3 failed its gate: SyntaxError: Identifier '__dirname' has already been declared",
  restoredRelease: '20261121-120000-0f0f0f0',
  runUrl: 'https://github.com/acme/api/actions/runs/42'
};

let peers: NotifyPeers;
beforeEach(async () => {
  peers = await startNotifyPeers();
});
afterEach(async () => {
  await peers.close();
});

function configFor(raw: RawInputs, env: NodeJS.ProcessEnv = {}): NotifyConfig {
  return parseNotifyConfig(new Inputs(notifyOptions, raw), env);
}

function allChannels(extra: RawInputs = {}): NotifyConfig {
  return configFor(
    {
      'telegram-bot-token': peers.telegramToken,
      'telegram-chat-id': String(peers.telegramChatId),
      'slack-webhook-url': `${peers.url}${peers.slackPath}`,
      'webhook-url': `${peers.url}/hook`,
      environment: 'production',
      ...extra
    },
    { SHIPGATE_TELEGRAM_API_URL: peers.url }
  );
}

describe('the message', () => {
  test('names repository, environment, release, verdict, reason and the run link', () => {
    const text = formatNotification(sample);
    expect(text).toContain('shipgate deploy FAILED: acme/api (production)');
    expect(text).toContain('release: 20261122-051402-ab12cd3');
    expect(text).toContain('serving now: 20261121-120000-0f0f0f0');
    expect(text).toContain('verdict: fail');
    expect(text).toContain(
      "reason: release 20261122-051402-ab12cd3 failed its gate: SyntaxError: Identifier '__dirname'"
    );
    expect(text).toContain('run: https://github.com/acme/api/actions/runs/42');
  });

  test('the run link comes from the runner (with the attempt after a re-run)', () => {
    expect(
      readRunContext({
        GITHUB_REPOSITORY: 'acme/api',
        GITHUB_RUN_ID: '7',
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_SERVER_URL: 'https://ghe.example'
      })
    ).toMatchObject({
      repository: 'acme/api',
      runUrl: 'https://ghe.example/acme/api/actions/runs/7/attempts/2'
    });
    expect(readRunContext({}).runUrl).toBeNull();
  });
});

describe('delivery to peers that validate the documented request shapes', () => {
  test('Telegram sendMessage, Slack incoming webhook and the JSON webhook each get one valid request', async () => {
    const warnings: string[] = [];
    const deliveries = await notify(allChannels(), sample, w => warnings.push(w));
    expect(peers.rejected).toEqual([]);
    expect(warnings).toEqual([]);
    expect(deliveries.map(d => [d.channel, d.ok])).toEqual([
      ['telegram', true],
      ['slack', true],
      ['webhook', true]
    ]);
    const by = (c: string) => peers.received.filter(r => r.channel === c).map(r => r.body);
    expect(by('telegram')).toEqual([
      {
        chat_id: peers.telegramChatId,
        text: formatNotification(sample),
        link_preview_options: { is_disabled: true }
      }
    ]);
    const [slack] = by('slack');
    expect(slack.text).toBe('shipgate deploy FAILED: acme/api (production)');
    expect(JSON.stringify(slack.blocks)).toContain('runs/42');
    expect(by('webhook')).toEqual([
      {
        source: 'shipgate',
        event: 'failure',
        command: 'deploy',
        repository: 'acme/api',
        environment: 'production',
        release: sample.release,
        restoredRelease: sample.restoredRelease,
        verdict: 'fail',
        reason: sample.reason,
        runUrl: sample.runUrl,
        text: formatNotification(sample)
      }
    ]);
  });

  test('Slack text is escaped (<, >, & are control characters in mrkdwn)', async () => {
    await notify(allChannels(), { ...sample, reason: 'expected <html> & got 503' }, () => {});
    const slack = peers.received.find(r => r.channel === 'slack')!.body;
    expect(JSON.stringify(slack.blocks)).toContain('expected &lt;html&gt; &amp; got 503');
  });

  test('the peers refuse requests that do not follow the documented shapes (control)', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${peers.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body)
      });
    expect(
      (await post(`/bot${peers.telegramToken}/sendMessage`, { chat: peers.telegramChatId, text: 'x' })).status
    ).toBe(400);
    expect(
      (await post(`/bot${peers.telegramToken}/sendMessage`, { chat_id: peers.telegramChatId })).status
    ).toBe(400);
    expect((await post(`/bot${peers.telegramToken}/sendMessage`, { chat_id: 5, text: 'x' })).status).toBe(
      400
    );
    expect((await post(peers.slackPath, { message: 'x' })).status).toBe(400);
    expect(
      (await post(peers.slackPath, { blocks: [{ type: 'section', text: { type: 'markdown', text: 'x' } }] }))
        .status
    ).toBe(400);
    expect((await post('/hook', { event: 'failure' })).status).toBe(400);
    expect(peers.received).toEqual([]);
    expect(peers.rejected.length).toBe(6);
  });

  test('only the events named in notify-on are sent', async () => {
    const config = allChannels({ 'notify-on': 'failure' });
    expect(await notify(config, { ...sample, event: 'rollback', verdict: 'pass' }, () => {})).toEqual([]);
    expect(peers.received).toEqual([]);
  });
});

describe('undeliverable notifications are warnings, within the bound', () => {
  test('a rejected token: a warning with Telegram description, never the token', async () => {
    const warnings: string[] = [];
    const otherToken = '987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ';
    const config = configFor(
      { 'telegram-bot-token': otherToken, 'telegram-chat-id': String(peers.telegramChatId) },
      { SHIPGATE_TELEGRAM_API_URL: peers.url }
    );
    const [delivery] = await notify(config, sample, w => warnings.push(w));
    expect(delivery.ok).toBe(false);
    expect(warnings).toEqual(['Notification (failure) to telegram not delivered: HTTP 401: Unauthorized']);
    expect(warnings.join('')).not.toContain(otherToken);
  });

  test('connection refused: a warning, at once', async () => {
    const port = await closedPort();
    const warnings: string[] = [];
    const [delivery] = await notify(
      configFor({ 'webhook-url': `http://127.0.0.1:${port}/hook?token=s3cr3t-t0ken` }),
      sample,
      w => warnings.push(w)
    );
    // the refusal itself is the answer (not the timeout): how fast is the bench's business
    expect(delivery).toMatchObject({ channel: 'webhook', ok: false, error: 'ECONNREFUSED' });
    expect(warnings).toEqual(['Notification (failure) to webhook not delivered: ECONNREFUSED']);
  });

  test('a peer that never answers costs at most notify-timeout, and a good channel still gets its message', async () => {
    const warnings: string[] = [];
    const config = configFor(
      {
        'webhook-url': `${peers.url}/hang`,
        'slack-webhook-url': `${peers.url}${peers.slackPath}`,
        'notify-timeout': '700ms'
      },
      {}
    );
    const deliveries = await notify(config, sample, w => warnings.push(w));
    // the hanging peer was given up on by the notify timeout (not by the test's), the good one delivered
    expect(deliveries.find(d => d.channel === 'webhook')).toMatchObject({
      ok: false,
      error: 'no answer within the notify timeout'
    });
    expect(deliveries.find(d => d.channel === 'slack')?.ok).toBe(true);
    expect(warnings).toEqual([
      'Notification (failure) to webhook not delivered: no answer within the notify timeout'
    ]);
  });

  test('a half-configured channel is a configuration error that does not print the token', () => {
    const token = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ';
    expect(() => configFor({ 'telegram-bot-token': token })).toThrow(ConfigurationError);
    expect(() => configFor({ 'telegram-bot-token': 'not-a-token', 'telegram-chat-id': '1' })).toThrow(
      /telegram-bot-token': is not a bot token/
    );
    try {
      configFor({ 'telegram-bot-token': token });
    } catch (error) {
      expect(String(error)).not.toContain(token);
    }
    expect(() => configFor({ 'notify-on': 'failure,deploy' })).toThrow(
      /'deploy' is not one of failure, rollback, recovery/
    );
  });
});

describe('deploy and rollback notify (local target, process command, a real HTTP health endpoint)', () => {
  let dir: string;
  let health: ReleaseHealth;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipgate-notify-'));
    health = await startReleaseHealth(join(dir, 'app'));
  });
  afterEach(async () => {
    await health.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const source = (name: string, status: string): string => statusSource(join(dir, 'src', name), status);

  const context = commandContext();
  const warnings = context.warnings;

  function common(): RawInputs {
    return {
      ...commandTargetInputs(join(dir, 'app'), health.url),
      'webhook-url': `${peers.url}/hook`,
      'telegram-bot-token': peers.telegramToken,
      'telegram-chat-id': String(peers.telegramChatId),
      environment: 'staging'
    };
  }

  const deployRelease = (release: string, status: string) =>
    deployCommand.run(
      new Inputs(deployCommand.options, { ...common(), release, source: source(release, status) }),
      context
    );

  test('failure (rolled back), recovery, and an on-demand rollback reach the channels', async () => {
    const saved = process.env.SHIPGATE_TELEGRAM_API_URL;
    process.env.SHIPGATE_TELEGRAM_API_URL = peers.url;
    try {
      expect((await deployRelease('v1', 'ok')).exitCode).toBe(0);
      expect(peers.received).toEqual([]); // a plain success is not news

      const failed = await deployRelease('v2', 'broken');
      expect(failed.exitCode).toBe(1);
      expect(failed.outputs['restored-release']).toBe('v1');
      expect((await deployRelease('v3', 'ok')).exitCode).toBe(0);

      const rolledBack = await rollbackCommand.run(
        new Inputs(rollbackCommand.options, { ...common(), to: 'previous' }),
        context
      );
      expect(rolledBack.exitCode).toBe(0);
      expect(rolledBack.outputs.release).toBe('v1');
    } finally {
      if (saved === undefined) delete process.env.SHIPGATE_TELEGRAM_API_URL;
      else process.env.SHIPGATE_TELEGRAM_API_URL = saved;
    }
    expect(peers.rejected).toEqual([]);
    const hooks = peers.received.filter(r => r.channel === 'webhook').map(r => r.body);
    expect(
      hooks.map(h => [h.command, h.event, h.release, h.restoredRelease, h.verdict, h.environment])
    ).toEqual([
      ['deploy', 'failure', 'v2', 'v1', 'fail', 'staging'],
      ['deploy', 'recovery', 'v3', null, 'pass', 'staging'],
      ['rollback', 'rollback', 'v1', 'v1', 'pass', 'staging']
    ]);
    expect(String(hooks[0].reason)).toMatch(/v2/);
    expect(peers.received.filter(r => r.channel === 'telegram')).toHaveLength(3);
  });

  test('a deploy stopped by an error (exit 3: the install command failed) is a failure the channels hear about', async () => {
    const attempt = deployCommand.run(
      new Inputs(deployCommand.options, {
        ...common(),
        'telegram-bot-token': undefined,
        'telegram-chat-id': undefined,
        'install-command': 'exit 7',
        release: 'v9',
        source: source('v9', 'ok')
      }),
      context
    );
    await expect(attempt).rejects.toThrow(/exited 7/);
    const hooks = peers.received
      .filter(r => r.channel === 'webhook' && r.body.release === 'v9')
      .map(r => r.body);
    expect(hooks.map(h => [h.command, h.event, h.verdict])).toEqual([['deploy', 'failure', 'fail']]);
    expect(String(hooks[0].reason)).toMatch(/nothing was switched/);
  });

  test('an undeliverable notification does not change the verdict; the notify timeout ends the wait', async () => {
    const outcome = await deployCommand.run(
      new Inputs(deployCommand.options, {
        ...common(),
        'telegram-bot-token': undefined,
        'telegram-chat-id': undefined,
        'webhook-url': `${peers.url}/hang`,
        'notify-timeout': '500ms',
        release: 'v1',
        source: source('v1', 'broken')
      }),
      context
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.outputs.verdict).toBe('fail');
    expect(
      warnings.some(w => w.includes('to webhook not delivered: no answer within the notify timeout'))
    ).toBe(true);
  });
});

describe('gate (the scheduled monitor) alerts on a change: failure after passing, recovery after failing', () => {
  test('monitorEvent', () => {
    expect(monitorEvent('fail', 'pass')).toBe('failure');
    expect(monitorEvent('fail', null)).toBe('failure');
    expect(monitorEvent('fail', 'fail')).toBeNull(); // no alert every 5 minutes while it stays down
    expect(monitorEvent('pass', 'fail')).toBe('recovery');
    expect(monitorEvent('pass', 'pass')).toBeNull();
    expect(monitorEvent('pass', null)).toBeNull();
  });

  test('a failing check after a passing one, and the recovery, reach the webhook', async () => {
    let healthy = false;
    const health = createServer((_req, res) => {
      res.writeHead(healthy ? 200 : 503);
      res.end();
    });
    await new Promise<void>(resolve => health.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(health.address() as AddressInfo).port}/health`;
    const context = commandContext();
    const check = (previous: string) =>
      gateCommand.run(
        new Inputs(gateCommand.options, {
          url,
          interval: '100ms',
          window: '200ms',
          timeout: '500ms',
          'healthy-threshold': '1',
          'webhook-url': `${peers.url}/hook`,
          environment: 'production',
          'previous-verdict': previous
        }),
        context
      );
    try {
      expect((await check('pass')).exitCode).toBe(1);
      expect((await check('fail')).exitCode).toBe(1);
      healthy = true;
      expect((await check('fail')).exitCode).toBe(0);
    } finally {
      health.closeAllConnections();
      await new Promise<void>(resolve => health.close(() => resolve()));
    }
    expect(peers.rejected).toEqual([]);
    expect(peers.received.map(r => [r.body.command, r.body.event, r.body.verdict])).toEqual([
      ['gate', 'failure', 'fail'],
      ['gate', 'recovery', 'pass']
    ]);
  });
});
