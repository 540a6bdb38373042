import type { AccountInfo, AuthenticationResult, DeviceCodeRequest } from '@azure/msal-node';

/** What msal-node tells the user during a device-code sign-in (`message`, `userCode`, `verificationUri`). @public */
export type DeviceCodeResponse = Parameters<DeviceCodeRequest['deviceCodeCallback']>[0];
import { AsyncResource } from 'node:async_hooks';
import type { TokenRequest } from 'rx-graph-lro';
import { asyncResourceSnapshot, provideAsyncContextSnapshot } from '../core/async-context.js';

/**
 * Silent sign-in from msal-node's cache for a known account (refreshing with
 * its refresh token when needed): for apps that signed the user in before.
 *
 * @public
 */
export interface MsalSilentSignIn {
  /** Silent sign-in: `acquireTokenSilent` for an account already signed in. */
  readonly flow: 'silent';
  /** A `PublicClientApplication` or `ConfidentialClientApplication`. */
  readonly app: { acquireTokenSilent(request: { account: AccountInfo; scopes: string[]; forceRefresh?: boolean }): Promise<AuthenticationResult | null> };
  /** The signed-in user, or a function that finds it (e.g. in the token cache). */
  readonly account: AccountInfo | (() => AccountInfo | Promise<AccountInfo>);
}

/**
 * On-behalf-of: a web API calls Graph as the user whose token it received.
 *
 * @public
 */
export interface MsalOnBehalfOfSignIn {
  /** On-behalf-of: a web API calling Graph as its caller. */
  readonly flow: 'onBehalfOf';
  /** A `ConfidentialClientApplication`. */
  readonly app: { acquireTokenOnBehalfOf(request: { oboAssertion: string; scopes: string[]; skipCache?: boolean }): Promise<AuthenticationResult | null> };
  /** The access token the web API received, or a function returning it for the current request. */
  readonly userAssertion: string | (() => string | Promise<string>);
}

/**
 * Device code, for command-line tools: the first token comes from the user
 * entering a code in a browser (`onDeviceCode` shows it); later ones come
 * silently from the cache.
 *
 * @public
 */
export interface MsalDeviceCodeSignIn {
  /** Device code: for command-line tools. */
  readonly flow: 'deviceCode';
  /** A `PublicClientApplication`. */
  readonly app: {
    acquireTokenByDeviceCode(request: { scopes: string[]; deviceCodeCallback: (response: DeviceCodeResponse) => void }): Promise<AuthenticationResult | null>;
    acquireTokenSilent(request: { account: AccountInfo; scopes: string[]; forceRefresh?: boolean }): Promise<AuthenticationResult | null>;
    getAllAccounts(): Promise<AccountInfo[]>;
  };
  /** Shows the user the code and where to enter it. */
  readonly onDeviceCode: (response: DeviceCodeResponse) => void;
}

/**
 * How to sign in with msal-node. Only delegated flows: Graph's Excel APIs do
 * not support application permissions, so client credentials are not offered.
 *
 * @public
 */
export type MsalSignIn = MsalSilentSignIn | MsalOnBehalfOfSignIn | MsalDeviceCodeSignIn;

/**
 * A token source for `createGraphClient({ token })` over a msal-node client
 * application. Concurrent requests for the same token share one acquisition,
 * so a burst of merged operations starts one device-code prompt, not
 * hundreds. "The same token" means the same scopes *and* the same identity:
 * the account (silent) or user assertion (on-behalf-of) is resolved first,
 * per call, and only callers that resolved to the same one share an
 * acquisition, so one source can serve many users of a web API (the
 * assertion taken from per-request context such as `AsyncLocalStorage`) and
 * many clients with different scopes. After a 401 the client asks again
 * with `forceRefresh`, which bypasses msal's cache.
 *
 * @example
 * ```ts
 * import { PublicClientApplication } from '@azure/msal-node';
 * import { createGraphClient } from 'rx-graph-lro';
 * import { msalTokenSource } from 'rx-graph-lro/msal';
 *
 * const app = new PublicClientApplication({ auth: { clientId, authority: 'https://login.microsoftonline.com/organizations' } });
 * const graph = createGraphClient({
 *   token: msalTokenSource({ flow: 'deviceCode', app, onDeviceCode: (r) => console.log(r.message) }),
 * });
 * ```
 * @public
 */
export function msalTokenSource(signIn: MsalSignIn): (request: TokenRequest) => Promise<string> {
  // The identity may come from the caller's AsyncLocalStorage: requests must ask for their
  // token in their own context, which the core reaches by itself only from Node 20.16 on.
  provideAsyncContextSnapshot(asyncResourceSnapshot(AsyncResource));
  const inFlight = new Map<string, Promise<string>>();
  return async ({ scopes, forceRefresh }) => {
    const identity = await resolveIdentity(signIn);
    // Sorted: the same scopes in another order are the same token. Only in-flight
    // acquisitions are shared (msal's own cache does the rest), so the map holds a
    // key only while its acquisition runs.
    const key = JSON.stringify([identity.key, [...scopes].sort(), forceRefresh]);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = identity.acquire([...scopes], forceRefresh).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
}

/** Who a token is for, resolved before anything is shared, and how to get one for them. */
interface ResolvedIdentity {
  readonly key: string;
  acquire(scopes: string[], forceRefresh: boolean): Promise<string>;
}

async function resolveIdentity(signIn: MsalSignIn): Promise<ResolvedIdentity> {
  switch (signIn.flow) {
    case 'silent': {
      const account = typeof signIn.account === 'function' ? await signIn.account() : signIn.account;
      if (!account || typeof account.homeAccountId !== 'string') throw new TypeError('msalTokenSource: the silent flow needs an account (msal AccountInfo)');
      return {
        key: `account:${JSON.stringify([account.homeAccountId, account.environment, account.tenantId, account.localAccountId])}`,
        acquire: async (scopes, forceRefresh) => accessToken(await signIn.app.acquireTokenSilent({ account, scopes, forceRefresh })),
      };
    }
    case 'onBehalfOf': {
      const oboAssertion = typeof signIn.userAssertion === 'function' ? await signIn.userAssertion() : signIn.userAssertion;
      if (typeof oboAssertion !== 'string' || oboAssertion === '') throw new TypeError('msalTokenSource: the on-behalf-of flow needs the incoming user token');
      return {
        // The assertion itself identifies the user: it stays in this process's memory, only while its acquisition runs.
        key: `assertion:${oboAssertion}`,
        acquire: async (scopes, forceRefresh) => accessToken(await signIn.app.acquireTokenOnBehalfOf({ oboAssertion, scopes, skipCache: forceRefresh })),
      };
    }
    case 'deviceCode':
      // One public client, one person at its keyboard: the app is the identity.
      return { key: 'deviceCode', acquire: (scopes, forceRefresh) => deviceCodeToken(signIn, scopes, forceRefresh) };
  }
}

async function deviceCodeToken(signIn: MsalDeviceCodeSignIn, scopes: string[], forceRefresh: boolean): Promise<string> {
  const [account] = await signIn.app.getAllAccounts();
  if (account) {
    try {
      return accessToken(await signIn.app.acquireTokenSilent({ account, scopes, forceRefresh }));
    } catch (error) {
      // Only a need for interaction sends the user back to the device code.
      if ((error as { name?: string }).name !== 'InteractionRequiredAuthError') throw error;
    }
  }
  return accessToken(await signIn.app.acquireTokenByDeviceCode({ scopes, deviceCodeCallback: signIn.onDeviceCode }));
}

function accessToken(result: AuthenticationResult | null): string {
  if (!result?.accessToken) throw new Error('msal-node returned no access token');
  return result.accessToken;
}
