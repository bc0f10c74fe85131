import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Local peers for the notification channels, on 127.0.0.1. Each validates the request shape its
 * service documents and answers like the service does; anything else is rejected, so a client
 * that sends the wrong fields fails the test instead of passing against a stub.
 *
 * - Telegram Bot API, sendMessage (core.telegram.org/bots/api#sendmessage): POST
 *   /bot<token>/sendMessage with a JSON object; chat_id Integer or String and text String of
 *   1-4096 characters are required; only the documented optional parameters are accepted.
 *   Answers {"ok":true,"result":Message} or {"ok":false,"error_code":N,"description":"..."}.
 * - Slack incoming webhook (api.slack.com/messaging/webhooks): POST JSON with `text` and/or
 *   `blocks` (Block Kit: section blocks with a text object of type mrkdwn or plain_text, at most
 *   3000 characters); answers 200 "ok", 400 "invalid_payload"/"no_text", 404 "no_service".
 * - shipgate's generic webhook: POST JSON with the fields the README documents.
 */

export interface Received {
  channel: 'telegram' | 'slack' | 'webhook';
  body: Record<string, unknown>;
}

export interface NotifyPeers {
  url: string;
  telegramToken: string;
  telegramChatId: number;
  slackPath: string;
  received: Received[];
  /** Requests that were refused, with the reason: a passing test expects none. */
  rejected: string[];
  close(): Promise<void>;
}

const TELEGRAM_SEND_MESSAGE_PARAMS = new Set([
  'business_connection_id',
  'chat_id',
  'message_thread_id',
  'direct_messages_topic_id',
  'text',
  'parse_mode',
  'entities',
  'link_preview_options',
  'disable_notification',
  'protect_content',
  'allow_paid_broadcast',
  'message_effect_id',
  'suggested_post_parameters',
  'reply_parameters',
  'reply_markup'
]);
const LINK_PREVIEW_OPTIONS = new Set([
  'is_disabled',
  'url',
  'prefer_small_media',
  'prefer_large_media',
  'show_above_text'
]);
const SLACK_WEBHOOK_FIELDS = new Set([
  'text',
  'blocks',
  'attachments',
  'thread_ts',
  'mrkdwn',
  'unfurl_links',
  'unfurl_media'
]);
const WEBHOOK_FIELDS: Record<string, string[]> = {
  source: ['string'],
  event: ['string'],
  command: ['string'],
  repository: ['string'],
  environment: ['string', 'null'],
  release: ['string', 'null'],
  restoredRelease: ['string', 'null'],
  verdict: ['string'],
  reason: ['string'],
  runUrl: ['string', 'null'],
  text: ['string']
};

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function telegramProblem(body: Record<string, unknown>, chatId: number): [number, string] | null {
  for (const key of Object.keys(body)) {
    if (!TELEGRAM_SEND_MESSAGE_PARAMS.has(key)) return [400, `Bad Request: unexpected parameter ${key}`];
  }
  if (body.chat_id === undefined) return [400, 'Bad Request: chat_id is empty'];
  if (typeof body.chat_id !== 'number' && typeof body.chat_id !== 'string') {
    return [400, 'Bad Request: chat_id must be an Integer or a String'];
  }
  if (String(body.chat_id) !== String(chatId)) return [400, 'Bad Request: chat not found'];
  if (typeof body.text !== 'string' || body.text.trim() === '')
    return [400, 'Bad Request: message text is empty'];
  if ([...body.text].length > 4096) return [400, 'Bad Request: message is too long'];
  if (
    body.parse_mode !== undefined &&
    !['HTML', 'MarkdownV2', 'Markdown'].includes(String(body.parse_mode))
  ) {
    return [400, `Bad Request: unsupported parse_mode`];
  }
  if (body.link_preview_options !== undefined) {
    const o = body.link_preview_options;
    if (typeOf(o) !== 'object') return [400, 'Bad Request: link_preview_options must be an object'];
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      if (!LINK_PREVIEW_OPTIONS.has(k)) return [400, `Bad Request: unexpected link_preview_options.${k}`];
      if (k !== 'url' && typeof v !== 'boolean')
        return [400, `Bad Request: link_preview_options.${k} must be Boolean`];
    }
  }
  if (body.disable_notification !== undefined && typeof body.disable_notification !== 'boolean') {
    return [400, 'Bad Request: disable_notification must be Boolean'];
  }
  return null;
}

function slackProblem(body: Record<string, unknown>): string | null {
  for (const key of Object.keys(body)) if (!SLACK_WEBHOOK_FIELDS.has(key)) return 'invalid_payload';
  const hasText = typeof body.text === 'string' && body.text.trim() !== '';
  if (body.text !== undefined && typeof body.text !== 'string') return 'invalid_payload';
  if (body.blocks === undefined) return hasText ? null : 'no_text';
  if (!Array.isArray(body.blocks) || body.blocks.length === 0 || body.blocks.length > 50)
    return 'invalid_blocks';
  for (const block of body.blocks as Record<string, unknown>[]) {
    if (typeOf(block) !== 'object' || block.type !== 'section') return 'invalid_blocks';
    for (const key of Object.keys(block))
      if (!['type', 'text', 'block_id', 'fields'].includes(key)) return 'invalid_blocks';
    const text = block.text as Record<string, unknown> | undefined;
    if (!text || typeOf(text) !== 'object') return 'invalid_blocks';
    if (text.type !== 'mrkdwn' && text.type !== 'plain_text') return 'invalid_blocks';
    if (typeof text.text !== 'string' || text.text.length === 0 || text.text.length > 3000)
      return 'invalid_blocks';
    for (const key of Object.keys(text))
      if (!['type', 'text', 'emoji', 'verbatim'].includes(key)) return 'invalid_blocks';
  }
  return null;
}

function webhookProblem(body: Record<string, unknown>): string | null {
  for (const [key, types] of Object.entries(WEBHOOK_FIELDS)) {
    if (!types.includes(typeOf(body[key]))) return `field ${key} must be ${types.join(' or ')}`;
  }
  for (const key of Object.keys(body)) if (!(key in WEBHOOK_FIELDS)) return `unexpected field ${key}`;
  if (!['failure', 'rollback', 'recovery'].includes(String(body.event))) return 'unknown event';
  if (!['pass', 'fail'].includes(String(body.verdict))) return 'unknown verdict';
  return null;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | string> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
    return 'content-type is not application/json';
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeOf(parsed) === 'object' ? parsed : 'body is not a JSON object';
  } catch {
    return 'body is not JSON';
  }
}

export async function startNotifyPeers(): Promise<NotifyPeers> {
  const telegramToken = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ';
  const telegramChatId = -1001234567890;
  const slackPath = '/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
  const received: Received[] = [];
  const rejected: string[] = [];
  let messageId = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const text = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(body);
    };
    const url = req.url ?? '/';
    if (url === '/hang') return; // never answers: the timeout test
    const telegram = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url);
    if (telegram) {
      if (telegram[1] !== telegramToken) {
        rejected.push('telegram: unauthorized');
        return json(401, { ok: false, error_code: 401, description: 'Unauthorized' });
      }
      if (telegram[2] !== 'sendMessage' || req.method !== 'POST') {
        rejected.push(`telegram: ${req.method} ${telegram[2]}`);
        return json(404, { ok: false, error_code: 404, description: 'Not Found' });
      }
      const body = await readJson(req);
      const problem =
        typeof body === 'string'
          ? ([400, `Bad Request: ${body}`] as [number, string])
          : telegramProblem(body, telegramChatId);
      if (problem) {
        rejected.push(`telegram: ${problem[1]}`);
        return json(problem[0], { ok: false, error_code: problem[0], description: problem[1] });
      }
      const b = body as Record<string, unknown>;
      received.push({ channel: 'telegram', body: b });
      return json(200, {
        ok: true,
        result: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: telegramChatId, type: 'supergroup' },
          text: b.text
        }
      });
    }
    if (url === slackPath) {
      if (req.method !== 'POST') return text(405, 'invalid_method');
      const body = await readJson(req);
      const problem = typeof body === 'string' ? 'invalid_payload' : slackProblem(body);
      if (problem) {
        rejected.push(`slack: ${problem}`);
        return text(400, problem);
      }
      received.push({ channel: 'slack', body: body as Record<string, unknown> });
      return text(200, 'ok');
    }
    if (url.startsWith('/services/')) {
      rejected.push('slack: no_service');
      return text(404, 'no_service');
    }
    if (url === '/hook' && req.method === 'POST') {
      const body = await readJson(req);
      const problem = typeof body === 'string' ? body : webhookProblem(body);
      if (problem) {
        rejected.push(`webhook: ${problem}`);
        return json(400, { error: problem });
      }
      received.push({ channel: 'webhook', body: body as Record<string, unknown> });
      res.writeHead(204);
      return res.end();
    }
    rejected.push(`unknown: ${req.method} ${url}`);
    return text(404, 'not found');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    telegramToken,
    telegramChatId,
    slackPath,
    received,
    rejected,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** A port on 127.0.0.1 where nothing listens (connection refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}
