// The published service models of ECS, ELBv2 and CloudWatch Logs, as the AWS SDK v3 clients
// ship them, and a validator that checks every request and response of the emulator against
// them. Nothing is copied: the models are read at run time from node_modules.
//
// Where the model comes from:
// - shapes, member names, member types, required members, timestamps, error shapes: the
//   static schemas the v3 clients are generated with from the Smithy models (exported as
//   `<Shape>$`, e.g. `Deployment$`); they are what the SDK itself serializes and parses with.
// - enums: those schemas type an enum member as a plain string, so the enum values come from
//   the same package's generated declarations (`dist-types/models/*.d.ts` says
//   `rolloutState?: DeploymentRolloutState`) and its exported enum objects
//   (`DeploymentRolloutState = { COMPLETED: 'COMPLETED', ... }`).
// A self-check at load time fails loudly if a future SDK release changes either format.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const SERVICES = {
  ecs: {
    pkg: '@aws-sdk/client-ecs',
    protocol: 'json',
    targetPrefix: 'AmazonEC2ContainerServiceV20141113',
    signingName: 'ecs'
  },
  elbv2: {
    pkg: '@aws-sdk/client-elastic-load-balancing-v2',
    protocol: 'query',
    version: '2015-12-01',
    xmlns: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    signingName: 'elasticloadbalancing'
  },
  logs: {
    pkg: '@aws-sdk/client-cloudwatch-logs',
    protocol: 'json',
    targetPrefix: 'Logs_20140328',
    signingName: 'logs'
  }
};

// Errors every AWS service may answer with although no model lists them.
// (JSON services name them as on the left, query services as on the right.)
export const COMMON_ERRORS = new Map([
  ['ThrottlingException', 'Throttling'],
  ['AccessDeniedException', 'AccessDenied'],
  ['InternalFailure', 'InternalFailure'],
  ['ServiceUnavailable', 'ServiceUnavailable'],
  ['UnrecognizedClientException', 'InvalidClientTokenId'],
  ['InvalidSignatureException', 'SignatureDoesNotMatch'],
  ['IncompleteSignatureException', 'IncompleteSignature'],
  ['MissingAuthenticationTokenException', 'MissingAuthenticationToken'],
  ['ValidationException', 'ValidationError'],
  ['RequestExpired', 'RequestExpired'],
  ['UnknownOperationException', 'InvalidAction'],
  ['SerializationException', 'MalformedQueryString']
]);
const commonCodes = new Set([...COMMON_ERRORS.keys(), ...COMMON_ERRORS.values()]);

const simpleKinds = {
  0: 'string',
  1: 'number',
  2: 'boolean',
  4: 'timestamp',
  5: 'timestamp',
  6: 'timestamp',
  7: 'timestamp',
  15: 'document',
  17: 'bigInteger',
  19: 'bigDecimal',
  21: 'blob',
  42: 'blob'
};
const timestampFormats = { 4: undefined, 5: 'date-time', 6: 'http-date', 7: 'epoch-seconds' };

function deref(ref) {
  return typeof ref === 'function' ? ref() : ref;
}
const isMemberTuple = ref => Array.isArray(ref) && ref.length === 2;

/** One shape of a model, normalized from the SDK's static schema arrays. */
function normalize(model, ref) {
  ref = deref(ref);
  if (isMemberTuple(ref)) ref = deref(ref[0]);
  if (typeof ref === 'number') {
    if (ref >= 64 && ref < 128) return { kind: 'list', name: 'List', member: ref & 63, traits: {} };
    if (ref >= 128 && ref < 256) return { kind: 'map', name: 'Map', key: 0, value: ref & 63, traits: {} };
    const kind = simpleKinds[ref];
    if (!kind) throw new Error(`${model.name}: unknown simple schema ${ref}`);
    return { kind, name: kind, timestampFormat: timestampFormats[ref], traits: {} };
  }
  if (ref === 'unit') return { kind: 'unit', name: 'Unit', traits: {} };
  if (!Array.isArray(ref)) throw new Error(`${model.name}: unknown schema ${JSON.stringify(ref)}`);
  const [type, , name, rawTraits] = ref;
  const traits = typeof rawTraits === 'object' && rawTraits ? rawTraits : {};
  switch (type) {
    case 0: {
      const inner = normalize(model, ref[4]);
      return {
        ...inner,
        name,
        timestampFormat: traits.timestampFormat ?? inner.timestampFormat,
        traits: { ...inner.traits, ...traits }
      };
    }
    case 1:
      return { kind: 'list', name, member: ref[4], traits };
    case 2:
      return { kind: 'map', name, key: ref[4], value: ref[5], traits };
    case 3:
    case -3:
    case 4: {
      const names = ref[4];
      const required = new Set(names.slice(0, ref[6] ?? 0));
      const enums = model.enumMembers.get(name);
      const members = names.map((memberName, i) => ({
        name: memberName,
        ref: ref[5][i],
        required: required.has(memberName),
        enum: enums?.get(memberName)
      }));
      return {
        kind: type === 4 ? 'union' : 'structure',
        error: type === -3,
        name,
        members,
        traits
      };
    }
    case 9:
      return { kind: 'operation', name, input: ref[4], output: ref[5], traits };
    default:
      throw new Error(`${model.name}: unknown schema type ${type} (${name})`);
  }
}

/**
 * Enum members from the generated declarations: `interface X { m?: EnumName | undefined }`,
 * `m?: EnumName[] | undefined` (a list of enums) and `Record<string, EnumName>` (a map).
 */
function readEnumMembers(pkg, sdk) {
  const dir = join(dirname(require.resolve(`${pkg}/package.json`)), 'dist-types', 'models');
  const enumValues = name => {
    const value = sdk[name];
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const values = Object.values(value);
    return values.length > 0 && values.every(v => typeof v === 'string' || typeof v === 'number')
      ? values
      : undefined;
  };
  const result = new Map();
  for (const file of readdirSync(dir).filter(f => /^models_\d+\.d\.ts$/.test(f))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const interfaceRe = /^export interface (\w+) \{\n([\s\S]*?)^\}/gm;
    for (const match of text.matchAll(interfaceRe)) {
      const [, shape, body] = match;
      const members = new Map();
      for (const line of body.matchAll(/^ {4}(\w+)\??: (.+?) \| undefined;$/gm)) {
        const [, member, type] = line;
        const m = /^(?:Record<string, (\w+)>|\(?(\w+)\)?(\[\])?)$/.exec(type);
        if (!m) continue;
        const enumName = m[1] ?? m[2];
        const values = enumValues(enumName);
        if (values) members.set(member, { name: enumName, values: new Set(values) });
      }
      if (members.size > 0) result.set(shape, members);
    }
  }
  return result;
}

function loadModel(id) {
  const service = SERVICES[id];
  const sdk = require(service.pkg);
  const model = {
    id,
    name: service.pkg,
    ...service,
    sdk,
    enumMembers: readEnumMembers(service.pkg, sdk),
    operations: new Map(),
    errors: new Map(),
    cache: new Map()
  };
  for (const [key, value] of Object.entries(sdk)) {
    if (!key.endsWith('$') || !Array.isArray(value)) continue;
    if (value[0] === 9) model.operations.set(value[2], value);
    if (value[0] === -3) {
      const code = value[3]?.awsQueryError?.[0] ?? value[2];
      model.errors.set(code, value);
      model.errors.set(value[2], value);
    }
  }
  return model;
}

const models = new Map();
/** The model of one service: 'ecs', 'elbv2' or 'logs'. */
export function getModel(id) {
  if (!models.has(id)) {
    const model = loadModel(id);
    selfCheck(model);
    models.set(id, model);
  }
  return models.get(id);
}

export function shape(model, ref) {
  const key = deref(isMemberTuple(deref(ref)) ? deref(ref)[0] : ref);
  if (typeof key === 'object' && key !== null) {
    if (!model.cache.has(key)) model.cache.set(key, normalize(model, key));
    return model.cache.get(key);
  }
  return normalize(model, key);
}

export function operation(model, name) {
  const op = model.operations.get(name);
  if (!op) return undefined;
  return { name, input: op[4], output: op[5] };
}

// A format change in a future SDK release must not turn the validator into one that accepts
// anything: check a few facts that every version of these models has.
function selfCheck(model) {
  const expect = (condition, what) => {
    if (!condition)
      throw new Error(`${model.name}: the service model is not what the emulator expects: ${what}`);
  };
  const member = (shapeName, memberName) =>
    shape(model, model.sdk[`${shapeName}$`])?.members?.find(m => m.name === memberName);
  if (model.id === 'ecs') {
    expect(model.operations.has('DescribeServices'), 'operation DescribeServices');
    expect(
      member('Deployment', 'rolloutState')?.enum?.values.has('COMPLETED'),
      'Deployment.rolloutState enum'
    );
    expect(
      member('Deployment', 'createdAt') &&
        shape(model, member('Deployment', 'createdAt').ref).kind === 'timestamp',
      'Deployment.createdAt timestamp'
    );
    expect(
      member('DescribeServicesRequest', 'services')?.required,
      'DescribeServicesRequest.services required'
    );
    expect(member('DescribeServicesRequest', 'include')?.enum?.values.has('TAGS'), 'list of enums');
  }
  if (model.id === 'elbv2') {
    expect(member('TargetHealth', 'State')?.enum?.values.has('draining'), 'TargetHealth.State enum');
    expect(model.errors.has('TargetGroupNotFound'), 'query error code TargetGroupNotFound');
  }
  if (model.id === 'logs') {
    expect(member('GetLogEventsResponse', 'events'), 'GetLogEventsResponse.events');
    expect(member('DescribeLogStreamsRequest', 'orderBy')?.enum?.values.has('LastEventTime'), 'orderBy enum');
  }
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Problems of a value against a shape, as `path: message` strings (empty when it conforms).
 * `wire` says how the protocol writes scalars: 'json' (numbers, booleans, epoch-second
 * timestamps) or 'query' (decoded query strings and the objects an XML answer is built from:
 * ISO 8601 timestamps).
 */
export function validate(model, ref, value, { wire = model.protocol, path = '' } = {}) {
  const problems = [];
  const visit = (ref, value, path, enumInfo) => {
    const s = shape(model, ref);
    const at = path || '(root)';
    if (value === null) {
      problems.push(`${at}: null is not a value of ${s.name}`);
      return;
    }
    switch (s.kind) {
      case 'structure':
      case 'union': {
        if (typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${at}: expected a structure ${s.name}, got ${describe(value)}`);
          return;
        }
        const known = new Map(s.members.map(m => [m.name, m]));
        for (const key of Object.keys(value)) {
          if (value[key] === undefined) continue;
          if (!known.has(key)) problems.push(`${at}: ${s.name} has no member "${key}"`);
        }
        for (const m of s.members) {
          const v = value[m.name];
          if (v === undefined) {
            if (m.required) problems.push(`${at}: ${s.name} requires "${m.name}"`);
            continue;
          }
          visit(m.ref, v, path ? `${path}.${m.name}` : m.name, m.enum);
        }
        if (s.kind === 'union') {
          const set = s.members.filter(m => value[m.name] !== undefined);
          if (set.length !== 1) problems.push(`${at}: union ${s.name} must have exactly one member set`);
        }
        return;
      }
      case 'list':
        if (!Array.isArray(value)) {
          problems.push(`${at}: expected a list ${s.name}, got ${describe(value)}`);
          return;
        }
        value.forEach((item, i) => visit(s.member, item, `${path}[${i}]`, enumInfo));
        return;
      case 'map':
        if (typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${at}: expected a map ${s.name}, got ${describe(value)}`);
          return;
        }
        for (const [k, v] of Object.entries(value))
          visit(s.value, v, `${path}[${JSON.stringify(k)}]`, enumInfo);
        return;
      case 'string':
        if (typeof value !== 'string') problems.push(`${at}: expected a string, got ${describe(value)}`);
        else if (enumInfo && !enumInfo.values.has(value))
          problems.push(
            `${at}: "${value}" is not a value of enum ${enumInfo.name} (${[...enumInfo.values].join(', ')})`
          );
        return;
      case 'number':
      case 'bigInteger':
      case 'bigDecimal':
        if (typeof value !== 'number' || !Number.isFinite(value))
          problems.push(`${at}: expected a number, got ${describe(value)}`);
        else if (enumInfo && !enumInfo.values.has(value))
          problems.push(`${at}: ${value} is not a value of enum ${enumInfo.name}`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') problems.push(`${at}: expected a boolean, got ${describe(value)}`);
        return;
      case 'timestamp': {
        const format = s.timestampFormat ?? (wire === 'json' ? 'epoch-seconds' : 'date-time');
        if (format === 'epoch-seconds') {
          if (typeof value !== 'number' || !Number.isFinite(value))
            problems.push(`${at}: expected a timestamp in epoch seconds (a number), got ${describe(value)}`);
          else if (value > 1e11) problems.push(`${at}: ${value} looks like milliseconds, not epoch seconds`);
        } else if (format === 'date-time') {
          if (typeof value !== 'string' || !ISO_8601.test(value))
            problems.push(`${at}: expected an ISO 8601 timestamp, got ${describe(value)}`);
        } else if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
          problems.push(`${at}: expected an HTTP date, got ${describe(value)}`);
        }
        return;
      }
      case 'blob':
        if (typeof value !== 'string') problems.push(`${at}: expected a base64 blob, got ${describe(value)}`);
        return;
      case 'document':
      case 'unit':
        return;
      default:
        problems.push(`${at}: cannot validate a ${s.kind}`);
    }
  };
  visit(ref, value, path, undefined);
  return problems;
}

function describe(value) {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value)}`;
  return `${typeof value} ${typeof value === 'object' ? '' : JSON.stringify(value)}`.trim();
}

/** Problems of an operation's input (the request as decoded from the wire). */
export function validateInput(model, opName, value) {
  const op = operation(model, opName);
  if (!op) return [`${model.name} has no operation ${opName}`];
  return validate(model, op.input, value);
}

/** Problems of an operation's output (the exact document the emulator is about to send). */
export function validateOutput(model, opName, value) {
  const op = operation(model, opName);
  if (!op) return [`${model.name} has no operation ${opName}`];
  return validate(model, op.output, value);
}

/** Problems of an error answer: a known error shape of the service (or a common AWS error). */
export function validateError(model, code, body) {
  if (commonCodes.has(code) && !model.errors.has(code)) return [];
  const schema = model.errors.get(code);
  if (!schema) return [`${model.name} has no error ${code}`];
  return validate(model, schema, body);
}
