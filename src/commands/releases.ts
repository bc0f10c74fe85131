import { ExitCode } from '../errors.js';
import { parseTargetInputs, targetOptions } from '../platforms/host/open.js';
import { readState } from '../release/steps.js';
import { jsonOption } from '../options.js';
import { renderReleasesTable } from '../report/release-summary.js';
import { releasePost } from './release-post.js';
import { withSession } from './release-session.js';
import { Command } from './types.js';

export const releasesCommand: Command = {
  name: 'releases',
  summary:
    'List the releases on a target, newest first: which is current, which passed, failed or were interrupted, who deployed what and when.',
  options: [...targetOptions, jsonOption],
  async run(inputs, context) {
    const parsed = parseTargetInputs(inputs, false);
    const state = await withSession(
      parsed,
      context,
      { source: null, responseProof: true, interruptible: false },
      ({ opened, context: ctx }) => readState(opened.platform, ctx.warn)
    );
    const releases = [...state.releases].reverse();
    const json = {
      current: state.current,
      releases: releases.map(r => ({
        id: r.id,
        status: r.status,
        current: r.id === state.current,
        createdAt: r.createdAt,
        commit: r.commit,
        actor: r.actor,
        reason: r.lastReason
      }))
    };
    const lines = releases.map(
      r =>
        `${r.id === state.current ? '*' : ' '} ${r.id.padEnd(28)} ${(r.status + (r.id === state.current ? ' (current)' : '')).padEnd(22)} ${(r.createdAt || '-').padEnd(24)} ${(r.commit ?? '-').slice(0, 7).padEnd(7)} ${r.actor ?? '-'}`
    );
    return {
      exitCode: ExitCode.Success,
      json,
      text: releases.length
        ? [
            `  ${'release'.padEnd(28)} ${'status'.padEnd(22)} ${'deployed at'.padEnd(24)} commit  by`,
            ...lines
          ].join('\n')
        : `no releases in ${inputs.required('path')}/releases`,
      outputs: { current: state.current ?? '', releases: JSON.stringify(json.releases) },
      summary: renderReleasesTable(state.current, releases),
      failure: null
    };
  },
  post: releasePost
};
