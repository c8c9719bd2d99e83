// The calendar of local days is shared with the server (which prepares the overview the
// dashboard opens on): one definition of the default period, in src/metrics/periods.
export * from '../../../src/metrics/periods/local-days';
