/**
 * Sign-in with the OpenID Connect provider: the authorization-code flow with PKCE for a public
 * client (RFC 7636). The page sends the browser to the provider's authorization endpoint with a
 * random `state` and the S256 challenge of a random `code_verifier` (both kept in sessionStorage,
 * so only this tab can finish the flow); the provider sends it back to /edit/?code=…&state=…; the
 * server exchanges the code (POST /auth/token) so the page only ever talks to its own origin.
 */
import { ApiError, post } from './api';

/** What GET /auth/config answers (src/app/auth.route.ts). */
export interface SignInConfig {
  tokenSignIn: boolean;
  provider: null | { name: string; issuer: string; authorizationEndpoint: string; clientId: string; scope: string; audience: string };
}

/** What POST /auth/token answers. */
export interface ExchangedToken {
  accessToken: string;
  sub: string;
  role: 'VIEWER' | 'EDITOR' | 'ADMIN';
  expiresAt: number | null;
}

const PENDING = 'honorgraph.oidc';

interface Pending {
  state: string;
  codeVerifier: string;
  redirectUri: string;
  /** The hash to go back to after signing in. */
  returnTo: string;
}

export async function loadSignInConfig(): Promise<SignInConfig> {
  let response: Response;
  try {
    response = await fetch('/auth/config', { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ApiError(`The server cannot be reached (${(error as Error).message}).`);
  }
  const body = (await response.json().catch(() => null)) as any;
  if (!response.ok) {
    const first = body?.errors?.[0];
    throw new ApiError(first?.message ?? `The server answered ${response.status}.`, first?.extensions?.code);
  }
  return body as SignInConfig;
}

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (size: number): string => base64url(crypto.getRandomValues(new Uint8Array(size)));

/** The workspace's own address, the redirect URI registered with the provider. */
export const redirectUri = (): string => `${location.origin}/edit/`;

/** Sends the browser to the provider; it comes back to /edit/ with a code (completeProviderSignIn). */
export async function startProviderSignIn(provider: NonNullable<SignInConfig['provider']>, returnTo: string): Promise<void> {
  if (!crypto.subtle) throw new ApiError('This page is not served over https, so the browser cannot sign in with the provider (PKCE needs crypto.subtle); use a token or https.');
  const codeVerifier = random(32); // 43 characters
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier))));
  const pending: Pending = { state: random(16), codeVerifier, redirectUri: redirectUri(), returnTo };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(provider.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.clientId,
    redirect_uri: pending.redirectUri,
    scope: provider.scope,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    audience: provider.audience,
  }).toString();
  location.assign(url.href);
}

/** The provider's answer in the address, taken once when the page loads (null when there is none). */
export interface Callback {
  code: string | null;
  state: string | null;
  error: string | null;
  errorDescription: string | null;
}

let callback: Callback | null = null;

/**
 * Called before the shell first renders: when the page is the provider's redirect back, the code is
 * taken out of the address (so it is not kept in history or bookmarked) and the page shows the
 * sign-in screen, which finishes the flow.
 */
export function takeCallback(): void {
  const params = new URLSearchParams(location.search);
  if (!params.has('state') || (!params.has('code') && !params.has('error'))) return;
  callback = { code: params.get('code'), state: params.get('state'), error: params.get('error'), errorDescription: params.get('error_description') };
  history.replaceState(null, '', `${location.pathname}#/sign-in`);
}

/** The callback waiting to be finished, once: the second caller gets null. */
export function pendingCallback(): Callback | null {
  const taken = callback;
  callback = null;
  return taken;
}

/** Exchanges the callback's code through the server; answers the token and where to go back to. */
export async function completeProviderSignIn(answer: Callback): Promise<{ token: ExchangedToken; returnTo: string }> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  if (!pending || pending.state !== answer.state) {
    throw new ApiError('This sign-in was not started from this tab (its state does not match); sign in again.');
  }
  if (answer.error || !answer.code) {
    throw new ApiError(`The provider did not sign you in: ${answer.error ?? 'no code'}${answer.errorDescription ? ` (${answer.errorDescription})` : ''}.`);
  }
  const token = await post<ExchangedToken>(
    '/auth/token',
    JSON.stringify({ code: answer.code, codeVerifier: pending.codeVerifier, redirectUri: pending.redirectUri }),
    'application/json',
    null,
  );
  return { token, returnTo: pending.returnTo };
}
