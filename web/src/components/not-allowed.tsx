/** What a 403 shows: the role does not allow this view (never the figures themselves). */
export function NotAllowedState({ message }: { message?: string }) {
  return (
    <div className="state state-empty" role="alert">
      <strong>Not allowed</strong>
      <p>Your role in this practice does not allow this view.</p>
      {message ? <p className="muted">{message}</p> : null}
      <p>
        Go back to the <a href="#/">overview</a>.
      </p>
    </div>
  );
}
