import { ExitCode } from '../errors.js';
import { parseTargetInputs, targetOptions } from '../platforms/host/open.js';
import { readState } from '../release/steps.js';
import { jsonOption } from '../options.js';
import { renderReleasesTable } from '../report/release-summary.js';
import { releasePost } from './release-post.js';
import { identity, withEcsSession, withSession } from './release-session.js';
import { ecsOptions, isEcs, parseEcsTarget, refuseEcsFlags } from '../platforms/ecs/target.js';
import { Command } from './types.js';

export const releasesCommand: Command = {
  name: 'releases',
  summary:
    'List the releases on a target, newest first: which is current, which passed, failed or were interrupted, who deployed what and when.',
  options: [...targetOptions, ...ecsOptions, jsonOption],
  async run(inputs, context) {
    let state;
    let where: string;
    if (isEcs(inputs)) {
      const target = parseEcsTarget(inputs, 'releases');
      where = `service ${target.service} in cluster ${target.cluster}`;
      state = await withEcsSession(
        target,
        context,
        { interruptible: false, who: identity(context.run, null) },
        ({ platform, context: ctx }) => readState(platform, ctx.warn)
      );
    } else {
      refuseEcsFlags(inputs);
      const parsed = parseTargetInputs(inputs, false);
      where = `${parsed.path}/releases`;
      state = await withSession(
        parsed,
        context,
        { source: null, responseProof: true, interruptible: false },
        ({ opened, context: ctx }) => readState(opened.platform, ctx.warn)
      );
    }
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
        : `no releases in ${where}`,
      outputs: { current: state.current ?? '', releases: JSON.stringify(json.releases) },
      summary: renderReleasesTable(state.current, releases),
      failure: null
    };
  },
  post: releasePost
};
