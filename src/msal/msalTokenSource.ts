import type { AccountInfo, AuthenticationResult, DeviceCodeRequest } from '@azure/msal-node';

/** What msal-node tells the user during a device-code sign-in (`message`, `userCode`, `verificationUri`). @public */
export type DeviceCodeResponse = Parameters<DeviceCodeRequest['deviceCodeCallback']>[0];
import type { TokenRequest } from '../auth/tokenSource.js';

/**
 * Silent sign-in from msal-node's cache for a known account (refreshing with
 * its refresh token when needed): for apps that signed the user in before.
 *
 * @public
 */
export interface MsalSilentSignIn {
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
 * application. Concurrent requests for a token share one acquisition, so a
 * burst of merged operations starts one device-code prompt, not hundreds.
 * After a 401 the client asks again with `forceRefresh`, which bypasses
 * msal's cache.
 *
 * @example
 * ```ts
 * import { PublicClientApplication } from '@azure/msal-node';
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
  const inFlight = new Map<boolean, Promise<string>>();
  return ({ scopes, forceRefresh }) => {
    let pending = inFlight.get(forceRefresh);
    if (!pending) {
      pending = acquire(signIn, [...scopes], forceRefresh).finally(() => inFlight.delete(forceRefresh));
      inFlight.set(forceRefresh, pending);
    }
    return pending;
  };
}

async function acquire(signIn: MsalSignIn, scopes: string[], forceRefresh: boolean): Promise<string> {
  switch (signIn.flow) {
    case 'silent': {
      const account = typeof signIn.account === 'function' ? await signIn.account() : signIn.account;
      return accessToken(await signIn.app.acquireTokenSilent({ account, scopes, forceRefresh }));
    }
    case 'onBehalfOf': {
      const oboAssertion = typeof signIn.userAssertion === 'function' ? await signIn.userAssertion() : signIn.userAssertion;
      return accessToken(await signIn.app.acquireTokenOnBehalfOf({ oboAssertion, scopes, skipCache: forceRefresh }));
    }
    case 'deviceCode': {
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
  }
}

function accessToken(result: AuthenticationResult | null): string {
  if (!result?.accessToken) throw new Error('msal-node returned no access token');
  return result.accessToken;
}
