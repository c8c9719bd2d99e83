const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Minor-unit digits per known currency code; null for codes the runtime rejects. */
const digitsCache = new Map<string, number | null>();

function lookupDigits(code: string): number | null {
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = null;
    }
    digitsCache.set(code, digits);
  }
  return digits;
}

/** Number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, BHD 3). */
export const currencyDigits = (currency: string): number => lookupDigits(currency) ?? 2;

/** True when `code` is a 3-letter currency code the runtime knows. */
export const isCurrency = (code: string): boolean =>
  /^[A-Z]{3}$/.test(code) && lookupDigits(code) !== null;

/**
 * The largest amount stored, in minor units either way of zero (10^12: ten billion USD). Far
 * below 2^53, so every amount is an exact integer on SQLite and in a PostgreSQL bigint.
 */
export const MAX_MINOR_UNITS = 1e12;

/**
 * Converts a decimal string in major units to integer minor units exactly (no float rounding).
 * Returns an error string when the amount has more decimals than the currency allows, or is
 * beyond ±MAX_MINOR_UNITS.
 */
export function toMinorUnits(amount: string, currency: string): number | string {
  const text = amount.trim();
  if (!DECIMAL.test(text)) return `"${amount}" is not a decimal amount (e.g. 120.00)`;
  const digits = currencyDigits(currency);
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = text.replace('-', '').split('.');
  if (frac.replace(/0+$/, '').length > digits) {
    return `"${amount}" has more decimals than ${currency} allows (${digits})`;
  }
  const significant = whole.replace(/^0+/, '');
  const minor =
    significant.length > 15
      ? Infinity
      : Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  if (minor > MAX_MINOR_UNITS) {
    const most = (MAX_MINOR_UNITS / 10 ** digits).toFixed(digits);
    return `"${amount}" is out of range (at most ${most} ${currency} either way)`;
  }
  return negative ? -minor : minor;
}

/** Converts integer minor units back to a number in major units. */
export const fromMinorUnits = (minor: number, currency: string): number =>
  minor / 10 ** currencyDigits(currency);
