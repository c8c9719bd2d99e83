import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientOf, readResources, recordsOf } from './fhir-test-kit.js';

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { lastUpdated: '2026-01-01T00:00:00Z' },
};
const invoice = (id: string, status: string, value: number) => ({
  resourceType: 'Invoice',
  id,
  status,
  subject: { reference: 'Patient/p1' },
  date: '2026-02-01T09:00:00Z',
  totalNet: { value: value - 10, currency: 'EUR' },
  totalGross: { value, currency: 'EUR' },
});

test('an issued Invoice is billed, not received; a balanced one is a payment', async () => {
  const res = await readResources([
    patient,
    invoice('i-issued', 'issued', 120),
    invoice('i-balanced', 'balanced', 90),
    invoice('i-draft', 'draft', 70),
    invoice('i-cancelled', 'cancelled', 60),
  ]);
  assert.deepEqual(recordsOf(res, 'payments'), [
    {
      payment_id: 'invoice-i-balanced',
      client_id: clientOf('p1'),
      amount: '90.00',
      paid_at: '2026-02-01T09:00:00Z',
      currency: 'EUR',
      appointment_id: null,
    },
  ]);
  const notes = res.issues.filter((i) => i.code === 'skipped_status').map((i) => i.message);
  assert.deepEqual(notes, [
    'Invoice is issued: billed, not yet paid; no payment',
    'Invoice is draft; no payment',
    'Invoice is cancelled; no payment',
  ]);
});

test('PaymentReconciliation and PaymentNotice are payments; a ChargeItem is not', async () => {
  const res = await readResources([
    patient,
    invoice('i1', 'issued', 150),
    {
      resourceType: 'ChargeItem',
      id: 'ci1',
      status: 'billable',
      subject: { reference: 'Patient/p1' },
      enteredDate: '2026-02-01',
      priceOverride: { value: 150, currency: 'EUR' },
    },
    // Pays the issued invoice i1: the Patient comes from the invoice.
    {
      resourceType: 'PaymentNotice',
      id: 'pn1',
      status: 'active',
      request: { reference: 'Invoice/i1' },
      payment: { reference: 'PaymentReconciliation/elsewhere' },
      paymentDate: '2026-02-10',
      recipient: { reference: 'Organization/clinic' },
      amount: { value: 150, currency: 'EUR' },
      paymentStatus: { coding: [{ code: 'paid' }] },
    },
    {
      resourceType: 'PaymentReconciliation',
      id: 'pr1',
      status: 'active',
      paymentDate: '2026-02-12',
      paymentAmount: { value: 80, currency: 'EUR' },
      detail: [{ submitter: { reference: 'Patient/p1' }, amount: { value: 80, currency: 'EUR' } }],
    },
    // Announces pr1, which is in the input: counted there, not twice.
    {
      resourceType: 'PaymentNotice',
      id: 'pn2',
      status: 'active',
      request: { reference: 'Invoice/i1' },
      payment: { reference: 'PaymentReconciliation/pr1' },
      paymentDate: '2026-02-12',
      recipient: { reference: 'Organization/clinic' },
      amount: { value: 80, currency: 'EUR' },
    },
    // Cancelled notice and reconciliation: no money moved.
    {
      resourceType: 'PaymentNotice',
      id: 'pn3',
      status: 'cancelled',
      request: { reference: 'Invoice/i1' },
      payment: { reference: 'PaymentReconciliation/x' },
      recipient: { reference: 'Organization/clinic' },
      amount: { value: 999, currency: 'EUR' },
      created: '2026-02-13',
    },
    {
      resourceType: 'PaymentReconciliation',
      id: 'pr2',
      status: 'entered-in-error',
      paymentDate: '2026-02-14',
      paymentAmount: { value: 999, currency: 'EUR' },
      detail: [{ submitter: { reference: 'Patient/p1' }, amount: { value: 999, currency: 'EUR' } }],
    },
  ]);
  const P1 = clientOf('p1');
  assert.deepEqual(
    recordsOf(res, 'payments').map((p) => [p.payment_id, p.client_id, p.amount, p.paid_at]),
    [
      ['paymentreconciliation-pr1-0', P1, '80.00', '2026-02-12'],
      ['paymentnotice-pn1', P1, '150.00', '2026-02-10'],
    ],
  );
  // Revenue is 230.00 EUR: not 150 more for the issued invoice, nor 150 for the charge.
  const codes = res.issues.map((i) => [i.code, i.path.replace(/^.*resource\(/, '')]);
  assert.ok(codes.some(([c, p]) => c === 'skipped_status' && p === 'ChargeItem/ci1)'));
  assert.ok(codes.some(([c, p]) => c === 'duplicate_resource' && p === 'PaymentNotice/pn2)'));
  assert.ok(codes.some(([c, p]) => c === 'skipped_status' && p === 'PaymentNotice/pn3).status'));
  assert.ok(
    codes.some(([c, p]) => c === 'skipped_status' && p === 'PaymentReconciliation/pr2).status'),
  );
  assert.deepEqual(res.unsupported, {});
});
