import { of } from 'rxjs';
import { createGraphClient } from '../../src/client';
import { accepted, json } from '../helpers/fake-transport';
import { runVirtual, virtualClient } from '../helpers/virtual-client';

describe("authorization: 'transport' (tokens attached by the transport's own layer, e.g. an Angular interceptor)", () => {
  it('attaches no token itself, and marks the requests that must go without one', () => {
    const monitor = 'https://contoso.sharepoint.com/monitor/1';
    const { scheduler, graph, transport } = virtualClient(
      (req) => (req.method === 'POST' ? of(accepted(monitor)) : req.url === monitor ? of(json(202, { status: 'completed', resourceId: 'NEW' })) : of(json(200, { id: 'NEW' }))),
      { token: undefined, authorization: 'transport' },
    );
    const outcome = runVirtual(scheduler, graph.driveItem('/me/drive/items/01A').copy());
    expect(outcome.error).toBeUndefined();
    expect(transport.log.map((r) => [r.url.replace(/^https:\/\/[^/]+/, ''), r.headers['authorization'], r.withoutToken ?? false])).toEqual([
      ['/v1.0/me/drive/items/01A/copy', undefined, false],
      ['/monitor/1', undefined, true],
      ['/v1.0/me/drive/items/NEW', undefined, false],
    ]);
  });

  it('is refused with a token option, or without a transport of its own', () => {
    const transport = () => of(json(200, {}));
    expect(() => createGraphClient({ authorization: 'transport', token: 't', transport })).toThrow(/give no token option/);
    expect(() => createGraphClient({ authorization: 'transport' })).toThrow(/needs a transport/);
    expect(() => createGraphClient({ authorization: 'interceptor' as never, transport })).toThrow(/authorization/);
  });
});
