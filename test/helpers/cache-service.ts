import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A cache service on 127.0.0.1 that speaks what @actions/cache 6.x speaks in its v2 mode
 * (ACTIONS_CACHE_SERVICE_V2): the Twirp JSON calls of github.actions.results.api.v1.CacheService,
 * and the Azure Blob requests that @azure/storage-blob sends to the signed URLs it hands out
 * (Put Blob, Put Block, Put Block List, Get Blob Properties, ranged Get Blob).
 *
 * It checks what the real service checks that matters here: the bearer token, the request
 * fields, one entry per key and version (a second CreateCacheEntry is refused with 409
 * already_exists), finalize only after the blob is complete and of the declared size, signed URLs
 * that allow only what they were issued for, and lookups that only see finalized entries of the
 * same version: exact key first, then each key as a prefix, newest entry first.
 */
export type TokenKind = 'read-write' | 'read-only';

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  blobName: string;
  sizeBytes: number | null;
  finalized: boolean;
  createdAt: number;
}

export interface ServiceCall {
  method: string;
  body: Record<string, unknown>;
  status: number;
  response: unknown;
}

export interface BlobCall {
  method: string;
  blob: string;
  comp: string | null;
  range: string | null;
  status: number;
}

export interface CacheServiceOptions {
  tokens?: Record<string, TokenKind>;
}

export interface CacheService {
  url: string;
  token: string;
  entries: CacheEntry[];
  calls: ServiceCall[];
  blobCalls: BlobCall[];
  /** Blob uploads answer 403 (a storage failure the SDK does not retry) while this is true. */
  failUploads: boolean;
  callsTo(method: string): ServiceCall[];
  /** Environment the runner gives a job step for the cache. */
  env(token?: string): Record<string, string>;
  close(): Promise<void>;
}

const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
const ACCOUNT = 'devstoreaccount1';
const CONTAINER = 'actions-cache';
/** `node --require` this in a process that talks to the service (see blob-dns.cjs). */
export const blobDnsPreload = join(dirname(fileURLToPath(import.meta.url)), 'blob-dns.cjs');

const FIELDS: Record<string, string[]> = {
  CreateCacheEntry: ['metadata', 'key', 'version'],
  FinalizeCacheEntryUpload: ['metadata', 'key', 'size_bytes', 'version'],
  GetCacheEntryDownloadURL: ['metadata', 'key', 'restore_keys', 'version']
};

interface Blob {
  data: Buffer | null;
  blocks: Map<string, Buffer>;
  etag: string;
  modified: Date;
  uploadSig: string;
  downloadSig: string;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startCacheService(options: CacheServiceOptions = {}): Promise<CacheService> {
  const token = `rw-${randomBytes(8).toString('hex')}`;
  const tokens: Record<string, TokenKind> = { [token]: 'read-write', ...(options.tokens ?? {}) };
  const entries: CacheEntry[] = [];
  const blobs = new Map<string, Blob>();
  const calls: ServiceCall[] = [];
  const blobCalls: BlobCall[] = [];
  let nextId = 1;
  let clock = 0;
  let baseUrl = '';
  let blobBase = '';

  const twirpError = (res: http.ServerResponse, status: number, code: string, msg: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, msg }));
    return { code, msg };
  };
  const ok = (res: http.ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return body;
  };

  function signedUrl(blob: Blob, name: string, sig: string, permission: 'r' | 'cw'): string {
    // the real host name (see blob-dns.cjs): @actions/cache uses @azure/storage-blob only for it
    return `${blobBase}/${CONTAINER}/${name}?sv=2025-01-05&sp=${permission}&se=2099-01-01T00%3A00%3A00Z&sig=${sig}`;
  }

  function lookup(key: string, restoreKeys: string[], version: string): CacheEntry | undefined {
    const usable = entries
      .filter(e => e.finalized && e.version === version)
      .sort((a, b) => b.createdAt - a.createdAt);
    const exact = usable.find(e => e.key === key);
    if (exact) return exact;
    for (const prefix of [key, ...restoreKeys]) {
      const match = usable.find(e => e.key.startsWith(prefix));
      if (match) return match;
    }
    return undefined;
  }

  async function twirp(method: string, req: http.IncomingMessage, res: http.ServerResponse) {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    const record = (status: number, response: unknown) => calls.push({ method, body, status, response });
    if (req.method !== 'POST') return record(405, twirpError(res, 405, 'bad_route', 'POST only'));
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const kind = auth ? tokens[auth[1]] : undefined;
    if (!kind) return record(401, twirpError(res, 401, 'unauthenticated', 'invalid or missing token'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return record(400, twirpError(res, 400, 'malformed', 'content-type must be application/json'));
    const fields = FIELDS[method];
    if (!fields) return record(404, twirpError(res, 404, 'bad_route', `no method ${method}`));
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return record(400, twirpError(res, 400, 'malformed', 'body is not JSON'));
    }
    const unknown = Object.keys(body).filter(k => !fields.includes(k));
    if (unknown.length > 0)
      return record(400, twirpError(res, 400, 'malformed', `unknown field(s) ${unknown.join(', ')}`));
    const key = body.key;
    const version = body.version;
    if (typeof key !== 'string' || key === '' || key.length > 512 || key.includes(','))
      return record(
        400,
        twirpError(res, 400, 'invalid_argument', 'key is required (at most 512 characters, no commas)')
      );
    if (typeof version !== 'string' || !/^[0-9a-f]{64}$/.test(version))
      return record(400, twirpError(res, 400, 'invalid_argument', 'version must be a sha256 hex digest'));

    if (method === 'CreateCacheEntry') {
      if (kind === 'read-only')
        return record(
          200,
          ok(res, { ok: false, message: 'cache write denied: the token of this run is read-only' })
        );
      if (entries.some(e => e.key === key && e.version === version)) {
        return record(
          409,
          twirpError(
            res,
            409,
            'already_exists',
            'cache entry with the same key, version, and scope already exists'
          )
        );
      }
      const id = nextId++;
      const blobName = `entry-${id}-${randomBytes(4).toString('hex')}`;
      const blob: Blob = {
        data: null,
        blocks: new Map(),
        etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
        modified: new Date(),
        uploadSig: randomBytes(16).toString('hex'),
        downloadSig: randomBytes(16).toString('hex')
      };
      blobs.set(blobName, blob);
      entries.push({ id, key, version, blobName, sizeBytes: null, finalized: false, createdAt: ++clock });
      return record(
        200,
        ok(res, { ok: true, signed_upload_url: signedUrl(blob, blobName, blob.uploadSig, 'cw') })
      );
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = entries.find(e => e.key === key && e.version === version && !e.finalized);
      if (!entry)
        return record(
          404,
          twirpError(res, 404, 'not_found', 'no pending cache entry for this key and version')
        );
      const size = Number(body.size_bytes);
      const blob = blobs.get(entry.blobName);
      if (!blob?.data) return record(200, ok(res, { ok: false, message: 'the blob was not uploaded' }));
      if (!Number.isSafeInteger(size) || size !== blob.data.length)
        return record(
          200,
          ok(res, {
            ok: false,
            message: `size_bytes ${body.size_bytes} is not the blob size ${blob.data.length}`
          })
        );
      entry.sizeBytes = size;
      entry.finalized = true;
      entry.createdAt = ++clock;
      return record(200, ok(res, { ok: true, entry_id: String(entry.id) }));
    }
    // GetCacheEntryDownloadURL
    const restoreKeys = body.restore_keys ?? [];
    if (!Array.isArray(restoreKeys) || restoreKeys.some(k => typeof k !== 'string') || restoreKeys.length > 9)
      return record(400, twirpError(res, 400, 'invalid_argument', 'restore_keys must be at most 9 strings'));
    const entry = lookup(key, restoreKeys as string[], version);
    if (!entry) return record(200, ok(res, { ok: false }));
    const blob = blobs.get(entry.blobName) as Blob;
    return record(
      200,
      ok(res, {
        ok: true,
        signed_download_url: signedUrl(blob, entry.blobName, blob.downloadSig, 'r'),
        matched_key: entry.key
      })
    );
  }

  function storageError(res: http.ServerResponse, status: number, code: string, message: string) {
    res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code });
    res.end(
      `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
    );
    return status;
  }

  async function storage(url: URL, req: http.IncomingMessage, res: http.ServerResponse) {
    const name = url.pathname.slice(`/${CONTAINER}/`.length);
    const comp = url.searchParams.get('comp');
    const rangeHeader = (req.headers['x-ms-range'] ?? req.headers.range ?? null) as string | null;
    const call: BlobCall = { method: req.method ?? '', blob: name, comp, range: rangeHeader, status: 0 };
    blobCalls.push(call);
    const body = await readBody(req);
    const writing = req.method === 'PUT';
    const blob = blobs.get(name);
    const headers = {
      'x-ms-request-id': randomBytes(8).toString('hex'),
      'x-ms-version': String(req.headers['x-ms-version'] ?? '2025-01-05'),
      date: new Date().toUTCString()
    };
    if (req.headers.host !== new URL(blobBase).host)
      return (call.status = storageError(res, 400, 'InvalidUri', 'not the storage account host'));
    if (writing && !req.headers['x-ms-version'])
      return (call.status = storageError(res, 400, 'MissingRequiredHeader', 'x-ms-version'));
    if (!blob)
      return (call.status = storageError(res, 404, 'BlobNotFound', 'The specified blob does not exist.'));
    const sig = url.searchParams.get('sig');
    if (sig !== (writing ? blob.uploadSig : blob.downloadSig))
      return (call.status = storageError(res, 403, 'AuthenticationFailed', 'Signature did not match.'));
    if (writing && blob.data)
      return (call.status = storageError(res, 409, 'BlobAlreadyExists', 'The blob was already committed.'));
    if (writing && service.failUploads)
      return (call.status = storageError(res, 403, 'AuthorizationFailure', 'Injected upload failure.'));

    if (req.method === 'PUT' && comp === null) {
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob')
        return (call.status = storageError(
          res,
          400,
          'InvalidHeaderValue',
          'x-ms-blob-type must be BlockBlob'
        ));
      blob.data = body;
    } else if (req.method === 'PUT' && comp === 'block') {
      const id = url.searchParams.get('blockid');
      if (!id) return (call.status = storageError(res, 400, 'InvalidQueryParameterValue', 'blockid'));
      blob.blocks.set(id, body);
    } else if (req.method === 'PUT' && comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]+)<\/\1>/g)].map(
        m => m[2]
      );
      if (ids.length === 0 || ids.some(id => !blob.blocks.has(id)))
        return (call.status = storageError(
          res,
          400,
          'InvalidBlockList',
          'The specified block list is invalid.'
        ));
      blob.data = Buffer.concat(ids.map(id => blob.blocks.get(id) as Buffer));
      blob.blocks.clear();
    } else if (req.method === 'HEAD' || req.method === 'GET') {
      if (!blob.data)
        return (call.status = storageError(res, 404, 'BlobNotFound', 'The blob is not committed.'));
      const total = blob.data.length;
      const common = {
        ...headers,
        etag: blob.etag,
        'last-modified': blob.modified.toUTCString(),
        'x-ms-blob-type': 'BlockBlob',
        'accept-ranges': 'bytes',
        'content-type': 'application/octet-stream'
      };
      if (req.method === 'HEAD') {
        res.writeHead(200, { ...common, 'content-length': String(total) });
        res.end();
        return (call.status = 200);
      }
      const range = rangeHeader ? /^bytes=(\d+)-(\d*)$/.exec(rangeHeader) : null;
      if (rangeHeader && !range) return (call.status = storageError(res, 400, 'InvalidRange', rangeHeader));
      const start = range ? Number(range[1]) : 0;
      const end = range && range[2] !== '' ? Math.min(Number(range[2]), total - 1) : total - 1;
      if (start >= total || end < start)
        return (call.status = storageError(res, 416, 'InvalidRange', 'The range specified is invalid.'));
      const status = range ? 206 : 200;
      res.writeHead(status, {
        ...common,
        'content-length': String(end - start + 1),
        ...(range ? { 'content-range': `bytes ${start}-${end}/${total}` } : {})
      });
      res.end(blob.data.subarray(start, end + 1));
      return (call.status = status);
    } else {
      return (call.status = storageError(res, 405, 'UnsupportedHttpVerb', String(req.method)));
    }
    blob.etag = `"0x${randomBytes(8).toString('hex').toUpperCase()}"`;
    blob.modified = new Date();
    res.writeHead(201, {
      ...headers,
      etag: blob.etag,
      'last-modified': blob.modified.toUTCString(),
      'content-length': '0'
    });
    res.end();
    return (call.status = 201);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const handle = url.pathname.startsWith(SERVICE)
      ? twirp(url.pathname.slice(SERVICE.length), req, res)
      : url.pathname.startsWith(`/${CONTAINER}/`)
        ? storage(url, req, res)
        : Promise.resolve(storageError(res, 404, 'ResourceNotFound', 'no such resource'));
    handle.catch(error => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  blobBase = `http://${ACCOUNT}.blob.core.windows.net:${port}`;

  const service: CacheService = {
    url: baseUrl,
    token,
    entries,
    calls,
    blobCalls,
    failUploads: false,
    callsTo: method => calls.filter(c => c.method === method),
    env: (useToken = token) => ({
      ACTIONS_RESULTS_URL: `${baseUrl}/`,
      ACTIONS_RUNTIME_TOKEN: useToken,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      NODE_OPTIONS: `--require ${blobDnsPreload}`
    }),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
  return service;
}
