// CloudWatch Logs: log groups and streams that the awslogs driver of the tasks writes to, and
// the read operations (GetLogEvents, FilterLogEvents, DescribeLogStreams) plus CreateLogGroup,
// CreateLogStream, PutLogEvents and DescribeLogGroups.
import { AwsError } from './common.mjs';

const MAX_EVENTS_PER_STREAM = 100_000;

/** filterPattern as CloudWatch reads unstructured text: terms all present, "?a ?b" any of, "quoted phrases". */
export function matchesFilterPattern(pattern, message) {
  const text = (pattern ?? '').trim();
  if (text === '') return true;
  const terms = [...text.matchAll(/(\?)?(-)?(?:"([^"]*)"|(\S+))/g)].map(m => ({
    optional: Boolean(m[1]),
    negated: Boolean(m[2]),
    term: m[3] ?? m[4]
  }));
  const optional = terms.filter(t => t.optional);
  if (optional.length > 0) return optional.some(t => message.includes(t.term));
  return terms.every(t => (t.negated ? !message.includes(t.term) : message.includes(t.term)));
}

export function createLogs({ region, accountId }) {
  const groups = new Map();
  let sequence = 0;

  const groupArn = name => `arn:aws:logs:${region}:${accountId}:log-group:${name}`;
  const findGroup = (name, identifier) => {
    const key =
      name ??
      (identifier?.startsWith('arn:') ? identifier.split(':log-group:')[1]?.replace(/:\*$/, '') : identifier);
    const group = groups.get(key);
    if (!group) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
    return group;
  };
  const createGroup = name => {
    if (groups.has(name))
      throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
    const group = { name, arn: groupArn(name), creationTime: Date.now(), streams: new Map() };
    groups.set(name, group);
    return group;
  };
  const ensureStream = (group, name) => {
    if (!group.streams.has(name))
      group.streams.set(name, { name, creationTime: Date.now(), events: [], bytes: 0 });
    return group.streams.get(name);
  };
  const append = (stream, timestamp, message) => {
    const ingestionTime = Date.now();
    const event = { timestamp, message, ingestionTime, eventId: String(++sequence).padStart(56, '0') };
    stream.events.push(event);
    stream.bytes += Buffer.byteLength(message);
    if (stream.events.length > MAX_EVENTS_PER_STREAM)
      stream.events.splice(0, stream.events.length - MAX_EVENTS_PER_STREAM);
  };
  const inWindow = (event, startTime, endTime) =>
    (startTime === undefined || event.timestamp >= startTime) &&
    (endTime === undefined || event.timestamp < endTime);

  const api = {
    CreateLogGroup({ logGroupName }) {
      createGroup(logGroupName);
      return {};
    },
    CreateLogStream({ logGroupName, logStreamName }) {
      const group = findGroup(logGroupName);
      if (group.streams.has(logStreamName))
        throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
      ensureStream(group, logStreamName);
      return {};
    },
    PutLogEvents({ logGroupName, logStreamName, logEvents }) {
      const group = findGroup(logGroupName);
      const stream = group.streams.get(logStreamName);
      if (!stream)
        throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
      for (const e of logEvents) append(stream, e.timestamp, e.message);
      return {};
    },
    DescribeLogGroups({ logGroupNamePrefix, limit = 50, nextToken }) {
      const all = [...groups.values()]
        .filter(g => !logGroupNamePrefix || g.name.startsWith(logGroupNamePrefix))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const start = nextToken ? Number(nextToken) : 0;
      const page = all.slice(start, start + limit);
      return {
        logGroups: page.map(g => ({
          logGroupName: g.name,
          creationTime: g.creationTime,
          arn: `${g.arn}:*`,
          logGroupArn: g.arn,
          storedBytes: [...g.streams.values()].reduce((n, s) => n + s.bytes, 0)
        })),
        nextToken: start + limit < all.length ? String(start + limit) : undefined
      };
    },
    DescribeLogStreams({
      logGroupName,
      logGroupIdentifier,
      logStreamNamePrefix,
      orderBy = 'LogStreamName',
      descending = false,
      limit = 50,
      nextToken
    }) {
      const group = findGroup(logGroupName, logGroupIdentifier);
      if (orderBy === 'LastEventTime' && logStreamNamePrefix)
        throw new AwsError(
          'InvalidParameterException',
          'Cannot order by LastEventTime with a logStreamNamePrefix.'
        );
      const last = s => s.events.at(-1)?.timestamp ?? 0;
      const all = [...group.streams.values()]
        .filter(s => !logStreamNamePrefix || s.name.startsWith(logStreamNamePrefix))
        .sort((a, b) =>
          orderBy === 'LastEventTime' ? last(a) - last(b) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0
        );
      if (descending) all.reverse();
      const start = nextToken ? Number(nextToken) : 0;
      const page = all.slice(start, start + limit);
      return {
        logStreams: page.map(s => ({
          logStreamName: s.name,
          creationTime: s.creationTime,
          firstEventTimestamp: s.events[0]?.timestamp,
          lastEventTimestamp: s.events.at(-1)?.timestamp,
          lastIngestionTime: s.events.at(-1)?.ingestionTime,
          arn: `arn:aws:logs:${region}:${accountId}:log-group:${group.name}:log-stream:${s.name}`,
          storedBytes: 0
        })),
        nextToken: start + limit < all.length ? String(start + limit) : undefined
      };
    },
    GetLogEvents({
      logGroupName,
      logGroupIdentifier,
      logStreamName,
      startTime,
      endTime,
      nextToken,
      limit = 10_000,
      startFromHead
    }) {
      const group = findGroup(logGroupName, logGroupIdentifier);
      const stream = group.streams.get(logStreamName);
      if (!stream)
        throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
      const events = stream.events.filter(e => inWindow(e, startTime, endTime));
      let from;
      let to;
      const token = /^([fb])\/(\d+)$/.exec(nextToken ?? '');
      if (nextToken && !token)
        throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
      if (token?.[1] === 'f') {
        from = Number(token[2]);
        to = Math.min(events.length, from + limit);
      } else if (token?.[1] === 'b') {
        to = Number(token[2]);
        from = Math.max(0, to - limit);
      } else if (startFromHead) {
        from = 0;
        to = Math.min(events.length, limit);
      } else {
        to = events.length;
        from = Math.max(0, to - limit);
      }
      return {
        events: events
          .slice(from, to)
          .map(e => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
        nextForwardToken: `f/${String(to).padStart(56, '0')}`,
        nextBackwardToken: `b/${String(from).padStart(56, '0')}`
      };
    },
    FilterLogEvents({
      logGroupName,
      logGroupIdentifier,
      logStreamNames,
      logStreamNamePrefix,
      startTime,
      endTime,
      filterPattern,
      nextToken,
      limit = 10_000
    }) {
      const group = findGroup(logGroupName, logGroupIdentifier);
      if (logStreamNames && logStreamNamePrefix)
        throw new AwsError(
          'InvalidParameterException',
          'logStreamNames and logStreamNamePrefix are mutually exclusive'
        );
      const streams = [...group.streams.values()].filter(
        s =>
          (!logStreamNames || logStreamNames.includes(s.name)) &&
          (!logStreamNamePrefix || s.name.startsWith(logStreamNamePrefix))
      );
      const all = streams
        .flatMap(s =>
          s.events
            .filter(e => inWindow(e, startTime, endTime) && matchesFilterPattern(filterPattern, e.message))
            .map(e => ({ stream: s.name, ...e }))
        )
        .sort((a, b) => a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : 1));
      const start = nextToken ? Number(nextToken) : 0;
      if (!Number.isInteger(start))
        throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
      const page = all.slice(start, start + limit);
      return {
        events: page.map(e => ({
          logStreamName: e.stream,
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime: e.ingestionTime,
          eventId: e.eventId
        })),
        searchedLogStreams: streams.map(s => ({ logStreamName: s.name, searchedCompletely: true })),
        nextToken: start + limit < all.length ? String(start + limit) : undefined
      };
    }
  };

  return {
    api,
    createGroup: name => (groups.has(name) ? groups.get(name) : createGroup(name)),
    hasGroup: name => groups.has(name),
    /** A writer for one stream (the awslogs driver of one container). */
    stream(groupName, streamName) {
      const group = groups.get(groupName);
      if (!group) throw new Error(`no log group ${groupName}`);
      const stream = ensureStream(group, streamName);
      return { write: message => append(stream, Date.now(), message) };
    },
    /** Every message of a stream, for tests. */
    messages(groupName, streamName) {
      return (
        groups
          .get(groupName)
          ?.streams.get(streamName)
          ?.events.map(e => e.message) ?? []
      );
    }
  };
}
