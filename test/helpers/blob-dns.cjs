// Preloaded (node --require) into the action's process by the cache tests: the signed blob URLs of
// the local cache service use the real storage host name, *.blob.core.windows.net, because
// @actions/cache downloads through @azure/storage-blob (HEAD, then ranged GETs) only for that host.
// This maps that host to 127.0.0.1; every other name resolves as usual.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require)
const dns = require('node:dns');
const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (typeof options === 'number') options = { family: options };
  if (/\.blob\.core\.windows\.net$/i.test(hostname)) {
    if (options && options.all)
      return process.nextTick(callback, null, [{ address: '127.0.0.1', family: 4 }]);
    return process.nextTick(callback, null, '127.0.0.1', 4);
  }
  return original.call(dns, hostname, options, callback);
};
