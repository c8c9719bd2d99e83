import type { MappingInput } from './mapping.schema.js';

/**
 * SimplePractice appointment status report (Reports → Appointment status → Download CSV).
 *
 * Source followed: SimplePractice support, "How to change an appointment status" (the five
 * statuses Show, No Show, Cancelled, Late Cancelled, Clinician Cancelled — newer accounts spell
 * them "Canceled"; Show is the default, also for future appointments; Cancelled and Late
 * Cancelled are the client's cancellations) and "Understanding your billing reports" (columns
 * Client, Clinician). Guessed: the other column names ("Date of Service", "Time", "Duration",
 * "Service", "Billing Code", "Location", "Status", "Total Fee") and the US formats `03/04/2026` +
 * `10:00 AM`. The report has no appointment id: the id is a keyed hash of date, time, client and
 * clinician.
 */
export const simplepractice: MappingInput = {
  id: 'simplepractice',
  name: 'SimplePractice appointment status report',
  description:
    'SimplePractice appointment status CSV: Show, No Show, Cancelled, Late Cancelled, Clinician Cancelled.',
  source:
    'SimplePractice support articles (statuses; Client and Clinician columns). Guessed: the other column names and date/time formats.',
  dateTimeFormats: ['MM/dd/yyyy h:mm a', 'M/d/yyyy h:mm a', 'M/d/yy h:mm a', 'iso'],
  personalColumns: ['Client'],
  keepTherapistNames: true,
  therapist: { key: { columns: ['Clinician'] }, displayNameColumn: 'Clinician' },
  client: { key: { columns: ['Client'] } },
  appointment: {
    id: { hashOf: ['Date of Service', 'Time', 'Client', 'Clinician'] },
    start: { dateColumn: 'Date of Service', timeColumn: 'Time' },
    durationMinutesColumn: 'Duration',
    serviceColumn: 'Service',
    priceColumn: 'Total Fee',
    currency: 'USD',
  },
  status: {
    columns: ['Status'],
    rules: [
      { when: { Status: ['Show'] }, status: 'completed', ifFuture: 'booked' },
      { when: { Status: ['No Show'] }, status: 'no_show' },
      { when: { Status: ['Cancelled', 'Canceled'] }, status: 'cancelled', cancelledBy: 'client' },
      {
        when: { Status: ['Late Cancelled', 'Late Canceled'] },
        status: 'late_cancelled',
        cancelledBy: 'client',
      },
      {
        when: { Status: ['Clinician Cancelled', 'Clinician Canceled'] },
        status: 'cancelled',
        cancelledBy: 'therapist',
      },
    ],
  },
};
