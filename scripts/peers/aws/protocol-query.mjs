// The AWS query protocol (ELBv2): a form-encoded POST with Action and Version, answered in
// XML (`<OpResponse><OpResult>...</OpResult><ResponseMetadata>`), errors as
// `<ErrorResponse><Error><Type><Code><Message>`. The form is decoded member by member from the
// operation's input shape (a parameter the shape does not have is a mismatch); the answer is
// checked against the output shape and then written from that same shape, so no name that
// the model does not have can reach the wire.
import { AwsError, uuid } from './common.mjs';
import { COMMON_ERRORS, operation, shape, validate, validateError } from './model.mjs';

const CONTENT_TYPE = 'application/x-www-form-urlencoded';

const escapeXml = s =>
  String(s).replace(
    /[<>&'"]/g,
    c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]
  );

/** Decodes query parameters into the operation's input structure; unknown parameters are problems. */
export function decodeQuery(model, ref, params) {
  const consumed = new Set();
  const problems = [];
  const scalar = (s, raw, key) => {
    consumed.add(key);
    switch (s.kind) {
      case 'number': {
        const n = Number(raw);
        if (raw === '' || !Number.isFinite(n))
          problems.push(`${key}: ${JSON.stringify(raw)} is not a number`);
        return n;
      }
      case 'boolean':
        if (raw !== 'true' && raw !== 'false')
          problems.push(`${key}: ${JSON.stringify(raw)} is not a boolean`);
        return raw === 'true';
      default:
        return raw;
    }
  };
  const hasPrefix = prefix => [...params.keys()].some(k => k === prefix || k.startsWith(`${prefix}.`));
  const read = (ref, prefix) => {
    const s = shape(model, ref);
    if (s.kind === 'structure' || s.kind === 'union') {
      const out = {};
      for (const m of s.members) {
        const memberShape = shape(model, m.ref);
        const name = memberShape.traits?.xmlName ?? m.name;
        const key = prefix ? `${prefix}.${name}` : name;
        if (hasPrefix(key)) out[m.name] = read(m.ref, key);
      }
      return out;
    }
    if (s.kind === 'list') {
      if (params.get(prefix) === '') {
        consumed.add(prefix);
        return [];
      }
      const memberName = shape(model, s.member).traits?.xmlName ?? 'member';
      const base = s.traits?.xmlFlattened ? prefix : `${prefix}.${memberName}`;
      const items = [];
      for (let i = 1; hasPrefix(`${base}.${i}`); i += 1) items.push(read(s.member, `${base}.${i}`));
      return items;
    }
    if (s.kind === 'map') {
      const out = {};
      const base = s.traits?.xmlFlattened ? prefix : `${prefix}.entry`;
      for (let i = 1; hasPrefix(`${base}.${i}`); i += 1) {
        const k = params.get(`${base}.${i}.key`);
        consumed.add(`${base}.${i}.key`);
        out[k] = read(s.value, `${base}.${i}.value`);
      }
      return out;
    }
    if (!params.has(prefix)) {
      problems.push(`${prefix}: a ${s.kind} cannot have nested parameters`);
      return undefined;
    }
    return scalar(s, params.get(prefix), prefix);
  };
  const value = read(ref, '');
  for (const key of params.keys()) if (!consumed.has(key)) problems.push(`unknown parameter ${key}`);
  return { value, problems };
}

/** Writes a value as the XML the query protocol answers with, element names from the shape. */
export function encodeXml(model, ref, value, tag) {
  const s = shape(model, ref);
  const name = s.traits?.xmlName ?? tag;
  switch (s.kind) {
    case 'structure':
    case 'union': {
      const inner = s.members
        .filter(m => value[m.name] !== undefined)
        .map(m => encodeXml(model, m.ref, value[m.name], m.name))
        .join('');
      return `<${name}>${inner}</${name}>`;
    }
    case 'list': {
      const memberTag = shape(model, s.member).traits?.xmlName ?? 'member';
      if (s.traits?.xmlFlattened) return value.map(item => encodeXml(model, s.member, item, name)).join('');
      return `<${name}>${value.map(item => encodeXml(model, s.member, item, memberTag)).join('')}</${name}>`;
    }
    case 'map': {
      const entries = Object.entries(value)
        .map(([k, v]) => `<entry><key>${escapeXml(k)}</key>${encodeXml(model, s.value, v, 'value')}</entry>`)
        .join('');
      return `<${name}>${entries}</${name}>`;
    }
    default:
      return `<${name}>${escapeXml(value)}</${name}>`;
  }
}

export function createQueryProtocol({ model, handlers, hooks }) {
  const xml = (status, text) => ({
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': uuid() },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${text}`
  });
  const violation = (op, direction, problems) => {
    const message = `${model.id} ${op} ${direction} does not match the model: ${problems.join('; ')}`;
    hooks.recordError(message);
    return errorXml(500, 'EmulatorModelViolation', message, 'Receiver');
  };
  const errorXml = (status, code, message, type = 'Sender') =>
    xml(
      status,
      `<ErrorResponse xmlns="${model.xmlns}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
        `<Message>${escapeXml(message)}</Message></Error><RequestId>${uuid()}</RequestId></ErrorResponse>`
    );
  const errorAnswer = (op, error) => {
    // JSON-style names of common errors become their query names (ThrottlingException -> Throttling).
    const code = model.errors.has(error.code) ? error.code : (COMMON_ERRORS.get(error.code) ?? error.code);
    const schema = model.errors.get(code);
    const wireCode = schema?.[3]?.awsQueryError?.[0] ?? code;
    const problems = validateError(model, code, { Message: error.message, ...error.fields });
    if (problems.length > 0) return violation(op, `error ${code}`, problems);
    return errorXml(error.status, wireCode, error.message, error.status >= 500 ? 'Receiver' : 'Sender');
  };

  return async function handle({ headers, body, refused }) {
    const params = new Map(new URLSearchParams(body));
    const op = params.get('Action') ?? '';
    if (refused) return errorAnswer(op, refused);
    if (!String(headers['content-type'] ?? '').startsWith(CONTENT_TYPE)) {
      hooks.recordError(
        `${model.id} ${op}: content-type ${headers['content-type']}, expected ${CONTENT_TYPE}`
      );
      return errorAnswer(op, new AwsError('SerializationException', 'Unexpected content type'));
    }
    if (params.get('Version') !== model.version) {
      hooks.recordError(`${model.id} ${op}: Version ${params.get('Version')}, expected ${model.version}`);
      return errorAnswer(op, new AwsError('SerializationException', `Version must be ${model.version}`));
    }
    const spec = operation(model, op);
    if (!spec) {
      hooks.recordError(`${model.id}: unknown operation ${JSON.stringify(op)}`);
      return errorAnswer(op, new AwsError('UnknownOperationException', `Could not find operation ${op}`));
    }
    params.delete('Action');
    params.delete('Version');
    const { value: input, problems: decodeProblems } = decodeQuery(model, spec.input, params);
    const inputProblems = [...decodeProblems, ...validate(model, spec.input, input, { wire: 'query' })];
    if (inputProblems.length > 0) return violation(op, 'request', inputProblems);
    hooks.recordCall(model.id, op, input);

    const injected = hooks.takeInjected(model.id, op);
    if (injected) return errorAnswer(op, injected);

    const handler = handlers[op];
    if (!handler) {
      hooks.recordError(`${model.id} ${op}: the emulator does not implement this operation`);
      return errorAnswer(
        op,
        new AwsError('UnknownOperationException', `The emulator does not implement ${op}`)
      );
    }
    let output;
    try {
      output = (await handler(input)) ?? {};
    } catch (error) {
      if (error instanceof AwsError) return errorAnswer(op, error);
      hooks.recordError(`${model.id} ${op} failed inside the emulator: ${error.stack ?? error}`);
      return errorAnswer(
        op,
        new AwsError('InternalFailure', String(error.message ?? error), { status: 500 })
      );
    }
    const problems = validate(model, spec.output, output, { wire: 'query' });
    if (problems.length > 0) return violation(op, 'response', problems);
    const result = encodeXml(model, spec.output, output, `${op}Result`);
    return xml(
      200,
      `<${op}Response xmlns="${model.xmlns}">${result}` +
        `<ResponseMetadata><RequestId>${uuid()}</RequestId></ResponseMetadata></${op}Response>`
    );
  };
}
