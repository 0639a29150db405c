import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { href, useRoute } from './route';
import { currentSession, onSessionChange, setSession, signOutAtExpiry, type Session } from './session';
import type { ScreenProps } from './screen';
import { SignInScreen } from './screens/sign-in';
import { IngestScreen } from './screens/ingest';
import { DuplicatesScreen } from './screens/duplicates';
import { EntitiesScreen } from './screens/entities';
import { HistoryScreen } from './screens/history';
import { ImportScreen } from './screens/import';

/** The editors' workspace at /edit: one page, its screens in the hash. */
const SCREENS: { screen: string; title: string; component: (props: ScreenProps) => any }[] = [
  { screen: 'ingest', title: '文档导入 Ingest', component: IngestScreen },
  { screen: 'duplicates', title: '重复 Duplicates', component: DuplicatesScreen },
  { screen: 'entities', title: '实体 Entities', component: EntitiesScreen },
  { screen: 'history', title: '历史 History', component: HistoryScreen },
  { screen: 'import', title: 'CSV 导入 Import', component: ImportScreen },
];

const ROLE_NAMES = { VIEWER: '读者 viewer', EDITOR: '编辑 editor', ADMIN: '管理员 admin' } as const;

function App() {
  const route = useRoute();
  const [session, setLocal] = useState<Session | null>(currentSession());
  useEffect(() => onSessionChange(setLocal), []);
  // Sign out when the token expires while the page is open.
  useEffect(() => signOutAtExpiry(session), [session?.token]);

  const active = route.screen === 'sign-in' ? null : SCREENS.find((s) => s.screen === route.screen) ?? SCREENS[0];
  useEffect(() => {
    document.title = `${active ? active.title : '登录 Sign in'} · HonorGraph 编辑台`;
  }, [active?.screen]);
  const Screen = active ? active.component : SignInScreen;
  return (
    <>
      <a class="skip" href="#main">跳到内容 Skip to content</a>
      <header class="topbar">
        <h1><a href="/" style={{ color: 'inherit', textDecoration: 'none' }}>HonorGraph</a> 编辑台</h1>
        <nav aria-label="编辑台 Workspace">
          <ul>
            {SCREENS.map((s) => (
              <li key={s.screen}><a href={href(s.screen)} aria-current={active?.screen === s.screen ? 'page' : undefined}>{s.title}</a></li>
            ))}
          </ul>
        </nav>
        <div class="who">
          {session ? (
            <>
              <span data-testid="signed-in-as">{session.sub}</span>
              <span class="role">{ROLE_NAMES[session.role]}</span>
              <button type="button" onClick={() => setSession(null)}>退出 Sign out</button>
            </>
          ) : (
            <a href={href('sign-in')} aria-current={route.screen === 'sign-in' ? 'page' : undefined}>登录 Sign in</a>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Screen session={session} route={route} />
      </main>
    </>
  );
}

const root = document.getElementById('app')!;
// Preact 11 renders beside what the container holds: the page's "Loading…" goes first.
root.replaceChildren();
render(<App />, root);
