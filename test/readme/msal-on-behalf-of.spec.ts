import { AsyncLocalStorage } from 'node:async_hooks';
import { lastValueFrom } from 'rxjs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createGraphClient, result } from 'rx-graph-lro';
import { msalTokenSource } from 'rx-graph-lro/msal';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // plays Graph and the identity platform, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('sign-in with msal-node: a web API calling Graph on behalf of each of its callers', async () => {
  const { auth, networkClient } = sim.msalConfiguration('contoso');
  const confidentialApp = new ConfidentialClientApplication({ auth: { clientId: 'web-api', clientSecret: 'api-secret', ...auth }, system: { networkClient } });
  const incoming = new AsyncLocalStorage<string>(); // the caller's token, per web request
  const graph = createGraphClient({
    baseUrl: sim.baseUrl,
    token: msalTokenSource({ flow: 'onBehalfOf', app: confidentialApp, userAssertion: () => incoming.getStore()! }),
    poll: { intervalMs: 10 },
  });
  // in a request handler, with the caller's bearer token:
  const handle = (authorization: string) =>
    incoming.run(authorization.slice('Bearer '.length), () => lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result())));

  await Promise.all([handle(`Bearer ${callerToken('adele@contoso.com')}`), handle(`Bearer ${callerToken('alex@contoso.com')}`)]);

  const users = sim.requests.filter((r) => r.path.endsWith('/createSession')).map((r) => r.tokenUser);
  expect(users.sort()).toEqual(['adele@contoso.com', 'alex@contoso.com']); // each call with its own caller's token
});

/** A caller's token, as your web API receives it (unsigned here: the simulator only reads who it names). */
function callerToken(username: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ preferred_username: username, aud: 'api://web-api' })}.`;
}
