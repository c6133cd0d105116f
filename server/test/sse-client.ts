import http from 'node:http';

export interface SseEvent {
  event: string;
  data: {
    sessionId: string;
    kind: string;
    changed: string[];
    session: { status: string; operatorIds: string[] };
  };
}

/** Opens the SSE stream on a listening app and parses events as they arrive. */
export function openStream(port: number, headers: Record<string, string>, query = '') {
  const events: SseEvent[] = [];
  let status = 0;
  let buffer = '';
  const request = http.get(
    { host: '127.0.0.1', port, path: `/api/v1/sessions/live/events${query}`, headers },
    (response) => {
      status = response.statusCode ?? 0;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as SseEvent['data'] });
        }
      });
    },
  );
  request.on('error', () => {});
  return {
    events,
    status: () => status,
    close: () => request.destroy(),
    ofSession: (sessionId: string) => events.filter((event) => event.data.sessionId === sessionId),
  };
}
