export const id = 784;
export const ids = [784];
export const modules = {

/***/ 6604:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ bootSmokeMeta)
/* harmony export */ });
/** Described apart from the rule: the rule table must not load the gate (undici) to list it. */
const bootSmokeMeta = {
    id: 'boot-smoke',
    title: 'The artifact does not boot and stay healthy (opt-in: --boot)',
    severity: 'error',
    optIn: true,
    why: 'Static checks cannot see a crash at start; booting the artifact with its production start command and gating it briefly catches the SyntaxError of the first outage before any server does.',
    fix: 'Run the start command locally, read the first error line, and fix it; make sure the health URL answers within the boot timeout.'
};


/***/ }),

/***/ 9784:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bootSmokeMeta: () => (/* reexport */ boot_smoke_meta/* bootSmokeMeta */.v),
  runBootSmoke: () => (/* binding */ runBootSmoke)
});

// UNUSED EXPORTS: errorLocation, firstErrorLine

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/duration.js
var duration = __webpack_require__(1999);
// EXTERNAL MODULE: ./lib/errors.js
var errors = __webpack_require__(452);
// EXTERNAL MODULE: ./lib/util/sanitize.js
var sanitize = __webpack_require__(1537);
;// CONCATENATED MODULE: ./lib/gate/expectations.js


/**
 * Statuses that say "not ready yet" (a proxy with no upstream, a service still starting): they
 * wait for the timeout like no answer at all. Any other complete answer that fails an
 * expectation is wrong, not slow, and fails the gate at once after grace.
 */
const NOT_READY_STATUSES = new Set([502, 503, 504]);
function parseStatusSet(text, input = 'expect-status') {
    const ranges = [];
    for (const part of text.split(',').map(p => p.trim())) {
        const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
        if (!match)
            throw new errors/* ConfigurationError */.j1(`'${part}' is not a status code or range like 200-299`, input);
        const low = Number(match[1]);
        const high = Number(match[2] ?? match[1]);
        if (low < 100 || high > 599 || low > high) {
            throw new errors/* ConfigurationError */.j1(`'${part}' is not a range of HTTP statuses (100-599)`, input);
        }
        ranges.push([low, high]);
    }
    return ranges;
}
function parseJsonPath(text, input) {
    // a field name is printed in every failed probe's line: no line break may hide in it
    const path = (0,sanitize/* singleLine */.pF)(text, input).split('.');
    if (path.some(segment => segment === ''))
        throw new errors/* ConfigurationError */.j1(`'${text}' is not a dot path`, input);
    return path;
}
function parseJsonExpectation(text, input = 'expect-json') {
    const eq = text.indexOf('=');
    if (eq <= 0)
        throw new errors/* ConfigurationError */.j1(`'${text}' is not path=value (e.g. status=ok)`, input);
    return { path: parseJsonPath(text.slice(0, eq).trim(), input), expected: text.slice(eq + 1).trim() };
}
function compileBodyPattern(text, input = 'expect-body') {
    try {
        return new RegExp(text);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`not a valid regular expression: ${error.message}`, input);
    }
}
function lookup(value, path) {
    let current = value;
    for (const segment of path) {
        if (current === null || typeof current !== 'object' || !(segment in current)) {
            return { found: false, value: undefined };
        }
        current = current[segment];
    }
    return { found: true, value: current };
}
function show(value) {
    const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
function matchesScalar(actual, expected) {
    if (actual === null)
        return expected === 'null';
    if (typeof actual === 'object')
        return false;
    return String(actual) === expected;
}
function header(facts, name) {
    const value = facts.headers?.[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}
/** Returns null when every expectation holds, else the first reason it does not. */
function checkResponse(expect, response) {
    if (!expect.statusRanges.some(([low, high]) => response.status >= low && response.status <= high)) {
        return `status ${response.status}, expected ${expect.statusText}`;
    }
    if (expect.maxLatencyMs !== null && response.latencyMs > expect.maxLatencyMs) {
        return `answered in ${Math.round(response.latencyMs)}ms, over the latency budget of ${expect.maxLatencyMs}ms`;
    }
    if (expect.bodyPattern && !expect.bodyPattern.test(response.body)) {
        return `body does not match /${expect.bodyPattern.source}/`;
    }
    const release = expect.release?.expected ? expect.release : null;
    let parsed = undefined;
    let isJson = false;
    if (expect.json.length > 0 || expect.version || release) {
        try {
            parsed = JSON.parse(response.body);
            isJson = true;
        }
        catch {
            isJson = false;
        }
    }
    if (release) {
        const named = isJson ? lookup(parsed, release.field) : { found: false, value: undefined };
        const fromHeader = header(response, release.header);
        const actual = named.found ? named.value : fromHeader;
        const where = named.found ? `JSON ${release.field.join('.')}` : `header ${release.header}`;
        if (actual === null || actual === undefined) {
            return `the answer names no release (no JSON field ${release.field.join('.')}, no ${release.header} header), expected ${JSON.stringify(release.expected)}`;
        }
        if (!matchesScalar(actual, release.expected)) {
            return `${where} is ${show(actual)}: the code of another release answers, expected ${JSON.stringify(release.expected)}`;
        }
    }
    if (expect.json.length > 0 || expect.version) {
        if (!isJson)
            return 'body is not JSON';
        for (const { path, expected } of expect.json) {
            const { found, value } = lookup(parsed, path);
            if (!found)
                return `JSON has no field ${path.join('.')}, expected ${JSON.stringify(expected)}`;
            if (!matchesScalar(value, expected)) {
                return `JSON ${path.join('.')} is ${show(value)}, expected ${JSON.stringify(expected)}`;
            }
        }
        if (expect.version) {
            const { found, value } = lookup(parsed, expect.version.field);
            const field = expect.version.field.join('.');
            if (!found)
                return `JSON has no version field ${field}, expected ${JSON.stringify(expect.version.expected)}`;
            if (!matchesScalar(value, expect.version.expected)) {
                return `version ${show(value)}, expected ${JSON.stringify(expect.version.expected)}`;
            }
        }
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/gate/config.js



const gateOptions = [
    {
        name: 'url',
        description: 'Health URL to probe (http or https). Repeat, or give several lines/commas: all must pass.',
        multiple: true
    },
    {
        name: 'expect-status',
        description: 'Accepted HTTP statuses: codes and ranges, e.g. 200,204,300-399.',
        default: '200-299'
    },
    { name: 'expect-body', description: 'Regular expression the response body must match.' },
    {
        name: 'expect-json',
        description: 'JSON field that must equal a value, as dot.path=value (e.g. status=ok). Several allowed, one per line.',
        multiple: true,
        linesOnly: true
    },
    {
        name: 'expect-version',
        description: 'Version the service must report in the JSON field named by version-field (catches a deploy that still serves the old code).'
    },
    {
        name: 'version-field',
        description: 'Dot path of the JSON field that holds the version.',
        default: 'version'
    },
    {
        name: 'max-latency',
        description: 'Latency budget: a slower answer is a failed probe (e.g. 2s). Empty means no budget.'
    },
    {
        name: 'probe-timeout',
        description: 'A probe with no complete answer within this time fails (at most 10m).',
        default: '5s'
    },
    { name: 'interval', description: 'Time between probe rounds (at most 1h).', default: '2s' },
    {
        name: 'grace',
        description: 'Failures during this time from the start do not count (slow boot; at most 24h).',
        default: '0s'
    },
    {
        name: 'healthy-threshold',
        description: 'Consecutive passing rounds needed before the timeout.',
        default: '3'
    },
    {
        name: 'window',
        description: 'From the first pass the service must stay healthy this long; must be longer than the time a bad release takes to crash (at most 24h).',
        default: '30s'
    },
    {
        name: 'max-failures',
        description: 'Failed probes tolerated inside the window; one more fails the gate at once.',
        default: '0'
    },
    {
        name: 'timeout',
        description: 'Time to reach healthy-threshold; the window may run past it (at most 24h).',
        default: '120s'
    }
];
const HOUR = 3_600_000;
/**
 * Upper bounds of the gate's durations (exit 2 above them). A gate that probes less often than
 * hourly, waits ten minutes for one answer, or runs for more than a day is a mistake, and
 * beyond 2^31-1 ms Node's timers fire at once: `--interval 600h` flooded the health endpoint.
 */
const GATE_DURATION_CAPS_MS = {
    interval: HOUR,
    'probe-timeout': 10 * 60_000,
    grace: 24 * HOUR,
    window: 24 * HOUR,
    timeout: 24 * HOUR
};
const gateDuration = (inputs, name) => (0,duration/* parseDuration */.E9)(inputs.required(name), name, GATE_DURATION_CAPS_MS[name]);
function parseUrl(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`'${text}' is not a URL`, 'url');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new errors/* ConfigurationError */.j1(`'${text}' is not an http or https URL`, 'url');
    }
    if (url.username || url.password) {
        throw new errors/* ConfigurationError */.j1('credentials in the URL would be printed in every progress line; put them elsewhere', 'url');
    }
    return url.toString();
}
/** For deploy and rollback: the release id shipgate deploys is what the service must report. */
const releaseProofOptions = [
    {
        name: 'expect-release',
        description: 'The strongest proof of which code serves: every probe must name the release being deployed, in the JSON field named by release-field or in an x-release header. The app reads it from SHIPGATE_RELEASE.',
        default: 'false'
    },
    {
        name: 'release-field',
        description: 'Dot path of the JSON field that holds the release id (with expect-release).',
        default: 'release'
    }
];
/** Parses and cross-checks every gate input; throws ConfigurationError naming the input. Probes nothing. */
function parseGateConfig(inputs, options = {}) {
    const urls = inputs.list('url').map(parseUrl);
    if (urls.length === 0)
        throw new errors/* ConfigurationError */.j1('at least one health URL is required', 'url');
    const statusText = inputs.required('expect-status');
    const bodyText = inputs.string('expect-body');
    const versionText = inputs.string('expect-version');
    const maxLatency = inputs.string('max-latency');
    const config = {
        urls,
        intervalMs: gateDuration(inputs, 'interval'),
        probeTimeoutMs: gateDuration(inputs, 'probe-timeout'),
        graceMs: gateDuration(inputs, 'grace'),
        windowMs: gateDuration(inputs, 'window'),
        timeoutMs: gateDuration(inputs, 'timeout'),
        healthyThreshold: inputs.integer('healthy-threshold', 1),
        maxFailures: inputs.integer('max-failures', 0),
        expect: {
            statusRanges: parseStatusSet(statusText),
            statusText,
            bodyPattern: bodyText ? compileBodyPattern(bodyText) : null,
            json: inputs.list('expect-json').map(text => parseJsonExpectation(text)),
            version: versionText
                ? { field: parseJsonPath(inputs.required('version-field'), 'version-field'), expected: versionText }
                : null,
            release: options.release && inputs.boolean('expect-release')
                ? {
                    field: parseJsonPath(inputs.required('release-field'), 'release-field'),
                    header: 'x-release',
                    expected: null
                }
                : null,
            maxLatencyMs: maxLatency ? (0,duration/* parseDuration */.E9)(maxLatency, 'max-latency') : null
        }
    };
    if (config.intervalMs < 100)
        throw new errors/* ConfigurationError */.j1('must be at least 100ms', 'interval');
    if (config.probeTimeoutMs < 50)
        throw new errors/* ConfigurationError */.j1('must be at least 50ms', 'probe-timeout');
    if (config.timeoutMs <= 0)
        throw new errors/* ConfigurationError */.j1('must be more than 0', 'timeout');
    if (config.windowMs < config.intervalMs) {
        throw new errors/* ConfigurationError */.j1(`the window (${config.windowMs}ms) is shorter than the interval (${config.intervalMs}ms): the gate would pass on one probe`, 'window');
    }
    return config;
}

// EXTERNAL MODULE: ./lib/util/text.js
var util_text = __webpack_require__(8805);
;// CONCATENATED MODULE: ./lib/gate/policy.js


const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
/** Rounds in a row a watched counter may go unread before the gate fails. */
const MAX_UNREAD_ROUNDS = 3;
class GatePolicy {
    config;
    consecutive = 0;
    firstPassAtMs = null;
    thresholdReachedAtMs = null;
    countedFailures = 0;
    firstCountedFailureAtMs = null;
    firstFailureAfterGraceAtMs = null;
    lastFailure = null;
    /** Rounds in a row each watched counter could not be read, since when. */
    unread = new Map();
    decision = {
        verdict: 'pending',
        reason: 'waiting for the first probe',
        detectedAtMs: null,
        decidedAtMs: null
    };
    constructor(config) {
        this.config = config;
    }
    get current() {
        return this.decision;
    }
    /** Milliseconds from the start at which the gate passes if every probe keeps passing. */
    get passDueAtMs() {
        return this.firstPassAtMs === null ? null : this.firstPassAtMs + this.config.windowMs;
    }
    get phase() {
        return this.thresholdReachedAtMs === null ? 'starting' : 'watching';
    }
    observe(event) {
        if (this.decision.verdict !== 'pending')
            return this.decision;
        switch (event.kind) {
            case 'signal':
                this.unread.delete(event.source);
                if (event.current > event.previous) {
                    return this.fail(`${event.source} rose from ${event.previous} to ${event.current} at ${secs(event.atMs)}: the process crashed or was restarted during the gate`, event.atMs, event.atMs);
                }
                return this.decision;
            case 'signal-unreadable': {
                const streak = this.unread.get(event.source) ?? { rounds: 0, sinceMs: event.atMs };
                streak.rounds += 1;
                this.unread.set(event.source, streak);
                if (streak.rounds < MAX_UNREAD_ROUNDS)
                    return this.decision;
                return this.fail(`${event.source} could not be read ${streak.rounds} rounds in a row since ${secs(streak.sinceMs)} (last: ${event.error}): without it the gate cannot see a crash loop behind healthy answers`, streak.sinceMs, event.atMs);
            }
            case 'tick':
                return this.checkTimeout(event.atMs);
            case 'round':
                return this.observeRound(event.atMs, event.probes, event.ready ?? true);
        }
    }
    observeRound(atMs, probes, ready) {
        const failed = probes.filter(p => !p.ok);
        const inGrace = atMs < this.config.graceMs;
        if (!ready) {
            // before the release alone serves, answers may come from the old one
            if (failed.length > 0) {
                this.lastFailure = failed.map(p => `${p.url}: ${p.error ?? 'failed'}`).join('; ');
                if (!inGrace)
                    this.firstFailureAfterGraceAtMs ??= atMs;
            }
            return this.checkTimeout(atMs);
        }
        const wrong = inGrace ? undefined : failed.find(p => p.definite);
        if (wrong && this.firstPassAtMs === null) {
            return this.fail(`the service answers, and the answer is wrong: ${wrong.url}: ${wrong.error ?? 'failed'} at ${secs(atMs)} (not a slow start: only no answer or 502/503/504 wait for the timeout)`, atMs, atMs);
        }
        if (failed.length === 0) {
            this.consecutive += 1;
            this.firstPassAtMs ??= atMs;
            if (this.consecutive >= this.config.healthyThreshold)
                this.thresholdReachedAtMs ??= atMs;
        }
        else {
            this.consecutive = 0;
            this.lastFailure = failed.map(p => `${p.url}: ${p.error ?? 'failed'}`).join('; ');
            if (!inGrace) {
                this.firstFailureAfterGraceAtMs ??= atMs;
                if (this.firstPassAtMs !== null) {
                    this.countedFailures += failed.length;
                    this.firstCountedFailureAtMs ??= atMs;
                    if (this.countedFailures > this.config.maxFailures) {
                        return this.fail(`${(0,util_text/* plural */.LS)(this.countedFailures, 'failed probe')} after the service first answered at ${secs(this.firstPassAtMs)} (max-failures ${this.config.maxFailures}, window ${(0,duration/* formatDuration */.a3)(this.config.windowMs)}): ${this.lastFailure}`, this.firstCountedFailureAtMs, atMs);
                    }
                }
            }
        }
        if (failed.length === 0 &&
            this.thresholdReachedAtMs !== null &&
            this.firstPassAtMs !== null &&
            atMs - this.firstPassAtMs >= this.config.windowMs) {
            this.decision = {
                verdict: 'pass',
                reason: `healthy: ${this.config.healthyThreshold} consecutive passes, then stayed healthy for the ${(0,duration/* formatDuration */.a3)(this.config.windowMs)} window with ${(0,util_text/* plural */.LS)(this.countedFailures, 'failed probe')} (max ${this.config.maxFailures})`,
                detectedAtMs: null,
                decidedAtMs: atMs
            };
            return this.decision;
        }
        return this.checkTimeout(atMs);
    }
    checkTimeout(atMs) {
        if (this.thresholdReachedAtMs === null && atMs >= this.config.timeoutMs) {
            const progress = `${this.consecutive} of ${this.config.healthyThreshold} consecutive passes`;
            const last = this.lastFailure ? `; last failure: ${this.lastFailure}` : '';
            return this.fail(`not healthy within the ${(0,duration/* formatDuration */.a3)(this.config.timeoutMs)} timeout (${progress})${last}`, this.firstFailureAfterGraceAtMs ?? atMs, atMs);
        }
        return this.decision;
    }
    fail(reason, detectedAtMs, decidedAtMs) {
        this.decision = { verdict: 'fail', reason, detectedAtMs, decidedAtMs };
        return this.decision;
    }
}
/** Folds a whole sequence of events: the form the table-driven tests use. */
function decide(config, events) {
    const policy = new GatePolicy(config);
    for (const event of events) {
        if (policy.observe(event).verdict !== 'pending')
            break;
    }
    return policy.current;
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(4371);
;// CONCATENATED MODULE: ./lib/gate/probe.js


const MAX_BODY_BYTES = 1024 * 1024;
function describeNetworkError(error, timeoutMs) {
    const err = error;
    const code = err.code ?? err.cause?.code;
    if (err.name === 'TimeoutError' ||
        err.name === 'AbortError' ||
        code === 'UND_ERR_HEADERS_TIMEOUT' ||
        code === 'UND_ERR_BODY_TIMEOUT') {
        return `no answer within ${timeoutMs}ms`;
    }
    if (code === 'ECONNREFUSED')
        return 'connection refused (ECONNREFUSED)';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
        return 'connection reset (ECONNRESET)';
    return code ? `${code}: ${err.message ?? ''}`.trim() : (err.message ?? String(error));
}
/**
 * One probe on a NEW connection (`reset`), as a load balancer would: a process that stopped
 * accepting connections must not look healthy through a kept-alive socket.
 */
async function probeOnce(url, expect, timeoutMs, atMs) {
    const started = performance.now();
    const signal = AbortSignal.timeout(timeoutMs);
    try {
        const response = await (0,undici/* request */.Em)(url, {
            method: 'GET',
            reset: true,
            signal,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
            headers: { 'user-agent': 'shipgate-gate', accept: 'application/json, text/plain, */*' }
        });
        const chunks = [];
        let size = 0;
        for await (const chunk of response.body) {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES)
                chunks.push(chunk);
        }
        const latencyMs = Math.round(performance.now() - started);
        const body = Buffer.concat(chunks).toString('utf8');
        const failure = checkResponse(expect, {
            status: response.statusCode,
            body,
            latencyMs,
            headers: response.headers
        });
        const slow = expect.maxLatencyMs !== null && latencyMs > expect.maxLatencyMs;
        return {
            atMs,
            url,
            ok: failure === null,
            status: response.statusCode,
            latencyMs,
            error: failure,
            definite: failure !== null && !slow && !NOT_READY_STATUSES.has(response.statusCode)
        };
    }
    catch (error) {
        return {
            atMs,
            url,
            ok: false,
            status: null,
            latencyMs: null,
            error: describeNetworkError(error, timeoutMs),
            definite: false
        };
    }
}

;// CONCATENATED MODULE: ./lib/gate/run.js



const pad = (text, width) => text.length >= width ? text : text + ' '.repeat(width - text.length);
function formatProbeLine(probe) {
    const at = `[${(probe.atMs / 1000).toFixed(1).padStart(6)}s]`;
    const status = probe.status === null ? '---' : String(probe.status);
    const latency = probe.latencyMs === null ? '-' : `${probe.latencyMs}ms`;
    const verdict = probe.ok ? 'ok' : `FAIL ${probe.error ?? ''}`;
    return `${at} ${pad(probe.url, 40)} ${status} ${latency.padStart(7)}  ${verdict}`;
}
/** Waits, or less when the signal aborts. */
function sleep(ms, signal) {
    return new Promise(resolve => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        signal?.addEventListener('abort', done, { once: true });
    });
}
/**
 * Probes every URL each interval and feeds the outcomes, and any rise of a watched counter,
 * to the pure GatePolicy until it decides. Bounded: the policy always decides by
 * timeout + window + one round.
 */
async function waitForStableHealth(config, hooks = {}) {
    const log = hooks.log ?? (() => undefined);
    const signals = hooks.signals ?? [];
    const policy = new GatePolicy(config);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const probes = [];
    const readSignal = (s) => s.read().catch((error) => ({
        // one line: a command's error carries its output on the lines after the exit code
        error: (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ').slice(0, 300)
    }));
    // a baseline that cannot be read now is the first reading that can
    const baselines = await Promise.all(signals.map(async (s) => {
        if (s.baseline !== undefined)
            return s.baseline;
        const first = await readSignal(s);
        return typeof first === 'number' ? first : null;
    }));
    let decision = policy.current;
    let announcedWatching = false;
    let ready = hooks.readyForWindow ? false : true;
    const abort = hooks.abortSignal;
    log(`gate: ${config.urls.join(', ')} every ${(0,duration/* formatDuration */.a3)(config.intervalMs)}; ${config.healthyThreshold} passes within ${(0,duration/* formatDuration */.a3)(config.timeoutMs)}, then stable for ${(0,duration/* formatDuration */.a3)(config.windowMs)} (max ${config.maxFailures} failures)` +
        (config.graceMs ? `, grace ${(0,duration/* formatDuration */.a3)(config.graceMs)}` : '') +
        (signals.length ? `; watching ${signals.map(s => s.name).join(', ')}` : ''));
    while (decision.verdict === 'pending') {
        if (abort?.aborted)
            break;
        const roundStart = elapsed();
        const [results, counters, readyNow] = await Promise.all([
            Promise.all(config.urls.map(url => probeOnce(url, config.expect, config.probeTimeoutMs, roundStart))),
            Promise.all(signals.map(readSignal)),
            ready || !hooks.readyForWindow ? true : hooks.readyForWindow().catch(() => false)
        ]);
        if (abort?.aborted)
            break;
        const observedAt = elapsed();
        if (readyNow && !ready) {
            ready = true;
            log(`gate: the release alone serves now (${(observedAt / 1000).toFixed(1)}s): the window counts from here`);
        }
        counters.forEach((value, i) => {
            if (decision.verdict !== 'pending')
                return;
            const source = signals[i].name;
            if (typeof value !== 'number') {
                log(`gate: could not read ${source}: ${value.error}`);
                decision = policy.observe({
                    kind: 'signal-unreadable',
                    atMs: observedAt,
                    source,
                    error: value.error
                });
                return;
            }
            const previous = (baselines[i] ??= value);
            decision = policy.observe({ kind: 'signal', atMs: observedAt, source, previous, current: value });
        });
        probes.push(...results.map(({ definite: _definite, ...record }) => record));
        results.forEach(probe => log(formatProbeLine(probe)));
        if (decision.verdict === 'pending') {
            decision = policy.observe({ kind: 'round', atMs: observedAt, probes: results, ready });
        }
        if (decision.verdict === 'pending' && policy.phase === 'watching' && !announcedWatching) {
            announcedWatching = true;
            const due = policy.passDueAtMs ?? observedAt;
            log(`gate: healthy threshold reached; watching until ${(due / 1000).toFixed(1)}s for the stability window`);
        }
        if (decision.verdict !== 'pending')
            break;
        await sleep(roundStart + config.intervalMs - elapsed(), abort);
    }
    if (decision.verdict === 'pending') {
        // interrupted: never a pass
        const reason = `interrupted (${String(abort?.reason ?? 'stopped')}) before a verdict`;
        log(`gate: FAIL after ${(elapsed() / 1000).toFixed(1)}s: ${reason}`);
        return { verdict: 'fail', reason, elapsedMs: elapsed(), detectedAtMs: elapsed(), probes };
    }
    const verdict = decision.verdict;
    log(`gate: ${verdict.toUpperCase()} after ${(elapsed() / 1000).toFixed(1)}s: ${decision.reason}`);
    return {
        verdict,
        reason: decision.reason,
        elapsedMs: decision.decidedAtMs ?? elapsed(),
        detectedAtMs: decision.detectedAtMs,
        probes
    };
}

// EXTERNAL MODULE: ./lib/options.js
var lib_options = __webpack_require__(1097);
// EXTERNAL MODULE: ./lib/validate/rules/boot-smoke-meta.js
var boot_smoke_meta = __webpack_require__(6604);
;// CONCATENATED MODULE: ./lib/validate/rules/boot-smoke.js






const OUTPUT_LIMIT = 64 * 1024;
/** The first line that names an error, else the first line of stderr. */
function firstErrorLine(output) {
    const lines = output
        .split(/\r?\n/)
        .map(l => l.trim())
        .filter(l => l !== '');
    return (lines.find(l => /^(\w*Error|Error)\b|^\w+Error:|\bpanic:|^FATAL|^fatal:|Uncaught/.test(l)) ??
        lines[0] ??
        null);
}
/** `/abs/dir/dist/server.js:51` (how Node prints a SyntaxError's place) inside the repository. */
function errorLocation(output, dir) {
    const root = (0,external_node_path_.resolve)(dir);
    for (const match of output.matchAll(/(?:^|\(|\s|file:\/\/)(\/[^\s():]+):(\d+)(?::\d+)?/gm)) {
        const path = (0,external_node_path_.resolve)(match[1]);
        if (path.startsWith(root + external_node_path_.sep) && !path.includes(`${external_node_path_.sep}node_modules${external_node_path_.sep}`))
            return { file: (0,external_node_path_.relative)(root, path).split(external_node_path_.sep).join('/'), line: Number(match[2]) };
    }
    return null;
}
/** Starts the artifact, gates its health URL for a short window, stops it. I/O: a process and HTTP. */
async function runBootSmoke(options) {
    const config = parseGateConfig(new lib_options/* Inputs */.G(gateOptions, {
        url: options.url,
        interval: '250ms',
        'probe-timeout': '2s',
        'healthy-threshold': '2',
        window: `${options.windowMs}ms`,
        timeout: `${options.timeoutMs}ms`
    }));
    options.log(`validate: boot-smoke: starting \`${options.command}\` in ${options.dir}`);
    const child = (0,external_node_child_process_.spawn)('sh', ['-c', options.command], {
        cwd: options.dir,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true
    });
    let output = '';
    const collect = (chunk) => {
        if (output.length < OUTPUT_LIMIT)
            output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const state = { exited: false, code: null };
    const exitedPromise = new Promise(done => child.on('close', (code, signal) => {
        state.exited = true;
        state.code = code ?? (signal ? 128 : null);
        done();
    }));
    const exitSignal = {
        name: 'exit of the booted process',
        read: async () => (state.exited ? 1 : 0)
    };
    const result = await waitForStableHealth(config, { signals: [exitSignal] });
    const crashed = state.exited;
    const exitCode = state.code;
    if (!state.exited && child.pid) {
        try {
            process.kill(-child.pid, 'SIGTERM');
        }
        catch {
            // already gone
        }
        const killer = setTimeout(() => {
            try {
                if (child.pid)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                // already gone
            }
        }, 3000);
        await exitedPromise;
        clearTimeout(killer);
    }
    await exitedPromise;
    options.log(`validate: boot-smoke: ${result.verdict} (${result.reason})`);
    if (result.verdict === 'pass')
        return [];
    const location = errorLocation(output, options.dir);
    const first = firstErrorLine(output);
    return [
        {
            file: location?.file ?? null,
            line: location?.line ?? null,
            message: crashed
                ? `\`${options.command}\` exited${exitCode !== null ? ` with code ${exitCode}` : ''} during the boot smoke test${first ? `: ${first}` : ' without output'}.`
                : `\`${options.command}\` did not stay healthy at ${options.url}: ${result.reason}${first ? ` (first error line: ${first})` : ''}.`,
            evidence: `the production start command given by --boot, gated on ${options.url}`
        }
    ];
}


/***/ })

};
