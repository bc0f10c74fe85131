export const id = 334;
export const ids = [334];
export const modules = {

/***/ 6334:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   redactFindings: () => (/* binding */ redactFindings),
/* harmony export */   runRules: () => (/* binding */ runRules),
/* harmony export */   sortFindings: () => (/* binding */ sortFindings),
/* harmony export */   toFindings: () => (/* binding */ toFindings)
/* harmony export */ });
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
        fix: r.fix ?? rule.fix,
        evidence: r.evidence ?? null
    }));
}
function sortFindings(findings) {
    return [...findings].sort((a, b) => _types_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .q[a.severity] - _types_js__WEBPACK_IMPORTED_MODULE_0__/* .severityRank */ .q[b.severity] ||
        (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.rule.localeCompare(b.rule) ||
        a.message.localeCompare(b.message));
}
/** Runs the static rules over the parsed repository: pure, no I/O. */
function runRules(repo, rules, config) {
    const findings = [];
    for (const rule of rules) {
        if (config.rules.get(rule.id) === 'off')
            continue;
        findings.push(...toFindings(rule, rule.check(repo), config));
    }
    return sortFindings(findings);
}
/** Applies the redactor to every text of every finding (a safety net: rules print names only). */
function redactFindings(findings, redact) {
    return findings.map(f => ({
        ...f,
        message: redact(f.message),
        fix: redact(f.fix),
        file: f.file && redact(f.file),
        evidence: f.evidence && redact(f.evidence)
    }));
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
