import { ApiError, practiceId } from './api-client';
import { csrfHeader, SIGNED_OUT_EVENT } from './session-api';

export const UPLOAD_FORMATS = {
  canonical: 'Canonical CSV folder (practice.json and one CSV per kind of record)',
  fhir: 'FHIR R4 (JSON resources, Bundles or bulk NDJSON)',
  calendly: 'Calendly export',
  calcom: 'Cal.com export',
  simplepractice: 'SimplePractice export',
} as const;
export type UploadFormat = keyof typeof UPLOAD_FORMATS;

export interface UploadIssue {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  path: string;
}

/** The answer of `POST /api/v1/uploads` (schema UploadResult of the OpenAPI document). */
export interface UploadResult {
  import_id: string;
  status: 'ok' | 'partial' | 'failed';
  format: UploadFormat;
  files: {
    file: string;
    entity: string;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    warnings: number;
  }[];
  issues: UploadIssue[];
  issues_total: number;
  report: string | null;
  notes: string[];
  rollups: 'updated' | 'stale';
}

/**
 * Sends files to import. XMLHttpRequest rather than fetch: only it reports how much of the
 * body has been sent, which the progress bar shows; `onSent` fires once the server has it all
 * and is importing.
 */
export function uploadFiles(
  files: File[],
  format: UploadFormat,
  onProgress: (sent: number, total: number) => void,
  onSent: () => void,
): Promise<UploadResult> {
  const body = new FormData();
  for (const f of files) body.append('files', f, f.name);
  const url = `/api/v1/uploads?practice=${encodeURIComponent(practiceId())}&format=${format}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeader())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded, e.total);
    xhr.upload.onload = onSent;
    xhr.onerror = () =>
      reject(new ApiError(0, 'NETWORK', 'The upload stopped: the server did not answer.'));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below
      }
      // 207 (some rows rejected) and 422 (nothing loaded) still carry the import's result.
      if (
        [200, 207, 422].includes(xhr.status) &&
        json &&
        typeof json === 'object' &&
        'import_id' in json
      ) {
        resolve(json as UploadResult);
        return;
      }
      if (xhr.status === 401) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
      const e = (json as { error?: { code?: string; message?: string } } | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          e?.code ?? 'HTTP',
          e?.message ?? `The server answered ${xhr.status}.`,
        ),
      );
    };
    xhr.send(body);
  });
}
