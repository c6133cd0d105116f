import { useCallback, useEffect, useRef, useState } from 'react';

/** Whether a row that scrolls sideways has more beyond its start and its end edge. */
export interface ScrollEdges {
  start: boolean;
  end: boolean;
}

/**
 * Which edges of a sideways-scrolling element hide more of its content, kept current as it scrolls,
 * resizes or its content changes: attach `ref`, and show a fade where `start` or `end` is true.
 */
export function useScrollEdges<T extends HTMLElement>() {
  const [element, setElement] = useState<T | null>(null);
  const [edges, setEdges] = useState<ScrollEdges>({ start: false, end: false });
  const frame = useRef(0);

  const measure = useCallback((target: T) => {
    // A pixel of slack: zoomed layouts scroll by fractions.
    const hidden = target.scrollWidth - target.clientWidth;
    const scrolled = Math.abs(target.scrollLeft);
    const start = hidden > 1 && scrolled > 1;
    const end = hidden > 1 && scrolled < hidden - 1;
    setEdges((was) => (was.start === start && was.end === end ? was : { start, end }));
  }, []);

  useEffect(() => {
    if (!element) return;
    const schedule = () => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => measure(element));
    };
    measure(element);
    element.addEventListener('scroll', schedule, { passive: true });
    const resized = new ResizeObserver(schedule);
    resized.observe(element);
    // Tabs that appear later (recordings) change the content's width, not the element's.
    const changed = new MutationObserver(schedule);
    changed.observe(element, { childList: true });
    return () => {
      cancelAnimationFrame(frame.current);
      element.removeEventListener('scroll', schedule);
      resized.disconnect();
      changed.disconnect();
    };
  }, [element, measure]);

  return { ref: setElement, edges };
}
