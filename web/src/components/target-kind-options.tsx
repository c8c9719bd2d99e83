/** The four kinds of target, as the options of a select (creation and edit forms). */
export function TargetKindOptions() {
  return (
    <>
      <option value="above">Stay above</option>
      <option value="below">Stay below</option>
      <option value="within">Stay within</option>
      <option value="from_to">From … to … by a date</option>
    </>
  );
}
