import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 1999:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   a3: () => (/* binding */ formatDuration)
/* harmony export */ });
/* unused harmony exports MAX_TIMER_MS, describeCap */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(452);

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * The longest a Node.js timer can wait: 2^31-1 ms (about 24.8 days). A longer delay does not
 * wait longer, it fires after 1 ms (`--interval 600h` probed a service 1,471 times in 8 s), so no
 * duration may exceed it.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A cap as a person writes it: 1h, 10m, 24h. */
function describeCap(ms) {
    if (ms === MAX_TIMER_MS)
        return `${MAX_TIMER_MS}ms (about 24.8 days, the longest a timer can wait)`;
    if (ms % 3_600_000 === 0)
        return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    if (ms % 1000 === 0)
        return `${ms / 1000}s`;
    return `${ms}ms`;
}
/**
 * Parses `500ms`, `30s`, `2m`, `1h` or a bare number of seconds into milliseconds. Above `maxMs`
 * (by default the longest timer) it is a configuration error: exit 2, nothing changed.
 */
function parseDuration(text, input, maxMs = MAX_TIMER_MS) {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
    if (!match) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is not a duration (use 500ms, 30s, 2m, 1h or seconds)`, input);
    }
    const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']);
    if (!Number.isFinite(ms) || ms > Math.min(maxMs, MAX_TIMER_MS)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is too long: at most ${describeCap(Math.min(maxMs, MAX_TIMER_MS))}`, input);
    }
    return ms;
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
    const minutes = Math.floor(ms / 60_000);
    const seconds = Math.round((ms % 60_000) / 1000);
    return seconds ? `${minutes}m${seconds}s` : `${minutes}m`;
}


/***/ }),

/***/ 452:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BI: () => (/* binding */ isExpectedError),
/* harmony export */   OK: () => (/* binding */ OperationError),
/* harmony export */   Rr: () => (/* binding */ exitCodeFor),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   j1: () => (/* binding */ ConfigurationError),
/* harmony export */   yU: () => (/* binding */ ExitCode)
/* harmony export */ });
/* unused harmony export InterruptedError */
/** Exit codes of the CLI, as the contract fixes them (README, docs/deploy.md). */
const ExitCode = {
    Success: 0,
    CheckFailed: 1,
    BadInput: 2,
    OperationFailed: 3
};
/** A user's mistake in inputs or configuration: nothing was changed (exit 2). */
class ConfigurationError extends Error {
    input;
    constructor(message, input) {
        super(input ? `Invalid input '${input}': ${message}` : message);
        this.input = input;
        this.name = 'ConfigurationError';
    }
}
/** An operation failed before anything was switched: upload, lock, missing previous release (exit 3). */
class OperationError extends Error {
    constructor(message) {
        super(message);
        this.name = 'OperationError';
    }
}
/** The run was stopped by a signal before anything was switched: nothing changed. */
class InterruptedError extends Error {
    signal;
    constructor(signal, message) {
        super(message);
        this.signal = signal;
        this.name = 'InterruptedError';
    }
}
/**
 * The exit code of an error: 2 and 3 as the contract says, 130/143 for an interrupted run, and
 * 1 for anything else (a failure of ours: the message says so).
 */
function exitCodeFor(error) {
    if (error instanceof ConfigurationError)
        return ExitCode.BadInput;
    if (error instanceof OperationError)
        return ExitCode.OperationFailed;
    if (error instanceof InterruptedError)
        return error.signal === 'SIGTERM' ? 143 : 130;
    return ExitCode.CheckFailed;
}
/** Errors the user can act on (bad input, an operation that failed, an interrupt), not bugs of ours. */
function isExpectedError(error) {
    return (error instanceof ConfigurationError ||
        error instanceof OperationError ||
        error instanceof InterruptedError);
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 1097:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ jsonOption),
/* harmony export */   G: () => (/* binding */ Inputs)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(452);

/** Typed access to raw inputs; missing values fall back to the spec's default. */
class Inputs {
    specs;
    raw;
    byName;
    constructor(specs, raw) {
        this.specs = specs;
        this.raw = raw;
        this.byName = new Map(specs.map(s => [s.name, s]));
    }
    spec(name) {
        const spec = this.byName.get(name);
        if (!spec)
            throw new Error(`internal: no option '${name}'`);
        return spec;
    }
    has(name) {
        const value = this.raw[name];
        if (value === undefined || value === false)
            return false;
        if (Array.isArray(value))
            return value.some(v => v.trim() !== '');
        return typeof value === 'boolean' || value.trim() !== '';
    }
    string(name) {
        const spec = this.spec(name);
        const value = this.raw[name];
        if (Array.isArray(value)) {
            if (value.length > 1)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('given more than once', name);
            return value[0]?.trim() || spec.default;
        }
        if (typeof value === 'string' && value.trim() !== '')
            return value.trim();
        return spec.default;
    }
    required(name) {
        const value = this.string(name);
        if (value === undefined || value === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('is required', name);
        return value;
    }
    list(name) {
        const spec = this.spec(name);
        const value = this.raw[name];
        const values = value === undefined || typeof value === 'boolean' ? [] : Array.isArray(value) ? value : [value];
        const separator = spec.linesOnly ? /\r?\n/ : /\r?\n|,/;
        const items = values
            .flatMap(v => v.split(separator))
            .map(v => v.trim())
            .filter(v => v !== '');
        if (items.length === 0 && spec.default)
            return spec.default.split(separator).map(v => v.trim());
        return items;
    }
    boolean(name) {
        const value = this.raw[name];
        if (typeof value === 'boolean')
            return value;
        const text = (this.string(name) ?? 'false').toLowerCase();
        if (['true', 'yes', '1', 'on'].includes(text))
            return true;
        if (['false', 'no', '0', 'off'].includes(text))
            return false;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is not a boolean (true or false)`, name);
    }
    integer(name, min) {
        const text = this.required(name);
        if (!/^-?\d+$/.test(text))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${text}' is not a whole number`, name);
        const value = Number(text);
        if (value < min)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`must be at least ${min}, got ${value}`, name);
        return value;
    }
}
const jsonOption = {
    name: 'json',
    description: 'Print one JSON object on stdout and nothing else there; progress goes to stderr.',
    flag: true,
    cliOnly: true
};


/***/ }),

/***/ 1537:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   X$: () => (/* binding */ sanitizeLines),
/* harmony export */   mI: () => (/* binding */ sanitizeLog),
/* harmony export */   pF: () => (/* binding */ singleLine)
/* harmony export */ });
/* unused harmony exports sanitizeLine, LINE_BREAK */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(452);

/**
 * The one sanitiser for text that reaches a log: the CLI's stderr and stdout, the action's step
 * log and annotations. Whatever a deployed app, a target or a receiver wrote can be in that text,
 * and the GitHub Actions runner reads every line of a step's output for workflow commands:
 *
 * - it splits the output into lines at `\n`, `\r\n` AND a lone `\r`;
 * - a line whose start, after white space, is `::` is a command (`::warning::`, `::add-mask::`,
 *   `::stop-commands::TOKEN`, which turns every later command of the step off);
 * - the legacy form `##[command]data` counts ANYWHERE in a line.
 *
 * So: C0 and C1 control characters, DEL and the Unicode line separators are shown as escapes
 * (`\r`, `\n`, `\x1b`, `\u2028`), `##[` anywhere becomes `##\[`, and a line that would start with
 * `::` gets a backslash before it. Only shipgate itself (through @actions/core) writes commands.
 */
// C0 (but tab), DEL, C1, and the line and paragraph separators
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/;
const CONTROL = new RegExp(CONTROL_CHAR.source, 'g');
const NAMED = { '\n': '\\n', '\r': '\\r', '\x1b': '\\x1b' };
function escapeControl(c) {
    const named = NAMED[c];
    if (named)
        return named;
    const code = c.charCodeAt(0);
    return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
}
/** Leading white space as .NET's TrimStart() sees it (the runner trims before looking for `::`). */
const LEADING_SPACE = /^[\s\u0085\u180e]*/;
/** One log line: no control character, no line break, no workflow command. */
function sanitizeLine(text) {
    const flat = text.replace(CONTROL, escapeControl).replace(/##\[/g, '##\\[');
    const indent = LEADING_SPACE.exec(flat)?.[0] ?? '';
    return flat.startsWith('::', indent.length) ? `${indent}\\${flat.slice(indent.length)}` : flat;
}
/** The line breaks the runner splits on (and CommonMark, for summaries). */
const LINE_BREAK = /\r\n|\r|\n/;
/**
 * Text for the log that may span lines (a command's stderr inside an error message): each line
 * sanitised; lines after the first are indented with `  | `, so that no line of foreign text can
 * pass for one of shipgate's own.
 */
function sanitizeLog(text) {
    const lines = text.replace(/(?:\r\n|\r|\n)+$/, '').split(LINE_BREAK);
    return lines.map((line, i) => (i === 0 ? sanitizeLine(line) : `  | ${sanitizeLine(line)}`)).join('\n');
}
/**
 * Text whose line structure is shipgate's own (a table on stdout): every line sanitised, the
 * lines kept as they are.
 */
function sanitizeLines(text) {
    return text.split(LINE_BREAK).map(sanitizeLine).join('\n');
}
/**
 * An input that names one thing (a path, a JSON field) is one line: a line break or another
 * control character in it is a mistake or an attack, refused before anything happens (exit 2).
 */
function singleLine(value, input) {
    if (CONTROL_CHAR.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`'${sanitizeLine(value)}' holds a line break or another control character`, input);
    }
    return value;
}


/***/ }),

/***/ 8805:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IC: () => (/* binding */ lineCount),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Ml: () => (/* binding */ parseJsonLoose),
/* harmony export */   Sv: () => (/* binding */ basenameOf),
/* harmony export */   Z8: () => (/* binding */ normaliseRelative),
/* harmony export */   az: () => (/* binding */ dirnameOf),
/* harmony export */   cA: () => (/* binding */ lineOf),
/* harmony export */   iO: () => (/* binding */ posixJoin),
/* harmony export */   qd: () => (/* binding */ parseDotenv)
/* harmony export */ });
/* unused harmony exports lineAt, stripJsonComments */
/** Small pure helpers over file text: line numbers, JSON with comments, dotenv. */
/** 1-based line of a character offset. */
function lineAt(text, offset) {
    let line = 1;
    const end = Math.min(offset, text.length);
    for (let i = 0; i < end; i++)
        if (text.charCodeAt(i) === 10)
            line++;
    return line;
}
/** 1-based line of the first match, or null. */
function lineOf(text, pattern) {
    if (typeof pattern === 'string') {
        const at = text.indexOf(pattern);
        return at < 0 ? null : lineAt(text, at);
    }
    const match = pattern.exec(text);
    return match ? lineAt(text, match.index) : null;
}
function lineCount(text) {
    return text === '' ? 1 : lineAt(text, text.length) - (text.endsWith('\n') ? 1 : 0);
}
/** Removes // and /* comments and trailing commas outside strings (tsconfig is JSONC). */
function stripJsonComments(text) {
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            out += c;
            if (c === '\\')
                out += text[++i] ?? '';
            else if (c === '"')
                inString = false;
            continue;
        }
        if (c === '"') {
            inString = true;
            out += c;
        }
        else if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n')
                i++;
            out += '\n';
        }
        else if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            const skipped = text.slice(i, end < 0 ? text.length : end + 2);
            out += skipped.replace(/[^\n]/g, ' ');
            i = end < 0 ? text.length : end + 1;
        }
        else
            out += c;
    }
    return out.replace(/,(\s*[}\]])/g, '$1');
}
function parseJsonLoose(text) {
    if (text === undefined)
        return null;
    try {
        const value = JSON.parse(stripJsonComments(text));
        return value && typeof value === 'object' && !Array.isArray(value)
            ? value
            : null;
    }
    catch {
        return null;
    }
}
/** KEY=value lines (optional `export `, quotes, # comments); the values stay in memory only. */
function parseDotenv(text) {
    const entries = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
        if (!match)
            return;
        let value = match[2].trim();
        const quote = value[0];
        if ((quote === '"' || quote === "'" || quote === '`') && value.length > 1) {
            const end = value.indexOf(quote, 1);
            value = end > 0 ? value.slice(1, end) : value.slice(1);
        }
        else {
            value = value.replace(/\s+#.*$/, '').trim();
        }
        entries.push({ name: match[1], value, line: index + 1 });
    });
    return entries;
}
/** A relative posix path: empty and `.` segments dropped (`./x/` and `x` are one path). */
const posixJoin = (...parts) => parts
    .join('/')
    .split('/')
    .filter(segment => segment !== '' && segment !== '.')
    .join('/');
/** Normalises `./dist/`, `dist`, `/dist` to `dist`; returns null for paths leaving the repository. */
function normaliseRelative(path) {
    const parts = [];
    for (const part of path.replace(/\\/g, '/').split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (parts.length === 0)
                return null;
            parts.pop();
        }
        else
            parts.push(part);
    }
    return parts.join('/');
}
const dirnameOf = (path) => path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
const basenameOf = (path) => path.slice(path.lastIndexOf('/') + 1);
/** `1 file`, `2 files`. */
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}


/***/ }),

/***/ 9717:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ isWorkflowPath),
/* harmony export */   BM: () => (/* binding */ isShellScriptPath),
/* harmony export */   Bi: () => (/* binding */ DEFAULT_CONFIG_PATH),
/* harmony export */   En: () => (/* binding */ isComposePath),
/* harmony export */   Yt: () => (/* binding */ SECRET_FILE),
/* harmony export */   aJ: () => (/* binding */ isInterestingPath),
/* harmony export */   c6: () => (/* binding */ isTaskDefinitionCandidate),
/* harmony export */   e4: () => (/* binding */ isDockerfilePath),
/* harmony export */   p_: () => (/* binding */ ENV_EXAMPLE_FILES),
/* harmony export */   rp: () => (/* binding */ isPm2ConfigPath)
/* harmony export */ });
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8805);

/**
 * What kind of file a path is, by name only. Shared by the loader (which files to read) and the
 * parsing step (which parser to load), so that neither depends on a rule.
 */
/** `Dockerfile`, `dockerfile`, `Dockerfile.prod`, `prod.Dockerfile`, `Containerfile` (any case). */
function isDockerfilePath(path) {
    const base = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .basenameOf */ .Sv)(path);
    return (/^(dockerfile|containerfile)(\.[\w.-]+)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base));
}
function isWorkflowPath(path) {
    return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}
function isShellScriptPath(path) {
    return /\.(sh|bash)$/.test(path) || /^(GNUmakefile|Makefile|makefile)$/.test((0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .basenameOf */ .Sv)(path));
}
/** ecosystem.config.js, ecosystem.config.cjs, pm2.json, ecosystem.yaml, ... */
function isPm2ConfigPath(path) {
    const base = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .basenameOf */ .Sv)(path);
    return (/^(ecosystem|pm2|process)([.-][\w-]+)*\.(c?js|mjs|json|ya?ml)$/.test(base) &&
        !/^process\.(c?js|mjs)$/.test(base));
}
/** docker-compose.yml, compose.yaml, docker-compose.prod.yml, ... */
function isComposePath(path) {
    return /^(docker-)?compose([.-][\w-]+)*\.ya?ml$/.test((0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .basenameOf */ .Sv)(path));
}
/** task-definition.json, taskdef.json, ecs-task-def.prod.json, .aws/*.json: candidates, confirmed by content. */
function isTaskDefinitionCandidate(path) {
    const base = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .basenameOf */ .Sv)(path);
    return /\.json$/.test(base) && (/task[-_.]?def/i.test(base) || /(^|\/)\.aws\/[^/]+\.json$/.test(path));
}
const ENV_EXAMPLE_FILES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];
/** Key files and env files that must never be baked into an image. */
const SECRET_FILE = /^(\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?|.*\.(pem|p8|p12|pfx|key)|id_(rsa|dsa|ecdsa|ed25519)(\.\w+)?)$/;
/** Extensions of files no rule reads: most of a large tree, rejected before any other test. */
const NEVER_READ = /\.(ts|tsx|mts|cts|jsx|vue|svelte|md|mdx|css|scss|less|html|svg|png|jpe?g|gif|webp|ico|woff2?|ttf|map|go|py|rb|rs|java|kt|php|cs|txt|lock|snap|csv|sql|graphql|proto)$/;
/** The files whose contents are read (the rest of the tree is only listed). */
function isInterestingPath(path) {
    if (NEVER_READ.test(path))
        return false;
    const base = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .basenameOf */ .Sv)(path);
    if (base === 'package.json')
        return true;
    if (!path.includes('/') && (/^tsconfig(\..+)?\.json$/.test(base) || base === '.gitignore'))
        return true;
    if (ENV_EXAMPLE_FILES.includes(base) || base === '.dockerignore')
        return true;
    return (isPm2ConfigPath(path) ||
        isDockerfilePath(path) ||
        isWorkflowPath(path) ||
        isShellScriptPath(path) ||
        isComposePath(path) ||
        isTaskDefinitionCandidate(path));
}
const DEFAULT_CONFIG_PATH = '.github/shipgate.yml';


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  w: () => (/* binding */ runValidateAction),
  K: () => (/* binding */ runValidateCli)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: ./lib/errors.js
var errors = __nccwpck_require__(452);
// EXTERNAL MODULE: ./lib/options.js
var options = __nccwpck_require__(1097);
;// CONCATENATED MODULE: ./lib/runner.js
/**
 * The run's environment, read once at the edge (main.ts, cli.ts, post.ts) and passed down,
 * and the keys main and post use to talk: no module reads process.env for these, and no state
 * key is spelled twice.
 */
/** Keys of the action's saved state (core.saveState in main, core.getState in post). */
const StateKey = {
    /** The command main ran: post runs that command's post hook. */
    Command: 'command',
    /** The deploy lock this run holds: {path, createdAt, ssh}; post frees it when main was cancelled. */
    DeployLock: 'deploy-lock',
    /** A release taking traffic without a verdict yet: {release, restoreTo}; post finishes the restore. */
    Switching: 'switching',
    /** Private folders with the SSH key, known hosts and control socket: post removes them. */
    SshTempDirs: 'ssh-temp-dir',
    /** The cache plan main restored: post saves. */
    CachePlan: 'cache-plan'
};
const VERSION = '0.2.0';
function readRunContext(env = process.env, cwd = process.cwd()) {
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    const repository = env.GITHUB_REPOSITORY || cwd.split('/').pop() || 'unknown';
    const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` +
            (env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1'
                ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
                : '')
        : null;
    return {
        repository,
        githubRepository: env.GITHUB_REPOSITORY || null,
        workspace: env.GITHUB_WORKSPACE || cwd,
        cacheMode: env.ACTIONS_CACHE_MODE || null,
        runUrl,
        runId: env.GITHUB_RUN_ID || null,
        sha: env.GITHUB_SHA || null,
        ref: env.GITHUB_REF || null,
        actor: env.GITHUB_ACTOR || null,
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        serverUrl: server,
        runnerTemp: env.RUNNER_TEMP || null,
        actions: env.GITHUB_ACTIONS === 'true',
        version: env.SHIPGATE_VERSION || VERSION,
        rsyncBwlimitKiB: Number(env.SHIPGATE_RSYNC_BWLIMIT || 0) || 0
    };
}

// EXTERNAL MODULE: ./lib/util/sanitize.js
var sanitize = __nccwpck_require__(1537);
;// CONCATENATED MODULE: ./lib/cli-command.js





const defaultIo = {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text)
};
function commandHelp(command) {
    const rows = command.options.map((o) => {
        const flag = o.flag ? `--${o.name}` : `--${o.name} ${o.multiple ? 'VALUE...' : 'VALUE'}`;
        const def = o.default !== undefined ? ` (default: ${o.default})` : '';
        return `  ${flag.padEnd(30)} ${o.description}${def}`;
    });
    return `Usage: shipgate ${command.name} [flags]\n\n${command.summary}\n\nFlags:\n${rows.join('\n')}\n`;
}
function parseFlags(command, argv) {
    const options = {};
    for (const spec of command.options) {
        options[spec.name] = spec.flag
            ? { type: 'boolean' }
            : { type: 'string', multiple: spec.multiple ?? false };
    }
    try {
        const { values } = (0,external_node_util_.parseArgs)({ args: argv, options, strict: true, allowPositionals: false });
        return values;
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`${(0,errors/* messageOf */.bD)(error)} (see 'shipgate ${command.name} --help')`);
    }
}
/** `shipgate <command> ...rest`: help, flags, the run, and the exit code. */
async function runCommand(command, rest, io = defaultIo) {
    if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout(commandHelp(command));
        return errors/* ExitCode */.yU.Success;
    }
    // The log's edge: a CLI run inside a workflow step writes to the step log, where the runner
    // reads workflow commands; whatever an app, a target or a peer said is sanitised here.
    const context = {
        mode: 'cli',
        log: line => io.stderr(`${(0,sanitize/* sanitizeLog */.mI)(line)}\n`),
        warn: message => io.stderr(`${(0,sanitize/* sanitizeLog */.mI)(`warning: ${message}`)}\n`),
        saveState: () => undefined,
        setSecret: () => undefined,
        exportVariable: () => undefined,
        annotate: () => undefined,
        run: readRunContext()
    };
    let json = false;
    try {
        const raw = parseFlags(command, rest);
        json = raw.json === true;
        const outcome = await command.run(new options/* Inputs */.G(command.options, raw), context);
        // JSON.stringify escapes every control character: one line that starts with {
        io.stdout(json ? `${JSON.stringify(outcome.json)}\n` : `${(0,sanitize/* sanitizeLines */.X$)(outcome.text)}\n`);
        return outcome.exitCode;
    }
    catch (error) {
        const code = (0,errors/* exitCodeFor */.Rr)(error);
        const expected = (0,errors/* isExpectedError */.BI)(error);
        const label = code === errors/* ExitCode */.yU.BadInput
            ? 'error'
            : expected
                ? 'failed'
                : 'internal error (a bug of ours, please report it)';
        io.stderr(`${(0,sanitize/* sanitizeLog */.mI)(`shipgate ${command.name}: ${label}: ${(0,errors/* messageOf */.bD)(error)}`)}\n`);
        if (!expected && error instanceof Error && error.stack)
            io.stderr(`${(0,sanitize/* sanitizeLog */.mI)(error.stack)}\n`);
        if (json)
            io.stdout(`${JSON.stringify({ error: (0,errors/* messageOf */.bD)(error), exitCode: code })}\n`);
        return code;
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./lib/duration.js
var duration = __nccwpck_require__(1999);
;// CONCATENATED MODULE: ./lib/util/child-env.js
/**
 * What a child started on this machine (a local deploy's install step, PM2, the app, the app
 * validate boots) inherits: an allow-list, never the runner's whole environment with its tokens
 * (ACTIONS_RUNTIME_TOKEN, the cache and OIDC request tokens, secret inputs). Anything else is
 * passed by name (pass-env for a deploy, require-env for validate's boot).
 */
const ALLOWED = new Set([
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'SHELL',
    'LANG',
    'LANGUAGE',
    'TZ',
    'TMPDIR',
    'TERM',
    'PM2_HOME'
]);
function childEnvironment(source, passEnv = []) {
    const env = {};
    for (const [name, value] of Object.entries(source)) {
        if (value === undefined)
            continue;
        if (ALLOWED.has(name) || name.startsWith('LC_') || passEnv.includes(name))
            env[name] = value;
    }
    return env;
}

// EXTERNAL MODULE: ./lib/validate/files.js
var files = __nccwpck_require__(9717);
;// CONCATENATED MODULE: ./lib/validate/options.js


/** The validate flags (CLI) and inputs (action.yml), named alike. */
const validateOptions = [
    { name: 'dir', description: 'Directory of the repository or artifact to validate.', default: '.' },
    {
        name: 'require-env',
        description: 'Names of environment variables the app needs (commas, newlines or repeated flags); with the keys marked `# required` in .env.example, checked against the production env (env-file, check-environment or a task definition).',
        multiple: true
    },
    {
        name: 'env-file',
        description: 'The production env file (KEY=value lines) to check the required variables against. Its values are masked in the log and never printed, encoded or not.'
    },
    {
        name: 'check-environment',
        description: "Treat this step's environment as the production env (a deploy job that receives its secrets as environment variables). Without it, env-file or a task definition, missing variables are not errors: a PR check has no production env.",
        default: 'false',
        flag: true
    },
    {
        name: 'task-definition',
        description: 'ECS task definition JSON file(s) the deploy registers, relative to dir (commas, newlines or repeated flags); also found by evidence (a workflow that deploys it, a task-definition.json).',
        multiple: true
    },
    {
        name: 'config',
        description: 'Configuration (rules off or at another severity, paths brought into or left out of scope), relative to dir.',
        default: files/* DEFAULT_CONFIG_PATH */.Bi
    },
    { name: 'sarif', description: 'Also write the findings as SARIF 2.1.0 to this file (for code scanning).' },
    {
        name: 'boot',
        description: 'Opt-in boot-smoke rule: the production start command (e.g. "npm start"), run in dir, gated briefly on boot-url, then stopped. The app gets PATH, HOME and the like, the require-env variables and the env file, never the runner\'s tokens or the step\'s inputs.'
    },
    {
        name: 'boot-url',
        description: 'Health URL of the booted app (http://127.0.0.1:PORT/health); required with boot.'
    },
    { name: 'boot-timeout', description: 'Time the booted app has to become healthy.', default: '30s' },
    { name: 'boot-window', description: 'Time the booted app must then stay healthy.', default: '5s' }
];
const validateCliOptions = [...validateOptions, options/* jsonOption */.E];

;// CONCATENATED MODULE: ./lib/util/redact.js
/**
 * Redaction of secrets from text that shipgate did not write itself: a receiver's answer, an API
 * error, a command's output. A peer rarely echoes a secret as it was given: an Express 404 page
 * says `Cannot POST /services/T.../B.../<token>` (the path alone, HTML-escaped), an API puts it
 * URL-encoded into an error or base64 into a JSON field. So each secret is removed in its plain
 * form and in those encodings, and a webhook URL counts as several secrets: itself, its path and
 * query, and each path segment or query value that looks like a credential.
 */
const MASK = '***';
/** Encoded forms shorter than this are not redacted on their own (too many false hits). */
const MIN_DERIVED = 8;
/**
 * base64 and base64url of `secret` as they appear inside longer encoded text: base64 packs 3
 * bytes into 4 digits, so the secret's digits depend on where it starts modulo 3. For each of
 * the three starts, the digits of the complete 3-byte groups that hold only the secret's bytes.
 */
function base64Forms(secret) {
    const bytes = Buffer.from(secret, 'utf8');
    const unpadded = bytes.toString('base64').replace(/=+$/, '');
    // the padded form too ("...==" at the end of a field), when the form itself is long enough to count
    const forms = unpadded.length >= MIN_DERIVED ? [bytes.toString('base64'), unpadded] : [unpadded];
    for (let offset = 0; offset < 3; offset++) {
        const part = bytes.subarray(offset);
        const whole = part.subarray(0, part.length - (part.length % 3));
        if (whole.length > 0)
            forms.push(whole.toString('base64'));
    }
    return forms.flatMap(f => [f, f.replace(/\+/g, '-').replace(/\//g, '_')]);
}
/** The forms in which a peer may echo `secret`: plain, URL-, JSON- and HTML-escaped, base64, hex. */
function secretVariants(secret) {
    const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const encoded = encodeURIComponent(secret);
    const json = JSON.stringify(secret).slice(1, -1);
    const hex = Buffer.from(secret, 'utf8').toString('hex');
    const derived = [
        encoded,
        encoded.replace(/%[0-9A-F]{2}/g, h => h.toLowerCase()),
        encodeURI(secret),
        json,
        json.replace(/\//g, '\\/'),
        html,
        html.replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
        ...base64Forms(secret),
        // a short secret's hex is long enough to hit unrelated text: only from secrets that are long themselves
        ...(secret.length >= MIN_DERIVED ? [hex, hex.toUpperCase()] : [])
    ];
    return [...new Set([secret, ...derived.filter(v => v.length >= MIN_DERIVED)])];
}
/**
 * A redactor that also removes a PREFIX of any form, at least `minPrefix` characters long: a log
 * line that cut a token after 12 characters still leaks 12 of them. One pass over the text; the
 * forms are indexed by their first characters.
 */
function makeRedactor(secrets, minPrefix = MIN_DERIVED) {
    const forms = [...new Set([...secrets].filter(s => s.length > 0).flatMap(secretVariants))].sort((a, b) => b.length - a.length);
    if (forms.length === 0)
        return text => text;
    const byPrefix = new Map();
    for (const form of forms) {
        const key = form.slice(0, Math.min(minPrefix, form.length));
        byPrefix.set(key, [...(byPrefix.get(key) ?? []), form]);
    }
    const keys = [...byPrefix.keys()].sort((a, b) => b.length - a.length);
    return (text) => {
        let out = '';
        let i = 0;
        while (i < text.length) {
            let matched = 0;
            for (const key of keys) {
                if (!text.startsWith(key, i))
                    continue;
                for (const form of byPrefix.get(key) ?? []) {
                    let n = key.length;
                    while (n < form.length && text[i + n] === form[n])
                        n++;
                    // the whole form, or a prefix of it at least minPrefix long
                    if ((n === form.length || n >= minPrefix) && n > matched)
                        matched = n;
                }
                if (matched > 0)
                    break;
            }
            if (matched > 0) {
                out += MASK;
                i += matched;
            }
            else
                out += text[i++];
        }
        return out;
    };
}
/** Replaces every secret, in every form of secretVariants, by ***; the longest forms first. */
function redact(text, secrets) {
    const forms = [...new Set([...secrets].filter(s => s.length > 0).flatMap(secretVariants))].sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of forms)
        if (out.includes(form))
            out = out.split(form).join(MASK);
    return out;
}
/**
 * A path segment or query value that may be a credential: long enough, and not a plain word
 * (`services`, `webhooks`, `triggers`), which would only blank out unrelated text when masked.
 */
function looksSecret(value) {
    return value.length >= 8 && (/[0-9A-Z_]/.test(value) || value.length >= 16);
}
function decoded(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
}
/**
 * The secrets of a webhook URL (Slack's /services/T.../B.../<token>, any JSON webhook): the URL
 * itself, its path with and without the query, the user and password, and every path segment and
 * query value that looks like a credential, both as written and decoded.
 */
function urlSecrets(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return [url];
    }
    const parts = [url, parsed.href, `${parsed.pathname}${parsed.search}`, parsed.search.slice(1)];
    if (parsed.pathname !== '/')
        parts.push(parsed.pathname);
    if (parsed.username)
        parts.push(parsed.username, decoded(parsed.username));
    if (parsed.password)
        parts.push(parsed.password, decoded(parsed.password));
    for (const segment of parsed.pathname.split('/'))
        parts.push(segment, decoded(segment));
    for (const pair of parsed.search.slice(1).split('&')) {
        const value = pair.slice(pair.indexOf('=') + 1);
        parts.push(value, decoded(value));
    }
    const keep = (p, i) => (i < 2 ? p.length > 0 : looksSecret(p));
    return [...new Set(parts.filter(keep))];
}
/** A Telegram bot token (123456:ABC...) and its secret half, after the colon. */
function telegramTokenSecrets(token) {
    const secretHalf = token.slice(token.indexOf(':') + 1);
    return [...new Set([token, ...(looksSecret(secretHalf) ? [secretHalf] : [])])];
}

;// CONCATENATED MODULE: ./lib/validate/redact.js
/**
 * Secret values leave no trace in what validate prints: not verbatim, not in the encodings a
 * program commonly prints them in (base64, base64url, URL-encoding, hex), and not as a prefix long
 * enough to matter (a log line that cuts a token after 12 characters still leaks 12 of them).
 */

/** Shorter values are not treated as secrets (ports, flags, `true`): masking them would garble every line. */
const MIN_SECRET_LENGTH = 6;
/** A prefix this long of a secret (or of an encoded form) is redacted wherever it appears. */
const MIN_PREFIX_LENGTH = 8;
const NOT_SECRET = /^(true|false|yes|no|on|off|null|none|undefined|production|development|staging|test)$/i;
function isMaskable(value) {
    const v = value.trim();
    return v.length >= MIN_SECRET_LENGTH && !NOT_SECRET.test(v) && !/^\d{1,6}$/.test(v);
}
/** The forms a value takes when a program prints it encoded (the runner masks each of them). */
function encodedForms(value) {
    return secretVariants(value).filter(f => f.length >= MIN_SECRET_LENGTH);
}
/** Replaces every env value worth masking (and its encoded forms and long prefixes) by ***. */
function redact_makeRedactor(secrets) {
    return makeRedactor([...secrets].filter(isMaskable).map(v => v.trim()), MIN_PREFIX_LENGTH);
}

// EXTERNAL MODULE: ./lib/util/text.js
var util_text = __nccwpck_require__(8805);
;// CONCATENATED MODULE: ./lib/util/html.js
/**
 * Job summaries are GitHub-flavoured Markdown with HTML blocks. CommonMark ends an HTML block such
 * as `<table>`, `<p>` or `<details>` at the first blank line; whatever follows is Markdown again,
 * so a blank line planted in user text (a log line, a history field, a receiver's answer) would
 * let `![image](...)` or `[link](...)` after it render. User text therefore goes through
 * escapeHtml, which leaves no line break at all, or into codeFence.
 */
/** User text (URLs, error messages, log lines) for one line of an HTML block in a summary. */
function escapeHtml(text) {
    return (text
        .replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
        // CommonMark's line endings: \r\n, \r and \n; none may survive inside an HTML block
        .replace(/\r\n|\r|\n/g, '<br>')
        .replace(/\0/g, '\ufffd'));
}
/**
 * A fenced code block for literal text (evidence): its fence is longer than any run of backticks
 * in the text, so no line of the text can close it, and nothing inside is read as Markdown or HTML.
 */
function codeFence(text, info = 'text') {
    const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    return `${fence}${info}\n${text.replace(/\0/g, '\ufffd')}\n${fence}`;
}
function table(headers, rows) {
    const head = `<tr>${headers.map(h => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
    const body = rows.map(r => `<tr>${r.map(c => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
    return `${['<table>', head, ...body, '</table>'].join('\n')}\n`;
}

;// CONCATENATED MODULE: ./lib/validate/report.js


function countFindings(findings) {
    const counts = { error: 0, warning: 0, notice: 0 };
    for (const f of findings)
        counts[f.severity]++;
    return counts;
}
function countsLine(counts) {
    return `${(0,util_text/* plural */.LS)(counts.error, 'error')}, ${(0,util_text/* plural */.LS)(counts.warning, 'warning')}, ${(0,util_text/* plural */.LS)(counts.notice, 'notice')}`;
}
/** The CLI report: findings grouped by file, most severe first within each file. */
function renderText(findings, rulesRun, dir) {
    const counts = countFindings(findings);
    const lines = [];
    const groups = new Map();
    for (const f of findings) {
        const key = f.file ?? '(no file)';
        groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const order = [...groups.keys()].sort((a, b) => a === '(no file)' ? 1 : b === '(no file)' ? -1 : a.localeCompare(b));
    for (const file of order) {
        lines.push(file);
        const items = (groups.get(file) ?? []).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        for (const f of items) {
            const at = f.line === null ? '' : `${f.line}`;
            lines.push(`  ${at.padStart(5)}  ${f.severity.padEnd(7)}  ${f.rule}: ${f.message}`);
            lines.push(`  ${''.padStart(5)}  ${''.padEnd(7)}  fix: ${f.fix}`);
            if (f.evidence)
                lines.push(`  ${''.padStart(5)}  ${''.padEnd(7)}  evidence: ${f.evidence}`);
        }
        lines.push('');
    }
    const verdict = counts.error > 0 ? 'FAIL' : 'PASS';
    lines.push(`${verdict}: ${countsLine(counts)} in ${dir} (${rulesRun} rules run)`);
    return lines.join('\n');
}
const icon = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
const SUMMARY_ROWS = 200;
/** The job summary: counts, then a table of findings (most severe first). User text is escaped. */
function renderSummary(findings, rulesRun) {
    const counts = countFindings(findings);
    const head = `## ${counts.error > 0 ? '❌' : '✅'} shipgate validate: ${counts.error > 0 ? 'FAIL' : 'PASS'}`;
    const lines = [head, '', `<p>${escapeHtml(countsLine(counts))} from ${rulesRun} rules.</p>`, ''];
    if (findings.length > 0) {
        lines.push('<table>', '<tr><th>severity</th><th>rule</th><th>where</th><th>finding</th><th>fix</th></tr>');
        for (const f of findings.slice(0, SUMMARY_ROWS)) {
            const where = f.file ? `${f.file}${f.line !== null ? `:${f.line}` : ''}` : '';
            lines.push(`<tr><td>${icon[f.severity]} ${f.severity}</td><td><code>${escapeHtml(f.rule)}</code></td><td>${escapeHtml(where)}</td><td>${escapeHtml(f.message)}${f.evidence ? `<br><sub>evidence: ${escapeHtml(f.evidence)}</sub>` : ''}</td><td>${escapeHtml(f.fix)}</td></tr>`);
        }
        lines.push('</table>');
        if (findings.length > SUMMARY_ROWS)
            lines.push(`<p>${findings.length - SUMMARY_ROWS} more findings: see the log or --sarif.</p>`);
    }
    return `${lines.join('\n')}\n`;
}
/** The runner shows ten annotations of each kind per step: the most severe first, the rest counted. */
const ANNOTATIONS_PER_LEVEL = 10;
function planAnnotations(findings) {
    const shown = [];
    const used = { error: 0, warning: 0, notice: 0 };
    let hidden = 0;
    for (const f of findings) {
        if (used[f.severity] >= ANNOTATIONS_PER_LEVEL) {
            hidden++;
            continue;
        }
        used[f.severity]++;
        shown.push({
            severity: f.severity,
            message: `${f.message}\nFix: ${f.fix}${f.evidence ? `\nEvidence: ${f.evidence}` : ''}`,
            properties: {
                title: `shipgate ${f.rule}`,
                ...(f.file ? { file: f.file } : {}),
                ...(f.file && f.line !== null ? { startLine: f.line } : {})
            }
        });
    }
    return { shown, hidden };
}
const sarifLevel = { error: 'error', warning: 'warning', notice: 'note' };
const pascal = (id) => id.replace(/(^|-)(\w)/g, (_m, _d, c) => c.toUpperCase());
/** SARIF 2.1.0, as GitHub code scanning reads it: one run, every rule described, paths relative to the checkout. */
/**
 * GitHub code scanning rejects a result without a location, so a finding that concerns no file
 * (an env var missing from the environment, no .gitignore at all) is shown on `fallbackFile`.
 */
function renderSarif(findings, rules, version, uriPrefix = '', fallbackFile = 'package.json') {
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const descriptors = rules.map(r => ({
        id: r.id,
        name: pascal(r.id),
        shortDescription: { text: r.title },
        fullDescription: { text: r.why },
        help: { text: r.fix, markdown: `**Why:** ${r.why}\n\n**Fix:** ${r.fix}` },
        defaultConfiguration: { level: sarifLevel[r.severity] },
        properties: { tags: ['shipgate'] }
    }));
    const results = findings.map(f => ({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule) ?? -1,
        level: sarifLevel[f.severity],
        message: { text: `${f.message} Fix: ${f.fix}` },
        ...(f.evidence ? { properties: { evidence: f.evidence } } : {}),
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: `${uriPrefix}${f.file ?? fallbackFile}`, uriBaseId: '%SRCROOT%' },
                    region: { startLine: f.file ? (f.line ?? 1) : 1 }
                }
            }
        ]
    }));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'shipgate',
                        version,
                        rules: descriptors
                    }
                },
                columnKind: 'utf16CodeUnits',
                results
            }
        ]
    };
}

;// CONCATENATED MODULE: ./lib/commands/validate.js










// The rules and their parsers load only when validate runs, and each parser only for the kinds
// of files the repository has (see validate/parsed.ts): validate starts as fast as node does.
const loadValidator = () => Promise.all([
    __nccwpck_require__.e(/* import() */ 334).then(__nccwpck_require__.bind(__nccwpck_require__, 6334)),
    Promise.all(/* import() */[__nccwpck_require__.e(969), __nccwpck_require__.e(16)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3016)),
    Promise.all(/* import() */[__nccwpck_require__.e(969), __nccwpck_require__.e(24)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7024))
]);
async function readConfig(root, path, explicit, ruleIds) {
    const full = (0,external_node_path_.resolve)(root, path);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(full, 'utf8');
    }
    catch {
        if (explicit)
            throw new errors/* ConfigurationError */.j1(`cannot read '${path}'`, 'config');
        return { rules: new Map(), include: [], exclude: [] };
    }
    const { parseValidateConfig } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(562)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4562));
    return parseValidateConfig(text, path, ruleIds);
}
function parseBootUrl(text) {
    try {
        const url = new URL(text);
        if (url.protocol === 'http:' || url.protocol === 'https:')
            return url.toString();
    }
    catch {
        // reported below
    }
    throw new errors/* ConfigurationError */.j1(`'${text}' is not an http or https URL`, 'boot-url');
}
const validateCommand = {
    name: 'validate',
    summary: 'Refuse a release that cannot work: stale builds, module formats, PM2, env, Dockerfiles, workflows, ECS task definitions.',
    options: validateCliOptions,
    async run(inputs, context) {
        const dir = inputs.required('dir');
        const root = (0,external_node_path_.resolve)(dir);
        const configPath = inputs.required('config');
        const boot = inputs.string('boot');
        const bootUrl = inputs.string('boot-url');
        if (boot && !bootUrl)
            throw new errors/* ConfigurationError */.j1('is required with boot', 'boot-url');
        if (bootUrl && !boot)
            throw new errors/* ConfigurationError */.j1('is required with boot-url', 'boot');
        const bootConfig = boot
            ? {
                url: parseBootUrl(bootUrl),
                timeoutMs: (0,duration/* parseDuration */.E9)(inputs.required('boot-timeout'), 'boot-timeout'),
                windowMs: (0,duration/* parseDuration */.E9)(inputs.required('boot-window'), 'boot-window')
            }
            : null;
        const checkEnvironment = inputs.boolean('check-environment');
        const [{ redactFindings, runRules, sortFindings, toFindings }, { loadEnv, loadRepo }, { allRules, staticRules }] = await loadValidator();
        const loadOptions = {
            dir,
            requireEnv: inputs.list('require-env'),
            envFile: inputs.string('env-file') ?? null,
            environment: process.env,
            checkEnvironment,
            taskDefinitions: inputs.list('task-definition')
        };
        // The env file's values are secrets: the runner masks them (and the forms a program prints
        // them in) before anything of this run can be printed.
        const env = loadEnv(loadOptions, root);
        const secrets = env?.kind === 'file' ? [...env.values.values()] : [];
        if (env)
            for (const name of loadOptions.requireEnv) {
                const value = env.values.get(name);
                if (value)
                    secrets.push(value);
            }
        for (const value of new Set(secrets.filter(isMaskable).map(v => v.trim())))
            for (const form of encodedForms(value))
                context.setSecret(form);
        const redact = redact_makeRedactor(secrets);
        // the runner passes the default too: only a config named by the user must exist
        const config = await readConfig(root, configPath, configPath !== files/* DEFAULT_CONFIG_PATH */.Bi, allRules.map(r => r.id));
        const sarifInput = inputs.string('sarif');
        const sarifPath = sarifInput && (0,sanitize/* singleLine */.pF)(sarifInput, 'sarif');
        const started = performance.now();
        const repo = await loadRepo({ ...loadOptions, env, scope: config });
        context.log(`validate: ${repo.files.length} files in ${dir} (ignored paths and node_modules skipped), read in ${Math.round(performance.now() - started)} ms; deployed: ${repo.deployment.images.length} image(s), ${repo.deployment.pm2Files.size} PM2 config(s), ${repo.deployment.deployScripts.size} deploy script(s), ${repo.deployment.deployJobs.length} deploy job(s), ${repo.deployment.taskDefinitions.length} task definition(s)`);
        let findings = runRules(repo, staticRules, config);
        let rulesRun = staticRules.filter(r => config.rules.get(r.id) !== 'off').length;
        if (bootConfig && boot && config.rules.get('boot-smoke') !== 'off') {
            const { bootSmokeMeta, runBootSmoke } = await Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(784)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9784));
            rulesRun++;
            // the app under test (a pull request's code) gets the allow-list and what it is said to
            // need (require-env, the env file), never the runner's tokens or the step's inputs
            const bootEnv = childEnvironment(process.env, loadOptions.requireEnv);
            if (env?.kind === 'file')
                for (const [k, v] of env.values)
                    bootEnv[k] = v;
            const raw = await runBootSmoke({
                dir: root,
                command: boot,
                ...bootConfig,
                env: bootEnv,
                log: context.log
            });
            findings = sortFindings([...findings, ...toFindings(bootSmokeMeta, raw, config)]);
        }
        // Rules print names only; this is the safety net for anything that echoes output (boot-smoke).
        findings = redactFindings(findings, redact);
        const counts = countFindings(findings);
        // Annotations and SARIF name files from the working directory (the checkout in Actions).
        const prefixRel = (0,external_node_path_.relative)(process.cwd(), root).split(external_node_path_.sep).join('/');
        const prefix = prefixRel === '' || prefixRel.startsWith('..') ? '' : `${prefixRel}/`;
        if (sarifPath) {
            const fallbackFile = ['package.json', '.gitignore', 'Dockerfile', 'README.md'].find(f => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, f))) ??
                'package.json';
            const sarif = renderSarif(findings, allRules, context.run.version, prefix, fallbackFile);
            const out = (0,external_node_path_.resolve)(sarifPath);
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(out), { recursive: true });
            (0,external_node_fs_.writeFileSync)(out, `${JSON.stringify(sarif, null, 2)}\n`);
            context.log(`validate: SARIF written to ${sarifPath}`);
        }
        if (context.mode === 'action') {
            const { shown, hidden } = planAnnotations(findings);
            for (const a of shown)
                context.annotate(a.severity, a.message, {
                    ...a.properties,
                    ...(a.properties.file ? { file: `${prefix}${a.properties.file}` } : {})
                });
            if (hidden > 0)
                context.log(`validate: ${hidden} more finding(s) not shown as annotations (the runner shows a limited number); all are in the job summary.`);
        }
        context.log(`validate: ${countsLine(counts)}`);
        const failed = counts.error > 0;
        return {
            exitCode: failed ? errors/* ExitCode */.yU.CheckFailed : errors/* ExitCode */.yU.Success,
            json: { findings },
            text: renderText(findings, rulesRun, dir),
            outputs: { errors: String(counts.error), warnings: String(counts.warning) },
            summary: renderSummary(findings, rulesRun),
            failure: failed ? `Validation failed: ${countsLine(counts)}` : null
        };
    }
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./lib/util/runner-commands.js



const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
function issueCommand(command, properties, message) {
    let text = `::${command}`;
    const entries = Object.entries(properties).filter(([, v]) => v);
    if (entries.length > 0)
        text += ` ${entries.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}`;
    process.stdout.write(`${text}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}
function annotate(level, message, p = {}) {
    issueCommand(level, { title: p.title, file: p.file, line: p.startLine }, message);
}
const addMask = (value) => issueCommand('add-mask', {}, value);
const info = (message) => void process.stdout.write(`${message}${external_node_os_namespaceObject.EOL}`);
const debug = (message) => issueCommand('debug', {}, message);
const startGroup = (name) => issueCommand('group', {}, name);
const endGroup = () => issueCommand('endgroup', {}, '');
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** `name<<delimiter` blocks in a file command (GITHUB_OUTPUT, GITHUB_STATE); stdout when the file is unset. */
function fileCommand(variable, name, value, fallback) {
    const file = process.env[variable];
    if (!file) {
        process.stdout.write(external_node_os_namespaceObject.EOL);
        issueCommand(fallback, { name }, value);
        return;
    }
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    (0,external_node_fs_.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`, { encoding: 'utf8' });
}
const setOutput = (name, value) => fileCommand('GITHUB_OUTPUT', name, value, 'set-output');
const saveState = (name, value) => fileCommand('GITHUB_STATE', name, value, 'save-state');
function appendSummary(text) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file)
        (0,external_node_fs_.appendFileSync)(file, text, { encoding: 'utf8' });
}
function setFailed(message) {
    process.exitCode = 1;
    annotate('error', message);
}

;// CONCATENATED MODULE: ./lib/validate-entry.js







/**
 * The entry points of `validate` alone, bundled apart (dist-action/validate/): a required PR check
 * starts within Node's own start-up, without loading the deploy, cache and gate code or
 * @actions/core. dist-action/cli.js and main.js pick this bundle when the command is validate;
 * the behaviour is the same as src/cli.ts and src/main.ts for every other command.
 */
/** `shipgate validate ...` (argv[0] is `validate`). */
function runValidateCli(argv, io = defaultIo) {
    return runCommand(validateCommand, argv.slice(1), io);
}
/** The action's main step with `command: validate`, as src/main.ts runs any command. */
async function runValidateAction() {
    saveState(StateKey.Command, validateCommand.name);
    const context = {
        mode: 'action',
        log: line => info((0,sanitize/* sanitizeLog */.mI)(line)),
        warn: message => annotate('warning', (0,sanitize/* sanitizeLog */.mI)(message)),
        saveState: (key, value) => saveState(key, value),
        setSecret: value => addMask(value),
        // validate exports nothing for later steps
        exportVariable: () => undefined,
        annotate: (level, message, at) => annotate(level, (0,sanitize/* sanitizeLog */.mI)(message), at),
        run: readRunContext()
    };
    try {
        const raw = {};
        for (const spec of validateCommand.options) {
            if (spec.cliOnly)
                continue;
            const value = getInput(spec.name);
            if (value !== '')
                raw[spec.name] = value;
        }
        startGroup(`shipgate ${validateCommand.name}`);
        let outcome;
        try {
            outcome = await validateCommand.run(new options/* Inputs */.G(validateCommand.options, raw), context);
        }
        finally {
            endGroup();
        }
        for (const [key, value] of Object.entries(outcome.outputs))
            setOutput(key, value);
        if (outcome.summary)
            appendSummary(`${outcome.summary}\n`);
        if (outcome.failure)
            setFailed((0,sanitize/* sanitizeLog */.mI)(outcome.failure));
    }
    catch (error) {
        if (error instanceof errors/* ConfigurationError */.j1 || error instanceof errors/* OperationError */.OK)
            setFailed((0,sanitize/* sanitizeLog */.mI)((0,errors/* messageOf */.bD)(error)));
        else {
            setFailed((0,sanitize/* sanitizeLog */.mI)(`shipgate ${validateCommand.name} failed unexpectedly (a bug of ours, please report it): ${(0,errors/* messageOf */.bD)(error)}`));
            if (error instanceof Error && error.stack)
                debug((0,sanitize/* sanitizeLog */.mI)(error.stack));
        }
    }
}

var __webpack_exports__runValidateAction = __webpack_exports__.w;
var __webpack_exports__runValidateCli = __webpack_exports__.K;
export { __webpack_exports__runValidateAction as runValidateAction, __webpack_exports__runValidateCli as runValidateCli };
