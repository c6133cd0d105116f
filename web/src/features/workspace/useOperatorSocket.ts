import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { workspaceKeys } from './workspace.api';

export type SocketState = 'connecting' | 'open' | 'closed';

/** Sessions whose client is typing, each with when "typing…" stops showing (ms since the epoch). */
export type TypingClients = Readonly<Record<string, number>>;

/**
 * The operator's WebSocket (`/api/v1/live/operator/ws`, signed in by the login cookie): every offer,
 * joined or left session and message refreshes what the seat shows. A dropped connection is opened
 * again with growing pauses; each `hello` carries the whole overview, and the open conversations are
 * read again then, so nothing said meanwhile is missed. A client's typing shows for the seconds the
 * server names, unless refreshed, and ends with the client's next message.
 */
export function useOperatorSocket(enabled: boolean): { state: SocketState; typing: TypingClients } {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SocketState>('connecting');
  const [typing, setTyping] = useState<TypingClients>({});

  useEffect(() => {
    const ids = Object.keys(typing);
    if (ids.length === 0) return;
    const soonest = Math.min(...Object.values(typing));
    const timer = window.setTimeout(
      () => {
        const now = Date.now();
        setTyping((current) =>
          Object.fromEntries(Object.entries(current).filter(([, until]) => until > now)),
        );
      },
      Math.max(0, soonest - Date.now()) + 50,
    );
    return () => window.clearTimeout(timer);
  }, [typing]);

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | undefined;
    let retry: number | undefined;
    let attempts = 0;
    let stopped = false;

    const refreshAll = () => {
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.overview });
      void queryClient.invalidateQueries({ queryKey: ['workspace', 'transcript'] });
    };

    const connect = () => {
      setState('connecting');
      const url = new URL('/api/v1/live/operator/ws', window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      socket = new WebSocket(url);
      socket.onopen = () => {
        attempts = 0;
        setState('open');
      };
      socket.onmessage = (event: MessageEvent<string>) => {
        const message = JSON.parse(event.data) as {
          type: string;
          sessionId?: string;
          expiresInSeconds?: number;
          activity?: { sender: string };
        };
        if (message.type === 'hello') refreshAll();
        else if (message.type === 'typing' && message.sessionId) {
          const sessionId = message.sessionId;
          const until = Date.now() + (message.expiresInSeconds ?? 5) * 1000;
          setTyping((current) => ({ ...current, [sessionId]: until }));
        } else if (message.type === 'message' && message.sessionId) {
          const sessionId = message.sessionId;
          if (message.activity?.sender === 'client') {
            setTyping((current) => {
              const { [sessionId]: _done, ...rest } = current;
              return rest;
            });
          }
          void queryClient.invalidateQueries({ queryKey: workspaceKeys.transcript(message.sessionId) });
          void queryClient.invalidateQueries({ queryKey: workspaceKeys.overview });
        } else void queryClient.invalidateQueries({ queryKey: workspaceKeys.overview });
      };
      socket.onclose = () => {
        setState('closed');
        if (stopped) return;
        attempts += 1;
        retry = window.setTimeout(connect, Math.min(15_000, 500 * 2 ** Math.min(attempts, 5)));
      };
    };
    connect();
    return () => {
      stopped = true;
      if (retry !== undefined) window.clearTimeout(retry);
      socket?.close();
    };
  }, [enabled, queryClient]);

  return { state, typing };
}
