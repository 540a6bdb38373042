import { DEFAULT_JOB_LIMITS, checkJobLimits, jobOptions } from '../../src/bullmq/job-limits';
import { kindArguments, optionsArgument } from '../../src/bullmq/graph-operations';
import { OPERATION_KINDS } from '../../src/graph/kinds';

// What a job may ask of its worker: a pure decision, before anything is sent.

const limits = DEFAULT_JOB_LIMITS;

describe('jobOptions: the per-call options a job gets, within the worker\'s limits', () => {
  it.each<[string, string, unknown[], boolean | undefined, object]>([
    ['no options argument', 'driveItem.copy', ['/me/drive/items/01A', {}], undefined, {}],
    ['a bound and a pace within the limits', 'driveItem.copy', ['/me/drive/items/01A', {}, { timeoutMs: 7_200_000, poll: { intervalMs: 5000, backoffFactor: 1 } }], undefined, { timeoutMs: 7_200_000, poll: { intervalMs: 5000, backoffFactor: 1 } }],
    ['the limits themselves', 'teams.unarchive', ['team-1', { timeoutMs: 86_400_000, poll: { intervalMs: 1000, maxIntervalMs: 1000 } }], undefined, { timeoutMs: 86_400_000, poll: { intervalMs: 1000, maxIntervalMs: 1000 } }],
    ['a table row\'s own arguments stay with the call', 'workbook.addTableRow', ['/me/drive/items/01T', 'T', [[1]], { index: 2, sessionId: 's', timeoutMs: 60_000 }], undefined, { timeoutMs: 60_000 }],
    ['idempotent, as an option', 'driveItem.copy', ['/me/drive/items/01A', {}, { idempotent: true }], undefined, { idempotent: true }],
    ['idempotent, declared on the job', 'driveItem.copy', ['/me/drive/items/01A', {}], true, {}],
    ['a custom operation\'s arguments are its own', 'custom:archive', ['team-1', { poll: { intervalMs: 1 } }], undefined, {}],
  ])('%s', (_name, operation, args, idempotent, expected) => {
    expect(jobOptions(operation, args, idempotent, limits)).toEqual(expected);
  });

  it.each<[string, string, unknown[], boolean | undefined, typeof limits, ErrorConstructor, RegExp]>([
    ['poll below the floor', 'driveItem.copy', ['r', {}, { poll: { intervalMs: 1 } }], undefined, limits, RangeError, /options\.poll\.intervalMs must be at least this worker's jobLimits\.minPollIntervalMs \(1000\), not 1$/],
    ['a cap on polls below the floor', 'driveItem.copy', ['r', {}, { poll: { maxIntervalMs: 999 } }], undefined, limits, RangeError, /poll\.maxIntervalMs must be at least .* not 999$/],
    ['a bound past the ceiling', 'driveItem.copy', ['r', {}, { timeoutMs: 2 ** 31 - 1 }], undefined, limits, RangeError, /timeoutMs must be at most this worker's jobLimits\.maxTimeoutMs \(86400000\), not 2147483647$/],
    ['a bound no timer holds', 'driveItem.copy', ['r', {}, { timeoutMs: 1e15 }], undefined, limits, RangeError, /timeoutMs must be a number of milliseconds above 0 up to 2147483647/],
    ['retry, not allowed by default', 'driveItem.copy', ['r', {}, { retry: { maxRetries: 1e9 } }], undefined, limits, TypeError, /options\.retry is not an option a job may set on this worker \(it allows timeoutMs, poll, idempotent\)/],
    ['retry allowed, but past what the client allows', 'driveItem.copy', ['r', {}, { retry: { maxRetries: 1e9 } }], undefined, { ...limits, allowedOptions: ['retry'] }, RangeError, /retry\.maxRetries must be a whole number from 0 to 100, not 1000000000/],
    ['a signal', 'driveItem.copy', ['r', {}, { signal: { aborted: false } }], undefined, limits, TypeError, /options\.signal is not an option a job may set/],
    ['a poll strategy', 'driveItem.copy', ['r', {}, { poll: { strategy: {} } }], undefined, limits, TypeError, /poll\.strategy must be a poll strategy/],
    ['an unknown key', 'driveItem.copy', ['r', {}, { timeout: 5 }], undefined, limits, TypeError, /driveItem\.copy options has no option 'timeout' \(known: timeoutMs, poll, idempotent\)/],
    ['options that are not an object', 'driveItem.copy', ['r', {}, 'fast'], undefined, limits, TypeError, /driveItem\.copy options must be an object, not "fast"/],
    ['an argument past the options', 'teams.create', [{}, {}, {}], undefined, limits, RangeError, /teams\.create takes 2 arguments at most \(the last, its options\), not 3/],
    ['idempotent, not allowed', 'driveItem.copy', ['r', {}], true, { ...limits, allowedOptions: [] }, TypeError, /this worker does not let a job declare its start idempotent/],
    ['idempotent as an option, not allowed', 'driveItem.copy', ['r', {}, { idempotent: true }], undefined, { ...limits, allowedOptions: ['timeoutMs'] }, TypeError, /options\.idempotent is not an option a job may set on this worker \(it allows timeoutMs\)/],
  ])('refuses %s', (_name, operation, args, idempotent, given, type, message) => {
    const vet = () => jobOptions(operation, args, idempotent, given);
    expect(vet).toThrow(type);
    expect(vet).toThrow(message);
  });

  it('knows where the options are for every operation a job can name: each kind of the table declares it', () => {
    expect(OPERATION_KINDS.filter((kind) => optionsArgument(kind.name) === undefined).map((kind) => kind.name)).toEqual([]);
  });

  it("gives the kind its own arguments: the options object dropped, or cut to the call's own keys", () => {
    expect(kindArguments('driveItem.copy', ['/me/drive/items/01A', { name: 'c' }, { timeoutMs: 5 }])).toEqual(['/me/drive/items/01A', { name: 'c' }]);
    expect(kindArguments('workbook.addTableRow', ['/i', 'T', [[1]], { index: 2, timeoutMs: 5 }])).toEqual(['/i', 'T', [[1]], { index: 2 }]);
    expect(kindArguments('teams.unarchive', ['t1'])).toEqual(['t1']);
  });
});

describe('checkJobLimits', () => {
  it('fills in the defaults: timeoutMs, poll and idempotent allowed; polls no faster than 1 s; bounds up to 24 h', () => {
    expect(checkJobLimits(undefined)).toEqual({ allowedOptions: ['timeoutMs', 'poll', 'idempotent'], minPollIntervalMs: 1000, maxTimeoutMs: 86_400_000 });
    expect(checkJobLimits({ minPollIntervalMs: 250 })).toEqual({ ...DEFAULT_JOB_LIMITS, minPollIntervalMs: 250 });
  });
  it.each<[unknown, ErrorConstructor, RegExp]>([
    [{ minPollIntervalMs: 0 }, RangeError, /jobLimits\.minPollIntervalMs/],
    [{ minPollIntervalMs: NaN }, RangeError, /jobLimits\.minPollIntervalMs .* not NaN/],
    [{ maxTimeoutMs: 1e15 }, RangeError, /jobLimits\.maxTimeoutMs/],
    [{ allowedOptions: 'poll' }, TypeError, /jobLimits\.allowedOptions must be an array/],
    [{ allowedOptions: ['signal'] }, TypeError, /jobLimits\.allowedOptions/],
    [{ minPoll: 5 }, TypeError, /jobLimits has no option 'minPoll'/],
  ])('refuses %p', (value, type, message) => {
    expect(() => checkJobLimits(value)).toThrow(type);
    expect(() => checkJobLimits(value)).toThrow(message);
  });
});
