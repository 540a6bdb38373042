import { lastValueFrom } from 'rxjs';
import { PublicClientApplication } from '@azure/msal-node';
import { createGraphClient, result } from 'rx-graph-lro';
import { msalTokenSource } from 'rx-graph-lro/msal';
import { GraphSimulator } from 'rx-graph-lro/testing';

const sim = new GraphSimulator(); // plays Graph and the identity platform, on loopback
beforeAll(() => sim.start());
afterAll(() => sim.stop());

test('sign-in with msal-node: the device code flow, for a command-line tool', async () => {
  // Against Entra ID: { auth: { clientId, authority: 'https://login.microsoftonline.com/organizations' } }
  const { auth, networkClient } = sim.msalConfiguration();
  const app = new PublicClientApplication({ auth: { clientId: 'my-cli', ...auth }, system: { networkClient } });
  const prompts: string[] = [];
  const graph = createGraphClient({
    baseUrl: sim.baseUrl,
    scopes: ['Files.ReadWrite'],
    token: msalTokenSource({ flow: 'deviceCode', app, onDeviceCode: (r) => prompts.push(r.message) }),
    poll: { intervalMs: 10 },
  });

  const session = await lastValueFrom(graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(result()));

  expect(session).toMatchObject({ persistChanges: true });
  expect(prompts).toHaveLength(1); // "To sign in, use a web browser to open the page …"
  expect(sim.requests.find((r) => r.path.endsWith('/createSession'))?.tokenScopes).toEqual(['Files.ReadWrite']);
});
