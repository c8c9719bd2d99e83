import { currencyDigits } from '../../model/money.js';
import { num, obj, str } from './json-access.js';

/** A FHIR Money as a decimal string in major units plus currency, e.g. {"48.00", "EUR"}. */
export function moneyText(money: unknown): { amount: string; currency: string | null } | undefined {
  const m = obj(money);
  const value = num(m?.value);
  if (value === undefined) return undefined;
  const currency = str(m?.currency)?.toUpperCase() ?? null;
  const digits = currency ? currencyDigits(currency) : 2;
  const fixed = value.toFixed(digits);
  // Keep every digit the source gave when it has more than the currency's minor unit.
  const amount = Number(fixed) === value ? fixed : String(value);
  return { amount, currency };
}
