import { z } from 'zod';
import { DEFAULT_PRACTICE_ID, ZPractice } from '../../model/practice.js';

/** `?practice=ID`: the practice (tenant) a read is about; `default` when absent. */
export const ZPracticeQuery = z.object({
  practice: ZPractice.shape.practice_id
    .default(DEFAULT_PRACTICE_ID)
    .describe('practice (tenant) id; `default` when absent'),
});
