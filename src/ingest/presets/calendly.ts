import type { MappingInput } from './mapping.schema.js';

const TRUE = ['true', 'yes'];
const FALSE = ['false', 'no', ''];

/**
 * Calendly "Export events" CSV (Scheduled events → Export), one row per invitee.
 *
 * Header followed: the column list of a BigQuery loader that mirrors Calendly's events export
 * ("User Name", "Invitee Email", "Start Date & Time", "Canceled", "Canceled By",
 * "Marked as No-Show", "Event UUID", "Invitee UUID", …) and an importer of a real
 * `events-export.csv` that reads the same names and documents the date format
 * `2021-02-23 05:47 pm`. Guessed: that the times are written in the exporting user's time zone
 * (the practice zone here; "Invitee Time Zone" is the invitee's own display zone, not the zone
 * of the times), that booleans are `true`/`false`, and that "Canceled By" holds the canceller's
 * name (as the API's `cancellation.canceled_by` does) — compared with "Invitee Name" / "User
 * Name" to tell a client from a host cancellation, never stored.
 */
export const calendly: MappingInput = {
  id: 'calendly',
  name: 'Calendly events export',
  description:
    'Calendly "Export events" CSV: one row per invitee; status from Canceled / Canceled By / Marked as No-Show.',
  source:
    'Column names: a loader mirroring the Calendly events export and an importer of a real events-export.csv; date format "2021-02-23 05:47 pm" from that importer. Guessed: time zone of the times, boolean spelling, Canceled By = a name.',
  dateTimeFormats: ['yyyy-MM-dd hh:mm a', 'yyyy-MM-dd h:mm a', 'iso'],
  personalColumns: [
    'Invitee Name',
    'Invitee First Name',
    'Invitee Last Name',
    'Invitee Email',
    'Text Reminder Number',
    'Guest Email(s)',
    'User Email',
    'Canceled By',
    'Cancellation reason',
    'Location',
    'Question 1',
    'Response 1',
    'Question 2',
    'Response 2',
    'Question 3',
    'Response 3',
    'Question 4',
    'Response 4',
    'Meeting Notes',
    'Salesforce UUID',
    'Invitee scheduled by',
  ],
  keepTherapistNames: true,
  therapist: { key: { columns: ['User Email', 'User Name'] }, displayNameColumn: 'User Name' },
  client: {
    key: { columns: ['Invitee Email', 'Invitee Name'] },
    acquisitionChannelColumn: 'UTM Source',
  },
  appointment: {
    id: { column: 'Invitee UUID' },
    start: { column: 'Start Date & Time' },
    end: { column: 'End Date & Time' },
    bookedAt: { column: 'Event Created Date & Time' },
    serviceColumn: 'Event Type Name',
    priceColumn: 'Event Price',
    currencyColumn: 'Payment Currency',
  },
  status: {
    columns: ['Canceled', 'Marked as No-Show'],
    rules: [
      {
        when: { Canceled: TRUE, 'Canceled By': { sameAs: 'Invitee Name' } },
        status: 'cancelled',
        cancelledBy: 'client',
      },
      {
        when: { Canceled: TRUE, 'Canceled By': { sameAs: 'User Name' } },
        status: 'cancelled',
        cancelledBy: 'therapist',
      },
      { when: { Canceled: TRUE }, status: 'cancelled' },
      { when: { Canceled: FALSE, 'Marked as No-Show': TRUE }, status: 'no_show' },
      {
        when: { Canceled: FALSE, 'Marked as No-Show': FALSE },
        status: 'completed',
        ifFuture: 'booked',
      },
    ],
  },
};
