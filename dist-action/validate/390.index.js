export const id = 390;
export const ids = [390];
export const modules = {

/***/ 1390:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseCompose: () => (/* binding */ parseCompose)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);

/** Reads the services of a compose file; null when it is not valid YAML. */
function parseCompose(text) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter });
    if (doc.errors.length > 0 || !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(doc.contents))
        return null;
    const lineOf = (node) => node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    const services = doc.contents.get('services', true);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(services))
        return { services: [] };
    const result = [];
    for (const pair of services.items) {
        const service = pair.value;
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(service))
            continue;
        const name = String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? pair.key.value : pair.key);
        const scalar = (node) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && node.value !== null ? String(node.value) : null;
        const buildNode = service.get('build', true);
        let build = null;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(buildNode))
            build = { context: String(buildNode.value), dockerfile: null, target: null };
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(buildNode))
            build = {
                context: scalar(buildNode.get('context', true)) ?? '.',
                dockerfile: scalar(buildNode.get('dockerfile', true)),
                target: scalar(buildNode.get('target', true))
            };
        const profilesNode = service.get('profiles', true);
        result.push({
            name,
            line: lineOf(pair.key),
            build,
            image: scalar(service.get('image', true)),
            listens: service.has('ports') || service.has('expose'),
            profiles: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(profilesNode) ? profilesNode.items.map(i => String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(i) ? i.value : i)) : []
        });
    }
    return { services: result };
}


/***/ })

};
