import { useId } from 'react';
import type { Profile } from '../api/api-types';
import { PROFILE_TEXT } from '../lib/bands';
import { formatPeriod } from '../lib/format';
import {
  monthPeriod,
  nextPeriod,
  previousPeriod,
  quarterPeriod,
  type Period,
  type PeriodMode,
} from '../lib/period';
import { useAppData } from '../state/app-context';
import type { Filters } from '../state/filters';

/**
 * Period (month, quarter or any range), benchmark profile and service. Every control is a
 * native form field, so the bar works with the keyboard and screen readers as it is.
 */
export function FilterBar({
  filters,
  onChange,
  services,
  showService = true,
  channels,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
  services: string[];
  showService?: boolean;
  /** The acquisition channels to offer; no channel filter when absent or empty. */
  channels?: string[];
}) {
  const { fmt } = useAppData();
  const id = useId();
  const { period } = filters;
  const setPeriod = (p: Period) => onChange({ ...filters, period: p });
  const setMode = (mode: PeriodMode) => {
    if (mode === 'month') setPeriod(monthPeriod(period.to));
    else if (mode === 'quarter') setPeriod(quarterPeriod(period.to));
    else setPeriod({ ...period, mode: 'custom' });
  };
  const year = Number(period.from.slice(0, 4));
  const quarter = Math.floor((Number(period.from.slice(5, 7)) - 1) / 3) + 1;
  return (
    <form className="filter-bar" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
      <div className="field">
        <label htmlFor={`${id}-mode`}>Period</label>
        <select
          id={`${id}-mode`}
          value={period.mode}
          onChange={(e) => setMode(e.target.value as PeriodMode)}
        >
          <option value="month">Month</option>
          <option value="quarter">Quarter</option>
          <option value="custom">Custom dates</option>
        </select>
      </div>
      {period.mode === 'month' && (
        <div className="field">
          <label htmlFor={`${id}-month`}>Month</label>
          <input
            id={`${id}-month`}
            type="month"
            value={period.from.slice(0, 7)}
            onChange={(e) => e.target.value && setPeriod(monthPeriod(`${e.target.value}-01`))}
          />
        </div>
      )}
      {period.mode === 'quarter' && (
        <div className="field">
          <label htmlFor={`${id}-quarter`}>Quarter</label>
          <select
            id={`${id}-quarter`}
            value={`${year}-${quarter}`}
            onChange={(e) => {
              const [y, q] = e.target.value.split('-').map(Number);
              setPeriod(quarterPeriod(`${y}-${String((q! - 1) * 3 + 1).padStart(2, '0')}-01`));
            }}
          >
            {[year - 2, year - 1, year, year + 1].flatMap((y) =>
              [1, 2, 3, 4].map((q) => (
                <option key={`${y}-${q}`} value={`${y}-${q}`}>
                  Q{q} {y}
                </option>
              )),
            )}
          </select>
        </div>
      )}
      {period.mode === 'custom' && (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input
              id={`${id}-from`}
              type="date"
              value={period.from}
              max={period.to}
              onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To (inclusive)</label>
            <input
              id={`${id}-to`}
              type="date"
              value={period.to}
              min={period.from}
              onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
            />
          </div>
        </>
      )}
      <div className="field field-steps">
        <span className="field-label" aria-hidden="true">
          &nbsp;
        </span>
        <div className="steps">
          <button
            type="button"
            onClick={() => setPeriod(previousPeriod(period))}
            aria-label="Previous period"
          >
            ‹ Earlier
          </button>
          <button
            type="button"
            onClick={() => setPeriod(nextPeriod(period))}
            aria-label="Next period"
          >
            Later ›
          </button>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-profile`}>Compare with</label>
        <select
          id={`${id}-profile`}
          value={filters.profile}
          onChange={(e) => onChange({ ...filters, profile: e.target.value as Profile })}
        >
          {Object.entries(PROFILE_TEXT).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      {showService && services.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-service`}>Service</label>
          <select
            id={`${id}-service`}
            value={filters.service ?? ''}
            onChange={(e) => onChange({ ...filters, service: e.target.value || null })}
          >
            <option value="">All services</option>
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      )}
      {channels && channels.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-channel`}>Channel</label>
          <select
            id={`${id}-channel`}
            value={filters.channel ?? ''}
            onChange={(e) => onChange({ ...filters, channel: e.target.value || null })}
          >
            <option value="">All channels</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      )}
      <p className="period-text" aria-live="polite">
        Showing{' '}
        <strong data-testid="period-text">{formatPeriod(fmt, period.from, period.to)}</strong>
      </p>
    </form>
  );
}
