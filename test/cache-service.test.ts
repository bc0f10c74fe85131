import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobDnsPreload, CacheService, startCacheService } from './helpers/cache-service.js';
import { repoRoot, runNode } from './helpers/run-bundle.js';

/**
 * The local cache service itself, driven by the same clients @actions/cache uses: Twirp JSON
 * over HTTP, and @azure/storage-blob (the copy @actions/cache depends on) for block uploads and
 * ranged downloads, which the action tests only reach with archives over 128 MiB.
 */
const VERSION = 'a'.repeat(64);
let service: CacheService;
let dir: string;
beforeAll(async () => {
  service = await startCacheService({ tokens: { 'ro-token': 'read-only' } });
  dir = mkdtempSync(join(tmpdir(), 'shipgate-cache-service-'));
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function twirp(method: string, body: unknown, token = service.token) {
  const res = await fetch(`${service.url}/twirp/github.actions.results.api.v1.CacheService/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body)
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Runs @azure/storage-blob in a node process with the storage host mapped to 127.0.0.1. */
async function azure(script: string, ...args: string[]) {
  const file = join(dir, `azure-${Math.random().toString(36).slice(2)}.cjs`);
  const sdk = join(repoRoot, 'node_modules', '@actions', 'cache', 'lib', 'cache.js');
  writeFileSync(
    file,
    `const { createRequire } = require('node:module');\n` +
      `const { BlockBlobClient } = createRequire(${JSON.stringify(sdk)})('@azure/storage-blob');\n` +
      `const data = Buffer.alloc(1024 * 1024); for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 251;\n` +
      `(async () => { ${script} })().catch(e => { console.error(e.message); process.exit(1); });\n`
  );
  return runNode([file, ...args], { NODE_OPTIONS: `--require ${blobDnsPreload}` });
}

test('block upload, finalize, lookup by prefix, ranged download; one entry per key and version', async () => {
  const created = await twirp('CreateCacheEntry', { key: 'deps-linux-abc', version: VERSION });
  expect(created.status).toBe(200);
  const uploadUrl = created.body.signed_upload_url as string;
  expect(uploadUrl).toMatch(
    /^http:\/\/devstoreaccount1\.blob\.core\.windows\.net:\d+\/actions-cache\/.+sig=/
  );

  // the same key and version again: refused as the real service does
  const again = await twirp('CreateCacheEntry', { key: 'deps-linux-abc', version: VERSION });
  expect(again).toEqual({
    status: 409,
    body: { code: 'already_exists', msg: expect.stringMatching(/already exists/) }
  });
  // finalize before the upload: not ok
  expect(
    (await twirp('FinalizeCacheEntryUpload', { key: 'deps-linux-abc', version: VERSION, size_bytes: '1' }))
      .body.ok
  ).toBe(false);

  const up = await azure(
    `await new BlockBlobClient(process.argv[2]).uploadData(data, { blockSize: 256 * 1024, maxSingleShotSize: 256 * 1024, concurrency: 2 });`,
    uploadUrl
  );
  expect(up.stderr).toBe('');
  expect(up.code).toBe(0);
  expect(service.blobCalls.filter(c => c.comp === 'block' && c.status === 201)).toHaveLength(4);
  expect(service.blobCalls.filter(c => c.comp === 'blocklist' && c.status === 201)).toHaveLength(1);

  const wrongSize = await twirp('FinalizeCacheEntryUpload', {
    key: 'deps-linux-abc',
    version: VERSION,
    size_bytes: '5'
  });
  expect(wrongSize.body.ok).toBe(false);
  const finalized = await twirp('FinalizeCacheEntryUpload', {
    key: 'deps-linux-abc',
    version: VERSION,
    size_bytes: String(1024 * 1024)
  });
  expect(finalized.body).toEqual({ ok: true, entry_id: expect.stringMatching(/^\d+$/) });

  // a restore key is a prefix; another version sees nothing
  const found = await twirp('GetCacheEntryDownloadURL', {
    key: 'deps-linux-xyz',
    restore_keys: ['deps-linux-'],
    version: VERSION
  });
  expect(found.body).toMatchObject({ ok: true, matched_key: 'deps-linux-abc' });
  const otherVersion = await twirp('GetCacheEntryDownloadURL', {
    key: 'deps-linux-abc',
    version: 'b'.repeat(64)
  });
  expect(otherVersion.body).toEqual({ ok: false });

  const downloadUrl = found.body.signed_download_url as string;
  const before = service.blobCalls.length;
  const down = await azure(
    `const buf = await new BlockBlobClient(process.argv[2]).downloadToBuffer(0, undefined, { blockSize: 128 * 1024, concurrency: 4 });\n` +
      `console.log(require('node:crypto').createHash('sha256').update(buf).digest('hex'));`,
    downloadUrl
  );
  expect(down.code).toBe(0);
  const expected = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < expected.length; i++) expected[i] = (i * 7) % 251;
  expect(down.stdout.trim()).toBe(createHash('sha256').update(expected).digest('hex'));
  const ranged = service.blobCalls.slice(before).filter(c => c.method === 'GET');
  expect(ranged.length).toBe(8);
  expect(ranged.every(c => c.status === 206 && /^bytes=\d+-\d+$/.test(c.range ?? ''))).toBe(true);

  // the download URL does not allow writing
  const write = await azure(`await new BlockBlobClient(process.argv[2]).uploadData(data);`, downloadUrl);
  expect(write.code).toBe(1);
  expect(write.stderr).toMatch(/Signature did not match/);
});

test('tokens: none is 401, a read-only one may read but not reserve', async () => {
  expect((await twirp('GetCacheEntryDownloadURL', { key: 'k', version: VERSION }, 'nope')).status).toBe(401);
  expect((await twirp('GetCacheEntryDownloadURL', { key: 'k', version: VERSION }, 'ro-token')).status).toBe(
    200
  );
  const denied = await twirp('CreateCacheEntry', { key: 'k', version: VERSION }, 'ro-token');
  expect(denied.body).toEqual({ ok: false, message: expect.stringMatching(/^cache write denied:/) });
  expect((await twirp('CreateCacheEntry', { key: 'k', version: 'short' })).status).toBe(400);
  expect((await twirp('CreateCacheEntry', { key: 'a,b', version: VERSION })).status).toBe(400);
  expect((await twirp('CreateCacheEntry', { key: 'k', version: VERSION, extra: 1 })).status).toBe(400);
});
