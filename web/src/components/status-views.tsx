import type { ReactNode } from 'react';
import { ApiError } from '../api/api-client';
import { NotAllowedState } from './not-allowed';

export function LoadingState({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function ErrorState({ error }: { error: Error }) {
  if (error instanceof ApiError && error.status === 403) {
    return <NotAllowedState message={error.message} />;
  }
  return (
    <div className="state state-error" role="alert">
      <strong>Something went wrong while loading this view.</strong>
      <p>{error.message}</p>
      <p>Check that the Rapport server is running, then reload the page.</p>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

/** What to do when the store holds no records at all. */
export function NoDataYet() {
  return (
    <EmptyState title="No data yet">
      <p>
        Load your practice's records with <code>npx rapport import &lt;folder&gt;</code>, or try
        Rapport with a made-up practice: <code>npx rapport demo</code>. Then reload this page.
      </p>
      <p>
        The <a href="#/data">Data page</a> lists the files Rapport reads.
      </p>
    </EmptyState>
  );
}
