// The AWS JSON 1.1 protocol (ECS, CloudWatch Logs): POST / with
// `X-Amz-Target: <prefix>.<Operation>` and a JSON body; errors are `{"__type": code, "message"}`
// with the code also in `x-amzn-ErrorType`. Every request is checked against the operation's
// input shape and every answer (the exact bytes about to be sent, parsed back) against its
// output or error shape; a mismatch is recorded and answered 500.
import { AwsError, uuid } from './common.mjs';
import { validateError, validateInput, validateOutput } from './model.mjs';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export function createJsonProtocol({ model, handlers, hooks }) {
  const answer = (status, document, extraHeaders = {}) => ({
    status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': uuid(), ...extraHeaders },
    body: JSON.stringify(document)
  });

  const violation = (op, direction, problems) => {
    const message = `${model.id} ${op} ${direction} does not match the model: ${problems.join('; ')}`;
    hooks.recordError(message);
    return answer(
      500,
      { __type: 'EmulatorModelViolation', message },
      { 'x-amzn-errortype': 'EmulatorModelViolation' }
    );
  };

  const errorAnswer = (op, error) => {
    const body = { message: error.message, ...error.fields };
    const problems = validateError(model, error.code, body);
    if (problems.length > 0) return violation(op, `error ${error.code}`, problems);
    return answer(error.status, { __type: error.code, ...body }, { 'x-amzn-errortype': error.code });
  };

  return async function handle({ headers, body, refused }) {
    const target = String(headers['x-amz-target'] ?? '');
    const op = target.slice(model.targetPrefix.length + 1);
    if (refused) return errorAnswer(op, refused);
    if (!target.startsWith(`${model.targetPrefix}.`) || !model.operations.has(op)) {
      hooks.recordError(`${model.id}: unknown operation ${JSON.stringify(target)}`);
      return errorAnswer(op, new AwsError('UnknownOperationException', `Unknown operation ${target}`));
    }
    if (!String(headers['content-type'] ?? '').startsWith(CONTENT_TYPE)) {
      hooks.recordError(
        `${model.id} ${op}: content-type ${headers['content-type']}, expected ${CONTENT_TYPE}`
      );
      return errorAnswer(op, new AwsError('SerializationException', 'Unexpected content type'));
    }
    let input;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      hooks.recordError(`${model.id} ${op}: the request body is not JSON`);
      return errorAnswer(
        op,
        new AwsError('SerializationException', 'Start of structure or map found where not expected')
      );
    }
    const inputProblems = validateInput(model, op, input);
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
    const text = JSON.stringify(output);
    const problems = validateOutput(model, op, JSON.parse(text));
    if (problems.length > 0) return violation(op, 'response', problems);
    return { ...answer(200, null), body: text };
  };
}
