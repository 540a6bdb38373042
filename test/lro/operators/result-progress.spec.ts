import { marbles } from 'rxjs-marbles/jest';
import { result } from '../../../src/lro/operators/result';
import { progress } from '../../../src/lro/operators/progress';
import { ProtocolError } from '../../../src/core/errors/protocol-error';
import type { OperationEvent } from '../../../src/lro/operation-event';

const e: Record<string, OperationEvent<string | undefined>> = {
  a: { type: 'accepted', location: 'https://m/1' },
  n: { type: 'status', status: 'notStarted' },
  p: { type: 'status', status: 'inProgress', percentageComplete: 27.8 },
  q: { type: 'status', status: 'inProgress', percentageComplete: 64 },
  c: { type: 'status', status: 'completed', percentageComplete: 100 },
  s: { type: 'succeeded', result: 'item' },
  u: { type: 'succeeded', result: undefined },
};

describe('result', () => {
  it(
    'emits only the final value',
    marbles((m) => {
      m.expect(m.cold('a-n-p-s|', e).pipe(result())).toBeObservable('------s|', { s: 'item' });
    }),
  );
  it(
    'emits undefined for an operation without a result (delete tableRow)',
    marbles((m) => {
      m.expect(m.cold('a-n-u|', e).pipe(result())).toBeObservable('----u|', { u: undefined });
    }),
  );
  it(
    'errors rather than completing empty when the operation ends without a result',
    marbles((m) => {
      m.expect(m.cold('a-n|', e).pipe(result())).toBeObservable('---#', undefined, new ProtocolError({}, 'the operation ended without a result'));
    }),
  );
});

describe('progress', () => {
  it(
    'emits the percentages the server reported, each once, nothing invented',
    marbles((m) => {
      const source = m.cold('a-n-p-p-q-c-s|', e);
      m.expect(source.pipe(progress())).toBeObservable('----p---q-c--|', { p: 27.8, q: 64, c: 100 });
    }),
  );

  it(
    'clamps values outside [0, 100] so a progress bar cannot overflow',
    marbles((m) => {
      const odd: Record<string, OperationEvent<string>> = {
        n: { type: 'status', status: 'inProgress', percentageComplete: -5 },
        h: { type: 'status', status: 'inProgress', percentageComplete: 150 },
      };
      m.expect(m.cold('n-h|', odd).pipe(progress())).toBeObservable('n-h|', { n: 0, h: 100 });
    }),
  );
});
