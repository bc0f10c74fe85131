export const id = 562;
export const ids = [562];
export const modules = {

/***/ 44562:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseValidateConfig: () => (/* binding */ parseValidateConfig)
/* harmony export */ });
/* unused harmony export emptyConfig */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(452);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1207);



const emptyConfig = () => ({ rules: new Map(), include: [], exclude: [] });
const KEYS = ['rules', 'include', 'exclude'];
function patternList(value, key, file) {
    if (value === undefined || value === null)
        return [];
    const items = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(items) || items.some(i => typeof i !== 'string' || i.trim() === ''))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: 'validate.${key}' must be a list of paths or patterns`, 'config');
    return items.map(i => i.trim());
}
/** Parses the config text; unknown keys, rule ids and severities are a user's mistake (exit 2). */
function parseValidateConfig(text, file, ruleIds) {
    let doc;
    try {
        doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file} is not valid YAML: ${error.message.split('\n')[0]}`, 'config');
    }
    const config = emptyConfig();
    if (doc === null || doc === undefined)
        return config;
    if (typeof doc !== 'object' || Array.isArray(doc))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file} must be a mapping`, 'config');
    const validate = doc.validate;
    if (validate === undefined || validate === null)
        return config;
    if (typeof validate !== 'object' || Array.isArray(validate))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: 'validate' must be a mapping`, 'config');
    const section = validate;
    for (const key of Object.keys(section))
        if (!KEYS.includes(key))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: unknown key 'validate.${key}' (known: ${KEYS.join(', ')})`, 'config');
    config.include = patternList(section.include, 'include', file);
    config.exclude = patternList(section.exclude, 'exclude', file);
    const entries = section.rules ?? {};
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: 'validate.rules' must map rule ids to off, error, warning or notice`, 'config');
    const known = new Set(ruleIds);
    for (const [id, raw] of Object.entries(entries)) {
        if (!known.has(id))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: unknown rule '${id}' (known: ${[...known].join(', ')})`, 'config');
        const setting = raw === false ? 'off' : String(raw).toLowerCase();
        if (setting !== 'off' && !_types_js__WEBPACK_IMPORTED_MODULE_2__/* .SEVERITIES */ .o.includes(setting))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`${file}: rule '${id}' must be off, error, warning or notice, not '${String(raw)}'`, 'config');
        config.rules.set(id, setting);
    }
    return config;
}


/***/ }),

/***/ 1207:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ SEVERITIES),
/* harmony export */   q: () => (/* binding */ severityRank)
/* harmony export */ });
const SEVERITIES = ['error', 'warning', 'notice'];
const severityRank = { error: 0, warning: 1, notice: 2 };


/***/ })

};
