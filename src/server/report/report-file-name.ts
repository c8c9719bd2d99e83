/** The file name of a monthly report PDF: the practice, the month, the therapist if any. */
export const reportFileName = (practiceId: string, month: string, therapist: string | null) =>
  `rapport-${practiceId}-${month}${therapist ? `-${therapist}` : ''}.pdf`.replace(
    /[^A-Za-z0-9._-]/g,
    '_',
  );
