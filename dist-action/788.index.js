export const id = 788;
export const ids = [788];
export const modules = {

/***/ 63788:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openEcsPlatform: () => (/* binding */ openEcsPlatform)
});

// EXTERNAL MODULE: ./lib/errors.js
var errors = __webpack_require__(452);
;// CONCATENATED MODULE: ./lib/platforms/ecs/aws.js

/** An AWS call that failed; `code` is AWS's error code (ThrottlingException, AccessDeniedException, ...). */
class AwsCallError extends errors/* OperationError */.OK {
    operation;
    code;
    constructor(operation, code, message) {
        super(message);
        this.operation = operation;
        this.code = code;
        this.name = 'AwsCallError';
    }
}
/** What to check for an AWS error code: the user acts on this line. */
function hintFor(code, operation) {
    if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(code))
        return `the role shipgate runs as lacks a permission for ${operation}: see the IAM policy in docs/ecs.md`;
    if (/Throttl|TooManyRequests|RequestLimitExceeded/i.test(code))
        return 'AWS throttled the calls after the SDK retried them: run again later, or look for another tool polling the same account';
    if (/ClusterNotFound/i.test(code))
        return 'the --cluster name and the region (AWS_REGION)';
    if (/ServiceNotFound|ServiceNotActive/i.test(code))
        return 'the --service name, its cluster and the region (AWS_REGION)';
    if (/UnrecognizedClient|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|InvalidSignature|CredentialsProviderError/i.test(code))
        return 'the AWS credentials (aws-actions/configure-aws-credentials, AWS_ACCESS_KEY_ID, the session token and its expiry)';
    if (/ResourceNotFound|TargetGroupNotFound/i.test(code))
        return 'that the resource exists in this account and region';
    if (/ClientException|InvalidParameter|ValidationError/i.test(code))
        return 'the task definition and service settings named in the message';
    if (/Region/i.test(code))
        return 'AWS_REGION (or the region of the profile)';
    return 'the AWS status of the service and the network route to the AWS endpoints';
}
/** Access key ids and session tokens never reach a log, whatever an error says. */
function redactAws(text) {
    return text
        .replace(/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '$1***')
        .replace(/(X-Amz-Security-Token|SessionToken|Credential)=[^&\s,]+/gi, '$1=***');
}
function toOperationError(operation, error) {
    const e = error;
    let code = e?.Code ?? e?.name ?? e?.code ?? 'Error';
    if (code === 'Error' || code === 'TypeError')
        code = /region/i.test((0,errors/* messageOf */.bD)(error)) ? 'MissingRegion' : code;
    if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/.test((0,errors/* messageOf */.bD)(error)))
        code = 'NetworkingError';
    const message = redactAws((0,errors/* messageOf */.bD)(error)).replace(/\s+/g, ' ').slice(0, 400);
    return new AwsCallError(operation, code, `AWS ${operation} failed: ${code}: ${message}. Check ${hintFor(code, operation)}.`);
}
/** The three clients, created once per command from the SDK's environment. */
class AwsClients {
    modules;
    ecs;
    elb;
    logs;
    constructor(modules, ecs, elb, logs) {
        this.modules = modules;
        this.ecs = ecs;
        this.elb = elb;
        this.logs = logs;
    }
    static async open() {
        // (the SDK's notice about its future Node versions is not the user's business here)
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        const [ecs, elb, logs] = await Promise.all([
            Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(212)]).then(__webpack_require__.t.bind(__webpack_require__, 80212, 19)),
            Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(586)]).then(__webpack_require__.t.bind(__webpack_require__, 50586, 19)),
            Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(303)]).then(__webpack_require__.t.bind(__webpack_require__, 70303, 19))
        ]);
        return new AwsClients({ ecs, elb, logs }, new ecs.ECSClient({}), new elb.ElasticLoadBalancingV2Client({}), new logs.CloudWatchLogsClient({}));
    }
    /** One call, its error mapped: `send('ecs', 'DescribeServices', input)`. */
    async call(operation, send) {
        try {
            return await send();
        }
        catch (error) {
            throw toOperationError(operation, error);
        }
    }
    close() {
        this.ecs.destroy();
        this.elb.destroy();
        this.logs.destroy();
    }
}

;// CONCATENATED MODULE: ./lib/platforms/ecs/api.js


class EcsApi {
    aws;
    cluster;
    service;
    constructor(aws, cluster, service) {
        this.aws = aws;
        this.cluster = cluster;
        this.service = service;
    }
    get m() {
        return this.aws.modules;
    }
    async describeService() {
        const out = await this.aws.call('ecs:DescribeServices', () => this.aws.ecs.send(new this.m.ecs.DescribeServicesCommand({
            cluster: this.cluster,
            services: [this.service],
            include: ['TAGS']
        })));
        const found = out.services?.find(s => s.serviceName === this.service || s.serviceArn === this.service);
        if (!found || found.status === 'INACTIVE') {
            const reason = out.failures?.[0]?.reason ?? found?.status ?? 'MISSING';
            throw new errors/* OperationError */.OK(`AWS ecs:DescribeServices: service '${this.service}' not found in cluster '${this.cluster}' (${reason}). Check the --service and --cluster names and the region (AWS_REGION). Nothing was changed.`);
        }
        return found;
    }
    async describeTaskDefinition(arn) {
        const out = await this.aws.call('ecs:DescribeTaskDefinition', () => this.aws.ecs.send(new this.m.ecs.DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })));
        if (!out.taskDefinition)
            throw new errors/* OperationError */.OK(`AWS ecs:DescribeTaskDefinition returned nothing for ${arn}`);
        return { taskDefinition: out.taskDefinition, tags: out.tags ?? [] };
    }
    async registerTaskDefinition(input, tags) {
        const out = await this.aws.call('ecs:RegisterTaskDefinition', () => this.aws.ecs.send(new this.m.ecs.RegisterTaskDefinitionCommand({
            ...input,
            tags
        })));
        if (!out.taskDefinition?.taskDefinitionArn)
            throw new errors/* OperationError */.OK('AWS ecs:RegisterTaskDefinition returned no revision');
        return out.taskDefinition;
    }
    async deregisterTaskDefinition(arn) {
        await this.aws.call('ecs:DeregisterTaskDefinition', () => this.aws.ecs.send(new this.m.ecs.DeregisterTaskDefinitionCommand({ taskDefinition: arn })));
    }
    /** The newest ACTIVE revisions of a family, newest first (one page: at most `max`). */
    async listRevisions(family, max) {
        const out = await this.aws.call('ecs:ListTaskDefinitions', () => this.aws.ecs.send(new this.m.ecs.ListTaskDefinitionsCommand({
            familyPrefix: family,
            status: 'ACTIVE',
            sort: 'DESC',
            maxResults: max
        })));
        // familyPrefix matches by prefix: keep this family only
        return (out.taskDefinitionArns ?? []).filter(arn => familyOf(arn) === family);
    }
    async updateService(taskDefinition) {
        const out = await this.aws.call('ecs:UpdateService', () => this.aws.ecs.send(new this.m.ecs.UpdateServiceCommand({ cluster: this.cluster, service: this.service, taskDefinition })));
        if (!out.service)
            throw new errors/* OperationError */.OK('AWS ecs:UpdateService returned no service');
        return out.service;
    }
    async tagsOf(arn) {
        const out = await this.aws.call('ecs:ListTagsForResource', () => this.aws.ecs.send(new this.m.ecs.ListTagsForResourceCommand({ resourceArn: arn })));
        return out.tags ?? [];
    }
    async tag(arn, tags) {
        await this.aws.call('ecs:TagResource', () => this.aws.ecs.send(new this.m.ecs.TagResourceCommand({ resourceArn: arn, tags })));
    }
    async untag(arn, keys) {
        await this.aws.call('ecs:UntagResource', () => this.aws.ecs.send(new this.m.ecs.UntagResourceCommand({ resourceArn: arn, tagKeys: keys })));
    }
    /** The service's tasks in one desired status, described (at most 100, the newest ListTasks gives). */
    async tasks(desiredStatus, skip = new Set()) {
        const list = await this.aws.call('ecs:ListTasks', () => this.aws.ecs.send(new this.m.ecs.ListTasksCommand({
            cluster: this.cluster,
            serviceName: this.service,
            desiredStatus,
            maxResults: 100
        })));
        const arns = (list.taskArns ?? []).filter(arn => !skip.has(arn));
        if (arns.length === 0)
            return [];
        const out = await this.aws.call('ecs:DescribeTasks', () => this.aws.ecs.send(new this.m.ecs.DescribeTasksCommand({ cluster: this.cluster, tasks: arns })));
        return out.tasks ?? [];
    }
    async targetHealth(targetGroupArn) {
        const out = await this.aws.call('elasticloadbalancing:DescribeTargetHealth', () => this.aws.elb.send(new this.m.elb.DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })));
        return (out.TargetHealthDescriptions ?? []).map(d => ({
            id: d.Target?.Id ?? '',
            port: d.Target?.Port ?? null,
            state: d.TargetHealth?.State ?? 'unknown',
            reason: d.TargetHealth?.Description ?? d.TargetHealth?.Reason ?? null
        }));
    }
    /** The last `limit` lines of a CloudWatch Logs stream; null when the stream is not there. */
    async logTail(group, stream, limit) {
        try {
            const out = await this.aws.call('logs:GetLogEvents', () => this.aws.logs.send(new this.m.logs.GetLogEventsCommand({
                logGroupName: group,
                logStreamName: stream,
                startFromHead: false,
                limit
            })));
            return (out.events ?? []).map(e => e.message ?? '');
        }
        catch (error) {
            if (error instanceof AwsCallError && error.code === 'ResourceNotFoundException')
                return null;
            throw error;
        }
    }
}
/** `arn:...:task-definition/api:7` -> `api`. */
function familyOf(arn) {
    return arn.slice(arn.lastIndexOf('/') + 1).replace(/:\d+$/, '');
}
/** `arn:...:task-definition/api:7` -> 7. */
function revisionOf(arn) {
    return Number(/:(\d+)$/.exec(arn)?.[1] ?? 0);
}
const tagValue = (tags, key) => tags.find(t => t.key === key)?.value ?? null;

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
;// CONCATENATED MODULE: ./lib/platforms/ecs/watch.js
const watch_short = (arn) => arn.slice(arn.lastIndexOf('/') + 1);
/** One line for a stopped task: its reason, and the exit code of every container that has one. */
function describeStoppedTask(task) {
    const containers = (task.containers ?? [])
        .filter(c => c.exitCode !== undefined || c.reason)
        .map(c => `container ${c.name} ${c.exitCode !== undefined ? `exit code ${c.exitCode}` : 'no exit code'}${c.reason ? ` (${c.reason})` : ''}`);
    return `task ${watch_short(task.taskArn ?? '?')} stopped: ${task.stopCode ? `${task.stopCode}: ` : ''}${task.stoppedReason ?? 'no reason given'}${containers.length ? `; ${containers.join('; ')}` : ''}`;
}
/** The ports (host ports, or ENI address and container port) a task's targets can be registered under. */
function targetKeys(task) {
    const keys = new Set();
    for (const c of task.containers ?? []) {
        for (const b of c.networkBindings ?? [])
            if (b.hostPort)
                keys.add(`*:${b.hostPort}`);
        for (const n of c.networkInterfaces ?? [])
            if (n.privateIpv4Address)
                keys.add(`${n.privateIpv4Address}:*`);
    }
    return keys;
}
/**
 * A stopped task that counts against the gated deployment: one of its own tasks (ECS's startedBy
 * is the deployment id), stopped during this gate, and not by the scheduler scaling in. A restore
 * to a revision that still ran under an older deployment replaces those tasks: the old ones stop
 * with "Scaling activity initiated by (deployment ...)", and that is no failure.
 */
function isFailureOf(task, target, sinceMs) {
    if (task.taskDefinitionArn !== target.taskDefinitionArn)
        return false;
    if (target.deploymentId && task.startedBy && task.startedBy !== target.deploymentId)
        return false;
    if (/^Scaling activity initiated by/.test(task.stoppedReason ?? ''))
        return false;
    const began = task.stoppingAt ?? task.executionStoppedAt ?? task.stoppedAt;
    return (task.createdAt?.getTime() ?? 0) >= sinceMs || (began?.getTime() ?? 0) >= sinceMs;
}
class EcsWatch {
    api;
    target;
    baseline = 0;
    failures = [];
    seenStopped = new Set();
    wasHealthy = new Set();
    reportedUnhealthy = new Set();
    deploymentReported = false;
    constructor(api, target) {
        this.api = api;
        this.target = target;
    }
    get name() {
        const what = `ECS (stopped tasks, rollout state, target health) of ${watch_short(this.target.taskDefinitionArn)}`;
        return this.failures.length ? `${what}: ${this.failures.join('; ')}` : what;
    }
    async read() {
        await Promise.all([this.readDeployment(), this.readStopped(), this.readTargets()]);
        return this.failures.length;
    }
    async readDeployment() {
        if (this.deploymentReported || !this.target.deploymentId)
            return;
        const service = await this.api.describeService();
        const deployments = service.deployments ?? [];
        const mine = deployments.find(d => d.id === this.target.deploymentId);
        if (mine?.rolloutState === 'FAILED') {
            this.deploymentReported = true;
            this.failures.push(`deployment ${mine.id} FAILED: ${mine.rolloutStateReason ?? 'no reason given'}`);
        }
        else if (!mine) {
            const primary = deployments.find(d => d.status === 'PRIMARY');
            this.deploymentReported = true;
            this.failures.push(`deployment ${this.target.deploymentId} was replaced by ${primary?.id ?? 'another'} of ${watch_short(primary?.taskDefinition ?? '?')}${primary?.rolloutStateReason ? ` (${primary.rolloutStateReason})` : ''}`);
        }
    }
    async readStopped() {
        const since = this.target.since.getTime();
        const stopped = await this.api.tasks('STOPPED', this.seenStopped);
        for (const task of stopped) {
            if (task.taskArn)
                this.seenStopped.add(task.taskArn);
            if (!isFailureOf(task, this.target, since))
                continue;
            this.failures.push(describeStoppedTask(task));
        }
    }
    async readTargets() {
        if (this.target.targetGroupArns.length === 0)
            return;
        const running = (await this.api.tasks('RUNNING')).filter(t => t.taskDefinitionArn === this.target.taskDefinitionArn);
        const keys = new Map();
        for (const task of running)
            for (const key of targetKeys(task))
                keys.set(key, watch_short(task.taskArn ?? '?'));
        for (const group of this.target.targetGroupArns) {
            for (const t of await this.api.targetHealth(group)) {
                const task = keys.get(`*:${t.port}`) ?? keys.get(`${t.id}:*`);
                if (!task)
                    continue;
                const id = `${group} ${t.id}:${t.port}`;
                if (t.state === 'healthy')
                    this.wasHealthy.add(id);
                else if (t.state === 'unhealthy' && this.wasHealthy.has(id) && !this.reportedUnhealthy.has(id)) {
                    this.reportedUnhealthy.add(id);
                    this.failures.push(`target ${t.id}:${t.port} of task ${task} turned unhealthy after it was healthy${t.reason ? ` (${t.reason})` : ''}`);
                }
            }
        }
    }
    /** The deployment alone serves: the only one left, at its desired count (old tasks drained and stopped). */
    async aloneServes() {
        const service = await this.api.describeService();
        const deployments = service.deployments ?? [];
        if (deployments.length !== 1)
            return false;
        const only = deployments[0];
        if (this.target.deploymentId
            ? only.id !== this.target.deploymentId
            : only.taskDefinition !== this.target.taskDefinitionArn)
            return false;
        return (only.desiredCount ?? 0) > 0 && (only.runningCount ?? 0) >= (only.desiredCount ?? 0);
    }
}

;// CONCATENATED MODULE: ./lib/platforms/ecs/evidence.js

const TASKS = 5;
const EVENTS = 8;
const STREAMS = 2;
const LINES = 30;
/** The awslogs streams of a task: `<prefix>/<container>/<task id>` in the container's group. */
function logStreamsOf(definition, task) {
    const id = (task.taskArn ?? '').slice((task.taskArn ?? '').lastIndexOf('/') + 1);
    const streams = [];
    for (const c of definition.containerDefinitions ?? []) {
        const log = c.logConfiguration;
        if (log?.logDriver !== 'awslogs' || !log.options)
            continue;
        const group = log.options['awslogs-group'];
        const prefix = log.options['awslogs-stream-prefix'];
        if (group && prefix && c.name && id)
            streams.push({ group, stream: `${prefix}/${c.name}/${id}` });
    }
    return streams;
}
async function collectEcsEvidence(api, taskDefinitionArn, since) {
    const [stopped, service, definition] = await Promise.all([
        api.tasks('STOPPED'),
        api.describeService(),
        api.describeTaskDefinition(taskDefinitionArn).then(d => d.taskDefinition)
    ]);
    const mine = stopped
        .filter(t => isFailureOf(t, { taskDefinitionArn, deploymentId: null }, since?.getTime() ?? 0))
        .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
        .slice(0, TASKS);
    const details = mine.map(describeStoppedTask);
    const events = (service.events ?? []).slice(0, EVENTS);
    if (events.length)
        details.push(`last service events (newest first): ${events.map(e => `[${e.createdAt?.toISOString() ?? '?'}] ${e.message ?? ''}`).join(' | ')}`);
    // the crashed tasks' streams first; a revision whose tasks still run shows theirs
    let sources = mine;
    if (sources.length === 0)
        sources = (await api.tasks('RUNNING')).filter(t => t.taskDefinitionArn === taskDefinitionArn);
    const streams = sources.flatMap(t => logStreamsOf(definition, t)).slice(0, STREAMS);
    const lines = [];
    const read = [];
    for (const s of streams) {
        const tail = await api.logTail(s.group, s.stream, LINES);
        if (tail === null)
            continue;
        read.push(`${s.group}:${s.stream}`);
        const tag = streams.length > 1
            ? `[${s.stream.slice(s.stream.lastIndexOf('/') + 1, s.stream.lastIndexOf('/') + 9)}] `
            : '';
        lines.push(...tail.map(l => `${tag}${l.replace(/\s+$/, '')}`));
    }
    if (streams.length === 0)
        details.push('no CloudWatch Logs to show: no essential container of this revision has an awslogs log configuration (shipgate validate warns about it)');
    return {
        restarts: mine.length,
        source: read.length ? `CloudWatch Logs ${read.join(', ')}` : null,
        lines,
        details
    };
}

// EXTERNAL MODULE: ./lib/release/lock.js
var lock = __webpack_require__(50986);
;// CONCATENATED MODULE: ./lib/platforms/ecs/tags.js
const TAG = {
    release: 'shipgate:release',
    commit: 'shipgate:commit',
    actor: 'shipgate:actor',
    run: 'shipgate:run',
    deployedAt: 'shipgate:deployed-at',
    /** `<verdict> <durationMs> <reason>` of the deploy gate */
    deploy: 'shipgate:deploy',
    /** `<at> <action> <verdict> <durationMs> <reason>` of the last restore or rollback */
    last: 'shipgate:last',
    lock: 'shipgate:lock'
};
/** A value AWS accepts: disallowed characters become spaces, at most 256 characters. */
function tagSafe(text) {
    return text
        .replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, ' ')
        .replace(/ {2,}/g, ' ')
        .trim()
        .slice(0, 256);
}
const get = (tags, key) => tags.find(t => t.key === key)?.value ?? null;
const VERDICTS = new Set(['pass', 'fail', 'unverified', 'interrupted']);
const ACTIONS = new Set(['restore', 'rollback']);
/** The tags a new revision is registered with. */
function releaseTags(release, who, at) {
    const tags = [
        { key: TAG.release, value: release },
        { key: TAG.actor, value: tagSafe(who.actor) || 'unknown' },
        { key: TAG.deployedAt, value: at }
    ];
    if (who.commit)
        tags.push({ key: TAG.commit, value: tagSafe(who.commit) });
    if (who.runId)
        tags.push({ key: TAG.run, value: tagSafe(who.runId) });
    return tags;
}
/** The tags that record one history entry on its revision. */
function entryTags(entry) {
    const tail = `${entry.verdict} ${Math.max(0, Math.round(entry.durationMs))} ${entry.reason}`;
    if (entry.action === 'deploy') {
        return [
            { key: TAG.deploy, value: tagSafe(tail) || entry.verdict },
            { key: TAG.deployedAt, value: entry.at }
        ];
    }
    return [{ key: TAG.last, value: tagSafe(`${entry.at} ${entry.action} ${tail}`) }];
}
/** The history a revision's tags tell: its deploy, and its last restore or rollback. */
function entriesFromTags(tags) {
    const release = get(tags, TAG.release);
    if (!release)
        return [];
    const base = {
        release,
        previousRelease: null,
        actor: get(tags, TAG.actor) ?? 'unknown',
        commit: get(tags, TAG.commit),
        runId: get(tags, TAG.run)
    };
    const entries = [];
    const at = get(tags, TAG.deployedAt);
    const deploy = get(tags, TAG.deploy);
    if (at && deploy) {
        const [verdict, duration, ...reason] = deploy.split(' ');
        if (VERDICTS.has(verdict))
            entries.push({
                ...base,
                at,
                action: 'deploy',
                verdict: verdict,
                reason: reason.join(' '),
                durationMs: Number(duration) || 0
            });
    }
    const last = get(tags, TAG.last);
    if (last) {
        const [lastAt, action, verdict, duration, ...reason] = last.split(' ');
        if (!Number.isNaN(Date.parse(lastAt)) && ACTIONS.has(action) && VERDICTS.has(verdict))
            entries.push({
                ...base,
                at: lastAt,
                action: action,
                verdict: verdict,
                reason: reason.join(' '),
                durationMs: Number(duration) || 0
            });
    }
    return entries;
}
/** `<createdAt> <expiresAt> <pid> <hostname> <runId|-> <owner...>` */
function lockValue(owner) {
    return tagSafe([
        owner.createdAt,
        owner.expiresAt,
        owner.pid,
        tagSafe(owner.hostname).replace(/ /g, '_') || '-',
        owner.runId ? tagSafe(owner.runId).replace(/ /g, '_') : '-',
        owner.owner
    ].join(' '));
}
function parseLockValue(value) {
    if (!value)
        return null;
    const [createdAt, expiresAt, pid, hostname, runId, ...owner] = value.split(' ');
    if (Number.isNaN(Date.parse(createdAt ?? '')))
        return null;
    return {
        createdAt,
        expiresAt: expiresAt ?? '',
        pid: Number(pid) || 0,
        hostname: hostname === '-' ? '' : (hostname ?? ''),
        runId: !runId || runId === '-' ? null : runId,
        owner: owner.join(' ') || 'unknown'
    };
}

;// CONCATENATED MODULE: ./lib/platforms/ecs/store.js
/**
 * The ECS release store: the history on the revisions' tags, the lock on the service's tags
 * (tags.ts has the encoding). Tagging is not a compare-and-set, so a lock is written, left to
 * settle, and read back: of two runs that take it in the same moment, the one whose value is
 * not there backs off (exit 3). The workflows' concurrency group is the first line; this one
 * holds across workflows, repositories and laptops.
 */




/** How many of a family's newest revisions are read: enough for any `keep`, bounded whatever the family holds. */
const REVISIONS_READ = 50;
/** The service and its family's revisions, read once per command and updated as the run changes them. */
class EcsRecords {
    api;
    servicePromise = null;
    revisionsPromise = null;
    constructor(api) {
        this.api = api;
    }
    service(fresh = false) {
        if (fresh || !this.servicePromise)
            this.servicePromise = this.api.describeService();
        return this.servicePromise;
    }
    revisions() {
        this.revisionsPromise ??= this.readRevisions();
        return this.revisionsPromise;
    }
    async readRevisions() {
        const current = (await this.service()).taskDefinition ?? '';
        const arns = (await this.api.listRevisions(familyOf(current), 100)).slice(0, REVISIONS_READ);
        if (current && !arns.includes(current))
            arns.push(current);
        const out = [];
        for (let i = 0; i < arns.length; i += 10) {
            const batch = arns.slice(i, i + 10);
            const tags = await Promise.all(batch.map(arn => this.api.tagsOf(arn)));
            batch.forEach((arn, j) => out.push({
                arn,
                revision: revisionOf(arn),
                release: tags[j].find(t => t.key === TAG.release)?.value ?? null,
                tags: tags[j]
            }));
        }
        return out.sort((a, b) => a.revision - b.revision);
    }
    async add(revision) {
        (await this.revisions()).push(revision);
    }
    async forget(arn) {
        const list = await this.revisions();
        const i = list.findIndex(r => r.arn === arn);
        if (i >= 0)
            list.splice(i, 1);
    }
    /** The newest revision that carries this release id. */
    async arnOf(release) {
        const list = await this.revisions();
        for (let i = list.length - 1; i >= 0; i--)
            if (idOf(list[i]) === release)
                return list[i].arn;
        return null;
    }
}
/** A revision's release id: its tag, or `<family>.<revision>` for one shipgate did not register. */
function idOf(revision) {
    if (revision.release)
        return revision.release;
    const family = familyOf(revision.arn);
    return family.length <= 54 ? `${family}.${revision.revision}` : `revision.${revision.revision}`;
}
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
class EcsStore {
    records;
    thisHost;
    settleMs;
    description;
    constructor(records, thisHost, 
    /** How long a written lock is left before it is read back. */
    settleMs = 1000) {
        this.records = records;
        this.thisHost = thisHost;
        this.settleMs = settleMs;
        this.description = `service ${records.api.service} in cluster ${records.api.cluster}`;
    }
    async serviceArn() {
        const arn = (await this.records.service()).serviceArn;
        if (!arn)
            throw new errors/* OperationError */.OK(`AWS ecs:DescribeServices gave no ARN for ${this.description}`);
        return arn;
    }
    async readLock() {
        const value = (await this.records.api.tagsOf(await this.serviceArn())).find(t => t.key === TAG.lock)?.value ?? null;
        return { value, owner: parseLockValue(value) };
    }
    async lock(request) {
        const arn = await this.serviceArn();
        for (let attempt = 0; attempt < 2; attempt++) {
            const held = await this.readLock();
            if (held.value) {
                const who = describeOwner(held.owner);
                const why = (0,lock/* abandonedBecause */.f)(held.owner, request.ttlMs, new Date(), lock/* isAlive */._, this.thisHost);
                if (!why)
                    throw new errors/* OperationError */.OK(`${this.description} is locked by ${who} until ${held.owner?.expiresAt}: another deploy is running. Nothing was changed.`);
                request.warn(`breaking the deploy lock on ${this.description} held by ${who}: ${why}`);
            }
            const created = new Date();
            const record = {
                ...request.owner,
                createdAt: created.toISOString(),
                expiresAt: new Date(created.getTime() + request.ttlMs).toISOString()
            };
            const value = lockValue(record);
            request.beforeTake?.(record.createdAt);
            await this.records.api.tag(arn, [{ key: TAG.lock, value }]);
            await sleep(this.settleMs);
            const after = await this.readLock();
            if (after.value === value)
                return { createdAt: record.createdAt, release: () => this.releaseLock(record.createdAt) };
            if (after.value && after.owner)
                throw new errors/* OperationError */.OK(`${this.description} was locked by ${describeOwner(after.owner)} in the same moment: another deploy is running. Nothing was changed.`);
        }
        throw new errors/* OperationError */.OK(`could not take the deploy lock on ${this.description}`);
    }
    /** Removes the lock only while it is still the one taken at `createdAt`. */
    async releaseLock(createdAt) {
        const held = await this.readLock();
        if (held.owner?.createdAt !== createdAt)
            return false;
        await this.records.api.untag(await this.serviceArn(), [TAG.lock]);
        return true;
    }
    async adopt(createdAt) {
        const held = await this.readLock();
        if (held.owner?.createdAt !== createdAt)
            return null;
        return { createdAt, release: () => this.releaseLock(createdAt) };
    }
    async history() {
        const revisions = await this.records.revisions();
        return revisions.flatMap(r => entriesFromTags(r.tags)).sort((a, b) => a.at.localeCompare(b.at));
    }
    async append(entry) {
        const arn = await this.records.arnOf(entry.release);
        if (!arn)
            throw new errors/* OperationError */.OK(`no task definition revision carries release ${entry.release}: its verdict could not be recorded`);
        const tags = entryTags(entry);
        await this.records.api.tag(arn, tags);
        const revision = (await this.records.revisions()).find(r => r.arn === arn);
        if (revision) {
            // a revision shipgate did not register gets its id when it is first gated
            const all = revision.release ? tags : [...tags, { key: TAG.release, value: entry.release }];
            if (!revision.release)
                await this.records.api.tag(arn, all.slice(-1));
            revision.release = entry.release;
            revision.tags = [...revision.tags.filter(t => !all.some(n => n.key === t.key)), ...all];
        }
    }
}
function describeOwner(owner) {
    if (!owner)
        return 'an unknown owner';
    return `${owner.owner}${owner.runId ? ` (run ${owner.runId})` : ''}${owner.hostname ? ` on ${owner.hostname}` : ''}, pid ${owner.pid}, taken ${owner.createdAt}`;
}

// EXTERNAL MODULE: ./lib/platforms/ecs/target.js
var target = __webpack_require__(81577);
;// CONCATENATED MODULE: ./lib/platforms/ecs/platform.js
/**
 * The ECS platform: a release is a task definition revision (tagged with its release id and
 * commit), activating it is UpdateService, and the gate watches ECS itself beside the public URL
 * (watch.ts), its window counting only once the new deployment alone serves.
 */








const platform_short = (arn) => arn.slice(arn.lastIndexOf('/') + 1);
class EcsPlatform {
    aws;
    api;
    options;
    kind = 'ecs';
    description;
    store;
    records;
    /** Revisions this run registered, by release id. */
    staged = new Map();
    /** When each release was last activated: its evidence starts there. */
    activatedAt = new Map();
    constructor(aws, api, options) {
        this.aws = aws;
        this.api = api;
        this.options = options;
        this.records = new EcsRecords(api);
        this.store = new EcsStore(this.records, (0,external_node_os_.hostname)(), options.lockSettleMs);
        this.description = this.store.description;
    }
    async preflight(log) {
        const service = await this.records.service();
        const lbs = service.loadBalancers ?? [];
        log(`target: ${this.description}: ${platform_short(service.taskDefinition ?? '?')}, ${service.runningCount ?? 0}/${service.desiredCount ?? 0} running, ${lbs.length ? `${lbs.length} target group(s)` : 'no load balancer'}, grace ${service.healthCheckGracePeriodSeconds ?? 0} s`);
        if (lbs.length > 0 && !service.healthCheckGracePeriodSeconds)
            this.options.warn(`the service's health check grace period is 0 behind a load balancer: a task that is still starting fails its load balancer checks and is replaced (outage 2 needed 120 s). Set healthCheckGracePeriodSeconds to longer than your app's start.`);
    }
    async targetGroups() {
        return ((await this.records.service()).loadBalancers ?? [])
            .map(lb => lb.targetGroupArn)
            .filter((a) => Boolean(a));
    }
    async inventory() {
        const service = await this.records.service();
        const revisions = await this.records.revisions();
        const currentArn = service.taskDefinition ?? null;
        const current = revisions.find(r => r.arn === currentArn) ?? null;
        const present = revisions
            .filter(r => r.release !== null || r.arn === currentArn)
            .map(r => ({ id: idOf(r), madeAt: r.tags.find(t => t.key === TAG.deployedAt)?.value ?? '' }));
        return { current: current ? idOf(current) : null, present };
    }
    async stage(releaseId, log) {
        const source = this.options.target.source;
        if (!source)
            throw new Error('internal: stage without an image or task definition');
        const service = await this.records.service();
        const currentArn = service.taskDefinition ?? '';
        let input;
        let what;
        if (source.kind === 'file') {
            input = { ...source.definition };
            if (input.family !== familyOf(currentArn))
                throw new errors/* ConfigurationError */.j1(`the task definition's family '${String(input.family)}' is not the service's ('${familyOf(currentArn)}'): releases of a service are revisions of one family`, 'task-definition');
            what = `from ${source.file}`;
        }
        else {
            const { taskDefinition } = await this.api.describeTaskDefinition(currentArn);
            input = withImage(taskDefinition, source.image, source.container);
            what = `from ${platform_short(currentArn)} with image ${source.image}`;
        }
        const own = Array.isArray(input.tags) ? input.tags : [];
        delete input.tags;
        const tags = [
            ...own.filter(t => t.key && !t.key.startsWith('shipgate:')).map(t => ({ key: t.key, value: t.value })),
            ...releaseTags(releaseId, this.options.who, new Date().toISOString())
        ];
        const registered = await this.api.registerTaskDefinition(input, tags);
        const arn = registered.taskDefinitionArn;
        this.staged.set(releaseId, arn);
        await this.records.add({ arn, revision: revisionOf(arn), release: releaseId, tags });
        log(`stage: registered ${platform_short(arn)} for release ${releaseId} (${what})`);
    }
    async discardStaged(releaseId) {
        const arn = this.staged.get(releaseId);
        if (!arn)
            return;
        await this.api.deregisterTaskDefinition(arn);
        await this.records.forget(arn);
        this.staged.delete(releaseId);
    }
    async checkActivatable(releaseId) {
        if (!(await this.records.arnOf(releaseId)))
            throw new errors/* ConfigurationError */.j1(`release ${releaseId} has no ACTIVE task definition revision on ${this.description}`, 'to');
    }
    async activate(releaseId, context) {
        const arn = await this.records.arnOf(releaseId);
        if (!arn)
            throw new errors/* OperationError */.OK(`release ${releaseId} has no task definition revision on ${this.description}`);
        const start = performance.now();
        const since = new Date();
        this.activatedAt.set(releaseId, since);
        const service = await this.api.updateService(arn);
        const primary = (service.deployments ?? []).find(d => d.status === 'PRIMARY' && d.taskDefinition === arn);
        context.log(`switch: UpdateService ${this.options.target.service} -> ${platform_short(arn)}${primary?.id ? ` (deployment ${primary.id})` : ''}`);
        const switchMs = Math.round(performance.now() - start);
        const facts = { taskDefinition: arn };
        if (context.quick) {
            return {
                gate: {
                    verdict: 'pass',
                    reason: `UpdateService to ${platform_short(arn)} accepted (not gated)`,
                    elapsedMs: 0,
                    detectedAtMs: null,
                    probes: []
                },
                switchMs,
                facts
            };
        }
        const watch = new EcsWatch(this.api, {
            taskDefinitionArn: arn,
            deploymentId: primary?.id ?? null,
            since,
            targetGroupArns: await this.targetGroups()
        });
        const gate = await context.gate({ signals: [watch], readyForWindow: () => watch.aloneServes() });
        return { gate, switchMs, facts };
    }
    async evidence(releaseId) {
        const arn = await this.records.arnOf(releaseId);
        if (!arn)
            return { restarts: null, source: null, lines: [], details: [] };
        return collectEcsEvidence(this.api, arn, this.activatedAt.get(releaseId) ?? null);
    }
    async discard(releaseIds, log) {
        const service = await this.records.service(true);
        for (const id of releaseIds) {
            const arn = await this.records.arnOf(id);
            // never the revision that serves, whatever the record says
            if (!arn || arn === service.taskDefinition)
                continue;
            await this.api.deregisterTaskDefinition(arn);
            await this.records.forget(arn);
            log(`prune: deregistered ${platform_short(arn)} (release ${id})`);
        }
    }
    async close() {
        this.aws.close();
    }
}
/** A registrable copy of a revision with one container's image replaced. */
function withImage(definition, image, container) {
    const input = { ...definition };
    for (const field of target/* READ_ONLY_FIELDS */.O6)
        delete input[field];
    const containers = definition.containerDefinitions ?? [];
    const names = containers.map(c => c.name ?? '');
    let name = container;
    if (!name) {
        if (containers.length !== 1)
            throw new errors/* ConfigurationError */.j1(`the task definition has ${containers.length} containers (${names.join(', ')}): name the one to update with container`, 'container');
        name = names[0];
    }
    if (!names.includes(name))
        throw new errors/* ConfigurationError */.j1(`the service's task definition has no container '${name}' (it has ${names.join(', ')})`, 'container');
    input.containerDefinitions = containers.map(c => (c.name === name ? { ...c, image } : c));
    return input;
}

;// CONCATENATED MODULE: ./lib/platforms/ecs/open.js



async function openEcsPlatform(target, who, warn) {
    const aws = await AwsClients.open();
    const settle = Number(process.env.SHIPGATE_ECS_LOCK_SETTLE_MS);
    return new EcsPlatform(aws, new EcsApi(aws, target.cluster, target.service), {
        target,
        who,
        warn,
        lockSettleMs: Number.isFinite(settle) && settle >= 0 && process.env.SHIPGATE_ECS_LOCK_SETTLE_MS ? settle : undefined
    });
}


/***/ })

};
