import { useEffect } from 'react';

/** Sets the browser tab title to "<page> · Sessiondesk" while the page is shown. */
export function usePageTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = `${pageTitle} · Sessiondesk`;
  }, [pageTitle]);
}
