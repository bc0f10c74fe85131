// AWS Signature Version 4, checked as AWS checks it: a client with the wrong keys, region or
// service name is refused here as it would be there (and the emulator records it as an error).
import { createHash, createHmac } from 'node:crypto';

const sha256 = data => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

const encode = s =>
  encodeURIComponent(s).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalUri(path) {
  return (
    path
      .split('/')
      .map(segment => encode(encode(decodeURIComponent(segment))))
      .join('/') || '/'
  );
}

function canonicalQuery(search) {
  const params = [...new URLSearchParams(search)].map(([k, v]) => [encode(k), encode(v)]);
  params.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return params.map(([k, v]) => `${k}=${v}`).join('&');
}

/**
 * Checks the Authorization header of a request. Returns undefined when the signature is valid,
 * else `{ code, status, message }` in the words AWS uses.
 */
export function verifySignature(
  { method, url, headers, body },
  { accessKeyId, secretAccessKey, region, service }
) {
  const auth = headers.authorization;
  if (!auth) {
    return {
      code: 'MissingAuthenticationTokenException',
      status: 400,
      message: 'Missing Authentication Token'
    };
  }
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth
    );
  if (!m)
    return {
      code: 'IncompleteSignatureException',
      status: 400,
      message: `Authorization header is malformed`
    };
  const [, keyId, date, signedRegion, signedService, signedHeaders, signature] = m;
  if (keyId !== accessKeyId) {
    return {
      code: 'UnrecognizedClientException',
      status: 400,
      message: 'The security token included in the request is invalid.'
    };
  }
  if (signedRegion !== region) {
    return {
      code: 'InvalidSignatureException',
      status: 400,
      message: `Credential should be scoped to a valid region. (signed for ${signedRegion}, this endpoint is ${region})`
    };
  }
  if (signedService !== service) {
    return {
      code: 'InvalidSignatureException',
      status: 400,
      message: `Credential should be scoped to correct service: '${service}'.`
    };
  }
  const amzDate = headers['x-amz-date'];
  if (!amzDate || !amzDate.startsWith(date)) {
    return {
      code: 'IncompleteSignatureException',
      status: 400,
      message: 'X-Amz-Date does not match the credential date'
    };
  }
  const bodyHash = sha256(body);
  const claimedHash = headers['x-amz-content-sha256'];
  if (claimedHash && claimedHash !== 'UNSIGNED-PAYLOAD' && claimedHash !== bodyHash) {
    return {
      code: 'InvalidSignatureException',
      status: 400,
      message: 'The request body does not match x-amz-content-sha256.'
    };
  }
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map(
      name =>
        `${name}:${String(headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`
    )
    .join('');
  const parsed = new URL(url, 'http://localhost');
  const canonicalRequest = [
    method,
    canonicalUri(parsed.pathname),
    canonicalQuery(parsed.search),
    canonicalHeaders,
    signedHeaders,
    claimedHash ?? bodyHash
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  if (expected !== signature) {
    return {
      code: 'InvalidSignatureException',
      status: 403,
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.'
    };
  }
  return undefined;
}
