import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  chmodSync
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { pm2Bin, writePm2Wrapper } from './pm2.js';
import { repoRoot } from './run-bundle.js';

/**
 * The account an SSH deploy logs in as, set up like a real server's: a non-root user whose home
 * is not the deploy path, with node, pm2 (and tsx) in an nvm-style folder that is NOT on the PATH
 * of a plain non-login shell, so `--pm2-bin` must name it. Made once per machine (needs root,
 * which CI has); as a non-root user the tests log in as that user instead.
 */
export interface DeployUser {
  name: string;
  home: string;
  /** `--pm2-bin`: pm2 inside the nvm-style folder (with a daemon of this test file's own). */
  pm2Bin: string;
  /** Runs a command as that user (pm2 jlist, pm2 start by hand). */
  run(argv: string[], options?: { cwd?: string }): string;
  /** chown a folder to the user, so it can deploy there. */
  own(path: string): void;
  /** Another `--pm2-bin` beside pm2Bin, with a daemon of its own (PM2_HOME ~/.pm2-<name>). */
  pm2Daemon(name: string): string;
}

const NAME = 'sgdeploy';

/**
 * `daemon` names the user's PM2 daemon (PM2_HOME ~/.pm2-<daemon>): each test file that deploys
 * over SSH has its own, so one file's `pm2 kill` at its end never stops another file's apps when
 * jest runs them side by side.
 */
export function deployUser(daemon: string): DeployUser {
  if (process.getuid?.() !== 0) {
    // not root: log in as ourselves; pm2 through a wrapper in a folder of its own
    const me = userInfo();
    const bin = join(me.homedir, '.shipgate-test-nvm', 'bin');
    mkdirSync(bin, { recursive: true });
    linkTools(bin);
    return {
      name: me.username,
      home: me.homedir,
      pm2Bin: pm2Wrapper(bin, me.homedir, daemon),
      run: (argv, options) =>
        execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', cwd: options?.cwd, env: withBin(bin) }),
      own: () => undefined,
      pm2Daemon: name => pm2Wrapper(bin, me.homedir, name)
    };
  }
  const home = `/home/${NAME}`;
  try {
    execFileSync('id', [NAME], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['-m', '-d', home, '-s', '/bin/bash', NAME]);
    // no password, key login only; '*' (not '!') so that sshd with UsePAM no lets it in
    execFileSync('usermod', ['-p', '*', NAME]);
  }
  const bin = join(home, '.nvm', 'versions', 'node', process.version, 'bin');
  mkdirSync(bin, { recursive: true });
  linkTools(bin);
  const pm2 = pm2Wrapper(bin, home, daemon);
  execFileSync('chown', ['-R', `${NAME}:${NAME}`, join(home, '.nvm')]);
  // the repository's node_modules must be readable by the user (pm2 and tsx run from there)
  return {
    name: NAME,
    home,
    pm2Bin: pm2,
    run: (argv, options) =>
      execFileSync(
        'runuser',
        ['-u', NAME, '--', 'env', `PATH=${bin}:/usr/local/bin:/usr/bin:/bin`, `HOME=${home}`, ...argv],
        {
          encoding: 'utf8',
          cwd: options?.cwd
        }
      ),
    own: path => execFileSync('chown', ['-R', `${NAME}:${NAME}`, path]),
    pm2Daemon: name => pm2Wrapper(bin, home, name)
  };
}

function withBin(bin: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${bin}:${process.env.PATH}` };
}

/** pm2-<daemon> beside pm2: the same pm2 with PM2_HOME set (shipgate puts its folder first on PATH). */
function pm2Wrapper(bin: string, home: string, daemon: string): string {
  if (!/^[a-z0-9-]+$/.test(daemon)) throw new Error(`daemon name ${daemon}`);
  return writePm2Wrapper(join(bin, `pm2-${daemon}`), join(home, `.pm2-${daemon}`), '"$(dirname "$0")/pm2"');
}

/** node, npm, pm2 and tsx in one folder, as an nvm install has them. */
function linkTools(bin: string): void {
  const tools: Record<string, string> = {
    node: process.execPath,
    pm2: realpathSync(pm2Bin),
    tsx: realpathSync(join(repoRoot, 'node_modules', '.bin', 'tsx'))
  };
  const npm = join(dirname(process.execPath), 'npm');
  if (existsSync(npm)) tools.npm = realpathSync(npm);
  for (const [name, target] of Object.entries(tools)) {
    // replaced atomically: test files start side by side, and a link left by another checkout
    // (perhaps deleted since: a dangling link) must point at this one's tools
    const link = join(bin, name);
    const next = `${link}.${process.pid}`;
    rmSync(next, { force: true });
    symlinkSync(target, next);
    renameSync(next, link);
  }
  // the folder is private to the user on a real server; here it must only be reachable
  writeFileSync(join(bin, '.shipgate-test'), 'tools for the SSH deploy tests\n');
  chmodSync(bin, 0o755);
}
