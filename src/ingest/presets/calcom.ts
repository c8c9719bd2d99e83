import type { MappingInput } from './mapping.schema.js';

/**
 * Cal.com bookings CSV (Bookings → Download, organization accounts).
 *
 * Source followed: cal.com `apps/web/modules/bookings/components/BookingsCsvDownload.tsx`, which
 * writes, per booking, the translated labels of `booking_uid`, `title`, `status`, `start_time`,
 * `end_time`, `attendee_name`, `email`, `event_type`, `location`; times as
 * `dayjs(…).format("YYYY-MM-DD HH:mm:ss")` (the downloader's local zone, no offset); attendees
 * joined with "; "; status the Prisma `BookingStatus` (ACCEPTED, PENDING, CANCELLED, REJECTED,
 * AWAITING_HOST). Guessed: the English labels ("Booking UID", "Start Time", … — columns match
 * case-insensitively, so "Start time" works too). The export names no host: every booking goes
 * to one therapist, `cal-host`; a multi-host practice writes a mapping with a host column.
 */
export const calcom: MappingInput = {
  id: 'calcom',
  name: 'Cal.com bookings export',
  description:
    'Cal.com bookings CSV: Booking UID, Status (accepted, pending, cancelled, rejected, awaiting_host), start/end.',
  source:
    'cal.com BookingsCsvDownload.tsx (translation keys, value formats). Guessed: English labels of the keys.',
  dateTimeFormats: ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'iso'],
  personalColumns: ['Title', 'Attendee Name', 'Email', 'Location'],
  keepTherapistNames: true,
  therapist: { constant: 'cal-host' },
  client: { key: { columns: ['Email', 'Attendee Name'], listSeparator: ';' } },
  appointment: {
    id: { column: 'Booking UID' },
    start: { column: 'Start Time' },
    end: { column: 'End Time' },
    serviceColumn: 'Event Type',
  },
  status: {
    columns: ['Status'],
    rules: [
      { when: { Status: ['accepted'] }, status: 'completed', ifFuture: 'booked' },
      // A request nobody confirmed before its time never took place: the practice's side.
      {
        when: { Status: ['pending', 'awaiting_host'] },
        status: 'cancelled',
        cancelledBy: 'practice',
        ifFuture: 'booked',
      },
      { when: { Status: ['cancelled'] }, status: 'cancelled' },
      { when: { Status: ['rejected'] }, status: 'cancelled', cancelledBy: 'therapist' },
    ],
  },
};
