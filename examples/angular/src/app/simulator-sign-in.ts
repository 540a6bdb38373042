import { NavigationClient, type Configuration, type INetworkModule, type NavigationOptions, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-browser';

/**
 * Only for the Graph simulator: MSAL Browser accepts only an https
 * authority, so the app names the simulator's reserved, never-resolving
 * authority host, and these two hooks (MSAL's own `system.networkClient` and
 * `system.navigationClient`) send what MSAL addresses to that host (the
 * sign-in redirect, the token and metadata requests) to the simulator's
 * loopback origin instead. Everything else is real MSAL: authorization
 * code + PKCE, nonce and state checks, its token cache, MsalInterceptor.
 * A real app has neither hook and names https://login.microsoftonline.com.
 */
export const SIMULATOR_LOGIN_HOST = 'login.graph-simulator.test';

function toSimulator(url: string, simulatorOrigin: string): string {
  const target = new URL(url);
  // Anything else (login.microsoftonline.com above all) must not be reached from a test.
  if (target.hostname !== SIMULATOR_LOGIN_HOST) throw new Error(`the simulator sign-in reaches only ${SIMULATOR_LOGIN_HOST}, not ${target.host}`);
  return `${simulatorOrigin}${target.pathname}${target.search}${target.hash}`;
}

/** MSAL's HTTP (metadata, token endpoint) over fetch, to the simulator. */
export function simulatorNetworkClient(simulatorOrigin: string): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const response = await fetch(toSimulator(url, simulatorOrigin), { method, headers: options?.headers ?? {}, ...(method === 'POST' ? { body: options?.body ?? '' } : {}) });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    return { headers, body: (await response.json()) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

/** MSAL's redirect to the authorize page, to the simulator's authorize endpoint (which signs in by itself). */
export class SimulatorNavigationClient extends NavigationClient {
  constructor(private readonly simulatorOrigin: string) {
    super();
  }

  override navigateExternal(url: string, options: NavigationOptions): Promise<boolean> {
    return super.navigateExternal(toSimulator(url, this.simulatorOrigin), options);
  }
}

/**
 * `configuration` signing in at the simulator whose Graph is at
 * `graphBaseUrl` (its sign-in endpoints share Graph's origin): its reserved
 * authority, known up front so MSAL looks nothing up in a Microsoft cloud,
 * and the two hooks above.
 */
export function withSimulatorSignIn(configuration: Configuration, graphBaseUrl: string): Configuration {
  const { origin } = new URL(graphBaseUrl);
  return {
    ...configuration,
    auth: { ...configuration.auth, authority: `https://${SIMULATOR_LOGIN_HOST}/organizations`, knownAuthorities: [SIMULATOR_LOGIN_HOST] },
    system: { ...configuration.system, networkClient: simulatorNetworkClient(origin), navigationClient: new SimulatorNavigationClient(origin) },
  };
}
