import { send } from './session-api';

/** `ReportSubscription` of src/server/schemas/report-subscription.schema.ts. */
export interface ReportSubscription {
  login: string;
  display_name: string;
  role: 'owner' | 'admin' | 'clinician' | 'viewer';
  therapist: string | null;
  paper: 'a4' | 'letter';
}

export interface ReportSubscriptionInput {
  login: string;
  therapist?: string | null;
  paper: 'a4' | 'letter';
}

const PATH = '/api/v1/report-subscriptions';

/** Who receives the monthly report by e-mail (owners and admins); a PUT replaces the list. */
export const reportSubscriptionsApi = {
  list: () =>
    send<{ subscriptions: ReportSubscription[] }>('GET', PATH, undefined, true).then(
      (r) => r.subscriptions,
    ),
  save: (subscriptions: ReportSubscriptionInput[]) =>
    send<{ subscriptions: ReportSubscription[] }>('PUT', PATH, { subscriptions }, true).then(
      (r) => r.subscriptions,
    ),
};
