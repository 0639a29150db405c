import { useState } from 'preact/hooks';
import { request } from '../api';
import { navigate } from '../route';
import { setSession, type Session } from '../session';
import type { ScreenProps } from '../screen';
import { ErrorBanner, TextArea } from '../ui';
import { WorkspaceMeDocument } from '../../../__generated__/graphql';

/** Signs in with a pasted token (`npm run token -- --role editor --sub alice`): the server checks it (`me`) and names the role. */
export function SignInScreen({ session }: ScreenProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const value = token.trim();
      const { me } = await request(WorkspaceMeDocument, {}, value);
      if (!me.sub) throw new Error(me.problem ?? 'the server did not accept this token');
      const next: Session = { token: value, sub: me.sub, role: me.role, expiresAt: me.expiresAt ?? null, method: 'token' };
      setSession(next);
      navigate('ingest');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">登录 Sign in</h2>
      {session && <p>已登录为 Signed in as <strong>{session.sub}</strong>.</p>}
      <form onSubmit={submit}>
        <TextArea label="访问令牌 Token" rows={4} value={token} onValue={setToken}
          hint={<>由管理员用 <code>npm run token -- --role editor --sub 姓名</code> 生成 / minted with npm run token</>} />
        <ErrorBanner error={error} />
        <div class="actions"><button type="submit" class="primary" disabled={busy || !token.trim()}>登录 Sign in</button></div>
      </form>
    </section>
  );
}
