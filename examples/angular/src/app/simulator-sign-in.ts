import { NavigationClient, type Configuration, type INetworkModule, type NavigationOptions, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-browser';

/**
 * Only for the Graph simulator (rx-graph-lro/testing), so the app runs
 * without a tenant: open it as http://localhost:4200/?graph=<the
 * simulator's base URL>. A real app has none of this file.
 *
 * MSAL Browser accepts only an https authority, so the app names the
 * simulator's reserved, never-resolving authority host, and two of MSAL's
 * own hooks (`system.networkClient` and `system.navigationClient`) send what
 * MSAL addresses to that host (the sign-in redirect, the token and metadata
 * requests) to the simulator's loopback origin instead. Everything else is
 * real MSAL: authorization code + PKCE, nonce and state checks, its token
 * cache, MsalInterceptor.
 */
export const SIMULATOR_LOGIN_HOST = 'login.graph-simulator.test';

/**
 * The simulator's Graph base URL when the page was opened with `?graph=…`,
 * kept for the tab's session because the sign-in redirect comes back
 * without it. Only loopback is accepted: a link must not be able to point
 * the app, and MsalInterceptor's tokens, at another host.
 */
export function simulatorGraphUrl(): string | undefined {
  const candidate = new URLSearchParams(location.search).get('graph') ?? sessionStorage.getItem('graph');
  if (!candidate || !URL.canParse(candidate)) return undefined;
  const { protocol, hostname } = new URL(candidate);
  if (protocol !== 'http:' || !/^127(\.\d{1,3}){3}$/.test(hostname)) return undefined;
  sessionStorage.setItem('graph', candidate);
  return candidate;
}

function toSimulator(url: string, simulatorOrigin: string): string {
  const target = new URL(url);
  // Anything else (login.microsoftonline.com above all) must not be reached from here.
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
