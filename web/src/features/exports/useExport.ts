import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  cancelExportJob,
  DIRECT_EXPORT_LIMIT,
  directExportUrl,
  fetchExportJob,
  startExportJob,
  type ExportOptions,
} from './exports.api';

/** Starts a browser download of `url` (same origin; the server answers with an attachment). */
function download(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * Exporting from the sessions screen: small results download at once; large ones (or an unknown count)
 * start a background job whose progress is polled every second until it is done, failed or canceled.
 */
export function useExport() {
  const [jobId, setJobId] = useState<string | null>(null);

  const start = useMutation({ mutationFn: startExportJob, onSuccess: (job) => setJobId(job.id) });

  const job = useQuery({
    queryKey: ['exports', jobId],
    queryFn: ({ signal }) => fetchExportJob(jobId ?? '', signal),
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'queued' || state === 'running' || state === undefined ? 1000 : false;
    },
  });

  const cancel = useMutation({
    mutationFn: (id: string) => cancelExportJob(id),
    onSuccess: () => void job.refetch(),
  });

  return {
    job: jobId === null ? undefined : job.data,
    starting: start.isPending,
    error: start.error ?? job.error ?? cancel.error,
    /** `total`: how many sessions the list says match (null when only estimated). */
    exportSessions(options: ExportOptions, total: number | null) {
      if (total !== null && total <= DIRECT_EXPORT_LIMIT) download(directExportUrl(options));
      else start.mutate(options);
    },
    download(url: string) {
      download(url);
    },
    cancel(id: string) {
      cancel.mutate(id);
    },
    dismiss() {
      setJobId(null);
    },
  };
}
