/**
 * Wall-clock time in Helsinki, where the staff work, converted to and from instants. Pure and free
 * of imports, so the browser (react-hook-form) and the server convert an <input type="datetime-local">
 * value the same way, whatever time zone the machine itself is in.
 */

export const HELSINKI_TIME_ZONE = "Europe/Helsinki";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** What <input type="datetime-local"> sends: minutes, or seconds (and a fraction) with a small step. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

let formatter: Intl.DateTimeFormat | undefined;

function helsinkiFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat("en-US", {
    timeZone: HELSINKI_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  return formatter;
}

/** The Helsinki wall clock at an instant, as milliseconds of the same reading taken as UTC. */
function wallClock(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of helsinkiFormatter().formatToParts(new Date(utcMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((utcMs % 1000) + 1000) % 1000);
}

/** Helsinki's offset from UTC at an instant, in milliseconds (+2 h in winter, +3 h in summer). */
function offsetAt(utcMs: number): number {
  return wallClock(utcMs) - utcMs;
}

/** A local date-time's reading as if it were UTC, or null when it is not a real date and time. */
function parseLocal(value: string): number | null {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = match[6] ? Number(match[6]) : 0;
  const millis = match[7] ? Number(match[7].padEnd(3, "0")) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(ms);
  // Date.UTC rolls 30 February over into March; a real date reads back the same.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms;
}

/** True for a well-formed YYYY-MM-DDTHH:mm[:ss[.sss]] naming a real calendar date and time. */
export function isLocalDateTime(value: string): boolean {
  return parseLocal(value) !== null;
}

/** True for a well-formed YYYY-MM-DD naming a real calendar date. */
export function isIsoDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  return match !== null && parseLocal(`${value}T00:00`) !== null;
}

/**
 * The instant a Helsinki wall-clock reading (YYYY-MM-DDTHH:mm, as from <input type="datetime-local">)
 * names. Around the daylight-saving switches it follows what people mean (and what Temporal calls
 * "compatible"): a time skipped in spring (03:00–03:59 on the last Sunday of March) is read an hour
 * later, as the clocks read after the switch; a time that happens twice in autumn (03:00–03:59 on the
 * last Sunday of October) is the first of the two, still in summer time.
 *
 * @throws RangeError when the value is not a real local date and time.
 */
export function helsinkiLocalToUtc(value: string): Date {
  const wall = parseLocal(value);
  if (wall === null) throw new RangeError(`Not a local date and time: ${JSON.stringify(value)}`);
  // Helsinki changes its offset at most twice a year, so the offsets a day before and a day after
  // are the only candidates; a candidate counts when the instant it gives reads back as `wall`.
  const before = offsetAt(wall - DAY);
  const after = offsetAt(wall + DAY);
  const matches = [...new Set([before, after])].map((offset) => wall - offset).filter((utc) => wallClock(utc) === wall);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In the spring gap: the offset before the switch, which lands the same distance after it.
  return new Date(wall - before);
}

/** An instant as a Helsinki wall-clock reading, YYYY-MM-DDTHH:mm: the value for <input type="datetime-local">. */
export function utcToHelsinkiLocal(instant: Date): string {
  return new Date(wallClock(instant.getTime())).toISOString().slice(0, 16);
}

/** The calendar date in Helsinki at an instant (by default now), YYYY-MM-DD. */
export function helsinkiDate(instant: Date = new Date()): string {
  return new Date(wallClock(instant.getTime())).toISOString().slice(0, 10);
}

/** The instant a Helsinki calendar date (YYYY-MM-DD) begins. */
export function helsinkiStartOfDay(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a date: ${JSON.stringify(date)}`);
  return helsinkiLocalToUtc(`${date}T00:00`);
}

/**
 * The instant a record dated `day` (YYYY-MM-DD, Helsinki) counts from: `now` when the day is today,
 * so what happens today keeps its time of day; otherwise the start of that day.
 */
export function instantOfDay(day: string, now: Date = new Date()): Date {
  return day === helsinkiDate(now) ? now : helsinkiStartOfDay(day);
}

/** The calendar year in Finland: a client accepted at 00:30 on 1 January, Helsinki time, gets the new year's number. */
export function registerYear(now: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: HELSINKI_TIME_ZONE, year: "numeric" }).format(now));
}
