import { useEffect } from 'react';
import { href, useRoute } from './lib/router';
import { AppDataProvider, useAppData } from './state/app-context';
import { applyFilters, filterParams, readFilters } from './state/filters';
import type { PageProps } from './pages/page-props';
import { OverviewPage } from './pages/overview-page';
import { KpiDetailPage } from './pages/kpi-detail-page';
import { CareCapacityPage } from './pages/care-capacity-page';
import { TherapistPage } from './pages/therapist-page';
import { TherapistChooserPage } from './pages/therapist-chooser-page';
import { DataPage } from './pages/data-page';
import { OutcomesPage } from './pages/outcomes-page';
import { EmptyState } from './components/status-views';
import { SessionMenu } from './components/session-menu';
import { NotAllowedState } from './components/not-allowed';
import { UsersPage } from './pages/users-page';
import { AuditPage } from './pages/audit-page';
import { TargetsPage } from './pages/targets-page';
import { AlertsPage } from './pages/alerts-page';
import { SessionGate, useSession } from './state/session-context';

const NAV = [
  { path: '/', label: 'Overview', match: (p: string[]) => p.length === 0 || p[0] === 'kpi' },
  { path: '/outcomes', label: 'Outcomes', match: (p: string[]) => p[0] === 'outcomes' },
  { path: '/care', label: 'Care & capacity', match: (p: string[]) => p[0] === 'care' },
  { path: '/therapist', label: 'Therapist view', match: (p: string[]) => p[0] === 'therapist' },
  { path: '/targets', label: 'Targets', match: (p: string[]) => p[0] === 'targets' },
  { path: '/data', label: 'Data', match: (p: string[]) => p[0] === 'data' },
];

/** Pages for the practice's owners and admins. */
const MANAGER_NAV = [
  { path: '/alerts', label: 'Alerts', match: (p: string[]) => p[0] === 'alerts' },
];

/** Pages for the practice's owners only. */
const OWNER_NAV = [
  { path: '/users', label: 'Users', match: (p: string[]) => p[0] === 'users' },
  { path: '/audit', label: 'Audit log', match: (p: string[]) => p[0] === 'audit' },
];

function Shell() {
  const app = useAppData();
  const { role } = useSession();
  const manager = role === 'owner' || role === 'admin';
  // the practice's own pages first; the running of the practice (alerts, people, audit) as a
  // second group at the end of the row, so nine entries fit one line at 1024 px and up
  const manage = [...(manager ? MANAGER_NAV : []), ...(role === 'owner' ? OWNER_NAV : [])];
  const route = useRoute();
  const filters = readFilters(route, app);
  const props: PageProps = {
    route,
    filters,
    setFilters: (next) => applyFilters(route, app, next),
    link: (path) => href(path, filterParams(filters, app)),
  };
  const [section, arg] = route.path;
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [section, arg]);
  let page;
  if (!section) page = <OverviewPage {...props} />;
  else if (section === 'kpi' && arg) page = <KpiDetailPage {...props} kpiId={arg} />;
  else if (section === 'care') page = <CareCapacityPage {...props} />;
  else if (section === 'therapist' && arg) page = <TherapistPage {...props} therapistId={arg} />;
  else if (section === 'therapist') page = <TherapistChooserPage {...props} />;
  else if (section === 'outcomes') page = <OutcomesPage {...props} />;
  else if (section === 'data') page = <DataPage {...props} />;
  else if (section === 'targets') page = <TargetsPage />;
  else if (section === 'alerts') page = manager ? <AlertsPage /> : <NotAllowedState />;
  else if (section === 'users' || section === 'audit')
    page =
      role !== 'owner' ? <NotAllowedState /> : section === 'users' ? <UsersPage /> : <AuditPage />;
  else
    page = (
      <EmptyState title="This page does not exist">
        <p>
          Go back to the <a href={props.link('/')}>overview</a>.
        </p>
      </EmptyState>
    );
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <div className="top-inner">
          <div className="top-row">
            <a className="brand" href={props.link('/')}>
              <span className="brand-mark" aria-hidden="true">
                ◐
              </span>{' '}
              Rapport
              <span className="brand-practice">
                {app.practice.name ?? app.practice.practice_id}
              </span>
            </a>
            <SessionMenu />
          </div>
          <nav aria-label="Pages">
            <NavList entries={NAV} route={route.path} link={props.link} />
            {manage.length > 0 && (
              <NavList
                entries={manage}
                route={route.path}
                link={props.link}
                className="nav-manage"
                label="Running the practice"
              />
            )}
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <footer className="bottom">
        Rapport shows figures to help a practice care well. It never ranks therapists; each
        therapist's figures appear only as a spread or on their own page.
      </footer>
    </>
  );
}

interface NavEntry {
  path: string;
  label: string;
  match: (p: string[]) => boolean;
}

/** One group of the header's page links; the current page is marked for screen readers too. */
function NavList({
  entries,
  route,
  link,
  className,
  label,
}: {
  entries: NavEntry[];
  route: string[];
  link: (path: string) => string;
  className?: string;
  label?: string;
}) {
  return (
    <ul className={className} aria-label={label}>
      {entries.map((n) => (
        <li key={n.path}>
          <a href={link(n.path)} aria-current={n.match(route) ? 'page' : undefined}>
            {n.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function App() {
  return (
    <SessionGate>
      <AppDataProvider>
        <Shell />
      </AppDataProvider>
    </SessionGate>
  );
}
