import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

interface Options<Item extends { id: string }> {
  rows: readonly Item[];
  /** Identifies the list query (filters, search, sort, view): a new one starts at the top. */
  listKey: string;
  openId: string | null;
  rowHeight: number;
  scrollerRef: RefObject<HTMLDivElement | null>;
  scrollToIndex: (index: number) => void;
  /** `follow`: the detail follows keyboard movement (replaces the history entry). */
  onOpen: (item: Item, follow: boolean) => void;
}

/**
 * The table's active row and its keys: arrows, Page Up/Down, Home/End move (and the open detail
 * follows), Enter or Space open. The active row is the only one in the tab order.
 */
export function useRowKeyboard<Item extends { id: string }>(options: Options<Item>) {
  const { rows, listKey, openId, rowHeight, scrollerRef, scrollToIndex, onOpen } = options;
  const [activeIndex, setActiveIndex] = useState(0);
  const focusPending = useRef(false);

  // A new query starts at the top: its first row active and in view.
  useEffect(() => {
    setActiveIndex(0);
    scrollerRef.current?.scrollTo({ top: 0 });
  }, [listKey, scrollerRef]);

  // Keep the open session's row active (e.g. after a reload from a link), and bring it into view the
  // first time it is among the loaded rows.
  const firstId = rows[0]?.id;
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!openId) return;
    const index = rows.findIndex((row) => row.id === openId);
    if (index < 0) return;
    setActiveIndex(index);
    if (scrolledTo.current !== openId) {
      scrolledTo.current = openId;
      scrollToIndex(index);
    }
  }, [openId, rows, firstId, scrollToIndex]);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scrollToIndex(activeIndex);
    requestAnimationFrame(() => {
      scrollerRef.current
        ?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)
        ?.focus({ preventScroll: true });
    });
  }, [activeIndex, scrollToIndex, scrollerRef]);

  function move(to: number, follow: boolean) {
    const index = Math.max(0, Math.min(rows.length - 1, to));
    focusPending.current = true;
    setActiveIndex(index);
    const item = rows[index];
    if (item && follow && openId !== null && item.id !== openId) onOpen(item, true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.target instanceof HTMLElement && event.target.closest('thead')) return;
    const pageRows = Math.max(1, Math.floor((scrollerRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    switch (event.key) {
      case 'ArrowDown':
        move(activeIndex + 1, true);
        break;
      case 'ArrowUp':
        move(activeIndex - 1, true);
        break;
      case 'PageDown':
        move(activeIndex + pageRows, true);
        break;
      case 'PageUp':
        move(activeIndex - pageRows, true);
        break;
      case 'Home':
        move(0, true);
        break;
      case 'End':
        move(rows.length - 1, true);
        break;
      case 'Enter':
      case ' ': {
        const item = rows[activeIndex];
        if (item) onOpen(item, false);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }

  // Rows may shrink under the index (a narrower query's first page): never point past the end.
  const active = Math.min(activeIndex, Math.max(0, rows.length - 1));
  return { activeIndex: active, setActiveIndex, onKeyDown };
}
