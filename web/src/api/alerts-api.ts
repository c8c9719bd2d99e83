import type {
  AlertCondition,
  AlertNotification,
  NewAlertRule,
} from '../../../src/model/alert-rule';
import { send } from './session-api';

export type { AlertCondition, AlertNotification, NewAlertRule };
export { fieldIssues } from './field-issues';

/** A channel as the API shows it back: a webhook's secret never leaves the server. */
export type ChannelView =
  { kind: 'webhook'; url: string } | { kind: 'email'; to: string[] } | { kind: 'user_email' };

/** `AlertRuleView` of src/server/routes/alerts.route.ts. */
export interface AlertRuleView {
  rule_id: string;
  name: string;
  condition: AlertCondition;
  recipients: string[];
  channels: ChannelView[];
  created_at: number;
}

/** `AlertStateView`: one rule × subject, firing or ok since a period. */
export interface AlertStateView {
  rule_id: string;
  subject: string;
  state: 'firing' | 'ok';
  last_period: string | null;
  since_period: string | null;
  since_at: number | null;
}

/** `DeliveryView`: one webhook call or e-mail with every attempt. */
export interface DeliveryView {
  delivery_id: string;
  event_id: string;
  channel: string;
  target: string;
  status: 'pending' | 'success' | 'failed';
  attempts: {
    attempt: number;
    at: number;
    ok: boolean;
    status_code: number | null;
    error: string | null;
  }[];
  created_at: number;
  finished_at: number | null;
}

const rule = (id: string) => `/api/v1/alert-rules/${encodeURIComponent(id)}`;

/** The alert routes (owners and admins); changes carry the session's CSRF token. */
export const alertsApi = {
  rules: () => send<AlertRuleView[]>('GET', '/api/v1/alert-rules', undefined, true),
  create: (body: NewAlertRule) => send<AlertRuleView>('POST', '/api/v1/alert-rules', body, true),
  remove: (id: string) => send<{ ok: true }>('DELETE', rule(id), undefined, true),
  states: () => send<AlertStateView[]>('GET', '/api/v1/alert-state', undefined, true),
  events: (since: number) =>
    send<AlertNotification[]>('GET', `/api/v1/alert-events?since=${since}`, undefined, true),
  deliveries: (limit: number) =>
    send<DeliveryView[]>('GET', `/api/v1/deliveries?limit=${limit}`, undefined, true),
};
