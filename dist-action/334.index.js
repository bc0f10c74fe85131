export const id = 334;
export const ids = [334];
export const modules = {

/***/ 66334:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   redactFindings: () => (/* binding */ redactFindings),
/* harmony export */   runRules: () => (/* binding */ runRules),
/* harmony export */   sortFindings: () => (/* binding */ sortFindings),
/* harmony export */   toFindings: () => (/* binding */ toFindings)
/* harmony export */ });
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45171);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1207);


/** Fills in the rule id, the configured severity and the fix; a finding on a file always gets a line. */
function toFindings(rule, raw, config) {
    const setting = config.rules.get(rule.id);
    if (setting === 'off')
        return [];
    return raw.map(r => ({
        rule: rule.id,
        severity: setting ?? r.severity ?? rule.severity,
        file: r.file,
        line: r.file === null ? r.line : (r.line ?? 1),
        message: r.message,
        fix: r.fix ?? rule.fix
    }));
}
function sortFindings(findings) {
    return [...findings].sort((a, b) => _types_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .q[a.severity] - _types_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .q[b.severity] ||
        (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.rule.localeCompare(b.rule));
}
/** Runs the static rules over a snapshot: pure, no I/O. */
function runRules(repo, rules, config) {
    const findings = [];
    for (const rule of rules) {
        if (config.rules.get(rule.id) === 'off')
            continue;
        findings.push(...toFindings(rule, rule.check(repo), config));
    }
    return sortFindings(findings);
}
/** Replaces every secret value by *** in messages and fixes (a safety net: rules print names only). */
function redactFindings(findings, secrets) {
    const values = [...new Set(secrets)].filter(v => v.length >= 4).sort((a, b) => b.length - a.length);
    if (values.length === 0)
        return findings;
    const redact = (text) => (0,_util_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(text, values);
    return findings.map(f => ({
        ...f,
        message: redact(f.message),
        fix: redact(f.fix),
        file: f.file && redact(f.file)
    }));
}


/***/ })

};
