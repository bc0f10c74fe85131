// The one bundle: dist-action/main.js, post.js and cli.js are thin wrappers around it.
export { run } from './main.js';
export { runPost } from './post.js';
export { runCli } from './cli.js';
