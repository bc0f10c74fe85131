import { parseDuration } from '../duration.js';
import { ConfigurationError, messageOf } from '../errors.js';
import { Inputs, OptionSpec } from '../options.js';
import { redact, telegramTokenSecrets, urlSecrets } from '../util/redact.js';

/**
 * Notifications on deploy failure, rollback and recovery: Telegram (Bot API sendMessage), Slack
 * (incoming webhook) and a generic JSON webhook. The first incident went unnoticed for hours
 * because nobody was alerted; a notification must never be the reason a deploy is slow or fails,
 * so every channel is sent in parallel under one bounded timeout and a failure is a warning.
 */

export type NotifyEvent = 'failure' | 'rollback' | 'recovery';
export const notifyEvents: NotifyEvent[] = ['failure', 'rollback', 'recovery'];

export const notifyOptions: OptionSpec[] = [
  {
    name: 'telegram-bot-token',
    description:
      'Notifications: Telegram bot token (from a secret; masked). Sent with sendMessage to telegram-chat-id.',
    secret: true,
    secretParts: telegramTokenSecrets
  },
  {
    name: 'telegram-chat-id',
    description: 'Notifications: Telegram chat id (a number, or @channelname) that receives the messages.'
  },
  {
    name: 'slack-webhook-url',
    description: 'Notifications: Slack incoming webhook URL (from a secret; masked).',
    secret: true,
    secretParts: urlSecrets
  },
  {
    name: 'webhook-url',
    description:
      'Notifications: any URL that receives the notification as a JSON POST (from a secret when it holds a token; masked).',
    secret: true,
    secretParts: urlSecrets
  },
  {
    name: 'notify-on',
    description:
      'Notifications: which events are sent, among failure, rollback and recovery (commas or lines).',
    default: 'failure,rollback,recovery',
    multiple: true
  },
  {
    name: 'notify-timeout',
    description:
      'Notifications: time all channels together may take; past it they are dropped with a warning.',
    default: '5s'
  },
  {
    name: 'environment',
    description:
      'The GitHub environment (production, staging): named in notifications, and the environment of GitHub Deployments (with github-token).'
  }
];

export interface TelegramChannel {
  kind: 'telegram';
  botToken: string;
  chatId: string;
  /** https://api.telegram.org, or a local Bot API server (SHIPGATE_TELEGRAM_API_URL). */
  apiUrl: string;
}
export interface SlackChannel {
  kind: 'slack';
  webhookUrl: string;
}
export interface WebhookChannel {
  kind: 'webhook';
  url: string;
}
export type Channel = TelegramChannel | SlackChannel | WebhookChannel;

export interface NotifyConfig {
  channels: Channel[];
  events: NotifyEvent[];
  timeoutMs: number;
  environment: string | null;
}

export interface Notification {
  event: NotifyEvent;
  /** deploy, rollback, gate */
  command: string;
  repository: string;
  environment: string | null;
  release: string | null;
  verdict: 'pass' | 'fail';
  reason: string;
  restoredRelease: string | null;
  runUrl: string | null;
}

export interface Delivery {
  channel: Channel['kind'];
  ok: boolean;
  /** Why it was not delivered; never holds a token or webhook URL. */
  error: string | null;
  ms: number;
}

const TELEGRAM_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,100}$/;
const TELEGRAM_CHAT = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,64})$/;

function httpUrl(value: string, input: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError('is not a URL', input);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigurationError('must be http or https', input);
  return value;
}

/** Reads the notification inputs; a half-configured channel is a configuration error (exit 2). */
export function parseNotifyConfig(inputs: Inputs, env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const channels: Channel[] = [];
  const token = inputs.string('telegram-bot-token');
  const chatId = inputs.string('telegram-chat-id');
  if (token || chatId) {
    if (!token) throw new ConfigurationError('is required with telegram-chat-id', 'telegram-bot-token');
    if (!chatId) throw new ConfigurationError('is required with telegram-bot-token', 'telegram-chat-id');
    // never echo the token itself
    if (!TELEGRAM_TOKEN.test(token))
      throw new ConfigurationError('is not a bot token (123456:ABC...)', 'telegram-bot-token');
    if (!TELEGRAM_CHAT.test(chatId))
      throw new ConfigurationError(`'${chatId}' is not a chat id or @channel`, 'telegram-chat-id');
    const apiUrl = (env.SHIPGATE_TELEGRAM_API_URL || 'https://api.telegram.org').replace(/\/+$/, '');
    channels.push({
      kind: 'telegram',
      botToken: token,
      chatId,
      apiUrl: httpUrl(apiUrl, 'SHIPGATE_TELEGRAM_API_URL')
    });
  }
  const slack = inputs.string('slack-webhook-url');
  if (slack) channels.push({ kind: 'slack', webhookUrl: httpUrl(slack, 'slack-webhook-url') });
  const webhook = inputs.string('webhook-url');
  if (webhook) channels.push({ kind: 'webhook', url: httpUrl(webhook, 'webhook-url') });
  const events = inputs.list('notify-on').map(e => e.toLowerCase());
  for (const e of events) {
    if (!notifyEvents.includes(e as NotifyEvent)) {
      throw new ConfigurationError(`'${e}' is not one of ${notifyEvents.join(', ')}`, 'notify-on');
    }
  }
  const timeoutMs = parseDuration(inputs.required('notify-timeout'), 'notify-timeout');
  if (timeoutMs < 100 || timeoutMs > 60_000) {
    throw new ConfigurationError('must be between 100ms and 60s', 'notify-timeout');
  }
  return {
    channels,
    events: events as NotifyEvent[],
    timeoutMs,
    environment: inputs.string('environment') ?? null
  };
}

const TITLES: Record<NotifyEvent, string> = {
  failure: 'FAILED',
  rollback: 'ROLLED BACK',
  recovery: 'RECOVERED'
};

/** The message as plain text: the same lines in every channel. */
export function formatNotification(n: Notification): string {
  const where = n.environment ? `${n.repository} (${n.environment})` : n.repository;
  const lines = [`shipgate ${n.command} ${TITLES[n.event]}: ${where}`];
  if (n.release) lines.push(`release: ${n.release}`);
  if (n.restoredRelease) lines.push(`serving now: ${n.restoredRelease}`);
  lines.push(`verdict: ${n.verdict}`);
  lines.push(`reason: ${n.reason.length > 1500 ? `${n.reason.slice(0, 1500)}...` : n.reason}`);
  if (n.runUrl) lines.push(`run: ${n.runUrl}`);
  return lines.join('\n');
}

function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface HttpRequest {
  url: string;
  body: unknown;
}

/** The documented request of each channel: Bot API sendMessage, Slack's text + blocks, our JSON. */
export function requestFor(channel: Channel, n: Notification): HttpRequest {
  const text = formatNotification(n);
  switch (channel.kind) {
    case 'telegram':
      return {
        url: `${channel.apiUrl}/bot${channel.botToken}/sendMessage`,
        body: {
          chat_id: /^-?\d+$/.test(channel.chatId) ? Number(channel.chatId) : channel.chatId,
          text: text.slice(0, 4096),
          link_preview_options: { is_disabled: true }
        }
      };
    case 'slack':
      return {
        url: channel.webhookUrl,
        body: {
          text: slackEscape(text.split('\n')[0]),
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: slackEscape(text).slice(0, 3000) } }]
        }
      };
    case 'webhook':
      return {
        url: channel.url,
        body: {
          source: 'shipgate',
          event: n.event,
          command: n.command,
          repository: n.repository,
          environment: n.environment,
          release: n.release,
          restoredRelease: n.restoredRelease,
          verdict: n.verdict,
          reason: n.reason,
          runUrl: n.runUrl,
          text
        }
      };
  }
}

/** What a receiver could echo back: the token or URL, and each of their secret parts. */
function secretsOf(channel: Channel): string[] {
  switch (channel.kind) {
    case 'telegram':
      return [...telegramTokenSecrets(channel.botToken), `bot${channel.botToken}`];
    case 'slack':
      return urlSecrets(channel.webhookUrl);
    case 'webhook':
      return urlSecrets(channel.url);
  }
}

/** Enough of an error page to explain a rejection; redaction runs on all of it before the cut. */
const BODY_READ_LIMIT = 64 * 1024;
const BODY_SHOWN = 300;

async function describeRejection(channel: Channel, response: Response): Promise<string> {
  // an error page echoes the request (Express: `Cannot POST /services/T.../B.../<token>`): the
  // secret parts are redacted from the whole body first, so that the cut cannot split one
  const text = (await response.text().catch(() => '')).slice(0, BODY_READ_LIMIT);
  const body = redact(text, secretsOf(channel)).slice(0, BODY_SHOWN);
  if (channel.kind === 'telegram') {
    try {
      const parsed = JSON.parse(body) as { description?: string };
      if (parsed.description) return `HTTP ${response.status}: ${parsed.description}`;
    } catch {
      // not JSON: fall through
    }
  }
  return `HTTP ${response.status}${body ? `: ${body.trim()}` : ''}`;
}

async function deliver(channel: Channel, n: Notification, signal: AbortSignal): Promise<Delivery> {
  const started = Date.now();
  const request = requestFor(channel, n);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'shipgate' },
      body: JSON.stringify(request.body),
      signal,
      redirect: 'error'
    });
    if (response.ok) {
      await response.arrayBuffer().catch(() => undefined);
      return { channel: channel.kind, ok: true, error: null, ms: Date.now() - started };
    }
    const why = await describeRejection(channel, response);
    return {
      channel: channel.kind,
      ok: false,
      error: redact(why, secretsOf(channel)),
      ms: Date.now() - started
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = signal.aborted
      ? 'no answer within the notify timeout'
      : (cause?.code ?? cause?.message ?? messageOf(error));
    return {
      channel: channel.kind,
      ok: false,
      error: redact(why, secretsOf(channel)),
      ms: Date.now() - started
    };
  }
}

/**
 * Sends `n` to every channel configured for its event, in parallel, and returns within
 * `timeoutMs` whatever happens. Failures are reported through `warn` and never thrown.
 */
export async function notify(
  config: NotifyConfig,
  n: Notification,
  warn: (message: string) => void
): Promise<Delivery[]> {
  if (config.channels.length === 0 || !config.events.includes(n.event)) return [];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  try {
    const bounded = config.channels.map(channel =>
      Promise.race([
        deliver(channel, n, controller.signal),
        // a body that never ends keeps fetch alive even after the abort: stop waiting for it
        new Promise<Delivery>(resolve =>
          controller.signal.addEventListener('abort', () =>
            setTimeout(
              () =>
                resolve({
                  channel: channel.kind,
                  ok: false,
                  error: 'no answer within the notify timeout',
                  ms: config.timeoutMs
                }),
              50
            )
          )
        )
      ])
    );
    const deliveries = await Promise.all(bounded);
    for (const d of deliveries) {
      if (!d.ok) warn(`Notification (${n.event}) to ${d.channel} not delivered: ${d.error}`);
    }
    return deliveries;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
