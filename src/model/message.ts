import { z } from 'zod';
import { id, instant, ref, requiredEnum } from './fields.js';

/** Who sends a message. */
export const MESSAGE_SENDERS = ['client', 'therapist'] as const;

/** One message in a client–therapist conversation. */
export const messageSchema = (timeZone: string) =>
  z.object({
    message_id: id(),
    conversation_id: id(),
    sender: requiredEnum(MESSAGE_SENDERS),
    sent_at: instant(timeZone),
    client_id: ref(),
    therapist_id: ref(),
  });

export type Message = z.output<ReturnType<typeof messageSchema>>;
