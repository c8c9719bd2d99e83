import { clientIdOf } from './actor-ids.js';
import { codings } from './codeable.js';
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
      appointment_id: null,
    },
    r.path,
  );
}

const skip = (ctx: MapContext, r: LoadedResource, why: string, field = '') =>
  ctx.note('warning', 'missing_value', `${r.type} ${why}; no payment`, `${r.path}${field}`);

/** Statuses of the financial resources (PaymentReconciliation, PaymentNotice) that count. */
const ACTIVE = ['active'];

/**
 * A `balanced` Invoice → a payment of its totalGross (else totalNet): the invoice is paid. An
 * `issued` Invoice is billed, not received, so it is no revenue (nor draft or cancelled ones).
 */
export function mapInvoice(ctx: MapContext, r: LoadedResource): void {
  const res = r.resource;
  const status = str(res.status);
  if (status !== 'balanced') {
    const why = status === 'issued' ? 'issued: billed, not yet paid' : (status ?? 'without status');
    return ctx.note('info', 'skipped_status', `Invoice is ${why}; no payment`, `${r.path}.status`);
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

/** A ChargeItem is a charge (what is owed), never a payment: noted, not revenue. */
export function mapChargeItem(ctx: MapContext, r: LoadedResource): void {
  ctx.note(
    'info',
    'skipped_status',
    'ChargeItem is a charge, not a payment; no revenue (payments come from PaymentReconciliation, PaymentNotice or a balanced Invoice)',
    r.path,
  );
}

/** The Patient of the resource a PaymentNotice pays (an Invoice, Claim or ChargeItem loaded). */
function requestPatient(ctx: MapContext, r: LoadedResource): string | undefined {
  const target = ctx.resolve(r.resource.request, `${r.path}.request`)?.resource;
  if (!target) return undefined;
  const t = target.resource;
  return (
    clientIdOf(ctx, t.subject, `${target.path}.subject`) ??
    clientIdOf(ctx, t.patient, `${target.path}.patient`)
  );
}

/**
 * PaymentNotice (active, paid or cleared) → a payment of its amount to the Patient of the
 * request it pays. A notice of a PaymentReconciliation or a balanced Invoice in the input is
 * counted there, not twice.
 */
export function mapPaymentNotice(ctx: MapContext, r: LoadedResource): void {
  const res = r.resource;
  const status = str(res.status);
  if (!status || !ACTIVE.includes(status)) {
    return ctx.note(
      'info',
      'skipped_status',
      `PaymentNotice is ${status ?? 'without status'}; no payment`,
      `${r.path}.status`,
    );
  }
  const paid = codings(res.paymentStatus).map((c) => str(c.code));
  if (paid.length > 0 && !paid.some((c) => c === 'paid' || c === 'cleared')) {
    return ctx.note(
      'info',
      'skipped_status',
      `PaymentNotice payment status is ${paid.filter(Boolean).join(', ') || 'unknown'}; no payment`,
      `${r.path}.paymentStatus`,
    );
  }
  const recon = ctx.resolve(res.payment, `${r.path}.payment`, 'PaymentReconciliation');
  const request = ctx.resolve(res.request, `${r.path}.request`);
  const counted =
    (recon?.type === 'PaymentReconciliation' && recon.resource) ||
    (request?.type === 'Invoice' && str(request.resource?.resource.status) === 'balanced');
  if (counted) {
    const what = recon?.resource ? `PaymentReconciliation/${recon.id}` : `Invoice/${request!.id}`;
    return ctx.note(
      'info',
      'duplicate_resource',
      `PaymentNotice announces ${what} in the input; counted there`,
      r.path,
    );
  }
  const money = moneyText(res.amount);
  const client = requestPatient(ctx, r);
  const paidAt = str(res.paymentDate) ?? str(res.created);
  if (!money) return skip(ctx, r, 'has no amount', '.amount');
  if (!client) return skip(ctx, r, 'pays no request with a Patient in the input', '.request');
  if (!paidAt || !r.id) return skip(ctx, r, 'has no paymentDate, created or id', '.paymentDate');
  put(ctx, r, `paymentnotice-${r.id}`, { client, money, paidAt });
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
  const status = str(res.status);
  if (status && !ACTIVE.includes(status)) {
    return ctx.note(
      'info',
      'skipped_status',
      `PaymentReconciliation is ${status}; no payment`,
      `${r.path}.status`,
    );
  }
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
