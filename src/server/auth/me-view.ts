import type { Store } from '../../store/database.js';
import { findPractice } from '../../store/practice.repository.js';
import { csrfTokenOf } from '../../store/session.repository.js';
import { getUser, membershipsOf } from '../../store/user.repository.js';
import { AppError } from '../../model/app-error.js';
import type { Me } from './auth-schemas.js';

/** The `/me` document of a user's session. */
export async function meView(
  store: Store,
  userId: string,
  sessionId: string,
  practice: string | null,
  expiresAt: number,
): Promise<Me> {
  const user = await getUser(store.db, userId);
  if (!user) throw new AppError('UNAUTHORIZED', 'sign in again');
  const ms = await membershipsOf(store.db, userId);
  const practices = await Promise.all(
    ms.map(async (m) => ({
      ...m,
      name: (await findPractice(store.db, m.practice_id))?.name ?? null,
    })),
  );
  return {
    user: { user_id: user.user_id, login: user.login, display_name: user.display_name },
    practices,
    practice,
    csrf_token: csrfTokenOf(sessionId),
    expires_at: expiresAt,
  };
}
