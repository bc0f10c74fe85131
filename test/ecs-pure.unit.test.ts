/** The pure parts of the ECS target: the record in tags, the lock value, input checks, which stopped tasks count. */
import { HistoryEntry } from '../src/release/history.js';
import { describeReleases } from '../src/release/history.js';
import { hintFor, redactAws } from '../src/platforms/ecs/aws.js';
import { withImage } from '../src/platforms/ecs/platform.js';
import {
  entriesFromTags,
  entryTags,
  lockValue,
  parseLockValue,
  releaseTags,
  tagSafe
} from '../src/platforms/ecs/tags.js';
import { ecsOptions, parseTaskDefinitionFile } from '../src/platforms/ecs/target.js';
import { readFileSync } from 'node:fs';
import { isFailureOf } from '../src/platforms/ecs/watch.js';

const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  at: '2026-12-07T01:00:00.000Z',
  action: 'deploy',
  release: 'r1',
  previousRelease: null,
  verdict: 'pass',
  reason: 'healthy',
  actor: 'octo',
  commit: 'abc1234',
  runId: '42',
  durationMs: 1234,
  ...fields
});

describe('the record kept in tags', () => {
  test('a deploy and a later failed restore give the statuses a host history gives', () => {
    const tags = [
      ...releaseTags('r1', { actor: 'octo', commit: 'abc1234', runId: '42' }, '2026-12-07T00:59:00.000Z'),
      ...entryTags(entry({})),
      ...entryTags(
        entry({
          at: '2026-12-07T02:00:00.000Z',
          action: 'restore',
          verdict: 'fail',
          reason: 'gate (failed): 503!'
        })
      )
    ];
    const entries = entriesFromTags(tags);
    expect(entries.map(e => [e.action, e.verdict, e.release, e.commit])).toEqual([
      ['deploy', 'pass', 'r1', 'abc1234'],
      ['restore', 'fail', 'r1', 'abc1234']
    ]);
    expect(entries[1].reason).toBe('gate failed : 503');
    expect(describeReleases([{ id: 'r1', madeAt: '' }], entries)[0].status).toBe('bad');
    // a revision registered but never gated (an interrupted run before its verdict) has no entry
    expect(
      entriesFromTags(releaseTags('r2', { actor: 'a', commit: null, runId: null }, '2026-12-07T00:00:00Z'))
    ).toEqual([]);
  });

  test('tag values keep to the characters AWS accepts and to 256 characters', () => {
    expect(tagSafe('it said "no" (503); <b>x</b> & more')).toBe('it said no 503 b x /b more');
    expect(tagSafe('x'.repeat(400))).toHaveLength(256);
    for (const t of entryTags(entry({ reason: 'ü'.repeat(300) + '"' })))
      expect(t.value.length).toBeLessThanOrEqual(256);
  });

  test('the lock value round-trips owner, run, machine, process and times', () => {
    const owner = {
      owner: 'octo cat',
      runId: '99',
      pid: 1234,
      hostname: 'runner-1',
      createdAt: '2026-12-07T01:00:00.000Z',
      expiresAt: '2026-12-07T01:30:00.000Z'
    };
    expect(parseLockValue(lockValue(owner))).toEqual(owner);
    expect(parseLockValue('garbage')).toBeNull();
  });
});

describe('input checks without AWS', () => {
  test('a task definition file: DescribeTaskDefinition output is unwrapped and its read-only fields dropped', () => {
    const text = JSON.stringify({
      taskDefinition: {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:7',
        revision: 7,
        status: 'ACTIVE',
        family: 'api',
        containerDefinitions: [{ name: 'api', image: 'x:1' }]
      }
    });
    expect(parseTaskDefinitionFile('f.json', text, 'api')).toEqual({
      family: 'api',
      containerDefinitions: [{ name: 'api', image: 'x:1' }]
    });
    expect(() => parseTaskDefinitionFile('f.json', '{', null)).toThrow(/not JSON/);
    expect(() => parseTaskDefinitionFile('f.json', text, 'web')).toThrow(/no container 'web'/);
    expect(() =>
      parseTaskDefinitionFile('f.json', '{"family":"a b","containerDefinitions":[]}', null)
    ).toThrow(/family/);
  });

  test('--image replaces one container: named, or the only one', () => {
    const td = {
      family: 'api',
      revision: 3,
      containerDefinitions: [
        { name: 'api', image: 'a:1' },
        { name: 'sidecar', image: 's:1' }
      ]
    };
    expect(withImage(td, 'a:2', 'api').containerDefinitions).toEqual([
      { name: 'api', image: 'a:2' },
      { name: 'sidecar', image: 's:1' }
    ]);
    expect(withImage(td, 'a:2', 'api').revision).toBeUndefined();
    expect(() => withImage(td, 'a:2', null)).toThrow(/2 containers/);
    expect(() => withImage(td, 'a:2', 'web')).toThrow(/no container 'web'/);
  });
});

describe('AWS errors', () => {
  test('each code says what to check; key ids and tokens never reach the message', () => {
    expect(hintFor('AccessDeniedException', 'ecs:UpdateService')).toMatch(/ecs:UpdateService.*docs\/ecs.md/);
    expect(hintFor('ThrottlingException', 'ecs:DescribeServices')).toMatch(/throttled/);
    expect(hintFor('ClusterNotFoundException', 'ecs:DescribeServices')).toMatch(/--cluster/);
    expect(redactAws('key AKIAIOSFODNN7EXAMPLE and X-Amz-Security-Token=FwoGZXIvYXdzE&x=1')).toBe(
      'key AKIA*** and X-Amz-Security-Token=***&x=1'
    );
  });
});

describe('which stopped tasks fail a gate', () => {
  const target = { taskDefinitionArn: 'td:2', deploymentId: 'ecs-svc/2' };
  const at = (s: number) => new Date(1_000_000 + s * 1000);
  const since = at(0).getTime();
  test("its own tasks stopping during the gate; not another deployment's, not a scale-in, not before the gate", () => {
    const crash = {
      taskDefinitionArn: 'td:2',
      startedBy: 'ecs-svc/2',
      createdAt: at(1),
      stoppingAt: at(5),
      stoppedReason: 'Essential container in task exited'
    };
    expect(isFailureOf(crash, target, since)).toBe(true);
    expect(isFailureOf({ ...crash, taskDefinitionArn: 'td:1' }, target, since)).toBe(false);
    expect(isFailureOf({ ...crash, startedBy: 'ecs-svc/1' }, target, since)).toBe(false);
    expect(
      isFailureOf(
        { ...crash, stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/3)' },
        target,
        since
      )
    ).toBe(false);
    expect(isFailureOf({ ...crash, createdAt: at(-20), stoppingAt: at(-10) }, target, since)).toBe(false);
    // a task that failed its load balancer checks is stopped by the scheduler too: a failure
    expect(
      isFailureOf(
        { ...crash, stoppedReason: 'Task failed ELB health checks in (target-group x)' },
        target,
        since
      )
    ).toBe(true);
  });
});

test('docs/ecs.md has a row for every flag of the ECS target', () => {
  const doc = readFileSync(new URL('../docs/ecs.md', import.meta.url), 'utf8');
  for (const option of ecsOptions)
    expect({ flag: option.name, documented: doc.includes(`| \`${option.name}\` |`) }).toEqual({
      flag: option.name,
      documented: true
    });
});
