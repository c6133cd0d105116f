import type { SnippetSegment } from './sessions.api';

/** A search snippet: the server's segments rendered as text, hits in <mark> (never as HTML). */
export function Snippet({ segments }: { segments: SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.hit ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}
