/* kgraph explorer, part "days": the proleptic Gregorian calendar as whole numbers of days since 1970-01-01
   (negative before), the way the page counts time: a day number from "YYYY-MM-DD" and back, and what a month
   has. The time window (window.js) and the rest of the page use it. */
(globalThis.kgraphParts ??= {}).days = (() => {
  "use strict";

  const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const MONTH_NAMES = "January February March April May June July August September October November December";
  const monthDays = (y, m) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]);
  /* The day number of a day of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
  const dayNumber = (y, m, d) => {
    const yy = m <= 2 ? y - 1 : y;
    const era = Math.floor(yy / 400);
    const yoe = yy - era * 400;
    const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  };
  /* The year, month and day of a day number (civil_from_days). */
  const civil = (n) => {
    const z = n + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const m = mp < 10 ? mp + 3 : mp - 9;
    return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 };
  };
  const FIRST = dayNumber(1, 1, 1);
  const LAST = dayNumber(9999, 12, 31);
  const pad = (n, width) => String(n).padStart(width, "0");

  /* "YYYY-MM-DD" as a day number; null for null. Anything else is a programming error. */
  const day = (isoDay) => {
    if (isoDay === null || isoDay === undefined) return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
    const [y, m, d] = match ? match.slice(1).map(Number) : [];
    if (!match || m < 1 || m > 12 || d < 1 || d > monthDays(y, m)) throw new RangeError(`not a day: ${isoDay}`);
    return dayNumber(y, m, d);
  };
  /* A day number as "YYYY-MM-DD" (faithful for the years 0000 to 9999, the years kgraph's dates have); null for null. */
  const iso = (n) => {
    if (n === null || n === undefined) return null;
    const { y, m, d } = civil(n);
    return `${y < 0 ? "-" : ""}${pad(Math.abs(y), 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  };

  return Object.freeze({ isLeap, monthDays, MONTH_NAMES, dayNumber, civil, FIRST, LAST, pad, day, iso });
})();
