const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, BHD 3). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** True when `code` is a 3-letter currency code the runtime knows. */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts a decimal string in major units to integer minor units exactly (no float rounding).
 * Returns an error string when the amount has more decimals than the currency allows.
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
  const minor =
    Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  return negative ? -minor : minor;
}

/** Converts integer minor units back to a number in major units. */
export const fromMinorUnits = (minor: number, currency: string): number =>
  minor / 10 ** currencyDigits(currency);
