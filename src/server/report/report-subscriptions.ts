import { AppError } from '../../model/app-error.js';
import type { Role } from '../../model/role.js';
import type { Db } from '../../store/database.js';
import {
  listReportSubscriptions,
  type ReportSubscription,
} from '../../store/report-subscription.repository.js';
import { therapistRows } from '../../store/therapist.repository.js';
import { findUserByLogin, listUsers, membershipIn } from '../../store/user.repository.js';
import { PAPERS, type Paper } from './render-report-pdf.js';

/** A subscription as asked for: a user by login, the report, the paper. */
export interface ReportSubscriptionInput {
  login: string;
  /** A therapist's report; omitted: the practice's (a clinician's own therapist report). */
  therapist?: string | null;
  paper?: Paper;
}

/** A subscription as shown: who, in which role, which report, which paper. */
export interface ReportSubscriptionView {
  login: string;
  display_name: string;
  role: Role;
  therapist: string | null;
  paper: Paper;
}

/**
 * Which report a member may receive, or why not: an owner or admin the practice's or any
 * therapist's; a viewer the practice's only; a clinician only their own therapist report (the
 * practice's figures stand beside theirs in it), which is what they get when none is named.
 */
export function allowedReport(
  role: Role,
  ownTherapist: string | null,
  asked: string | null | undefined,
): { therapist: string | null } | { reason: string } {
  if (role === 'clinician') {
    if (ownTherapist === null)
      return { reason: 'a clinician without a therapist id gets no report' };
    if (asked === undefined || asked === null || asked === ownTherapist) {
      return { therapist: ownTherapist };
    }
    return { reason: 'a clinician may receive only their own therapist report' };
  }
  if (role === 'viewer' && asked) return { reason: 'a viewer receives the practice report only' };
  return { therapist: asked ?? null };
}

/** Checks one asked-for subscription against the practice's members and therapists. */
export async function resolveSubscription(
  db: Db,
  practiceId: string,
  input: ReportSubscriptionInput,
): Promise<ReportSubscription> {
  const user = await findUserByLogin(db, input.login);
  const m = user && (await membershipIn(db, user.user_id, practiceId));
  if (!user || !m) {
    throw new AppError('NOT_FOUND', `no user "${input.login}" in practice ${practiceId}`);
  }
  const paper = input.paper ?? 'a4';
  if (!(paper in PAPERS)) {
    throw new AppError('BAD_INPUT', `paper must be one of ${Object.keys(PAPERS).join(', ')}`);
  }
  const allowed = allowedReport(m.role, m.therapist_id, input.therapist);
  if ('reason' in allowed) {
    throw new AppError('FORBIDDEN', `${input.login}: ${allowed.reason}`);
  }
  if (allowed.therapist !== null) {
    const known = (await therapistRows(db, practiceId)).some(
      (t) => t.therapist_id === allowed.therapist,
    );
    if (!known) throw new AppError('NOT_FOUND', `no therapist "${allowed.therapist}"`);
  }
  return { user_id: user.user_id, therapist_id: allowed.therapist, paper };
}

/** The practice's subscriptions with each user's login, name and role, by login. */
export async function subscriptionViews(
  db: Db,
  practiceId: string,
): Promise<ReportSubscriptionView[]> {
  const subs = new Map(
    (await listReportSubscriptions(db, practiceId)).map((s) => [s.user_id, s] as const),
  );
  const out: ReportSubscriptionView[] = [];
  for (const u of await listUsers(db, practiceId)) {
    const s = subs.get(u.user_id);
    const m = u.memberships[0];
    if (!s || !m) continue;
    out.push({
      login: u.login,
      display_name: u.display_name,
      role: m.role,
      therapist: s.therapist_id,
      paper: s.paper as Paper,
    });
  }
  return out;
}
