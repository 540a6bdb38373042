import { createHash, randomBytes } from 'node:crypto';
/**
 * The sign-in half of the simulator: just enough of the Microsoft identity
 * platform (v2.0 authorize, token and device-code endpoints, authority
 * metadata) for real msal-node and MSAL Browser code to obtain tokens that
 * the simulator's Graph accepts. Tokens are opaque strings it minted; the ID
 * token is an unsigned JWT, which MSAL reads without verifying (it trusts
 * its TLS channel). The authorize endpoint signs the user in by itself: no
 * page, no password; it checks what Entra ID checks of a single-page app
 * (PKCE with S256, a nonce, a redirect URI), and it redirects only to
 * loopback, so it cannot be used as an open redirect.
 */

/** The host in the authority URL given to msal-node; reserved (.test), it never resolves. */
export const LOGIN_HOST = 'login.graph-simulator.test';

/** Who a token was minted for and which scopes it carries: what the request log reports instead of the token. */
export interface TokenGrant {
  readonly user: string;
  readonly scopes: readonly string[];
}

export interface LoginState {
  issue(kind: 'access' | 'refresh', grant: TokenGrant): string;
  /** The grant of a refresh token the simulator issued. */
  refreshGrant(token: string): TokenGrant | undefined;
  isAccessToken(token: string): boolean;
  deviceCodes: Map<string, { pendingPolls: number }>;
  pendingPolls: number;
  /** Authorization codes issued by the authorize endpoint, each redeemable once. */
  authorizationCodes: Map<string, AuthorizationCode>;
}

/** What an authorization code was issued for: the token request must match it. */
export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly scope: string;
  readonly username: string | undefined;
}

export interface LoginReply {
  readonly status: number;
  readonly body: unknown;
  /** A 302 to this URL instead of a JSON body (the authorize endpoint). */
  readonly redirect?: string;
}

/** The tenant of a sign-in at `common` or `organizations`. */
const TENANT_ID = '00000000-0000-0000-0000-00000000c0de';

const USER = { oid: '00000000-0000-0000-0000-0000000a11ce', name: 'Adele Vance', username: 'adele@contoso.test' };

/**
 * `form` is the request's parameters: the query of a GET, the form body of
 * a POST.
 */
export function handleLogin(state: LoginState, method: string, pathname: string, form: URLSearchParams, origin: string): LoginReply | undefined {
  const match = /^\/([^/]+)\/(oauth2\/v2\.0\/(token|devicecode|authorize)|v2\.0\/\.well-known\/openid-configuration)$/.exec(pathname);
  if (pathname === '/common/discovery/instance') return { status: 200, body: cloudDiscovery(origin) };
  if (!match) return undefined;
  const tenant = match[1]!;
  if (method === 'GET' && match[2]!.endsWith('openid-configuration')) return { status: 200, body: openIdConfiguration(tenant) };
  if (match[3] === 'authorize') return method === 'GET' ? authorize(state, form) : { status: 405, body: oauthError('invalid_request', 'GET required') };
  if (method !== 'POST') return { status: 405, body: oauthError('invalid_request', 'POST required') };
  if (match[3] === 'devicecode') {
    const deviceCode = `device-${state.deviceCodes.size + 1}`;
    state.deviceCodes.set(deviceCode, { pendingPolls: state.pendingPolls });
    return {
      status: 200,
      body: {
        user_code: 'SIM-CODE',
        device_code: deviceCode,
        verification_uri: `https://${LOGIN_HOST}/devicelogin`,
        expires_in: 900,
        interval: 0,
        message: `To sign in to the Graph simulator, enter the code SIM-CODE at https://${LOGIN_HOST}/devicelogin (the simulator signs you in by itself).`,
      },
    };
  }
  const clientId = form.get('client_id') ?? 'client';
  switch (form.get('grant_type')) {
    case 'authorization_code': {
      const code = form.get('code') ?? '';
      const issued = state.authorizationCodes.get(code);
      // Redeemable once, whatever the outcome: a replayed or guessed code gets nothing.
      state.authorizationCodes.delete(code);
      if (!issued) return { status: 400, body: oauthError('invalid_grant', 'the authorization code is unknown or was already redeemed') };
      if (issued.clientId !== form.get('client_id')) return { status: 400, body: oauthError('invalid_client', 'the code was issued to another client') };
      if (issued.redirectUri !== form.get('redirect_uri')) return { status: 400, body: oauthError('invalid_grant', 'redirect_uri differs from the authorize request') };
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge) {
        return { status: 400, body: oauthError('invalid_grant', 'the code_verifier does not match the code_challenge') };
      }
      const user = issued.username ? userNamed(issued.username) : USER;
      return { status: 200, body: tokens(state, tenant, clientId, form.get('scope') ?? issued.scope, user, issued.nonce) };
    }
    case 'device_code': // what msal sends
    case 'urn:ietf:params:oauth:grant-type:device_code': {
      const pending = state.deviceCodes.get(form.get('device_code') ?? '');
      if (!pending) return { status: 400, body: oauthError('invalid_grant', 'unknown device code') };
      if (pending.pendingPolls > 0) {
        pending.pendingPolls--;
        return { status: 400, body: oauthError('authorization_pending', 'the user has not finished signing in') };
      }
      state.deviceCodes.delete(form.get('device_code')!);
      return { status: 200, body: tokens(state, tenant, clientId, form.get('scope'), USER) };
    }
    case 'refresh_token': {
      const grant = state.refreshGrant(form.get('refresh_token') ?? '');
      if (!grant) return { status: 400, body: oauthError('invalid_grant', 'unknown refresh token') };
      return { status: 200, body: tokens(state, tenant, clientId, form.get('scope'), userNamed(grant.user)) };
    }
    case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
      const assertion = form.get('assertion');
      if (form.get('requested_token_use') !== 'on_behalf_of' || !assertion) {
        return { status: 400, body: oauthError('invalid_request', 'on-behalf-of needs an assertion') };
      }
      if (!form.get('client_secret') && !form.get('client_assertion')) return { status: 401, body: oauthError('invalid_client', 'the client did not authenticate') };
      return { status: 200, body: tokens(state, tenant, clientId, form.get('scope'), userNamed(assertionUser(assertion))) };
    }
    default:
      return { status: 400, body: oauthError('unsupported_grant_type', `the simulator does not issue tokens for ${form.get('grant_type')}`) };
  }
}

/**
 * The user an on-behalf-of assertion speaks for: its `preferred_username`
 * (or `upn`, `sub`) when it is a JWT, else a digest of it, so two different
 * incoming tokens are two different users and the log never holds either.
 */
export function assertionUser(assertion: string): string {
  const [, payload] = assertion.split('.');
  if (payload) {
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      for (const claim of ['preferred_username', 'upn', 'sub']) {
        if (typeof claims[claim] === 'string' && claims[claim]) return claims[claim] as string;
      }
    } catch {
      // not a JWT: fall through to the digest
    }
  }
  return `user-${createHash('sha256').update(assertion).digest('hex').slice(0, 12)}`;
}

function userNamed(username: string) {
  if (username === USER.username) return USER;
  const oid = createHash('sha256').update(username).digest('hex');
  const id = `${oid.slice(0, 8)}-${oid.slice(8, 12)}-${oid.slice(12, 16)}-${oid.slice(16, 20)}-${oid.slice(20, 32)}`;
  return { oid: id, name: username, username };
}

/**
 * The authorization-code + PKCE request of a single-page app (what MSAL
 * Browser's loginRedirect sends): the simulator signs in `login_hint`, or
 * Adele Vance, and redirects back with a one-time code.
 */
function authorize(state: LoginState, query: URLSearchParams): LoginReply {
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!isLoopbackUrl(redirectUri)) {
    // Never redirect where the request says if it is not this machine: an error page instead.
    return { status: 400, body: oauthError('invalid_request', 'redirect_uri must be an http(s) URL on loopback (127.0.0.0/8, [::1] or localhost)') };
  }
  const responseMode = query.get('response_mode') ?? 'fragment';
  const back = (params: Record<string, string>): LoginReply => {
    const url = new URL(redirectUri);
    const encoded = new URLSearchParams(params).toString();
    if (responseMode === 'query') url.search = encoded;
    else url.hash = encoded;
    return { status: 302, body: undefined, redirect: url.toString() };
  };
  const stateParam = query.get('state') ?? undefined;
  const fail = (error: string, description: string) => back({ error, error_description: description, ...(stateParam ? { state: stateParam } : {}) });
  if (responseMode !== 'fragment' && responseMode !== 'query') return fail('invalid_request', `response_mode ${responseMode} is not supported by the simulator`);
  if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'single-page apps use response_type=code');
  const clientId = query.get('client_id');
  if (!clientId) return fail('invalid_request', 'client_id is required');
  const codeChallenge = query.get('code_challenge');
  if (!codeChallenge || query.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'PKCE with code_challenge_method=S256 is required');
  const code = `code-${randomBytes(16).toString('base64url')}`;
  const username = query.get('login_hint') || undefined;
  state.authorizationCodes.set(code, { clientId, redirectUri, codeChallenge, nonce: query.get('nonce') ?? undefined, scope: query.get('scope') ?? '', username });
  const user = username ? userNamed(username) : USER;
  return back({
    code,
    client_info: base64url(JSON.stringify({ uid: user.oid, utid: TENANT_ID })),
    ...(stateParam ? { state: stateParam } : {}),
    session_state: 'simulator-session',
  });
}

function isLoopbackUrl(text: string): boolean {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
  } catch {
    return false;
  }
}

function tokens(state: LoginState, tenant: string, clientId: string, scope: string | null, user: { oid: string; name: string; username: string }, nonce?: string) {
  const now = Math.floor(Date.now() / 1000);
  const granted = (scope ?? '').split(' ').filter((s) => s !== '' && !['openid', 'profile', 'offline_access'].includes(s));
  const grant = { user: user.username, scopes: granted };
  const tid = tenant === 'common' || tenant === 'organizations' ? TENANT_ID : tenant;
  const idToken = [
    base64url(JSON.stringify({ typ: 'JWT', alg: 'none' })),
    base64url(
      JSON.stringify({
        aud: clientId,
        iss: `https://${LOGIN_HOST}/${tid}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        tid,
        oid: user.oid,
        sub: user.oid,
        name: user.name,
        preferred_username: user.username,
        ver: '2.0',
        ...(nonce !== undefined ? { nonce } : {}),
      }),
    ),
    '',
  ].join('.');
  return {
    token_type: 'Bearer',
    scope: granted.join(' '),
    expires_in: 3600,
    ext_expires_in: 3600,
    access_token: state.issue('access', grant),
    refresh_token: state.issue('refresh', grant),
    id_token: idToken,
    client_info: base64url(JSON.stringify({ uid: user.oid, utid: tid })),
  };
}

function openIdConfiguration(tenant: string) {
  const base = `https://${LOGIN_HOST}/${tenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    issuer: `${base}/v2.0`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
  };
}

function cloudDiscovery(_origin: string) {
  return {
    tenant_discovery_endpoint: `https://${LOGIN_HOST}/{tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: LOGIN_HOST, preferred_cache: LOGIN_HOST, aliases: [LOGIN_HOST] }],
  };
}

function oauthError(error: string, description: string) {
  return { error, error_description: description, error_codes: [], timestamp: new Date().toISOString() };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** What msal-node needs to talk to the simulator only: authority, known metadata. */
export function msalAuthOptions(tenant: string) {
  return {
    authority: `https://${LOGIN_HOST}/${tenant}`,
    knownAuthorities: [LOGIN_HOST],
    authorityMetadata: JSON.stringify(openIdConfiguration(tenant)),
    cloudDiscoveryMetadata: JSON.stringify(cloudDiscovery('')),
  };
}
