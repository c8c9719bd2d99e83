import { AppError } from '../../model/app-error.js';

/** SMTP settings: flags first, else RAPPORT_SMTP_URL and RAPPORT_SMTP_FROM. */
export interface MailSettings {
  /** e.g. smtp://user:pass@mail.example.org:587 or smtps://…:465 */
  url: string;
  from: string;
}

export function mailSettings(
  flags: { smtpUrl?: string; smtpFrom?: string } = {},
): MailSettings | null {
  const url = flags.smtpUrl ?? process.env.RAPPORT_SMTP_URL;
  if (!url) return null;
  const from = flags.smtpFrom ?? process.env.RAPPORT_SMTP_FROM;
  if (!from)
    throw new AppError(
      'CONFIG',
      'RAPPORT_SMTP_URL is set but RAPPORT_SMTP_FROM (the sender) is not',
    );
  return { url, from };
}
