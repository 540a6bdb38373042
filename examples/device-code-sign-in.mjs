// Signs in with msal-node's device code flow, then creates a workbook session.
// Against the simulator by default: it plays the identity platform too, and
// "completes" the sign-in by itself after one authorization_pending.
//
//   node examples/device-code-sign-in.mjs
//   MSAL_CLIENT_ID=… MSAL_AUTHORITY=https://login.microsoftonline.com/organizations GRAPH_ITEM=/me/drive/items/{id} \
//     node examples/device-code-sign-in.mjs        against real Entra ID and Graph
import { lastValueFrom } from 'rxjs';
import { PublicClientApplication } from '@azure/msal-node';
import { createGraphClient, result } from 'rx-graph-lro';
import { msalTokenSource } from 'rx-graph-lro/msal';
import { GraphSimulator } from 'rx-graph-lro/testing';

const real = Boolean(process.env.MSAL_CLIENT_ID);
const sim = real ? undefined : new GraphSimulator();
let app;
if (sim) {
  await sim.start();
  const { auth, networkClient } = sim.msalConfiguration();
  app = new PublicClientApplication({ auth: { clientId: 'rx-graph-lro-example', ...auth }, system: { networkClient } });
} else {
  app = new PublicClientApplication({ auth: { clientId: process.env.MSAL_CLIENT_ID, authority: process.env.MSAL_AUTHORITY } });
}

const graph = createGraphClient({
  baseUrl: sim?.baseUrl,
  // Excel's APIs take delegated permissions only (Files.ReadWrite).
  scopes: real ? ['Files.ReadWrite'] : undefined,
  token: msalTokenSource({ flow: 'deviceCode', app, onDeviceCode: (response) => console.log(response.message) }),
  poll: { intervalMs: real ? 1000 : 100 },
});

try {
  const item = process.env.GRAPH_ITEM || '/me/drive/root:/Reports/Quarterly.xlsx:';
  const session = await lastValueFrom(graph.workbook(item).createSession({ persistChanges: false }).pipe(result()));
  const [account] = await app.getAllAccounts();
  console.log(`signed in as ${account?.username}; session ${session.id}`);
} catch (error) {
  console.error(`${error.name}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await sim?.stop();
}
