import { answersByItem, itemVerdict, type ItemVerdict } from '../../src/http/batch-answer';
import { ProtocolError } from '../../src/core/errors/protocol-error';
import { DEFAULT_RETRY_POLICY } from '../../src/core/policy/retry-policy';
import type { RequestSpec } from '../../src/http/request-spec';

const spec: RequestSpec = { method: 'GET', url: 'https://graph.microsoft.com/v1.0/ops/a', auth: 'token', idempotent: true };
const policy = { ...DEFAULT_RETRY_POLICY, random: () => 1 };
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('answersByItem: the entries of a $batch answer, by the request they name', () => {
  it.each<[string, string, (number[] | undefined)[] | undefined]>([
    // [what the answer is, its text, per item (ids "1" to "3"): the positions of the entries naming it]
    ['one entry each', '{"responses":[{"id":"2"},{"id":"1"},{"id":"3"}]}', [[1], [0], [2]]],
    ['an id twice', '{"responses":[{"id":"1"},{"id":"1"},{"id":"3"}]}', [[0, 1], undefined, [2]]],
    ['ids never asked, or not strings', '{"responses":[{"id":"0"},{"id":"4"},{"id":"01"},{"id":"1 "},{"id":"1.0"},{"id":"+1"},{"id":2},{"id":null},{"id":"__proto__"},{"id":"constructor"},{"id":"3"}]}', [undefined, undefined, [10]]],
    ['entries that are not objects', '{"responses":[1,null,"1",["1"],true,{"id":"1"}]}', [[5], undefined, undefined]],
    ['a body that is not JSON', '<html>', undefined],
    ['an empty body', '', undefined],
    ['JSON that is not an object', '[{"id":"1"}]', undefined],
    ['JSON null', 'null', undefined],
    ['responses that is not an array', '{"responses":{"0":{"id":"1"}}}', undefined],
    ['responses nested 100,000 deep', `{"responses":[${deep(100_000)}]}`, [undefined, undefined, undefined]],
  ])('%s', (_what, body, expected) => {
    const byItem = answersByItem(body, 3);
    if (expected === undefined) return expect(byItem).toBeUndefined();
    const entries = (JSON.parse(body) as { responses: unknown[] }).responses;
    expect(Array.from(byItem!)).toEqual(expected.map((positions) => positions?.map((i) => entries[i])));
  });
});

describe('itemVerdict: what the entries naming one request come to', () => {
  const verdict = (entries: unknown[] | undefined, at = 0): ItemVerdict => itemVerdict(entries, spec, policy, at);
  const malformed = (reason: RegExp) => ({ kind: 'malformed', problem: expect.objectContaining({ name: 'ProtocolError', url: spec.url, message: expect.stringMatching(reason) }) });

  it.each<[string, unknown[] | undefined, unknown]>([
    ['a 200 with a JSON body: the body as text, the header names in lower case', [{ id: '1', status: 200, headers: { 'Retry-After': '3', 'Content-Type': 'application/json' }, body: { status: 'running' } }], { kind: 'answered', response: { status: 200, headers: { 'retry-after': '3', 'content-type': 'application/json' }, body: '{"status":"running"}' } }],
    ['a 200 whose body is a string (Graph sends non-JSON bodies so): the string itself', [{ id: '1', status: 200, body: '<html>' }], { kind: 'answered', response: { status: 200, headers: {}, body: '<html>' } }],
    ['a 204 without body', [{ id: '1', status: 204 }], { kind: 'answered', response: { status: 204, headers: {}, body: '' } }],
    ['a 200 with a null body', [{ id: '1', status: 200, body: null }], { kind: 'answered', response: { status: 200, headers: {}, body: '' } }],
    ['no entry', undefined, malformed(/its \$batch answer is missing/)],
    ['two entries', [{ id: '1', status: 200, body: {} }, { id: '1', status: 200, body: {} }], malformed(/came 2 times/)],
    ['a status that is a string', [{ id: '1', status: '200' }], malformed(/no status from 100 to 599/)],
    ['a status that is not whole', [{ id: '1', status: 200.5 }], malformed(/no status/)],
    ['a status below 100', [{ id: '1', status: 99 }], malformed(/no status/)],
    ['a status above 599', [{ id: '1', status: 600 }], malformed(/no status/)],
    ['a status that is Infinity (1e400)', [{ id: '1', status: Infinity }], malformed(/no status/)],
    ['no status', [{ id: '1', body: {} }], malformed(/no status/)],
    ['headers that are an array', [{ id: '1', status: 200, headers: [] }], malformed(/headers that are not strings/)],
    ['headers that are a string', [{ id: '1', status: 200, headers: 'x' }], malformed(/headers that are not strings/)],
    ['headers that are null', [{ id: '1', status: 200, headers: null }], malformed(/headers that are not strings/)],
    ['a header that is a number', [{ id: '1', status: 200, headers: { 'retry-after': 5 } }], malformed(/headers that are not strings/)],
    ['a header nested 5,000 deep', [{ id: '1', status: 200, headers: { x: JSON.parse(deep(5000)) } }], malformed(/headers that are not strings/)],
    ['a 2xx body nested 5,000 deep: sent alone, so the single request reads it with its own checks', [{ id: '1', status: 200, body: JSON.parse(deep(5000)) }], malformed(/nested too deep/)],
    ['a 404: sent alone at once (the single request classifies it)', [{ id: '1', status: 404, headers: { 'Retry-After': '9' } }], { kind: 'status', status: 404, delayMs: 0 }],
    ['a 429 with Retry-After: sent alone after it', [{ id: '1', status: 429, headers: { 'Retry-After': '9' } }], { kind: 'status', status: 429, delayMs: 9000 }],
    ['a 503 without Retry-After: sent alone after the back-off', [{ id: '1', status: 503 }], { kind: 'status', status: 503, delayMs: 500 }],
    ['a 504: the item is a GET, safe to repeat, so the same', [{ id: '1', status: 504 }], { kind: 'status', status: 504, delayMs: 500 }],
    ['a 1xx: not a response a GET ends with; sent alone at once', [{ id: '1', status: 102 }], { kind: 'status', status: 102, delayMs: 0 }],
  ])('%s', (_what, entries, expected) => {
    expect(verdict(entries)).toEqual(expected);
  });

  it('a malformed entry is a ProtocolError for that item, naming the item, never the batch', () => {
    const result = verdict([{ id: '1', status: 'x' }]);
    expect(result.kind === 'malformed' && result.problem).toBeInstanceOf(ProtocolError);
  });

  it.each<[string, number[], number, number]>([
    // The rule is the retry policy's own (isTransientFailure), as for a single request.
    ['503 left out of retry.statuses: not transient, no wait', [429, 504], 503, 0],
    ['500 added to retry.statuses: transient, the back-off', [429, 500, 503, 504], 500, 500],
    ['429 with retries of its own: the Retry-After, capped by maxRetryAfterMs', [429], 429, 120_000],
  ])('%s', (_what, statuses, status, delayMs) => {
    const entries = [{ id: '1', status, headers: status === 429 ? { 'retry-after': '99999' } : {} }];
    expect(itemVerdict(entries, spec, { ...policy, statuses }, 0)).toEqual({ kind: 'status', status, delayMs });
  });

  it("a request's own retry policy, when it has one, is the one asked", () => {
    const own = { ...policy, statuses: [418] };
    expect(itemVerdict([{ id: '1', status: 418 }], { ...spec, retry: own }, own, 0)).toEqual({ kind: 'status', status: 418, delayMs: 500 });
  });
});
