import http from 'node:http';
import express, { Request, Response, Router } from 'express';
import { providerClient, ProviderRefused, ProviderUnavailable } from '../auth/provider';
import { AuthConfig, verifyBearer } from '../auth/viewer';
import { Logger } from './observability';

export interface AuthRouteOptions {
  auth: AuthConfig;
  logger: Logger;
  /** The server's one shape of HTTP errors: {errors: [{message, extensions: {code, requestId}}]}. */
  jsonError: (res: http.ServerResponse, status: number, code: string, message: string) => void;
}

/** What GET /auth/config tells the page (no secrets). */
export interface SignInConfig {
  /** Whether a pasted token (`npm run token`, HS256) is accepted: AUTH_JWT_SECRET is set. */
  tokenSignIn: boolean;
  /** The OpenID Connect provider the page signs in with; null without AUTH_JWKS_URL and AUTH_OIDC_CLIENT_ID. */
  provider: null | {
    name: string;
    issuer: string;
    authorizationEndpoint: string;
    clientId: string;
    scope: string;
    /** Sent as `audience` on the authorization request (Auth0 needs it for its access tokens; others ignore it). */
    audience: string;
  };
}

/** Exchanges in flight at once; one more is refused with 429 (each waits on the provider). */
export const MAX_CONCURRENT_EXCHANGES = 16;
const CODE = /^[\x21-\x7e]{1,4096}$/;
// RFC 7636 §4.1: 43 to 128 unreserved characters.
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** The page's callback: an http(s) URL whose path is /edit/, without query or fragment. */
function checkRedirectUri(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  try {
    const url = new URL(value);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/edit/' || url.search || url.hash || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/**
 * GET /auth/config: how the page signs in (whether a provider is configured, its authorization
 * endpoint from its discovery document, the public client id, the scope). POST /auth/token
 * ({code, codeVerifier, redirectUri}): the authorization code exchanged at the provider's token
 * endpoint, the access token checked as the API will check it, answered with its subject and role.
 * docs/access.md, "OpenID Connect".
 */
export function authRoutes({ auth, logger, jsonError }: AuthRouteOptions): Router {
  const router = express.Router();
  const oidc = auth.oidc?.clientId ? auth.oidc : undefined;
  const client = oidc ? providerClient(oidc) : null;
  let exchanging = 0;

  router.get('/auth/config', async (_req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    const answer: SignInConfig = { tokenSignIn: !!auth.jwtSecret, provider: null };
    if (oidc && client) {
      try {
        const { authorizationEndpoint } = await client.endpoints();
        answer.provider = {
          name: oidc.name ?? new URL(oidc.issuer).hostname,
          issuer: oidc.issuer,
          authorizationEndpoint,
          clientId: oidc.clientId!,
          scope: oidc.scope,
          audience: oidc.audience,
        };
      } catch (error) {
        logger.warn({ err: error }, 'sign-in provider: discovery failed');
        const message = error instanceof ProviderUnavailable ? error.message : 'the sign-in provider cannot be reached';
        jsonError(res, 503, 'SERVICE_UNAVAILABLE', `${message}${auth.jwtSecret ? '; sign in with a token meanwhile' : ''}`);
        return;
      }
    }
    res.json(answer);
  });

  router.post('/auth/token', express.json({ limit: '16kb' }), async (req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    if (!oidc || !client) {
      jsonError(res, 404, 'NOT_FOUND', 'no sign-in provider is configured (AUTH_JWKS_URL and AUTH_OIDC_CLIENT_ID); sign in with a token');
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const bad = (field: string, message: string) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field, requestId: res.locals.requestId } }] }));
    };
    if (typeof body.code !== 'string' || !CODE.test(body.code)) return bad('code', 'code must be the authorization code the provider sent back (1 to 4096 visible characters)');
    if (typeof body.codeVerifier !== 'string' || !CODE_VERIFIER.test(body.codeVerifier)) return bad('codeVerifier', 'codeVerifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636)');
    const redirectUri = checkRedirectUri(body.redirectUri);
    if (!redirectUri) return bad('redirectUri', "redirectUri must be the workspace's address, an http(s) URL ending in /edit/");
    if (exchanging >= MAX_CONCURRENT_EXCHANGES) {
      res.setHeader('retry-after', '5');
      jsonError(res, 429, 'TOO_MANY_REQUESTS', `${exchanging} sign-ins are being completed; retry in 5 s`);
      return;
    }
    exchanging++;
    try {
      const tokens = await client.exchangeCode({ code: body.code, codeVerifier: body.codeVerifier, redirectUri });
      let claims;
      try {
        claims = await verifyBearer(tokens.accessToken, auth);
      } catch (error) {
        jsonError(res, 401, 'UNAUTHENTICATED', `the provider's access token is not accepted by this server: ${(error as Error).message}`);
        return;
      }
      res.json({ accessToken: tokens.accessToken, sub: claims.sub, role: claims.role.toUpperCase(), expiresAt: claims.exp ?? null });
    } catch (error) {
      if (error instanceof ProviderRefused) jsonError(res, 401, 'UNAUTHENTICATED', error.message);
      else if (error instanceof ProviderUnavailable) {
        logger.warn({ err: error }, 'sign-in provider: token exchange failed');
        jsonError(res, 503, 'SERVICE_UNAVAILABLE', error.message);
      } else throw error;
    } finally {
      exchanging--;
    }
  });
  return router;
}
