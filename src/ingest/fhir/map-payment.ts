import { clientIdOf } from './actor-ids.js';
import { obj, objs, str } from './json-access.js';
import type { MapContext } from './map-context.js';
import { moneyText } from './money-text.js';
import type { LoadedResource } from './types.js';

function put(
  ctx: MapContext,
  r: LoadedResource,
  id: string,
  fields: {
    client: string;
    money: { amount: string; currency: string | null };
    paidAt: string;
    appointment?: string | null;
  },
): void {
  ctx.put(
    'payments',
    id,
    {
      payment_id: id,
      client_id: fields.client,
      amount: fields.money.amount,
      paid_at: fields.paidAt,
      currency: fields.money.currency,
      appointment_id: fields.appointment ?? null,
    },
    r.path,
  );
}

const skip = (ctx: MapContext, r: LoadedResource, why: string, field = '') =>
  ctx.note('warning', 'missing_value', `${r.type} ${why}; no payment`, `${r.path}${field}`);

/** Invoice (issued or balanced) → a payment of its totalGross (else totalNet). */
export function mapInvoice(ctx: MapContext, r: LoadedResource): void {
  const res = r.resource;
  const status = str(res.status);
  if (status !== 'issued' && status !== 'balanced') {
    return ctx.note(
      'info',
      'skipped_status',
      `Invoice is ${status ?? 'without status'}; no payment`,
      `${r.path}.status`,
    );
  }
  const money = moneyText(res.totalGross) ?? moneyText(res.totalNet);
  const client =
    clientIdOf(ctx, res.subject, `${r.path}.subject`) ??
    clientIdOf(ctx, res.recipient, `${r.path}.recipient`);
  const paidAt = str(res.date) ?? str(obj(res.meta)?.lastUpdated);
  if (!money) return skip(ctx, r, 'has no totalGross or totalNet', '.totalGross');
  if (!client) return skip(ctx, r, 'has no Patient subject', '.subject');
  if (!paidAt || !r.id) return skip(ctx, r, 'has no date or id', '.date');
  put(ctx, r, `invoice-${r.id}`, { client, money, paidAt });
}

/**
 * ChargeItems an Invoice in the input already bills: its lineItem.chargeItemReference, or any
 * ChargeItem on the account of an issued/balanced Invoice (counting both would double revenue).
 */
export function invoicedChargeItems(
  ctx: MapContext,
  invoices: LoadedResource[],
  chargeItems: LoadedResource[],
): Set<string> {
  const ids = new Set<string>();
  const accounts = new Set<string>();
  for (const inv of invoices) {
    const status = str(inv.resource.status);
    const account = ctx.resolve(inv.resource.account, `${inv.path}.account`, 'Account');
    if ((status === 'issued' || status === 'balanced') && account?.id) accounts.add(account.id);
    for (const [i, line] of objs(inv.resource.lineItem).entries()) {
      const ref = ctx.resolve(line.chargeItemReference, `${inv.path}.lineItem[${i}]`, 'ChargeItem');
      if (ref?.id) ids.add(ref.id);
    }
  }
  for (const ci of chargeItems) {
    const onAccount = objs(ci.resource.account).some((a) => {
      const id = ctx.resolve(a, `${ci.path}.account`, 'Account')?.id;
      return id !== undefined && accounts.has(id);
    });
    if (onAccount && ci.id) ids.add(ci.id);
  }
  return ids;
}

const BILLABLE = ['billable', 'billed'];

/** ChargeItem (billable/billed, not on a loaded Invoice) → payment of priceOverride. */
export function mapChargeItem(ctx: MapContext, r: LoadedResource, invoiced: Set<string>): void {
  const res = r.resource;
  const status = str(res.status);
  if (!status || !BILLABLE.includes(status)) {
    return ctx.note(
      'info',
      'skipped_status',
      `ChargeItem is ${status ?? 'without status'}; no payment`,
      `${r.path}.status`,
    );
  }
  if (r.id && invoiced.has(r.id)) {
    return ctx.note(
      'info',
      'duplicate_resource',
      'ChargeItem is billed by an Invoice in the input; counted there',
      r.path,
    );
  }
  const total = objs(res.totalPriceComponent)[0]; // R5
  const money = moneyText(res.priceOverride) ?? moneyText(total?.amount);
  const client = clientIdOf(ctx, res.subject, `${r.path}.subject`);
  const period = obj(res.occurrencePeriod);
  const paidAt = str(res.enteredDate) ?? str(res.occurrenceDateTime) ?? str(period?.start);
  if (!money) return skip(ctx, r, 'has no priceOverride or totalPriceComponent', '.priceOverride');
  if (!client) return skip(ctx, r, 'has no Patient subject', '.subject');
  if (!paidAt || !r.id) return skip(ctx, r, 'has no date or id', '.enteredDate');
  const enc = ctx.resolve(res.context ?? res.encounter, `${r.path}.context`, 'Encounter');
  const appointment =
    enc?.type === 'Encounter' && enc.id ? ctx.encounterAppointment.get(enc.id) : undefined;
  put(ctx, r, `chargeitem-${r.id}`, { client, money, paidAt, appointment });
}

/** The Patient a reconciliation detail names (payee, submitter or responsible), if any. */
function detailPatient(ctx: MapContext, detail: Record<string, unknown>, path: string) {
  for (const field of ['payee', 'submitter', 'responsible', 'patient']) {
    const id = clientIdOf(ctx, detail[field], `${path}.${field}`);
    if (id) return id;
  }
  return undefined;
}

/** PaymentReconciliation → one payment per detail with an amount (else paymentAmount). */
export function mapPaymentReconciliation(ctx: MapContext, r: LoadedResource): void {
  const res = r.resource;
  const details = objs(res.detail).filter((d) => moneyText(d.amount));
  const rows = details.length
    ? details.map((d, i) => ({
        d,
        path: `${r.path}.detail[${i}]`,
        money: moneyText(d.amount)!,
        date: str(d.date) ?? str(res.paymentDate),
      }))
    : [{ d: res, path: r.path, money: moneyText(res.paymentAmount), date: str(res.paymentDate) }];
  let noPatient = 0;
  rows.forEach((row, i) => {
    const client = detailPatient(ctx, row.d, row.path);
    if (!client) return void noPatient++;
    if (!row.money || !row.date || !r.id)
      return skip(ctx, r, 'detail has no amount or date', row.path.slice(r.path.length));
    put(ctx, r, `paymentreconciliation-${r.id}-${i}`, {
      client,
      money: row.money,
      paidAt: row.date,
    });
  });
  if (noPatient > 0) {
    skip(ctx, r, `has ${noPatient} payment(s) with no Patient (payer/payee are organizations)`);
  }
}
