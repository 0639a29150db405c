import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { completeProviderSignIn, loadSignInConfig, pendingCallback, startProviderSignIn, takeCallback } from '../oidc';
import { navigate } from '../route';
import { setSession, type Session } from '../session';
import type { ScreenProps } from '../screen';
import { ErrorBanner, Status, TextArea, useLoad } from '../ui';
import { WorkspaceMeDocument } from '../../../__generated__/graphql';

// The provider's redirect back (/edit/?code=…&state=…) is taken out of the address before the
// shell renders, which then shows this screen to finish it.
takeCallback();

/** The server's word on a token: the session it speaks for, or why it does not. */
async function sessionFor(token: string, method: Session['method']): Promise<Session> {
  const { me } = await request(WorkspaceMeDocument, {}, token);
  if (!me.sub) throw new ApiError(me.problem ?? 'the server did not accept this token', 'UNAUTHENTICATED');
  return { token, sub: me.sub, role: me.role, expiresAt: me.expiresAt ?? null, method };
}

/** Where to go once signed in: the screen the editor came from, else ingest. */
const back = (returnTo: string | undefined) => {
  const screen = (returnTo ?? '').replace(/^#\/?/, '');
  if (screen && !screen.startsWith('sign-in')) location.hash = `#/${screen}`;
  else navigate('ingest');
};

/**
 * Signs in with the OpenID Connect provider when the server names one (GET /auth/config), and with
 * a pasted token (`npm run token -- --role editor --sub alice`) when it accepts those; the role is
 * always the server's answer to `me`.
 */
export function SignInScreen({ session, route }: ScreenProps) {
  const config = useLoad(loadSignInConfig, []);
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<null | 'token' | 'provider' | 'callback'>(null);

  // Back from the provider: exchange the code through the server, then ask `me`.
  useEffect(() => {
    const answer = pendingCallback();
    if (!answer) return;
    setBusy('callback');
    completeProviderSignIn(answer)
      .then(async ({ token: exchanged, returnTo }) => {
        setSession(await sessionFor(exchanged.accessToken, 'oidc'));
        back(returnTo);
      })
      .catch(setError)
      .finally(() => setBusy(null));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy('token');
    setError(null);
    try {
      setSession(await sessionFor(token.trim(), 'token'));
      setToken('');
      back(route.query.get('from') ?? '');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const provider = config.data?.provider ?? null;
  const signInWithProvider = async () => {
    if (!provider) return;
    setBusy('provider');
    setError(null);
    try {
      // #/sign-in?from=history comes back to the history screen.
      await startProviderSignIn(provider, route.query.get('from') ?? '');
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  };
  // Without an answer from /auth/config the paste stays offered: the server may still take a token.
  const offerToken = config.data ? config.data.tokenSignIn : !config.loading;

  return (
    <section aria-labelledby="sign-in-heading" class="sign-in">
      <h2 id="sign-in-heading">登录 Sign in</h2>
      {session && (
        <p data-testid="sign-in-current">
          已登录为 Signed in as <strong>{session.sub}</strong>（{session.method === 'oidc' ? '经登录服务 via the provider' : '令牌 with a token'}）.
        </p>
      )}
      {busy === 'callback' && <Status>正在完成登录… Completing sign-in…</Status>}
      {config.loading && <Status>加载中… Loading…</Status>}
      <ErrorBanner error={config.error} />
      <ErrorBanner error={error} />
      {provider && (
        <div class="sign-in-provider">
          <p>用本单位的账号登录 Sign in with your organization's account.</p>
          <div class="actions">
            <button type="button" class="primary" onClick={signInWithProvider} disabled={busy !== null}>
              使用 {provider.name} 登录 Sign in with {provider.name}
            </button>
          </div>
        </div>
      )}
      {offerToken && (
        <form onSubmit={submit} class="sign-in-token">
          {provider && <h3>或用令牌 Or with a token</h3>}
          <TextArea label="访问令牌 Token" rows={4} value={token} onValue={setToken}
            hint={<>由管理员用 <code>npm run token -- --role editor --sub 姓名</code> 生成 / minted with npm run token</>} />
          <div class="actions"><button type="submit" class={provider ? undefined : 'primary'} disabled={busy !== null || !token.trim()}>登录 Sign in</button></div>
        </form>
      )}
      {config.data && !provider && !config.data.tokenSignIn && (
        <p>服务器未配置登录方式 The server has no way to sign in configured (AUTH_JWT_SECRET or AUTH_JWKS_URL); reading works without signing in.</p>
      )}
    </section>
  );
}
