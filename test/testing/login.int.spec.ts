import { createHash, randomBytes } from 'node:crypto';
import { GraphSimulator } from '../../src/testing';

// The simulator's authorization-code + PKCE sign-in (what MSAL Browser's
// loginRedirect does), spoken over loopback HTTP with plain fetch so every
// check Entra ID makes of a single-page app is visible: the real MSAL Browser
// drives the same endpoints in the Angular example's Chromium test.
let sim: GraphSimulator;
beforeEach(async () => {
  sim = new GraphSimulator({ validTokens: [] });
  await sim.start();
});
afterEach(() => sim.stop());

const APP = 'http://127.0.0.1:4200/';
const verifier = randomBytes(32).toString('base64url');
const challenge = createHash('sha256').update(verifier).digest('base64url');

function authorizeUrl(overrides: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    client_id: 'spa',
    redirect_uri: APP,
    response_type: 'code',
    scope: 'Files.ReadWrite openid profile offline_access',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return `${sim.graphOrigin}/organizations/oauth2/v2.0/authorize?${query}`;
}

async function authorize(overrides: Record<string, string | undefined> = {}) {
  const response = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
  const location = response.headers.get('location');
  const url = location ? new URL(location) : undefined;
  const params = new URLSearchParams(url ? (url.hash ? url.hash.slice(1) : url.search.slice(1)) : '');
  return { status: response.status, url, params, body: location ? undefined : ((await response.json()) as { error: string }) };
}

async function redeem(form: Record<string, string>) {
  const response = await fetch(`${sim.graphOrigin}/organizations/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'spa', redirect_uri: APP, code_verifier: verifier, scope: 'Files.ReadWrite openid profile offline_access', ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('simulator sign-in: authorization code + PKCE', () => {
  it('redirects back with a code and the state; the code and verifier buy tokens Graph accepts, with the nonce in the ID token', async () => {
    const back = await authorize();
    expect(back.status).toBe(302);
    expect(`${back.url!.origin}${back.url!.pathname}`).toBe(APP);
    expect(back.url!.hash).not.toBe(''); // response_mode defaults to fragment, as in MSAL Browser
    expect(back.params.get('state')).toBe('state-1');
    expect(JSON.parse(Buffer.from(back.params.get('client_info')!, 'base64url').toString())).toEqual({ uid: expect.any(String), utid: expect.any(String) });

    const tokens = await redeem({ code: back.params.get('code')! });
    expect(tokens.status).toBe(200);
    expect(claims(tokens.body['id_token']!)).toMatchObject({ nonce: 'nonce-1', aud: 'spa', preferred_username: 'adele@contoso.test' });
    expect(tokens.body['scope']).toBe('Files.ReadWrite');

    const me = await fetch(`${sim.baseUrl}/me/drive/items/book/workbook/createSession`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.body['access_token']}`, 'content-type': 'application/json' },
      body: '{"persistChanges":true}',
    });
    await me.text();
    expect(sim.requests.at(-1)).toMatchObject({ authorization: 'valid', tokenUser: 'adele@contoso.test', tokenScopes: ['Files.ReadWrite'] });
  });

  it('answers in the query when asked, and signs in the login_hint user', async () => {
    const back = await authorize({ response_mode: 'query', login_hint: 'megan@contoso.test' });
    expect(back.url!.search).toContain('code=');
    const tokens = await redeem({ code: back.params.get('code')! });
    expect(claims(tokens.body['id_token']!)['preferred_username']).toBe('megan@contoso.test');
  });

  it.each([
    ['no PKCE', { code_challenge: undefined }, 'invalid_request'],
    ['PKCE with the plain method', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['the implicit flow', { response_type: 'token' }, 'unsupported_response_type'],
    ['no client id', { client_id: undefined }, 'invalid_request'],
    ['form_post', { response_mode: 'form_post' }, 'invalid_request'],
  ])('refuses %s with an OAuth error sent back to the app', async (_name, overrides, error) => {
    const back = await authorize(overrides);
    expect(back.status).toBe(302);
    expect(back.params.get('error')).toBe(error);
    expect(back.params.get('code')).toBeNull();
    expect(back.params.get('state')).toBe('state-1');
  });

  it.each([
    ['another host', 'https://attacker.example/callback'],
    ['a scheme other than http(s)', 'javascript:alert(1)'],
    ['nothing', undefined],
    ['a host that merely starts with 127.', 'http://127.0.0.1.attacker.example/'],
  ])('never redirects to %s: an error page instead', async (_name, redirectUri) => {
    const back = await authorize({ redirect_uri: redirectUri });
    expect(back.status).toBe(400);
    expect(back.url).toBeUndefined();
    expect(back.body!.error).toBe('invalid_request');
  });

  it.each([
    ['a wrong code verifier', () => ({ code_verifier: randomBytes(32).toString('base64url') }), 'invalid_grant'],
    ['another redirect URI', () => ({ redirect_uri: 'http://127.0.0.1:4300/' }), 'invalid_grant'],
    ['another client', () => ({ client_id: 'other-app' }), 'invalid_client'],
  ])('refuses to redeem a code with %s, and the code is spent', async (_name, change, error) => {
    const code = (await authorize()).params.get('code')!;
    const refused = await redeem({ code, ...change() });
    expect(refused).toMatchObject({ status: 400, body: { error } });
    expect(JSON.stringify(refused.body)).not.toContain('access_token');
    expect((await redeem({ code })).body['error']).toBe('invalid_grant');
  });

  it('redeems a code once: a replay gets nothing', async () => {
    const code = (await authorize()).params.get('code')!;
    expect((await redeem({ code })).status).toBe(200);
    expect(await redeem({ code })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('lets a browser preflight the token endpoint with the headers MSAL sends', async () => {
    const response = await fetch(`${sim.graphOrigin}/organizations/oauth2/v2.0/token`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-client-sku' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-client-sku');
  });
});
