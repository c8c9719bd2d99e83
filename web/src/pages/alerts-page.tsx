import { useRef, useState } from 'react';
import { alertsApi } from '../api/alerts-api';
import { api } from '../api/api-client';
import { sessionApi } from '../api/session-api';
import { targetsApi } from '../api/targets-api';
import { useApi } from '../api/use-api';
import { AlertEventTable } from '../components/alert-event-table';
import { AlertRuleForm } from '../components/alert-rule-form';
import { AlertRuleList } from '../components/alert-rule-list';
import { DeliveryLog } from '../components/delivery-log';
import { ErrorState, LoadingState } from '../components/status-views';
import { therapistName } from '../lib/therapist-name';
import { useSession } from '../state/session-context';

/**
 * Owners and admins: the practice's alert rules with each subject's state, a form to add one,
 * the recent state changes and the delivery log.
 */
export function AlertsPage() {
  const { role } = useSession();
  const [version, setVersion] = useState(0);
  const loaded = useApi(`alerts:${version}`, () =>
    Promise.all([
      alertsApi.rules(),
      alertsApi.states(),
      alertsApi.events(0),
      api.therapists(),
      targetsApi.list(),
      role === 'owner' || role === 'admin' ? sessionApi.users() : Promise.resolve(null),
    ]),
  );
  // A reload after a change keeps the page (and the form's message) until the new answer.
  const last = useRef<typeof loaded | null>(null);
  if (loaded.state === 'ready') last.current = loaded;
  const shown = loaded.state === 'loading' && last.current ? last.current : loaded;
  const reload = () => setVersion((v) => v + 1);
  const head = (
    <div className="page-head">
      <h1>Alerts</h1>
      <p className="lede">
        Rules that watch the figures after every evaluation and tell someone when something changes.
        A rule fires only after its condition holds for K closed periods in a row, never on a figure
        with too little data, and resolves only once the figure is back by the recovery margin, so a
        figure at the edge does not flap.
      </p>
    </div>
  );
  if (shown.state === 'loading')
    return (
      <>
        {head}
        <LoadingState what="the alert rules" />
      </>
    );
  if (shown.state === 'error')
    return (
      <>
        {head}
        <ErrorState error={shown.error} />
      </>
    );
  const [rules, states, events, therapists, targets, users] = shown.data;
  const names = new Map<string, string>([
    ...therapists.map((t) => [`therapist:${t.therapist_id}`, therapistName(t)] as const),
    ...targets.map((t) => [`target:${t.target_id}`, t.title] as const),
  ]);
  const userNames = new Map(
    (users ?? []).map((u) => [u.user_id, `${u.display_name} (${u.login})`]),
  );
  return (
    <>
      {head}
      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">Rules</h2>
        <AlertRuleList
          rules={rules}
          states={states}
          names={names}
          userNames={userNames}
          onRemoved={reload}
        />
      </section>
      <section className="panel" aria-labelledby="add-rule-title">
        <h2 id="add-rule-title">Add a rule</h2>
        <AlertRuleForm users={users} onAdded={reload} />
      </section>
      <section className="panel" aria-labelledby="events-title">
        <h2 id="events-title">Recent alerts</h2>
        <AlertEventTable events={events} rules={rules} names={names} />
      </section>
      <section className="panel" aria-labelledby="log-title">
        <h2 id="log-title">Delivery log</h2>
        <DeliveryLog events={events} version={version} />
      </section>
    </>
  );
}
