import { z } from 'zod';

/**
 * The role a user holds in one practice (DESIGN.md "People and access"): owner (everything,
 * users, settings), admin (data and every figure), clinician (practice figures and their own
 * therapist's), viewer (practice-wide figures only).
 */
export const ROLES = ['owner', 'admin', 'clinician', 'viewer'] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

/** What an API token may do; `admin` grants everything the others do and user management. */
export const SCOPES = ['records:write', 'kpis:read', 'admin'] as const;
export const ZScope = z.enum(SCOPES);
export type Scope = z.infer<typeof ZScope>;

/** True when a token holding `held` may use a route that requires `needed`. */
export const scopeAllows = (held: readonly Scope[], needed: Scope): boolean =>
  held.includes(needed) || held.includes('admin');
