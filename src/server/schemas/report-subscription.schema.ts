import { z } from 'zod';
import { ZRole } from '../../model/role.js';
import { ZLogin } from '../../model/user.js';
import { PAPERS, type Paper } from '../report/render-report-pdf.js';

const ZPaper = z.enum(Object.keys(PAPERS) as [Paper, ...Paper[]]);

/** One subscriber of the monthly report e-mail, as asked for. */
export const ZReportSubscriptionInput = z
  .object({
    login: ZLogin,
    therapist: z
      .string()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .describe(
        "a therapist's report beside the practice's; omitted or null: the practice report " +
          '(a clinician: always their own therapist report)',
      ),
    paper: ZPaper.default('a4'),
  })
  .meta({ id: 'ReportSubscriptionInput' });

/** The whole list of subscribers: a PUT replaces it. */
export const ZReportSubscriptionsPut = z
  .object({ subscriptions: z.array(ZReportSubscriptionInput).max(1000) })
  .meta({ id: 'ReportSubscriptionsPut' });

export const ZReportSubscription = z
  .object({
    login: z.string(),
    display_name: z.string(),
    role: ZRole,
    therapist: z.string().nullable(),
    paper: ZPaper,
  })
  .meta({ id: 'ReportSubscription' });

export const ZReportSubscriptions = z
  .object({ subscriptions: z.array(ZReportSubscription) })
  .meta({ id: 'ReportSubscriptions' });
