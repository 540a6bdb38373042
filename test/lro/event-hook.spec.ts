import { NEVER, of } from 'rxjs';
import type { GraphLroEvent } from '../../src/lro/event-hook';
import { accepted, graphError, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, TOKEN, virtualClient } from '../helpers/virtual-client';

const OP = `${ROOT}/me/drive/items/A/workbook/operations/op1`;

describe('onEvent: the structured event hook', () => {
  it('tells an operation\'s life as plain objects, in virtual time: a 504 retry, polls, status changes, the end', () => {
    const events: GraphLroEvent[] = [];
    let polls = 0;
    const { scheduler, graph } = virtualClient(
      (req, i) => {
        if (req.method === 'POST') return of(i === 0 ? graphError(504, 'gatewayTimeout') : accepted(OP));
        if (req.url === OP) return of(json(200, ++polls < 2 ? { status: 'running' } : { status: 'succeeded', resourceLocation: `${ROOT}/s` }));
        return of(json(200, { id: 'S1', persistChanges: true }));
      },
      { onEvent: (e) => events.push(e) },
    );
    runVirtual(scheduler, graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }));
    expect(events.map((e) => `${e.at} ${e.type}${'status' in e && e.type !== 'request.answered' ? ` ${e.status}` : ''}${e.type === 'request.answered' ? ` ${e.method} ${e.status}` : ''}`)).toEqual([
      '0 operation.started',
      '0 request.sent',
      '0 request.retried',
      '50 request.sent',
      '50 request.answered POST 202',
      '50 operation.accepted',
      '150 request.sent',
      '150 request.answered GET 200',
      '150 operation.status running',
      '250 request.sent',
      '250 request.answered GET 200',
      '250 operation.status succeeded',
      '250 request.sent',
      '250 request.answered GET 200',
      '250 operation.ended',
    ]);
    expect(events.find((e) => e.type === 'request.retried')).toMatchObject({ error: { name: 'GraphHttpError', status: 504, code: 'gatewayTimeout' }, retryInMs: 50, attempt: 0 });
    expect(events[events.length - 1]).toMatchObject({ type: 'operation.ended', outcome: 'succeeded', kind: 'workbook.createSession', polls: 2, retries: 1, durationMs: 250 });
    expect(new Set(events.map((e) => e.operationId))).toEqual(new Set(['op-1']));
  });

  it('never a token, a session id or a query string', () => {
    const events: GraphLroEvent[] = [];
    const monitor = 'https://monitor.example/job/1?tempAuth=SECRET-TEMPAUTH';
    const { scheduler, graph } = virtualClient(
      (req) => (req.method === 'POST' ? of(accepted(monitor)) : req.url === monitor ? of(json(202, { status: 'completed', resourceId: 'N' })) : of(json(200, { id: 'N' }))),
      { onEvent: (e) => events.push(e) },
    );
    runVirtual(scheduler, graph.workbook('/me/drive/items/A').addTableRow('T', [[1]], { sessionId: 'SESSION-SECRET' }));
    runVirtual(scheduler, graph.driveItem('/me/drive/items/F').copy());
    const text = JSON.stringify(events);
    expect(text).toContain('monitor.example/job/1');
    for (const secret of [TOKEN, 'SESSION-SECRET', 'SECRET-TEMPAUTH', 'tempAuth']) expect(text).not.toContain(secret);
  });

  it('a cancelled operation ends as cancelled, its request too; a hook that throws changes nothing', () => {
    const events: GraphLroEvent[] = [];
    const { scheduler, graph } = virtualClient((req) => (req.method === 'POST' ? of(accepted(OP)) : NEVER), {
      onEvent: (e) => {
        events.push(e);
        throw new Error('a broken hook');
      },
    });
    const out = runVirtual(scheduler, graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }), 150);
    expect(out.error).toBeUndefined();
    expect(events.slice(-2).map((e) => e.type)).toEqual(['request.cancelled', 'operation.ended']);
    expect(events[events.length - 1]).toMatchObject({ outcome: 'cancelled' });
  });

  it('a timed-out operation ends as timedOut', () => {
    const events: GraphLroEvent[] = [];
    const { scheduler, graph } = virtualClient((req) => (req.method === 'POST' ? of(accepted(OP)) : of(json(200, { status: 'running' }))), { onEvent: (e) => events.push(e) });
    runVirtual(scheduler, graph.workbook('/me/drive/items/A').createSession({ persistChanges: true }, { timeoutMs: 1000 }));
    expect(events[events.length - 1]).toMatchObject({ type: 'operation.ended', outcome: 'timedOut', error: { name: 'OperationTimeoutError' } });
  });

  it('an onEvent that is not a function is refused at once', () => {
    expect(() => virtualClient(() => NEVER, { onEvent: 'log' as never })).toThrow(/onEvent must be a function/);
  });
});
