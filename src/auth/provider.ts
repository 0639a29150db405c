import type { OidcConfig } from './oidc';

/**
 * The provider's side of the page's sign-in: its discovery document
 * (`<issuer>/.well-known/openid-configuration`, cached) and the exchange of an authorization code
 * for tokens at its token endpoint (a public client with PKCE: no client secret). The server does
 * the exchange so the page talks to its own origin only (connect-src 'self').
 */
export interface ProviderEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Where the provider signs a user out (RP-initiated logout), when it says. */
  endSessionEndpoint?: string;
}

/** The provider cannot be reached or answered nonsense: the caller answers 503 with the message. */
export class ProviderUnavailable extends Error {}

/** The provider refused the code (invalid_grant, a wrong verifier…): the caller answers 401 with the message. */
export class ProviderRefused extends Error {}

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/** The provider's answer to the code: the access token the page sends to the API. */
export interface ProviderTokens {
  accessToken: string;
  /** Seconds the access token lasts, when the provider says. */
  expiresIn?: number;
}

export interface ProviderClient {
  endpoints(): Promise<ProviderEndpoints>;
  exchangeCode(exchange: CodeExchange): Promise<ProviderTokens>;
}

/** How long a fetched discovery document is used before it is fetched again. */
const DISCOVERY_MAX_AGE_MS = 10 * 60_000;
/** The largest discovery document or token answer read; anything longer is no answer of a provider. */
const MAX_ANSWER_BYTES = 256 * 1024;

const short = (text: string) => text.replace(/[\u0000-\u001f]+/g, ' ').slice(0, 300);

/** Fetches `url` within `timeoutMs` and parses the JSON body (at most MAX_ANSWER_BYTES). */
async function fetchJson(url: string, timeoutMs: number, what: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json', ...(init.headers ?? {}) } });
  } catch (error) {
    const name = (error as Error)?.name;
    const cause = (error as { cause?: { code?: string } })?.cause?.code;
    const detail = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : cause ?? short(String((error as Error)?.message ?? error));
    throw new ProviderUnavailable(`the sign-in provider's ${what} cannot be reached (${detail})`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new ProviderUnavailable(`the sign-in provider's ${what} broke off its answer`);
  }
  if (Buffer.byteLength(text) > MAX_ANSWER_BYTES) throw new ProviderUnavailable(`the sign-in provider's ${what} answered more than ${MAX_ANSWER_BYTES} bytes`);
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw new ProviderUnavailable(`the sign-in provider's ${what} answered ${response.status} without JSON`);
  }
}

function endpointUrl(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new ProviderUnavailable(`the provider's discovery document has no ${name}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProviderUnavailable(`the provider's discovery document's ${name} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ProviderUnavailable(`the provider's discovery document's ${name} is not an http(s) URL`);
  return url.href;
}

/** The discovery document's URL: `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0, §4). */
export const discoveryUrl = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

export function providerClient(oidc: OidcConfig): ProviderClient {
  const timeoutMs = oidc.jwksTimeoutMs;
  let cached: { at: number; endpoints: ProviderEndpoints } | null = null;
  let pending: Promise<ProviderEndpoints> | null = null;

  const discover = async (): Promise<ProviderEndpoints> => {
    const { status, body } = await fetchJson(discoveryUrl(oidc.issuer), timeoutMs, 'discovery document');
    if (status !== 200 || !body || typeof body !== 'object') throw new ProviderUnavailable(`the sign-in provider's discovery document answered ${status}`);
    // The document must speak for the issuer the tokens carry (Discovery §4.3).
    if (body.issuer !== oidc.issuer) throw new ProviderUnavailable(`the provider's discovery document names the issuer "${short(String(body.issuer))}", not AUTH_OIDC_ISSUER "${oidc.issuer}"`);
    return {
      authorizationEndpoint: endpointUrl(body.authorization_endpoint, 'authorization_endpoint'),
      tokenEndpoint: endpointUrl(body.token_endpoint, 'token_endpoint'),
      ...(typeof body.end_session_endpoint === 'string' ? { endSessionEndpoint: endpointUrl(body.end_session_endpoint, 'end_session_endpoint') } : {}),
    };
  };

  const endpoints = async (): Promise<ProviderEndpoints> => {
    if (cached && Date.now() - cached.at < DISCOVERY_MAX_AGE_MS) return cached.endpoints;
    // One fetch for all who ask meanwhile; a failure is not kept, the next ask tries again.
    pending ??= discover()
      .then((found) => {
        cached = { at: Date.now(), endpoints: found };
        return found;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };

  return {
    endpoints,
    async exchangeCode({ code, codeVerifier, redirectUri }) {
      if (!oidc.clientId) throw new ProviderRefused('no AUTH_OIDC_CLIENT_ID is configured, so the page cannot sign in with the provider');
      const { tokenEndpoint } = await endpoints();
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: oidc.clientId, code_verifier: codeVerifier });
      const { status, body } = await fetchJson(tokenEndpoint, timeoutMs, 'token endpoint', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      if (status >= 500) throw new ProviderUnavailable(`the sign-in provider's token endpoint answered ${status}`);
      if (status !== 200 || typeof body?.access_token !== 'string') {
        const reason = typeof body?.error === 'string' ? `${short(body.error)}${typeof body.error_description === 'string' ? `: ${short(body.error_description)}` : ''}` : `status ${status}`;
        throw new ProviderRefused(`the sign-in provider refused the sign-in (${reason}); sign in again`);
      }
      return { accessToken: body.access_token, ...(typeof body.expires_in === 'number' ? { expiresIn: body.expires_in } : {}) };
    },
  };
}
