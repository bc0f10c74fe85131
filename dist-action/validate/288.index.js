export const id = 288;
export const ids = [288];
export const modules = {

/***/ 3288:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseDockerfile: () => (/* binding */ parseDockerfile)
/* harmony export */ });
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8390);

/** Parses a Dockerfile with dockerfile-ast (the parser behind the Docker language server). */
function parseDockerfile(text) {
    const dockerfile = dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__.DockerfileParser.parse(text);
    const globalArgs = new Map();
    const stages = [];
    for (const instruction of dockerfile.getInstructions()) {
        const keyword = instruction.getKeyword().toUpperCase();
        const line = instruction.getRange().start.line + 1;
        const flagged = instruction;
        const flags = (flagged.getFlags?.() ?? []).map(f => `--${f.getName()}=${f.getValue() ?? ''}`);
        const args = [...flags, ...instruction.getArguments().map(a => a.getValue())];
        if (keyword === 'FROM') {
            const from = instruction;
            stages.push({
                image: from.getImage() ?? args.find(a => !a.startsWith('--')) ?? '',
                imageName: from.getImageName(),
                tag: from.getImageTag(),
                digest: from.getImageDigest(),
                name: from.getBuildStage()?.toLowerCase() ?? null,
                line,
                instructions: []
            });
        }
        else if (stages.length === 0) {
            if (keyword === 'ARG')
                for (const arg of args) {
                    const [name, ...value] = arg.split('=');
                    globalArgs.set(name, value.join('=').replace(/^["']|["']$/g, ''));
                }
        }
        else {
            stages[stages.length - 1].instructions.push({ keyword, args, line });
        }
    }
    return { globalArgs, stages };
}


/***/ })

};
