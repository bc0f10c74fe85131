export const id = 103;
export const ids = [103];
export const modules = {

/***/ 16103:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionsCache: () => (/* binding */ actionsCache),
/* harmony export */   restoreAll: () => (/* binding */ restoreAll),
/* harmony export */   saveAll: () => (/* binding */ saveAll),
/* harmony export */   skippedRestore: () => (/* binding */ skippedRestore)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7410);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(452);
/* harmony import */ var _library_log_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71546);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(81826);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(22483);





const actionsCache = _actions_cache__WEBPACK_IMPORTED_MODULE_0__;
async function restoreOne(plan, log, lib) {
    const libraryLog = new _library_log_js__WEBPACK_IMPORTED_MODULE_2__/* .LibraryLog */ .WX(plan.name, 'restore');
    const started = performance.now();
    let matched;
    let restore;
    let note = '';
    try {
        matched = await (0,_library_log_js__WEBPACK_IMPORTED_MODULE_2__/* .withLibraryLog */ .Wl)(libraryLog, () => lib.restoreCache(plan.paths, plan.primaryKey, plan.restoreKeys));
        restore = libraryLog.restoreFailed ? 'error' : (0,_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .classifyRestore */ .jk)(matched, plan);
    }
    catch (error) {
        // a ValidationError (bad key or paths) is the only thing restoreCache throws
        restore = 'error';
        note = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error);
        log.warn(`shipgate cache (${plan.name}): restore failed, continuing without it: ${note}`);
    }
    const restoreMs = Math.round(performance.now() - started);
    if (restore === 'error' && !note)
        note = 'restore failed (see the warning above)';
    log.info(`${plan.name}: ${restore}${matched ? ` from ${matched}` : ''} in ${(restoreMs / 1000).toFixed(1)}s`);
    return {
        ...plan,
        restore,
        matchedKey: matched ?? null,
        restoreMs: matched ? restoreMs : null,
        restoreBytes: matched ? libraryLog.archiveBytes : null,
        note
    };
}
/** The main step: every preset restores at once. */
function restoreAll(plans, log, lib = actionsCache) {
    return Promise.all(plans.map(plan => restoreOne(plan, log, lib)));
}
function skippedRestore(plan, note) {
    return { ...plan, restore: 'skipped', matchedKey: null, restoreMs: null, restoreBytes: null, note };
}
/**
 * The post step: saves one preset after the other (archiving is CPU bound, and after a write
 * denied by a read-only token the others are not even tried).
 */
async function saveAll(state, jobStatus, log, lib = actionsCache) {
    const reports = [];
    let writeDenied = false;
    for (const preset of state.presets) {
        const decision = (0,_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .decideSave */ .y_)({
            kind: preset.kind,
            restore: preset.restore,
            matchedPrimaryKey: preset.matchedKey === preset.primaryKey,
            jobStatus,
            saveOnFailure: state.saveOnFailure,
            writable: state.writable,
            writeDenied
        });
        const report = {
            ...preset,
            save: 'skipped',
            saveReason: decision.reason,
            saveMs: null,
            saveBytes: null
        };
        reports.push(report);
        if (!decision.save) {
            log.info(`${preset.name}: not saved: ${decision.reason}`);
            continue;
        }
        if (!(0,_workspace_js__WEBPACK_IMPORTED_MODULE_3__/* .anyPathExists */ .c4)(preset.paths, state.workspace, state.home)) {
            report.save = 'nothing';
            report.saveReason = `nothing to save: ${preset.paths.join(', ')} not found`;
            log.info(`${preset.name}: ${report.saveReason}`);
            continue;
        }
        const libraryLog = new _library_log_js__WEBPACK_IMPORTED_MODULE_2__/* .LibraryLog */ .WX(preset.name, 'save');
        const started = performance.now();
        try {
            const id = await (0,_library_log_js__WEBPACK_IMPORTED_MODULE_2__/* .withLibraryLog */ .Wl)(libraryLog, () => lib.saveCache(preset.paths, preset.primaryKey));
            report.saveMs = Math.round(performance.now() - started);
            report.saveBytes = libraryLog.archiveBytes;
            if (id !== -1) {
                report.save = 'saved';
            }
            else if (libraryLog.writeDenied) {
                report.save = 'denied';
                report.saveReason = 'read-only token: writes are denied';
                writeDenied = true;
            }
            else if (libraryLog.alreadyExists) {
                report.save = 'exists';
                report.saveReason = 'another job saved this key first';
            }
            else {
                report.save = 'failed';
                report.saveReason = libraryLog.saveFailed
                    ? 'save failed (see the warning above)'
                    : 'not saved by the cache service';
                if (!libraryLog.saveFailed)
                    log.warn(`shipgate cache (${preset.name}): ${preset.primaryKey} was not saved`);
            }
        }
        catch (error) {
            report.saveMs = Math.round(performance.now() - started);
            const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .messageOf */ .bD)(error);
            if (error instanceof Error &&
                (error.name === 'CacheWriteDeniedError' || message.includes('cache write denied:'))) {
                // a later @actions/cache may throw it instead of logging it: honoured just as quietly
                report.save = 'denied';
                report.saveReason = 'read-only token: writes are denied';
                writeDenied = true;
            }
            else if (message.startsWith('Path Validation Error')) {
                report.save = 'nothing';
                report.saveReason = 'nothing to save: no file matched';
            }
            else {
                report.save = 'failed';
                report.saveReason = message;
                log.warn(`shipgate cache (${preset.name}): save failed, the build goes on: ${message}`);
            }
        }
        log.info(`${preset.name}: ${report.save} ${preset.primaryKey} (${report.saveReason})`);
    }
    return reports;
}


/***/ })

};
