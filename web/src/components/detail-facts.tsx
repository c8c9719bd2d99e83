import { formatPart, type Formatter } from '../lib/format';

const human = (key: string) => {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * The plain numbers a KPI result carries in `details` (e.g. days over limit, days worked). Lists
 * and nested objects are left out: some hold per-person figures, which belong on other pages.
 */
export function DetailFacts({ fmt, details }: { fmt: Formatter; details: unknown }) {
  if (!details || typeof details !== 'object') return null;
  const facts = Object.entries(details as Record<string, unknown>).filter(
    ([, v]) => typeof v === 'number' || (typeof v === 'string' && v.length < 60),
  );
  if (facts.length === 0) return null;
  return (
    <dl className="facts facts-inline">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{human(k)}</dt>
          <dd>{typeof v === 'number' ? formatPart(fmt, v) : String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
