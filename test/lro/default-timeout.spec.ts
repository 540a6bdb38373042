import { of } from 'rxjs';
import * as t from 'io-ts';
import { OperationTimeoutError } from '../../src/core/errors/operation-timeout-error';
import { DEFAULT_OPERATION_TIMEOUTS } from '../../src/graph/default-timeouts';
import { KINDS_BY_NAME } from '../../src/graph/kinds';
import { DEFAULT_OPERATION_TIMEOUT_MS } from '../../src/lro/run-operation';

/** A kind's bound as the table declares it, else the engine's. */
const defaultOperationTimeoutMs = (kind: string | undefined) => (kind === undefined ? undefined : KINDS_BY_NAME.get(kind)?.defaults?.timeoutMs) ?? DEFAULT_OPERATION_TIMEOUT_MS;
import { accepted, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../helpers/virtual-client';

// With no timeoutMs, an operation whose status flaps or never turns terminal
// still ends: at its kind's default bound, with the last status it saw.
const STATUS = `${ROOT}/me/drive/items/A/workbook/operations/op1`;
const MONITOR = 'https://monitor.example/job/1';

describe('default operation bounds', () => {
  it.each([
    ['workbook.createSession', DEFAULT_OPERATION_TIMEOUTS.workbook],
    ['workbook.addTableRow', DEFAULT_OPERATION_TIMEOUTS.workbook],
    ['driveItem.copy', DEFAULT_OPERATION_TIMEOUTS.copy],
    ['teams.clone', DEFAULT_OPERATION_TIMEOUTS.other],
    [undefined, DEFAULT_OPERATION_TIMEOUTS.other],
  ])('%s is bounded by %p ms', (kind, ms) => expect(defaultOperationTimeoutMs(kind)).toBe(ms));

  it('a createSession whose status flaps forever ends at 10 minutes with OperationTimeoutError', () => {
    let poll = 0;
    const { scheduler, graph, transport } = virtualClient((req) =>
      req.method === 'POST' ? of(accepted(STATUS)) : of(json(200, { id: 'op1', status: poll++ % 2 ? 'running' : 'notStarted' })),
    );
    const out = runVirtual(scheduler, graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }));
    expect(out.error).toBeInstanceOf(OperationTimeoutError);
    expect(out.error).toMatchObject({ timeoutMs: 600_000, url: STATUS });
    expect(['running', 'notStarted']).toContain((out.error as OperationTimeoutError).lastStatus);
    // Nothing was sent after the bound: the last poll left before it.
    expect(transport.log[transport.log.length - 1]!.at).toBeLessThanOrEqual(600_000);
    expect(scheduler.now()).toBe(600_000);
  });

  it('a copy that never completes ends at 24 hours', () => {
    const { scheduler, graph } = virtualClient((req) =>
      req.method === 'POST' ? of(accepted(MONITOR)) : of(json(202, { status: 'inProgress', percentageComplete: 10 })),
      { poll: { intervalMs: 60_000, backoffFactor: 1 } },
    );
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/F').copy());
    expect(out.error).toMatchObject({ name: 'OperationTimeoutError', timeoutMs: 86_400_000, lastStatus: 'inProgress' });
  });

  it('a custom operation that never ends is bounded at 1 hour; timeoutMs per call overrides any default', () => {
    const spec = {
      request: { method: 'POST' as const, url: '/teams/T/clone' },
      status: { codec: t.type({ status: t.string }), describe: (s: { status: string }) => ({ status: s.status }), state: () => 'running' as const },
    };
    const make = () => virtualClient((req) => (req.method === 'POST' ? of(accepted(`${ROOT}/teams('T')/operations('o')`)) : of(json(200, { status: 'inProgress' }))));
    const first = make();
    expect(runVirtual(first.scheduler, first.graph.operation(spec)).error).toMatchObject({ timeoutMs: 3_600_000 });
    const second = make();
    expect(runVirtual(second.scheduler, second.graph.operation(spec, { timeoutMs: 5000 })).error).toMatchObject({ timeoutMs: 5000 });
    expect(second.scheduler.now()).toBe(5000);
  });
});
