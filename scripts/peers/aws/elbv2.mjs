// The ELBv2 API over the emulator's load balancer: DescribeTargetGroups, DescribeTargetHealth,
// DescribeLoadBalancers and DescribeTargetGroupAttributes.
import { AwsError } from './common.mjs';

export function createElbv2({ targetGroups }) {
  const notFound = () => new AwsError('TargetGroupNotFoundException', 'One or more target groups not found');
  const byArn = arn => {
    const group = targetGroups.get(arn);
    if (!group) throw notFound();
    return group;
  };

  const api = {
    DescribeTargetGroups({ TargetGroupArns, Names, LoadBalancerArn, Marker, PageSize = 400 }) {
      let groups = [...targetGroups.values()];
      if (TargetGroupArns?.length) groups = TargetGroupArns.map(byArn);
      if (Names?.length) {
        groups = Names.map(name => {
          const group = [...targetGroups.values()].find(g => g.name === name);
          if (!group) throw notFound();
          return group;
        });
      }
      if (LoadBalancerArn) {
        groups = groups.filter(g => g.loadBalancerArn === LoadBalancerArn);
        if (groups.length === 0)
          throw new AwsError('LoadBalancerNotFoundException', 'One or more load balancers not found');
      }
      const start = Marker ? Number(Marker) : 0;
      const slice = groups.slice(start, start + PageSize);
      return {
        TargetGroups: slice.map(g => g.describe()),
        NextMarker: start + PageSize < groups.length ? String(start + PageSize) : undefined
      };
    },
    DescribeTargetHealth({ TargetGroupArn, Targets }) {
      const group = byArn(TargetGroupArn);
      return { TargetHealthDescriptions: group.health(Targets) };
    },
    DescribeTargetGroupAttributes({ TargetGroupArn }) {
      const group = byArn(TargetGroupArn);
      return {
        Attributes: [
          {
            Key: 'deregistration_delay.timeout_seconds',
            Value: String(group.settings.deregistrationDelaySeconds)
          },
          { Key: 'stickiness.enabled', Value: 'false' },
          { Key: 'load_balancing.algorithm.type', Value: 'round_robin' },
          { Key: 'slow_start.duration_seconds', Value: '0' }
        ]
      };
    },
    DescribeLoadBalancers({ LoadBalancerArns, Names }) {
      let groups = [...targetGroups.values()];
      if (LoadBalancerArns?.length) groups = groups.filter(g => LoadBalancerArns.includes(g.loadBalancerArn));
      if (Names?.length) groups = groups.filter(g => Names.includes(`${g.name}-alb`));
      if ((LoadBalancerArns?.length || Names?.length) && groups.length === 0)
        throw new AwsError('LoadBalancerNotFoundException', 'One or more load balancers not found');
      return {
        LoadBalancers: groups.map(g => ({
          LoadBalancerArn: g.loadBalancerArn,
          DNSName: `127.0.0.1:${g.publicPort}`,
          LoadBalancerName: `${g.name}-alb`,
          Scheme: 'internet-facing',
          VpcId: 'vpc-0emulator0000000',
          State: { Code: 'active' },
          Type: 'application',
          IpAddressType: 'ipv4'
        }))
      };
    }
  };
  return { api };
}
