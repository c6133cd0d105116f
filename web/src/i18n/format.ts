/** Locale-aware formatting built on Intl; one set of cached formatters per locale. */
export interface Formatters {
  locale: string;
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  date: (value: DateInput) => string;
  dateTime: (value: DateInput) => string;
  time: (value: DateInput) => string;
  /** "in 10 minutes" / "za 10 minut" for a number of seconds from now (negative = in the past). */
  relativeFromNow: (seconds: number) => string;
}

/** ISO strings as sent by the API, epoch milliseconds or a Date. */
export type DateInput = Date | string | number;

const cache = new Map<string, Formatters>();

export function formattersFor(locale: string): Formatters {
  let formatters = cache.get(locale);
  if (!formatters) {
    formatters = createFormatters(locale);
    cache.set(locale, formatters);
  }
  return formatters;
}

function createFormatters(locale: string): Formatters {
  const integer = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });

  return {
    locale,
    number: (value, options) => (options ? new Intl.NumberFormat(locale, options) : integer).format(value),
    date: (value) => date.format(toDate(value)),
    dateTime: (value) => dateTime.format(toDate(value)),
    time: (value) => time.format(toDate(value)),
    relativeFromNow: (seconds) => {
      const sign = seconds < 0 ? -1 : 1;
      const abs = Math.abs(seconds);
      // Round up so "try again in …" never promises less waiting than the server asked for.
      if (abs < 60) return relative.format(sign * Math.ceil(abs), 'second');
      if (abs < 2 * 3600) return relative.format(sign * Math.ceil(abs / 60), 'minute');
      if (abs < 2 * 86400) return relative.format(sign * Math.ceil(abs / 3600), 'hour');
      return relative.format(sign * Math.ceil(abs / 86400), 'day');
    },
  };
}

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}
