/** The bounds every request is held to; `createApp` takes them, `rapport serve` sets the size. */
export interface RequestLimits {
  /** Largest request body in bytes; a larger one is 413 before it is read. */
  maxBodyBytes: number;
  /** Largest upload (`POST /api/v1/uploads`: files from the browser) in bytes. */
  maxUploadBytes: number;
  /** Deepest nesting of arrays and objects a JSON body may have (a push body needs 2). */
  maxJsonDepth: number;
  /** Most issues a push answer lists; `issues_total` counts them all. */
  maxIssues: number;
  /** Longest quoted value an issue message repeats before it is cut short. */
  maxValueChars: number;
}

/** 20 MB holds 10,000 records of any entity with room to spare. */
export const DEFAULT_LIMITS: RequestLimits = {
  maxBodyBytes: 20 * 1024 * 1024,
  // A year of a mid-size practice's canonical CSV is well under this.
  maxUploadBytes: 512 * 1024 * 1024,
  maxJsonDepth: 32,
  maxIssues: 100,
  maxValueChars: 80,
};
