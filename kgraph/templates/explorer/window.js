/* kgraph explorer, part "window": the time window typed as an EDTF or ISO date or interval, read exactly as
   kgraph.overlapping and kgraph.within read it (kgraph.graph.windows), and the test of a date's bounds against
   it (Window.admits_bounds). Days are whole numbers of days since 1970-01-01 (negative before); null is an
   open end.

   A window is the face value of what is typed: "2023~" is the year 2023, "2022-12~/.." starts on 1 December
   2022. A qualifier does not move the window's ends, but Python refuses a date that, widened for its
   qualifier (a year, a month, a day for each part it qualifies, twice that for %; one unit of its finest part
   for a qualifier after the whole date), would leave the years 1 to 9999, and so does this part.

   Read here: a year, month or day (2023, 2023-07, 2023-07-12); a qualifier (? uncertain, ~ approximate,
   % both) after the date or before or after one of its parts (2023~, ?2023-07, 2020-~09, 2023-07-?12);
   unspecified digits (201X, 20XX, 2023-XX, 2020-09-2X); seasons (2023-21 spring ... 2023-24 winter, and
   EDTF's 25 to 41); intervals A/B of these, with ".." for an open end and nothing for an unknown one
   (2023-06/.., ../2021, 2023/), spaces allowed around the slash; spaces before and after are stripped as
   Python strips them. Refused with a message though Python reads them: sets and lists ([2023, 2024], {..}),
   times (T10:00), long years (Y12345), significant digits (S2), qualified seasons (2023-21^x), and spaces
   anywhere but around the slash (2023 ~). Python's quirks are kept: it refuses some EDTF forms (2023-0X,
   2023-21~, 2023~/2024-~07) and reads others (1XXX%) in ways tests/export/test_explorer_window.py checks. */
(globalThis.kgraphParts ??= {}).window = (() => {
  "use strict";

  /* Days, from the calendar part (days.js). */
  const { monthDays, MONTH_NAMES, dayNumber, FIRST, LAST, pad, day, iso } = globalThis.kgraphParts.days;

  /* ---------- reading what is typed ---------- */
  /* A date the window cannot take: thrown while reading, returned by parse as { error }. */
  class Refused extends Error {}
  const refuse = (message) => {
    throw new Refused(message);
  };
  const EXAMPLES = "2023, 2023-07, 2023-07-12, 2022-12~/.., ../2021-03, 2020-~09, 199X, 2023-21";
  const unreadable = (text) =>
    refuse(`"${text}" is not a date or interval the time window reads (examples: ${EXAMPLES})`);

  /* A day that must exist: years 1 to 9999, a month 1 to 12, a day the month has. */
  const existing = (text, y, m, d) => {
    if (y < 1 || y > 9999) refuse(`${text}: year ${y} is outside the supported range 1 to 9999`);
    if (d > monthDays(y, m)) {
      refuse(
        `${text}: ${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)} does not exist: ${MONTH_NAMES.split(" ")[m - 1]} ${y} has ${monthDays(y, m)} days`,
      );
    }
    return { y, m, d };
  };
  /* The first and last day of a year, month or day (month and day may be absent). */
  const span = (text, y, m, d) => [
    existing(text, y, m ?? 1, d ?? 1),
    existing(text, y, m ?? 12, d ?? monthDays(y, m ?? 12)),
  ];
  /* A day moved as the EDTF library moves it, with Python's relativedelta (years and months, the day kept or the
     month's last, then days): the day number, "out" when that leaves the years 1 to 9999, or "fails" when the
     library's stand-in for a far date (the same day in 2000 to 2999) cannot be moved either. */
  const step = ({ y, m, d }, sign, { years = 0, months = 0, days = 0 }) => {
    const total = (y + sign * years) * 12 + (m - 1) + sign * months;
    const y2 = Math.floor(total / 12);
    const m2 = total - y2 * 12 + 1;
    if (y2 < 1 || y2 > 9999) return null;
    const n = dayNumber(y2, m2, Math.min(d, monthDays(y2, m2))) + sign * days;
    return n < FIRST || n > LAST ? null : n;
  };
  const moved = (ymd, sign, padding) => {
    const n = step(ymd, sign, padding);
    if (n !== null) return n;
    const y = ymd.y + (2 - Math.trunc(ymd.y / 1000)) * 1000;
    const fails = ymd.d > monthDays(y, ymd.m) || step({ ...ymd, y }, sign, padding) === null;
    return fails ? "fails" : "out";
  };
  const widened = (text, ymd, sign, padding) => {
    if (typeof moved(ymd, sign, padding) !== "number") {
      refuse(`${text}: widened for its qualifier, it reaches beyond the supported years 1 to 9999`);
    }
  };
  const times = (q) => (q ? (q === "%" ? 2 : 1) : 0);
  const MONTH = /^(0[1-9]|1[0-2])$/;
  const DAY = /^(0[1-9]|[12]\d|3[01])$/;
  const SEASONS = {
    21: [3, 5], 22: [6, 8], 23: [9, 11], 24: [12, 12], 25: [3, 5], 26: [6, 8], 27: [9, 11], 28: [12, 12],
    29: [9, 11], 30: [12, 12], 31: [3, 5], 32: [6, 8], 33: [1, 3], 34: [4, 6], 35: [7, 9], 36: [10, 12],
    37: [1, 4], 38: [5, 8], 39: [9, 12], 40: [1, 6], 41: [7, 12],
  }; // prettier-ignore

  /* The earliest (or latest) year, month and day that the X's of a date allow (kgraph.annotations.edtf_bounds). */
  const digits = (pattern, low, high) => {
    const regex = new RegExp(`^${pattern.replace(/X/g, "\\d")}$`);
    const found = [];
    for (let n = low; n <= high; n += 1) if (regex.test(pad(n, pattern.length))) found.push(n);
    return found;
  };
  const extreme = (text, { year, month, day: dd }, latest) => {
    if (year === "0000") refuse(`${text}: years before 1 are not supported (the supported years are 1 to 9999)`);
    const years = year.includes("X") ? digits(year, 1, 9999) : [Number(year)];
    const order = (list) => (latest ? [...list].reverse() : list);
    if (month === undefined) {
      if (!years.length) refuse(`${text}: no year from 1 to 9999 fits ${year}`);
      const y = order(years)[0];
      return span(text, y)[latest ? 1 : 0];
    }
    const months = digits(month, 1, 12);
    for (const y of order(years)) {
      for (const m of order(months)) {
        if (dd === undefined) return span(text, y, m)[latest ? 1 : 0];
        const days = digits(dd, 1, monthDays(y, m));
        if (days.length) return { y, m, d: order(days)[0] };
      }
    }
    return refuse(
      `${text}: no ${dd !== undefined && dd.includes("X") ? `day of the month fits ${dd}` : `month fits ${month}`}`,
    );
  };

  const readUnspecified = ([, year, month, dd, q], whole) => {
    const digitYear = /^\d{4}$/.test(year);
    const fine = (value, plain, withX) => value === undefined || plain.test(value) || withX.test(value);
    if (!fine(month, MONTH, /^(0X|1X|X[\dX])$/) || !fine(dd, DAY, /^([\dX]X|X[\dX])$/)) unreadable(whole);
    /* A qualifier after unspecified digits: EDTF level 1 only (201X~, 2023-XX~, 2023-07-XX~, 2023-XX-XX~). */
    const level1 =
      month === undefined
        ? /^\d[\dX]{2}X$/.test(year)
        : digitYear && (dd === undefined ? month === "XX" : dd === "XX" && (month === "XX" || MONTH.test(month)));
    if (q && !level1) unreadable(whole);
    /* A year of digits with unspecified digits in its month, and no day: EDTF's 2023-XX alone, nowhere else. */
    const monthOnly = digitYear && month !== undefined && dd === undefined;
    if (monthOnly && month !== "XX") unreadable(whole);
    const plain = (value) => value === undefined || value === "XX" || /^\d+$/.test(value);
    const date = { year, month, day: dd };
    let padding = {};
    if (q) {
      const trailing = year.length - year.replace(/X+$/, "").length;
      const years = month === undefined ? [0, 10, 100, 1000][trailing] : 0;
      padding = { years: years * times(q), months: month ? times(q) : 0, days: dd ? times(q) : 0 };
    }
    return { kind: q ? "UQ" : "U", date, simple: plain(month) && plain(dd), monthOnly, padding, whole };
  };

  /* One date, not an interval: its kind, its first and last day ({y, m, d}), and its padding. Kinds:
     D (a day, month or year), DQ (D with a qualifier after it), S (an EDTF level 1 season), S2 (level 2),
     P (qualifiers before or after its parts), U (unspecified digits), UQ (U with a qualifier after it). */
  const readDate = (text, whole) => {
    let match = /^(\d{4})-(\d{2})([?~%]?)$/.exec(text);
    if (match && SEASONS[Number(match[2])]) {
      if (match[3]) refuse(`${whole}: a season with a qualifier has no bounds kgraph can compute`);
      const y = Number(match[1]);
      const [first, last] = SEASONS[Number(match[2])];
      return {
        kind: Number(match[2]) <= 24 ? "S" : "S2",
        first: existing(whole, y, first, 1),
        last: span(whole, y, last)[1],
        padding: {},
      };
    }
    match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%]?)$/.exec(text);
    if (match) {
      const [, year, month, dd, q] = match;
      if ((month && !MONTH.test(month)) || (dd && !DAY.test(dd))) unreadable(whole);
      const [first, last] = span(whole, Number(year), month && Number(month), dd && Number(dd));
      /* A qualifier after the whole date widens it by one unit of its finest part, as Python does. */
      const finest = dd ? "days" : month ? "months" : "years";
      const padding = { years: 0, months: 0, days: 0, [finest]: times(q) };
      return { kind: q ? "DQ" : "D", first, last, padding };
    }
    match = /^([?~%]?)(\d{4})([?~%]?)(?:-([?~%]?)(\d{2})(?:([?~%]?)-([?~%]?)(\d{2}))?)?$/.exec(text);
    if (match) {
      const [, before, year, after, qMonth, month, qYearMonth, qDay, dd] = match;
      const others = before || after || qMonth || qDay;
      if ((before && after) || (after && !month) || (qYearMonth && others)) unreadable(whole);
      if (!MONTH.test(month ?? "01") || !DAY.test(dd ?? "01")) unreadable(whole);
      const [first, last] = span(whole, Number(year), month && Number(month), dd && Number(dd));
      const padding = {
        years: times(before) + times(after) + times(qYearMonth),
        months: times(qMonth) + times(qYearMonth),
        days: times(qDay),
      };
      return { kind: "P", first, last, padding };
    }
    match = /^([\dX]{4})(?:-([\dX]{2})(?:-([\dX]{2}))?)?([?~%]?)$/.exec(text);
    if (match && text.includes("X")) return readUnspecified(match, whole);
    return unreadable(whole);
  };

  /* The bounds of unspecified digits (those needed, the first or the last or both): the library's (X as 0 or 9,
     XX as the first or last month or day) when it computes them, else the earliest and latest days the X's allow. */
  const unspecifiedBounds = (date, whole, simple, needed = ["first", "last"]) => {
    if (!simple) return [extreme(whole, date, false), extreme(whole, date, true)];
    const low = Number(date.year.replace(/X/g, "0"));
    const high = Number(date.year.replace(/X/g, "9"));
    const monthOf = (latest) =>
      date.month === undefined || date.month === "XX" ? (latest ? 12 : 1) : Number(date.month);
    const lastMonth = monthOf(true);
    const dayOf = (latest) =>
      date.day === undefined || date.day === "XX" ? (latest ? monthDays(high, lastMonth) : 1) : Number(date.day);
    return [
      needed.includes("first") ? existing(whole, low, monthOf(false), dayOf(false)) : null,
      needed.includes("last") ? existing(whole, high, lastMonth, dayOf(true)) : null,
    ];
  };

  const WHITESPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  /* Python's str.strip(): the characters str.isspace() counts (not the byte order mark JavaScript's trim() removes). */
  const STRIP = new RegExp(`^[${WHITESPACE}]+|[${WHITESPACE}]+$`, "g");

  const readSide = (text, whole) => {
    if (text === "") return { kind: "empty" };
    if (text === "..") return { kind: "open" };
    return readDate(text, whole);
  };

  const readInterval = (text) => {
    const slash = text.indexOf("/");
    const left = text.slice(0, slash).replace(/[ \t\n\r]+$/, "");
    const right = text.slice(slash + 1).replace(/^[ \t\n\r]+/, "");
    const spaced = left.length + right.length + 1 !== text.length;
    if (/\s/.test(left + right)) unreadable(text);
    const l = readSide(left, text);
    const r = readSide(right, text);
    const kinds = `${l.kind}/${r.kind}`;
    const level1 = ["open", "empty", "D", "DQ", "S"];
    const absent = ["open", "empty"];
    const isLevel1 =
      level1.includes(l.kind) &&
      level1.includes(r.kind) &&
      (kinds === "open/open" || !(absent.includes(l.kind) && absent.includes(r.kind)));
    const partial = (side) => side.kind === "P" || (side.kind === "U" && !side.monthOnly);
    const plain = (side) => side.kind === "D" || side.kind === "S";
    const isLevel2 = (partial(l) && (partial(r) || plain(r))) || (plain(l) && partial(r));
    if (!isLevel1 && !isLevel2) unreadable(text);
    /* Unspecified digits: one rule for the whole interval, the extremes if one of its dates needs them. */
    const simple = [l, r].every((side) => side.kind !== "U" || side.simple);
    /* Of an interval, Python computes only the start of its first date and the end of its last. */
    if (l.kind === "U") [l.first] = unspecifiedBounds(l.date, text, simple, ["first"]);
    if (r.kind === "U") [, r.last] = unspecifiedBounds(r.date, text, simple, ["last"]);
    /* Python reads plain days, months and years with open or unknown ends itself; anything else goes to the EDTF
       library, which puts an unknown end ten years from the known one, and refuses that outside the years 1 to 9999. */
    const direct = !spaced && ["open", "empty", "D"].includes(l.kind) && ["open", "empty", "D"].includes(r.kind);
    if (!direct && l.kind === "empty" && typeof moved(r.last, -1, { years: 10 }) !== "number") {
      refuse(`${text}: year ${r.last.y - 10} is outside the supported range 1 to 9999`);
    }
    if (!direct && r.kind === "empty" && typeof moved(l.first, 1, { years: 10 }) !== "number") {
      refuse(`${text}: year ${l.first.y + 10} is outside the supported range 1 to 9999`);
    }
    if (l.padding) widened(text, l.first, -1, l.padding);
    if (r.padding) widened(text, r.last, 1, r.padding);
    const start = l.first ? dayNumber(l.first.y, l.first.m, l.first.d) : null;
    const end = r.last ? dayNumber(r.last.y, r.last.m, r.last.d) : null;
    if (start !== null && end !== null && end < start) {
      refuse(`${text}: the end (${iso(end)}) is before the start (${iso(start)})`);
    }
    return { start, end };
  };

  const readSingle = (text) => {
    if (/\s/.test(text)) unreadable(text);
    const date = readDate(text, text);
    if (date.kind === "U" || date.kind === "UQ") {
      [date.first, date.last] = unspecifiedBounds(date.date, text, date.simple);
      const ends = [moved(date.first, -1, date.padding), moved(date.last, 1, date.padding)];
      if (ends.includes("fails")) {
        /* Where the library cannot widen 1XXX% by two thousand years, Python takes the extremes (1000%, 1999%),
           which it widens as it widens a year: by two years. */
        [date.first, date.last] = [extreme(text, date.date, false), extreme(text, date.date, true)];
        const q = times(text.slice(-1));
        date.padding = { years: q, months: date.date.month ? q : 0, days: date.date.day ? q : 0 };
      }
    }
    widened(text, date.first, -1, date.padding);
    widened(text, date.last, 1, date.padding);
    return {
      start: dayNumber(date.first.y, date.first.m, date.first.d),
      end: dayNumber(date.last.y, date.last.m, date.last.d),
    };
  };

  /* What is typed as { start, end } (day numbers, null for an open end), or { error } saying why not. */
  const parse = (typed) => {
    const text = String(typed ?? "").replace(STRIP, "");
    try {
      if (!text) refuse("type a date or an interval, such as 2023, 2023-07 or 2022-12~/..");
      if (/[[\]{}]/.test(text)) refuse(`${text}: sets and lists of dates are not read here; type an interval (A/B)`);
      if (/[TZ:]/.test(text)) refuse(`${text}: times are not read here; type a day (YYYY-MM-DD)`);
      if (/[YES^]/.test(text))
        refuse(`${text}: long years, significant digits and qualified seasons are not read here`);
      const slashes = text.split("/").length - 1;
      if (slashes > 1) unreadable(text);
      return slashes ? readInterval(text) : readSingle(text);
    } catch (error) {
      if (error instanceof Refused) return { error: error.message };
      throw error;
    }
  };

  /* Whether bounds [earliest, latest] (day numbers, null open) answer the window's question: overlapping, could
     they fall in it; within, do they certainly (an open end is never certainly inside a closed window). */
  const admits = ({ start, end, mode }, [earliest, latest]) => {
    const open = (n) => n === null || n === undefined;
    if (mode === "overlapping") {
      return (open(end) || open(earliest) || earliest <= end) && (open(start) || open(latest) || latest >= start);
    }
    return (open(start) || (!open(earliest) && earliest >= start)) && (open(end) || (!open(latest) && latest <= end));
  };

  return { parse, admits, day, iso };
})();
