import * as t from 'io-ts';
import { filter, lastValueFrom, merge, mergeMap, range, switchMap, take, toArray } from 'rxjs';
import { result } from '../../src/lro/operators/result';
import { progress } from '../../src/lro/operators/progress';
import { createGraphClient } from '../../src/client';
import { OperationFailedError } from '../../src/core/errors/operation-failed-error';
import { SessionExpiredError } from '../../src/core/errors/session-expired-error';
import type { OperationHandle } from '../../src/lro/operation-handle';
import type { GraphSimulator } from '../../src/testing';
import { collect, failure, startSimulator, TOKEN, until } from '../helpers/simulator';

let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];

beforeEach(async () => ({ sim, graph } = await startSimulator()));
afterEach(async () => sim.stop());

const ITEM = '/me/drive/items/01ABC';

describe('table rows over HTTP', () => {
  it('adds rows asynchronously and reads the new row from tableRowOperationResult', async () => {
    const row = await lastValueFrom(graph.workbook(ITEM).addTableRow('Sales', [['north', 10]]).pipe(result()));
    expect(row).toEqual({ index: 0, values: [['north', 10]] });
    expect(sim.tableRows(ITEM, 'Sales')).toEqual([['north', 10]]);
    expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/v1.0/me/drive/items/01ABC/workbook/tables/Sales/rows', prefer: 'respond-async' });
  });

  it('deletes a row; result() emits undefined; merged writes are applied one at a time, in order', async () => {
    const book = graph.workbook(ITEM);
    await lastValueFrom(merge(...[1, 2, 3].map((n) => book.addTableRow('T', [[n]]))).pipe(toArray()));
    expect(sim.tableRows(ITEM, 'T')).toEqual([[1], [2], [3]]);
    expect(await lastValueFrom(book.deleteTableRow('T', 1).pipe(result()))).toBeUndefined();
    expect(sim.tableRows(ITEM, 'T')).toEqual([[1], [3]]);
    // Serialized: each POST comes after the previous operation's result was read.
    const order = sim.requests.filter((r) => r.path.includes('/rows') || r.path.includes('tableRowOperationResult')).map((r) => (r.method === 'POST' ? 'add' : 'result'));
    expect(order.slice(0, 6)).toEqual(['add', 'result', 'add', 'result', 'add', 'result']);
  });

  it('a 504 on rows/add is not repeated (it may have been applied)', async () => {
    sim.inject({ method: 'POST', path: '/rows', action: { kind: 'status', status: 504 } });
    const error = await failure(graph.workbook(ITEM).addTableRow('T', [[1]]));
    expect(error).toMatchObject({ name: 'GraphHttpError', status: 504 });
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('managed sessions over HTTP', () => {
  it('refreshes on schedule and closes exactly once, as the simulator log shows', async () => {
    const session$ = graph.workbook(ITEM).session({ persistChanges: true, refreshIntervalMs: 60 });
    const a = session$.subscribe();
    const b = session$.subscribe();
    await until(() => sim.requests.filter((r) => r.path.endsWith('/refreshSession')).length >= 2);
    a.unsubscribe();
    b.unsubscribe();
    await until(() => sim.requests.some((r) => r.path.endsWith('/closeSession')));
    await new Promise((r) => setTimeout(r, 150));
    const calls = sim.requests.filter((r) => /Session$/.test(r.path));
    expect(calls.filter((r) => r.path.endsWith('/createSession'))).toHaveLength(1);
    const closes = calls.filter((r) => r.path.endsWith('/closeSession'));
    expect(closes).toHaveLength(1);
    expect(closes[0]!.sessionId).toBe('session-1');
    expect(closes[0]!.seq).toBe(sim.requests.length - 1);
    expect(sim.session('session-1')).toMatchObject({ closed: true });
    expect(sim.session('session-1')!.refreshes).toBeGreaterThanOrEqual(2);
  });

  it('runs rows in the session, with its header, and closes it when the work completes', async () => {
    const rows = await lastValueFrom(
      graph.workbook(ITEM).withSession({ persistChanges: true }, (s) => merge(...[1, 2].map((n) => s.addTableRow('T', [[n]]).pipe(result()))).pipe(toArray())),
    );
    expect(rows).toHaveLength(2);
    const rowPosts = sim.requests.filter((r) => r.path.endsWith('/rows'));
    expect(rowPosts.map((r) => r.sessionId)).toEqual(['session-1', 'session-1']);
    await until(() => sim.session('session-1')?.closed === true);
  });

  describe('leaving while createSession is still being polled (Graph answered 202, the session is not made yet)', () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    beforeEach(() => sim.setScript((op) => (op.kind === 'createSession' ? { statuses: ['running'] } : { statuses: ['succeeded'] })));

    it('between two polls: the simulator receives nothing more, and no timer of ours stays', async () => {
      const slow = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 100, backoffFactor: 1 } });
      const idle = timers();
      const subscription = slow.workbook(ITEM).session({ persistChanges: true }).subscribe();
      const polls = () => sim.requests.filter((r) => r.path.includes('/workbook/operations/'));
      await until(() => polls().length === 1 && polls()[0]!.status === 200);
      subscription.unsubscribe();
      const cut = sim.requests.length;
      await new Promise((r) => setTimeout(r, 500)); // five poll intervals
      expect(sim.requests.slice(cut)).toEqual([]);
      expect(sim.requests.map((r) => `${r.method} ${r.path.split('/workbook/')[1]}`)).toEqual(['POST createSession', 'GET operations/op-2']);
      // The count is the process's: under CI's load a timer of undici's own (its sockets' keep-alive) can still be
      // running at one instant, and it ends by itself. A poll timer of ours would be re-armed, and stay.
      await until(() => timers() <= idle).catch(() => undefined);
      expect(timers()).toBeLessThanOrEqual(idle);
    });

    it('with a poll in flight: that poll is cut, and nothing follows it', async () => {
      sim.inject({ path: '/workbook/operations/', action: { kind: 'hang' } });
      const subscription = graph.workbook(ITEM).session({ persistChanges: true }).subscribe();
      await until(() => sim.requests.some((r) => r.path.includes('/workbook/operations/')));
      subscription.unsubscribe();
      const hanging = sim.requests.find((r) => r.path.includes('/workbook/operations/'))!;
      await until(() => hanging.aborted);
      await new Promise((r) => setTimeout(r, 200)); // forty of this client's poll intervals
      expect(sim.requests.map((r) => `${r.method} ${r.path.split('/workbook/')[1]} ${r.aborted ? 'aborted' : r.status}`)).toEqual([
        'POST createSession 202',
        'GET operations/op-2 aborted',
      ]);
    });
  });

  it('a session that expired is reported as such and not reused', async () => {
    const error = await failure(
      graph.workbook(ITEM).session({ persistChanges: true, refreshIntervalMs: 50 }).pipe(
        switchMap((s) => {
          sim.expireSession(s.id);
          return s.addTableRow('T', [[1]]);
        }),
      ),
    );
    expect(error).toBeInstanceOf(SessionExpiredError);
    expect(sim.requests.some((r) => r.path.endsWith('/closeSession'))).toBe(false);
  });
});

describe('what Graph asks of clients, over HTTP', () => {
  it('a managed session re-creates itself on invalidSessionReCreatable and repeats the call once', async () => {
    sim.inject({
      method: 'POST',
      path: '/rows',
      action: { kind: 'body', status: 400, body: JSON.stringify({ error: { code: 'InvalidSession', message: 'x', innerError: { code: 'invalidSessionReCreatable' } } }) },
    });
    const row = await lastValueFrom(graph.workbook(ITEM).withSession({ persistChanges: true }, (s) => s.addTableRow('T', [[1]]).pipe(result())));
    expect(row.values).toEqual([[1]]);
    const rowPosts = sim.requests.filter((r) => r.path.endsWith('/rows'));
    expect(rowPosts.map((r) => [r.sessionId, r.status])).toEqual([
      ['session-1', 400],
      ['session-3', 202],
    ]);
    expect(sim.requests.filter((r) => r.path.endsWith('/createSession'))).toHaveLength(2);
    await until(() => sim.session('session-3')?.closed === true);
  });

  it('a 404 on the result right after succeeded is retried briefly (eventual consistency)', async () => {
    sim.inject({ path: 'sessionInfoResource', times: 2, action: { kind: 'status', status: 404, code: 'itemNotFound' } });
    const session = await lastValueFrom(graph.workbook(ITEM).createSession({ persistChanges: true }).pipe(result()));
    expect(session.id).toBe('session-1');
    expect(sim.requests.filter((r) => r.path.includes('sessionInfoResource')).map((r) => r.status)).toEqual([404, 404, 200]);
  });

  it('a Location given as a path from the root resolves under the API root, not the host', async () => {
    // The first createSession of a fresh simulator makes session-1 and operation op-2.
    sim.inject({ method: 'POST', action: { kind: 'location', location: '/me/drive/items/01ABC/workbook/operations/op-2' } });
    const events = await collect(graph.workbook(ITEM).createSession({ persistChanges: true }));
    expect(events[0]).toMatchObject({ type: 'accepted', location: `${sim.baseUrl}/me/drive/items/01ABC/workbook/operations/op-2` });
    expect(events[events.length - 1]).toMatchObject({ type: 'succeeded' });
  });
});

describe('DriveItem copy over HTTP', () => {
  it('reports rising progress, never sends the token to the monitor origin, and reads the copy', async () => {
    const events = await collect(graph.driveItem('/me/drive/items/01FOLDER').copy({ parentReference: { path: '/drive/root:/Documents' }, name: 'Copy of LargeFolder1' }));
    const percentages = events.flatMap((e) => (e.type === 'status' && e.percentageComplete !== undefined ? [e.percentageComplete] : []));
    expect(percentages).toEqual([0, 25, 50, 75, 100]);
    const last = events[events.length - 1]!;
    expect(last).toMatchObject({ type: 'succeeded', result: { name: 'Copy of LargeFolder1' } });
    const monitor = sim.requests.filter((r) => r.origin === 'monitor');
    expect(monitor.length).toBeGreaterThan(0);
    expect(monitor.every((r) => r.authorization === 'none')).toBe(true);
    const graphSide = sim.requests.filter((r) => r.origin === 'graph');
    expect(graphSide.every((r) => r.authorization === 'valid')).toBe(true);
  });

  it('progress() over a copy, and a failed copy', async () => {
    expect(await collect(graph.driveItem('/me/drive/items/01FOLDER').copy().pipe(progress()))).toEqual([0, 25, 50, 75, 100]);
    sim.setScript(() => ({ statuses: ['inProgress', 'failed'], percentages: [30] }));
    const error = await failure(graph.driveItem('/me/drive/items/01FOLDER').copy({ name: 'x' }));
    expect(error).toBeInstanceOf(OperationFailedError);
    expect((error as OperationFailedError).code).toBe('nameAlreadyExists');
  });

  it('the token never reaches the monitor origin even if the caller trusts nothing more and the copy is cancelled', async () => {
    sim.setScript(() => ({ statuses: ['inProgress'], percentages: [5] }));
    const sub = graph.driveItem('/me/drive/items/01FOLDER').copy().subscribe();
    await until(() => sim.requests.filter((r) => r.origin === 'monitor').length >= 2);
    sub.unsubscribe();
    expect(sim.requests.filter((r) => r.origin === 'monitor').every((r) => r.authorization === 'none')).toBe(true);
  });
});

describe('resume and custom operations over HTTP', () => {
  it('a handle taken after accepted is resumed by another client', async () => {
    const accepted = await lastValueFrom(
      graph.workbook(ITEM).createSession({ persistChanges: false }).pipe(
        filter((e) => e.type === 'accepted'),
        take(1),
      ),
    );
    const handle = JSON.parse(JSON.stringify((accepted as { handle: OperationHandle }).handle)) as OperationHandle;
    expect(JSON.stringify(handle)).not.toContain(TOKEN);
    const worker = createGraphClient({ baseUrl: sim.baseUrl, token: TOKEN, poll: { intervalMs: 5 } });
    const session = await lastValueFrom(worker.resume<{ id: string }>(handle).pipe(result()));
    expect(session.id).toMatch(/^session-/);
  });

  it('graph.operation drives a custom spec over HTTP (here: the copy, described by hand)', async () => {
    const Job = t.type({ status: t.string, resourceId: t.union([t.string, t.undefined]) });
    const id = await lastValueFrom(
      graph
        .operation({
          kind: 'my.copy',
          request: { method: 'POST', url: '/me/drive/items/01FOLDER/copy', body: { name: 'by hand' } },
          status: { codec: Job, describe: (s) => ({ status: s.status }), state: (s) => (s.status === 'completed' ? 'succeeded' : s.status === 'failed' ? 'failed' : 'running') },
          pollAuth: 'none',
          resultFromStatus: (s) => s.resourceId,
        })
        .pipe(result()),
    );
    expect(id).toMatch(/^01COPY/);
  });

  it('300 mixed operations merged all complete', async () => {
    const all = await lastValueFrom(
      range(0, 300).pipe(
        mergeMap((i) => {
          const book = graph.workbook(`/me/drive/items/item-${i % 50}`);
          if (i % 3 === 0) return book.createSession({ persistChanges: true }).pipe(result());
          if (i % 3 === 1) return book.addTableRow('T', [[i]]).pipe(result());
          return graph.driveItem(`/me/drive/items/folder-${i}`).copy().pipe(result());
        }, 100),
        toArray(),
      ),
    );
    expect(all).toHaveLength(300);
  }, 30_000);
});
