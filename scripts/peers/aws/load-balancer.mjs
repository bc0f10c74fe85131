// An Application Load Balancer in miniature: each target group is a real HTTP reverse proxy on
// its own port of 127.0.0.1, with health checks per the target group's settings, round robin
// over healthy targets, fail-open when no target is healthy, connection draining with a
// deregistration delay, and the target states and reason codes ELBv2 reports.
import http from 'node:http';
import { hex } from './common.mjs';

const REASONS = {
  'Elb.RegistrationInProgress': 'Target registration is in progress',
  'Elb.InitialHealthChecking': 'Initial health checks in progress',
  'Target.ResponseCodeMismatch': null, // "Health checks failed with these codes: [503]"
  'Target.Timeout': 'Request timed out',
  'Target.FailedHealthChecks': 'Health checks failed',
  'Target.DeregistrationInProgress': 'Target deregistration is in progress',
  'Target.NotRegistered': 'Target is not registered to the target group'
};

/** "200", "200,202", "200-299" as ELBv2 matchers say them. */
export function matchesCodes(matcher, status) {
  return String(matcher)
    .split(',')
    .map(part => part.trim())
    .some(part => {
      const [low, high] = part.split('-').map(Number);
      return high === undefined ? status === low : status >= low && status <= high;
    });
}

const BODIES = {
  502: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
  503: '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n',
  504: '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n'
};

export class TargetGroup {
  /**
   * settings: { name, healthCheckPath='/', healthCheckIntervalSeconds=30, healthCheckTimeoutSeconds=5,
   * healthyThresholdCount=5, unhealthyThresholdCount=2, matcher='200', healthCheckEnabled=true,
   * deregistrationDelaySeconds=300, port=80, targetType='ip' }
   */
  constructor(settings, { region, accountId, timers, clock, onChange = () => {}, recordError = () => {} }) {
    this.name = settings.name;
    this.arn = `arn:aws:elasticloadbalancing:${region}:${accountId}:targetgroup/${settings.name}/${hex(8)}`;
    this.loadBalancerArn = `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/app/${settings.name}-alb/${hex(8)}`;
    this.settings = {
      healthCheckPath: '/',
      healthCheckIntervalSeconds: 30,
      healthCheckTimeoutSeconds: 5,
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      matcher: '200',
      healthCheckEnabled: true,
      deregistrationDelaySeconds: 300,
      port: 80,
      targetType: 'ip',
      ...settings
    };
    this.timers = timers;
    this.clock = clock;
    this.onChange = onChange;
    this.recordError = recordError;
    this.targets = new Map();
    this.cursor = 0;
    this.served = { total: 0, byStatus: {} };
    this.sockets = new Set();
  }

  async listen() {
    this.server = http.createServer((req, res) => {
      try {
        this.route(req, res);
      } catch (error) {
        this.recordError(`load balancer ${this.name} failed on a request: ${error.stack ?? error}`);
        if (!res.headersSent) this.reply(res, 502);
      }
    });
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    this.publicPort = this.server.address().port;
    this.url = `http://127.0.0.1:${this.publicPort}`;
    return this;
  }

  key(id, port) {
    return `${id}:${port}`;
  }

  /** Registers a target; it starts in `initial` and is health checked at once. */
  register(id, port, owner) {
    const key = this.key(id, port);
    const existing = this.targets.get(key);
    if (existing && !existing.draining) return existing;
    if (existing) this.remove(existing);
    const target = {
      id,
      port,
      owner,
      state: 'initial',
      reason: 'Elb.RegistrationInProgress',
      description: REASONS['Elb.RegistrationInProgress'],
      ok: 0,
      failed: 0,
      inflight: 0,
      requests: new Set(),
      draining: false,
      checking: false,
      registeredAt: Date.now()
    };
    this.targets.set(key, target);
    if (this.settings.healthCheckEnabled) this.scheduleCheck(target, 0);
    this.onChange(this, target);
    return target;
  }

  /**
   * Starts draining a target; resolves when it is gone: at once when it has no request in
   * flight (as ELB does), else when the last one ends or the deregistration delay passes.
   */
  deregister(id, port) {
    const target = this.targets.get(this.key(id, port));
    if (!target) return Promise.resolve();
    if (target.drained) return target.drained;
    target.draining = true;
    this.timers.clear(target.timer);
    this.setState(target, 'draining', 'Target.DeregistrationInProgress');
    target.drained = new Promise(resolve => {
      target.finishDrain = () => {
        if (!this.targets.has(this.key(id, port)) || this.targets.get(this.key(id, port)) !== target)
          return resolve();
        this.remove(target);
        resolve();
      };
      if (target.inflight === 0) return target.finishDrain();
      // when the delay ends, requests still in flight are cut, as ELB closes their connections
      target.drainTimer = this.timers.timeout(
        this.clock.seconds(this.settings.deregistrationDelaySeconds),
        () => {
          for (const cut of target.requests) cut();
          target.finishDrain();
        }
      );
    });
    return target.drained;
  }

  remove(target) {
    this.timers.clear(target.timer);
    this.timers.clear(target.drainTimer);
    this.targets.delete(this.key(target.id, target.port));
    this.onChange(this, target);
  }

  setState(target, state, reason, description) {
    const changed = target.state !== state || target.reason !== reason;
    target.state = state;
    target.reason = reason;
    target.description = description ?? REASONS[reason] ?? undefined;
    if (changed) this.onChange(this, target);
  }

  scheduleCheck(target, delayMs) {
    target.timer = this.timers.timeout(delayMs, () => this.check(target));
  }

  async check(target) {
    if (target.draining || !this.targets.has(this.key(target.id, target.port))) return;
    if (target.state === 'initial' && target.reason === 'Elb.RegistrationInProgress')
      this.setState(target, 'initial', 'Elb.InitialHealthChecking');
    const started = Date.now();
    const result = await this.probe(target);
    if (target.draining || this.timers.stopped) return;
    if (result.ok) {
      target.ok += 1;
      target.failed = 0;
      if (target.state !== 'healthy' && target.ok >= this.settings.healthyThresholdCount)
        this.setState(target, 'healthy');
    } else {
      target.failed += 1;
      target.ok = 0;
      target.lastFailure = result;
      const threshold = this.settings.unhealthyThresholdCount;
      if (target.state === 'unhealthy' || target.failed >= threshold)
        this.setState(target, 'unhealthy', result.reason, result.description);
    }
    const interval = this.clock.seconds(this.settings.healthCheckIntervalSeconds);
    this.scheduleCheck(target, Math.max(0, interval - (Date.now() - started)));
  }

  probe(target) {
    const timeoutMs = Math.max(
      this.clock.seconds(this.settings.healthCheckTimeoutSeconds),
      this.clock.healthCheckTimeoutFloorMs
    );
    return new Promise(resolve => {
      let settled = false;
      const done = result => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      const req = http.request(
        {
          host: '127.0.0.1',
          port: target.port,
          path: this.settings.healthCheckPath,
          method: 'GET',
          agent: false,
          headers: { 'user-agent': 'ELB-HealthChecker/2.0', connection: 'close' },
          timeout: timeoutMs
        },
        res => {
          res.resume();
          const status = res.statusCode;
          if (matchesCodes(this.settings.matcher, status)) done({ ok: true, status });
          else
            done({
              ok: false,
              status,
              reason: 'Target.ResponseCodeMismatch',
              description: `Health checks failed with these codes: [${status}]`
            });
        }
      );
      req.on('timeout', () => {
        req.destroy();
        done({ ok: false, reason: 'Target.Timeout', description: REASONS['Target.Timeout'] });
      });
      req.on('error', () =>
        done({
          ok: false,
          reason: 'Target.FailedHealthChecks',
          description: REASONS['Target.FailedHealthChecks']
        })
      );
      req.end();
    });
  }

  /** Targets that receive new requests: healthy ones, or all registered ones when none is (fail-open). */
  routable() {
    const live = [...this.targets.values()].filter(t => !t.draining);
    const healthy = live.filter(t => t.state === 'healthy');
    return healthy.length > 0 ? healthy : live;
  }

  route(req, res) {
    const candidates = this.routable();
    if (candidates.length === 0) return this.reply(res, 503);
    const target = candidates[this.cursor++ % candidates.length];
    target.inflight += 1;
    let finished = false;
    let upstream;
    const cut = () => upstream?.destroy(new Error('the target was deregistered'));
    target.requests.add(cut);
    const finish = () => {
      if (finished) return;
      finished = true;
      target.inflight -= 1;
      target.requests.delete(cut);
      if (target.draining && target.inflight === 0) target.finishDrain?.();
    };
    upstream = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: req.url,
        agent: false,
        headers: {
          ...req.headers,
          'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
          'x-forwarded-proto': 'http',
          'x-forwarded-port': String(this.publicPort),
          'x-amzn-trace-id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${hex(12)}`
        },
        timeout: this.clock.proxyTimeoutMs
      },
      upstreamRes => {
        this.count(upstreamRes.statusCode);
        res.writeHead(upstreamRes.statusCode, upstreamRes.rawHeaders);
        upstreamRes.pipe(res);
        upstreamRes.on('end', finish);
        upstreamRes.on('error', finish);
      }
    );
    upstream.on('timeout', () => {
      upstream.destroy();
      finish();
      if (!res.headersSent) this.reply(res, 504);
      else res.destroy();
    });
    upstream.on('error', () => {
      finish();
      if (!res.headersSent) this.reply(res, 502);
      else res.destroy();
    });
    res.on('close', finish);
    req.pipe(upstream);
  }

  count(status) {
    this.served.total += 1;
    this.served.byStatus[status] = (this.served.byStatus[status] ?? 0) + 1;
  }

  reply(res, status) {
    this.count(status);
    res.writeHead(status, { server: 'awselb/2.0', 'content-type': 'text/html', connection: 'close' });
    res.end(BODIES[status]);
  }

  /** What DescribeTargetHealth says of every registered target (or of the given ones). */
  health(requested) {
    const describe = t => ({
      Target: { Id: t.id, Port: t.port },
      HealthCheckPort: String(t.port),
      TargetHealth: {
        State: t.state,
        ...(t.reason ? { Reason: t.reason } : {}),
        ...(t.description ? { Description: t.description } : {})
      }
    });
    if (!requested || requested.length === 0) return [...this.targets.values()].map(describe);
    return requested.map(({ Id, Port }) => {
      const found = [...this.targets.values()].find(
        t => t.id === Id && (Port === undefined || t.port === Port)
      );
      if (found) return describe(found);
      return {
        Target: { Id, ...(Port !== undefined ? { Port } : {}) },
        ...(Port !== undefined ? { HealthCheckPort: String(Port) } : {}),
        TargetHealth: {
          State: 'unused',
          Reason: 'Target.NotRegistered',
          Description: REASONS['Target.NotRegistered']
        }
      };
    });
  }

  /** The target group as DescribeTargetGroups answers it. */
  describe() {
    const s = this.settings;
    return {
      TargetGroupArn: this.arn,
      TargetGroupName: this.name,
      Protocol: 'HTTP',
      Port: s.port,
      VpcId: 'vpc-0emulator0000000',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: s.healthCheckEnabled,
      HealthCheckIntervalSeconds: s.healthCheckIntervalSeconds,
      HealthCheckTimeoutSeconds: s.healthCheckTimeoutSeconds,
      HealthyThresholdCount: s.healthyThresholdCount,
      UnhealthyThresholdCount: s.unhealthyThresholdCount,
      HealthCheckPath: s.healthCheckPath,
      Matcher: { HttpCode: s.matcher },
      LoadBalancerArns: [this.loadBalancerArn],
      TargetType: s.targetType,
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4'
    };
  }

  async close() {
    for (const target of this.targets.values()) {
      this.timers.clear(target.timer);
      this.timers.clear(target.drainTimer);
      target.finishDrain?.();
    }
    this.targets.clear();
    if (!this.server) return;
    const closed = new Promise(resolve => this.server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections?.();
    await closed;
  }
}
