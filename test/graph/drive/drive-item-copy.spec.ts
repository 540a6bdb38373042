import { of } from 'rxjs';
import { progress } from '../../../src/lro/operators/progress';
import { result } from '../../../src/lro/operators/result';
import { OperationFailedError } from '../../../src/core/errors/operation-failed-error';
import { GraphHttpError } from '../../../src/core/errors/graph-http-error';
import { ProtocolError } from '../../../src/core/errors/protocol-error';
import type { HttpRequest, HttpResponse } from '../../../src/http/transport';
import { accepted, graphError, json } from '../../helpers/fake-transport';
import { ROOT, runVirtual, TOKEN, virtualClient } from '../../helpers/virtual-client';
import * as seeds from '../../fixtures/seeds';

const MONITOR = 'https://api.onedrive.com/monitor/4A3407B5-88FC-4504-8B21-0AABD3412717';

function copyGraph(monitor: unknown[], over: (req: HttpRequest) => HttpResponse | undefined = () => undefined) {
  let poll = 0;
  return (req: HttpRequest) => {
    const custom = over(req);
    if (custom) return of(custom);
    if (req.method === 'POST' && req.url.includes('/copy')) return of(accepted(MONITOR));
    if (req.url.startsWith(MONITOR)) return of(json(202, monitor[Math.min(poll++, monitor.length - 1)]));
    if (/\/items\/01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM$/.test(req.url)) return of(json(200, seeds.COPIED_ITEM));
    return of(graphError(404, 'itemNotFound'));
  };
}

const inProgress = (pct: number, status = 'inProgress') => ({ operation: 'ItemCopy', percentageComplete: pct, status });
const completed = JSON.parse(seeds.MONITOR_COMPLETED);

describe('driveItem.copy', () => {
  it('posts the copy, polls the monitor without the token, and reads the new item with it', () => {
    const { scheduler, transport, graph } = virtualClient(copyGraph([inProgress(0, 'notStarted'), inProgress(27.8), completed]));
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy({ parentReference: { path: '/drive/root:/Documents' }, name: 'Copy of LargeFolder1' }));
    expect(out.values).toEqual([
      { type: 'accepted', location: MONITOR, handle: { version: 2, kind: 'driveItem.copy', location: MONITOR, apiRoot: ROOT, params: { drive: '/me/drive' } } },
      { type: 'status', status: 'notStarted', percentageComplete: 0 },
      { type: 'status', status: 'inProgress', percentageComplete: 27.8 },
      { type: 'status', status: 'completed', percentageComplete: 100 },
      { type: 'succeeded', result: expect.objectContaining({ id: '01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM', name: 'Copy of LargeFolder1', size: 12019 }) },
    ]);
    const [post, ...rest] = transport.log;
    expect(post).toMatchObject({ method: 'POST', url: `${ROOT}/me/drive/items/01FOLDER/copy`, body: '{"parentReference":{"path":"/drive/root:/Documents"},"name":"Copy of LargeFolder1"}' });
    expect(post!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    const monitorPolls = rest.filter((r) => r.url === MONITOR);
    expect(monitorPolls).toHaveLength(3);
    expect(monitorPolls.every((r) => r.headers['authorization'] === undefined)).toBe(true);
    const read = rest.find((r) => r.url.endsWith('/items/01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM'))!;
    expect(read.url).toBe(`${ROOT}/me/drive/items/01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM`);
    expect(read.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('never sends the token to a monitor even on the Graph origin: the docs say it needs none', () => {
    const onGraph = `${ROOT}/monitor/1`;
    const { scheduler, transport, graph } = virtualClient((req) =>
      req.method === 'POST' ? of(accepted(onGraph)) : req.url === onGraph ? of(json(200, completed)) : of(json(200, seeds.COPIED_ITEM)),
    );
    runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy());
    expect(transport.log.find((r) => r.url === onGraph)!.headers['authorization']).toBeUndefined();
  });

  it('progress() emits the rising percentages the monitor reported, each once', () => {
    const { scheduler, graph } = virtualClient(copyGraph([inProgress(10), inProgress(10), inProgress(55.5), inProgress(55.5, 'updating'), completed]));
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy().pipe(progress()));
    expect(out.values).toEqual([10, 55.5, 100]);
  });

  it('reads the new item from the destination drive when the copy names one', () => {
    const { scheduler, transport, graph } = virtualClient(copyGraph([completed], (r) => (r.url.includes('/drives/dest-drive/items/') ? json(200, seeds.COPIED_ITEM) : undefined)));
    const out = runVirtual(scheduler, graph.driveItem('/drives/src-drive/items/01FOLDER').copy({ parentReference: { driveId: 'dest-drive', id: 'FOLDER2' } }).pipe(result()));
    expect(out.error).toBeUndefined();
    expect(transport.log.pop()!.url).toBe(`${ROOT}/drives/dest-drive/items/01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM`);
  });

  it.each([
    ['/me/drive/items/01A', `${ROOT}/me/drive`],
    ['/me/drive/root:/Docs/Folder:', `${ROOT}/me/drive`],
    ['/drives/d1/items/01A', `${ROOT}/drives/d1`],
    ['/users/u1/drive/items/01A', `${ROOT}/users/u1/drive`],
    ['/sites/s1/drive/items/01A', `${ROOT}/sites/s1/drive`],
    ['/groups/g1/drive/root:/x:', `${ROOT}/groups/g1/drive`],
  ])('reads a copy of %s under %s', (ref, drive) => {
    const { scheduler, graph, transport } = virtualClient((req) =>
      req.method === 'POST'
        ? of(accepted(MONITOR))
        : req.url === MONITOR
          ? of(json(202, { status: 'completed', resourceId: 'NEW1' }))
          : of(json(200, { id: 'NEW1' })),
    );
    const out = runVirtual(scheduler, graph.driveItem(ref).copy().pipe(result()));
    expect(out.values).toEqual([{ id: 'NEW1' }]);
    expect(transport.log.map((r) => r.url)).toEqual([`${ROOT}${ref}/copy`, MONITOR, `${drive}/items/NEW1`]);
  });

  it.each([[200], [202]])('completion comes from the body, whatever the HTTP code (here %p)', (code) => {
    let polls = 0;
    const { scheduler, graph, transport } = virtualClient((req) =>
      req.method === 'POST'
        ? of(accepted(MONITOR))
        : req.url === MONITOR
          ? of(json(code, ++polls < 3 ? { status: 'inProgress' } : { status: 'completed', resourceId: 'NEW' }))
          : of(json(200, { id: 'NEW' })),
    );
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy().pipe(result()));
    expect(out.error).toBeUndefined();
    expect(out.values).toEqual([{ id: 'NEW' }]);
    // Two answers with the same code said "not yet": only the body's completed ended the polling.
    expect(transport.log.filter((r) => r.url === MONITOR)).toHaveLength(3);
  });

  it.each([['failed'], ['deleteFailed']])('%s ends the copy with OperationFailedError carrying the error', (status) => {
    const { scheduler, graph } = virtualClient(copyGraph([inProgress(40), { status, error: { code: 'nameAlreadyExists', message: 'taken' } }]));
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy());
    expect(out.error).toBeInstanceOf(OperationFailedError);
    expect(out.error).toMatchObject({ code: 'nameAlreadyExists', operationStatus: status, url: MONITOR });
  });

  it.each([['updating'], ['waiting'], ['deletePending'], ['SomethingNew']])('%s keeps the poll going', (status) => {
    const { scheduler, graph } = virtualClient(copyGraph([{ status }, completed]));
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy().pipe(result()));
    expect(out.values).toHaveLength(1);
  });

  it('a monitor that answers with an item only names it: the item is read from Graph, with the token', () => {
    const forged = { ...JSON.parse(seeds.COPIED_ITEM), name: 'forged by the monitor', webUrl: 'https://phish.example' };
    const { scheduler, transport, graph } = virtualClient((req) =>
      req.method === 'POST' ? of(accepted(MONITOR)) : req.url === MONITOR ? of(json(200, forged)) : of(json(200, seeds.COPIED_ITEM)),
    );
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy().pipe(result()));
    expect(out.error).toBeUndefined();
    expect(out.values[0]).toEqual(JSON.parse(seeds.COPIED_ITEM));
    expect(transport.log).toHaveLength(3);
    expect(transport.log[1]!.headers['authorization']).toBeUndefined();
    expect(transport.log[2]!.url).toBe(`${ROOT}/me/drive/items/01MOWKYVJML57KN2ANMBA3JZJS2MBGC7KM`);
    expect(transport.log[2]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('is not repeated after a 504: the copy may have started', () => {
    const { scheduler, transport, graph } = virtualClient(() => of(graphError(504, 'gatewayTimeout')));
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy());
    expect(out.error).toBeInstanceOf(GraphHttpError);
    expect(transport.log).toHaveLength(1);
  });

  it('takes only the item id from a resourceLocation, and reads it under the destination drive', () => {
    const where = `${ROOT}/me/drive/items/NEW`;
    const { scheduler, transport, graph } = virtualClient(
      copyGraph([{ status: 'completed', resourceLocation: `${ROOT}/drives/d7/items/NEW` }], (r) => (r.url === where ? json(200, seeds.COPIED_ITEM) : undefined)),
    );
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy().pipe(result()));
    expect(out.values[0]).toMatchObject({ name: 'Copy of LargeFolder1' });
    const read = transport.log.pop()!;
    expect(read.url).toBe(where);
    expect(read.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  // An untrusted monitor must not aim a token-bearing request at a Graph path of its choosing.
  it.each([
    ['a resourceLocation that is not an item', { status: 'completed', resourceLocation: `${ROOT}/me/messages` }],
    ['a resourceLocation with dot segments', { status: 'completed', resourceLocation: `${ROOT}/me/drive/items/../../messages` }],
    ['a resourceId that is a dot segment', { status: 'completed', resourceId: '..' }],
    ['a resourceId that is a path', { status: 'completed', resourceId: '../../users/victim/drive/root' }],
    ['a resourceId with a query', { status: 'completed', resourceId: 'X?$expand=children' }],
  ])('refuses %s without sending anything more', (_, body) => {
    const { scheduler, transport, graph } = virtualClient(copyGraph([body], () => undefined));
    const out = runVirtual(scheduler, graph.driveItem('/me/drive/items/01FOLDER').copy().pipe(result()));
    expect(out.error).toBeInstanceOf(ProtocolError);
    expect(transport.log.map((r) => r.url)).toEqual([`${ROOT}/me/drive/items/01FOLDER/copy`, MONITOR]);
  });
});
