import fc from 'fast-check';

/** An error chain `depth` levels deep, as text (built without recursion). */
export function deepChain(depth: number): string {
  let text = '';
  for (let i = 0; i < depth; i++) text += `{"code":"c${i}","message":"level ${i}","innerError":`;
  return `${text}null${'}'.repeat(depth)}`;
}

const statusWords = fc.constantFrom('notStarted', 'running', 'succeeded', 'failed', 'completed', 'Completed', 'inProgress', 'FAILED', 'deleteFailed', 'weird', '');

/** Status documents close to Graph's, with every field liable to be wrong. */
export const statusDocuments = fc
  .record(
    {
      id: fc.oneof(fc.string(), fc.jsonValue()),
      status: fc.oneof(statusWords, fc.jsonValue()),
      percentageComplete: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
      resourceLocation: fc.oneof(fc.string(), fc.constant('https://graph.microsoft.com/v1.0/me/drive/items/A/workbook/sessionInfoResource(key=\'1\')'), fc.constant('/me/messages')),
      resourceId: fc.oneof(fc.string(), fc.constantFrom('NEW1', '..', '../x', 'a?b')),
      error: fc.oneof(fc.jsonValue(), fc.integer({ min: 1, max: 3000 }).map((d) => JSON.parse(deepChain(d)) as unknown)),
    },
    { requiredKeys: [] },
  )
  .map((doc) => JSON.stringify(doc));

/** Response bodies: JSON of any shape, status documents, garbage, deep nesting. */
export const bodies = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constantFrom('', 'null', '[]', '{"status":', '<!DOCTYPE html><html></html>', '{"id":"s1","persistChanges":true}', '{"error":{"code":"x"}}'),
  statusDocuments,
  fc.integer({ min: 1, max: 5000 }).map((d) => `{"status":"failed","error":${deepChain(d)}}`),
  fc.integer({ min: 1, max: 5000 }).map((d) => `{"error":${deepChain(d)}}`),
  fc.integer({ min: 1, max: 5000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
);

/** Header values, including the hostile ones. */
export const headerValues = fc.oneof(
  fc.string(),
  fc.constantFrom('0', '-1', '2.128', '1e309', '99999999999999999999', 'abc', 'Wed, 21 Oct 2015 07:28:00 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT', ''),
  fc.double().map(String),
);

/** Location values: good, relative, OData-key, foreign, forbidden, garbage. */
export const locations = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'https://graph.microsoft.com/v1.0/me/drive/items/A/workbook/operations/op1',
    "/teams('T')/operations('o')",
    '/v1.0/me/drive/items/A/workbook/operations/op2',
    'operations/op3',
    'https://monitor.example/job/1',
    'http://graph.microsoft.com/v1.0/x',
    'javascript:alert(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    'https://a.example/x, https://b.example/y',
    '',
    '   ',
  ),
);
