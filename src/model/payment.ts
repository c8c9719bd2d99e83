import { z } from 'zod';
import { currency, id, instant, ref, requiredMoney } from './fields.js';

/** Money received from a client; a refund is a negative amount. */
export const paymentSchema = (timeZone: string) =>
  z.object({
    payment_id: id(),
    client_id: id(),
    amount: requiredMoney(),
    paid_at: instant(timeZone),
    currency: currency(),
    appointment_id: ref(),
  });

export type Payment = z.output<ReturnType<typeof paymentSchema>>;
