import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useAuth } from './auth/auth-context.js';
import { IncidentPage } from './pages/incident/incident-page.js';
import { IngestPage } from './pages/ingest/ingest-page.js';
import { ActorPage } from './pages/intel/actor-page.js';
import { IntelPage } from './pages/intel/intel-page.js';
import { LoginPage } from './pages/login/login-page.js';
import { EndpointPage } from './pages/pivot/endpoint-page.js';
import { HostPage } from './pages/pivot/host-page.js';
import { RowsPage } from './pages/pivot/rows-page.js';
import { QueuePage } from './pages/queue/queue-page.js';
import { SearchPage } from './pages/search/search-page.js';
import { Layout } from './ui/layout.js';
import { routeParam } from './ui/route-param.js';
import { Shortcuts } from './ui/shortcuts.js';
import { ErrorBox, Loading } from './ui/status-box.js';

// Settings is for admins and rarely opened: its code loads on demand.
const SettingsPage = lazy(() =>
  import('./pages/settings/settings-page.js').then((m) => ({ default: m.SettingsPage })),
);

/** The routes of the UI, behind the login when the server asks for one. */
export function App() {
  const auth = useAuth();
  if (auth.me === null) {
    return auth.error ? <ErrorBox error={auth.error} /> : <Loading what="Connecting" />;
  }
  if (auth.needsLogin) return <LoginPage />;
  return (
    <Layout>
      <Shortcuts />
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/" component={QueuePage} />
          <Route path="/incidents/:id">{(p) => <IncidentPage key={p.id} id={routeParam(p.id)} />}</Route>
          <Route path="/hosts/:ip">{(p) => <HostPage ip={routeParam(p.ip)} />}</Route>
          <Route path="/endpoints/:value">{(p) => <EndpointPage value={routeParam(p.value)} />}</Route>
          <Route path="/rows" component={RowsPage} />
          <Route path="/search" component={SearchPage} />
          <Route path="/intel" component={IntelPage} />
          <Route path="/intel/:id">{(p) => <ActorPage id={routeParam(p.id)} />}</Route>
          <Route path="/ingest" component={IngestPage} />
          <Route path="/settings" component={SettingsPage} />
          <Route>
            <p>No such page.</p>
          </Route>
        </Switch>
      </Suspense>
    </Layout>
  );
}
