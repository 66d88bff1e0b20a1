//! Text forms of Go's time values: `time.Duration.String`, `time.Time.String`
//! and `time.Time.Format` for a clock in UTC (the Go playground's zone, and
//! the VM's virtual clock). It owns calendar arithmetic and layout parsing; it
//! never reads a real clock and never panics on any layout.

/// `time.RFC3339`.
pub const RFC3339: &str = "2006-01-02T15:04:05Z07:00";
/// `time.RFC3339Nano`.
pub const RFC3339_NANO: &str = "2006-01-02T15:04:05.999999999Z07:00";
/// The layout `time.Time.String` uses.
const STRING_LAYOUT: &str = "2006-01-02 15:04:05.999999999 -0700 MST";

/// Mirrors `time.Duration.String`: `0s`, `270ns`, `1.5µs`, `1.5s`, `1m30s`,
/// `1h0m0s`, `-1s`.
pub fn format_duration(ns: i64) -> String {
    let neg = ns < 0;
    let mut u = ns.unsigned_abs();
    let mut out = String::new();
    if u == 0 {
        return "0s".to_string();
    }
    if u < 1_000_000_000 {
        // Below a second: one unit with a fraction, like 1.5µs.
        let (prec, unit) = if u < 1_000 {
            (0, "ns")
        } else if u < 1_000_000 {
            (3, "µs")
        } else {
            (6, "ms")
        };
        let (frac, int) = fraction(u, prec);
        out.push_str(&int.to_string());
        out.push_str(&frac);
        out.push_str(unit);
    } else {
        let (frac, secs) = fraction(u, 9);
        u = secs;
        let s = u % 60;
        u /= 60;
        if u > 0 {
            let m = u % 60;
            u /= 60;
            if u > 0 {
                out.push_str(&u.to_string());
                out.push('h');
            }
            out.push_str(&m.to_string());
            out.push('m');
        }
        out.push_str(&s.to_string());
        out.push_str(&frac);
        out.push('s');
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// Splits off `prec` decimal digits: returns (".ddd" with trailing zeros
/// removed, or "" when they are all zero; the integer part). Mirrors `fmtFrac`.
fn fraction(v: u64, prec: u32) -> (String, u64) {
    let div = 10u64.pow(prec);
    let (int, mut frac) = (v / div, v % div);
    if frac == 0 {
        return (String::new(), int);
    }
    let mut digits = prec;
    while frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    (format!(".{:0width$}", frac, width = digits as usize), int)
}

/// A UTC time broken into calendar fields, as `time.Time`'s accessors
/// (`Year`, `Month`, `Day`, `YearDay`, `Weekday`, `Hour`, ...) return them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    /// 1..=12 (January is 1, as `time.Month`).
    pub month: u32,
    /// 1..=31.
    pub day: u32,
    /// 1..=366.
    pub yday: u32,
    /// 0 = Sunday, as `time.Weekday`.
    pub weekday: u32,
    pub hour: u32,
    pub min: u32,
    pub sec: u32,
    pub nsec: u32,
}

/// Mirrors `time.Month.String`: `January`, or `%!Month(13)` out of range.
pub fn month_name(m: i64) -> String {
    match usize::try_from(m) {
        Ok(i @ 1..=12) => LONG_MONTHS[i - 1].to_string(),
        _ => format!("%!Month({m})"),
    }
}

/// Mirrors `time.Weekday.String`: `Sunday`, or `%!Weekday(7)` out of range.
pub fn weekday_name(d: i64) -> String {
    match usize::try_from(d) {
        Ok(i @ 0..=6) => LONG_DAYS[i].to_string(),
        _ => format!("%!Weekday({d})"),
    }
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Breaks nanoseconds since the Unix epoch into UTC calendar fields.
pub fn civil(unix_ns: i64) -> Civil {
    let secs = unix_ns.div_euclid(1_000_000_000);
    let nsec = unix_ns.rem_euclid(1_000_000_000) as u32;
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400) as u32;
    // 1970-01-01 was a Thursday.
    let weekday = (days + 4).rem_euclid(7) as u32;
    // Shift the epoch to 0000-03-01 so leap days fall at the end of a year;
    // 400-year eras have exactly 146097 days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    const CUM: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let mut yday = CUM[(month - 1) as usize] + day;
    if month > 2 && is_leap(year) {
        yday += 1;
    }
    Civil {
        year,
        month,
        day,
        yday,
        weekday,
        hour: sod / 3600,
        min: sod / 60 % 60,
        sec: sod % 60,
        nsec,
    }
}

/// Mirrors `time.Time.String` for a UTC time: `2009-11-10 23:00:00 +0000 UTC`,
/// with a trimmed fraction when the nanoseconds are non-zero and the
/// ` m=+0.000000001` monotonic reading when one is present.
pub fn format_time(unix_ns: i64, monotonic_ns: Option<i64>) -> String {
    let mut s = format_time_layout(unix_ns, STRING_LAYOUT);
    if let Some(m) = monotonic_ns {
        let sign = if m < 0 { '-' } else { '+' };
        let u = m.unsigned_abs();
        s.push_str(&format!(
            " m={sign}{}.{:09}",
            u / 1_000_000_000,
            u % 1_000_000_000
        ));
    }
    s
}

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// One element of a layout (Go's `std*` constants).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Std {
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PM,
    Pm,
    Tz,
    /// Numeric zone forms; `z` means "Z" for UTC. The payload is the text
    /// printed for a zero offset.
    Zone {
        z: bool,
        zero: &'static str,
    },
    /// `.000` (zeros kept) or `.999` (trimmed), with the separator byte.
    Frac {
        digits: usize,
        trim: bool,
        sep: u8,
    },
}

fn starts_lower(rest: &[u8]) -> bool {
    rest.first().is_some_and(|c| c.is_ascii_lowercase())
}

/// Finds the next layout element: (prefix length, element, element length).
/// Mirrors the matching order of Go's `nextStdChunk`.
fn next_std(layout: &[u8]) -> Option<(usize, Std, usize)> {
    let at = |i: usize, s: &str| layout[i..].starts_with(s.as_bytes());
    for i in 0..layout.len() {
        let c = layout[i];
        let found = match c {
            b'J' if at(i, "Jan") => {
                if at(i, "January") {
                    Some((Std::LongMonth, 7))
                } else if !starts_lower(&layout[i + 3..]) {
                    Some((Std::Month, 3))
                } else {
                    None
                }
            }
            b'M' if at(i, "Mon") => {
                if at(i, "Monday") {
                    Some((Std::LongWeekDay, 6))
                } else if !starts_lower(&layout[i + 3..]) {
                    Some((Std::WeekDay, 3))
                } else {
                    None
                }
            }
            b'M' if at(i, "MST") => Some((Std::Tz, 3)),
            b'0' => match layout.get(i + 1) {
                Some(b'1') => Some((Std::ZeroMonth, 2)),
                Some(b'2') => Some((Std::ZeroDay, 2)),
                Some(b'3') => Some((Std::ZeroHour12, 2)),
                Some(b'4') => Some((Std::ZeroMinute, 2)),
                Some(b'5') => Some((Std::ZeroSecond, 2)),
                Some(b'6') => Some((Std::Year, 2)),
                Some(b'0') if layout.get(i + 2) == Some(&b'2') => Some((Std::ZeroYearDay, 3)),
                _ => None,
            },
            b'1' => {
                if layout.get(i + 1) == Some(&b'5') {
                    Some((Std::Hour, 2))
                } else {
                    Some((Std::NumMonth, 1))
                }
            }
            b'2' => {
                if at(i, "2006") {
                    Some((Std::LongYear, 4))
                } else {
                    Some((Std::Day, 1))
                }
            }
            b'_' => {
                if at(i, "_2") {
                    if at(i, "_2006") {
                        // "_" is literal, then the year.
                        return Some((i + 1, Std::LongYear, 4));
                    }
                    Some((Std::UnderDay, 2))
                } else if at(i, "__2") {
                    Some((Std::UnderYearDay, 3))
                } else {
                    None
                }
            }
            b'3' => Some((Std::Hour12, 1)),
            b'4' => Some((Std::Minute, 1)),
            b'5' => Some((Std::Second, 1)),
            b'P' if at(i, "PM") => Some((Std::PM, 2)),
            b'p' if at(i, "pm") => Some((Std::Pm, 2)),
            b'-' | b'Z' => {
                let z = c == b'Z';
                let forms: [(&str, &'static str); 5] = [
                    ("070000", "+000000"),
                    ("07:00:00", "+00:00:00"),
                    ("0700", "+0000"),
                    ("07:00", "+00:00"),
                    ("07", "+00"),
                ];
                forms
                    .iter()
                    .find(|(f, _)| at(i + 1, f))
                    .map(|(f, zero)| (Std::Zone { z, zero }, f.len() + 1))
            }
            b'.' | b',' => {
                match layout.get(i + 1) {
                    Some(&d @ (b'0' | b'9')) => {
                        let mut j = i + 1;
                        while j < layout.len() && layout[j] == d {
                            j += 1;
                        }
                        // Only a fraction if not followed by another digit.
                        if j < layout.len() && layout[j].is_ascii_digit() {
                            None
                        } else {
                            Some((
                                Std::Frac {
                                    digits: j - i - 1,
                                    trim: d == b'9',
                                    sep: c,
                                },
                                j - i,
                            ))
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some((std, len)) = found {
            return Some((i, std, len));
        }
    }
    None
}

/// Mirrors `time.Time.Format` for a UTC time (zone name "UTC", offset zero).
/// Unknown text in the layout is copied as is, as Go does.
pub fn format_time_layout(unix_ns: i64, layout: &str) -> String {
    let t = civil(unix_ns);
    let mut out = String::new();
    let mut rest = layout.as_bytes();
    while !rest.is_empty() {
        let Some((prefix, std, len)) = next_std(rest) else {
            out.push_str(&String::from_utf8_lossy(rest));
            break;
        };
        out.push_str(&String::from_utf8_lossy(&rest[..prefix]));
        rest = &rest[prefix + len..];
        let hour12 = match t.hour % 12 {
            0 => 12,
            h => h,
        };
        match std {
            Std::LongMonth => out.push_str(LONG_MONTHS[(t.month - 1) as usize]),
            Std::Month => out.push_str(&LONG_MONTHS[(t.month - 1) as usize][..3]),
            Std::NumMonth => out.push_str(&t.month.to_string()),
            Std::ZeroMonth => out.push_str(&format!("{:02}", t.month)),
            Std::LongWeekDay => out.push_str(LONG_DAYS[t.weekday as usize]),
            Std::WeekDay => out.push_str(&LONG_DAYS[t.weekday as usize][..3]),
            Std::Day => out.push_str(&t.day.to_string()),
            Std::UnderDay => out.push_str(&format!("{:>2}", t.day)),
            Std::ZeroDay => out.push_str(&format!("{:02}", t.day)),
            Std::UnderYearDay => out.push_str(&format!("{:>3}", t.yday)),
            Std::ZeroYearDay => out.push_str(&format!("{:03}", t.yday)),
            Std::Hour => out.push_str(&format!("{:02}", t.hour)),
            Std::Hour12 => out.push_str(&hour12.to_string()),
            Std::ZeroHour12 => out.push_str(&format!("{hour12:02}")),
            Std::Minute => out.push_str(&t.min.to_string()),
            Std::ZeroMinute => out.push_str(&format!("{:02}", t.min)),
            Std::Second => out.push_str(&t.sec.to_string()),
            Std::ZeroSecond => out.push_str(&format!("{:02}", t.sec)),
            Std::LongYear => {
                if t.year < 0 {
                    out.push_str(&format!("-{:04}", -t.year));
                } else {
                    out.push_str(&format!("{:04}", t.year));
                }
            }
            Std::Year => out.push_str(&format!("{:02}", t.year.rem_euclid(100))),
            Std::PM => out.push_str(if t.hour >= 12 { "PM" } else { "AM" }),
            Std::Pm => out.push_str(if t.hour >= 12 { "pm" } else { "am" }),
            Std::Tz => out.push_str("UTC"),
            Std::Zone { z, zero } => out.push_str(if z { "Z" } else { zero }),
            Std::Frac { digits, trim, sep } => {
                let all = format!("{:09}", t.nsec);
                let mut frac = all[..digits.min(9)].to_string();
                while frac.len() < digits {
                    frac.push('0');
                }
                if trim {
                    while frac.ends_with('0') {
                        frac.pop();
                    }
                    if frac.is_empty() {
                        continue;
                    }
                }
                out.push(char::from(sep));
                out.push_str(&frac);
            }
        }
    }
    out
}
