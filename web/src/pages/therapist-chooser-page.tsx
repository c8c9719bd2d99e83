import { api } from '../api/api-client';
import { useApi } from '../api/use-api';
import { EmptyState, ErrorState, LoadingState } from '../components/status-views';
import { alphabetical, therapistName } from '../lib/therapist-name';
import type { PageProps } from './page-props';

/** Pick whose page to open: names in alphabetical order, no figures. */
export function TherapistChooserPage({ link }: PageProps) {
  const loaded = useApi('therapists', api.therapists);
  return (
    <>
      <div className="page-head">
        <h1>Therapist view</h1>
        <p className="lede">
          Each therapist's page shows their own figures beside the practice's, and their own load
          limit. It shows no one else's figures, so it can be shared with the therapist it belongs
          to.
        </p>
      </div>
      {loaded.state === 'loading' && <LoadingState what="the therapists" />}
      {loaded.state === 'error' && <ErrorState error={loaded.error} />}
      {loaded.state === 'ready' &&
        (loaded.data.length === 0 ? (
          <EmptyState title="No therapists yet">
            <p>
              Therapists come from <code>therapists.csv</code> in an import. Run{' '}
              <code>npx rapport import &lt;folder&gt;</code> or <code>npx rapport demo</code>.
            </p>
          </EmptyState>
        ) : (
          <section className="panel">
            <h2>Choose a therapist</h2>
            <ul className="name-list">
              {alphabetical(loaded.data).map((t) => (
                <li key={t.therapist_id}>
                  <a href={link(`/therapist/${encodeURIComponent(t.therapist_id)}`)}>
                    {therapistName(t)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
