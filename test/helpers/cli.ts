import { runCli } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The CLI in-process (the same code as the bundle): exit code, output, and --json output parsed ({} otherwise). */
export async function cli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: t => void (stdout += t), stderr: t => void (stderr += t) });
  let json = {};
  try {
    json = JSON.parse(stdout);
  } catch {
    // not --json
  }
  return { code, stdout, stderr, json };
}
