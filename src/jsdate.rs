//! JavaScript `Date` parsing and formatting for the ISO strings Better Auth
//! uses.
//!
//! Better Auth revives every string matching
//! `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$` with `new Date(s)`,
//! keeping it when `getTime()` is not `NaN`, and writes dates back with
//! `toISOString()`. [`is_iso_date_shaped`], [`parse_iso_ms`] and
//! [`to_iso_string`] reproduce those three steps exactly as V8 does them,
//! including V8's leniencies (checked against Node 20):
//!
//! * any day `01`..=`31` is accepted in any month and overflows into the
//!   next month (`2026-02-31T00:00:00Z` is 2026-03-03); day `00`/`32`,
//!   month `00`/`13` are rejected;
//! * hour `24` is accepted only as `24:00:00` with an all-zero fraction (the
//!   next day's midnight); minute and second `60` are rejected;
//! * the fraction may have any number of digits; V8 takes milliseconds from
//!   it with a quirk: leading zeros are skipped, the next (at most 9) digits
//!   form a number `n`, and with `len` the total digit count, the
//!   milliseconds are `n * 100` (len 1), `n * 10` (len 2), `n` (len 3), or
//!   `n / 10^(min(len, 9) - 3)` otherwise. So `.1239` is 123 ms but
//!   `.0123456789` is also 123 ms (not 12).

/// The largest `|ms|` a JavaScript `Date` can hold (100 000 000 days).
pub const MAX_TIME_MS: i64 = 8_640_000_000_000_000;

const MS_PER_DAY: i64 = 86_400_000;

/// Whether `s` matches `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$`
/// (ASCII digits only; `$` is the very end, as in a JavaScript regex
/// without the `m` flag).
pub fn is_iso_date_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let head = digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !head {
        return false;
    }
    match b[19] {
        b'Z' => b.len() == 20,
        b'.' => b.len() >= 22 && b[b.len() - 1] == b'Z' && digits(20..b.len() - 1),
        _ => false,
    }
}

/// `new Date(s).getTime()` for strings matching [`is_iso_date_shaped`]:
/// milliseconds since the epoch, or `None` where V8 gives `NaN`. Strings not
/// of that shape also give `None` (whatever V8 would make of them).
pub fn parse_iso_ms(s: &str) -> Option<i64> {
    if !is_iso_date_shaped(s) {
        return None;
    }
    let b = s.as_bytes();
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0i64, |n, &d| n * 10 + i64::from(d - b'0'));
    let year = num(0..4);
    let month = num(5..7);
    let day = num(8..10);
    let hour = num(11..13);
    let minute = num(14..16);
    let second = num(17..19);
    let (frac_nonzero, ms) = if b[19] == b'.' {
        v8_milliseconds(&b[20..b.len() - 1])
    } else {
        (false, 0)
    };
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 24
        || minute > 59
        || second > 59
    {
        return None;
    }
    if hour == 24 && (minute != 0 || second != 0 || frac_nonzero) {
        return None;
    }
    let days = days_from_civil(year, month, 1) + day - 1;
    Some(days * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms)
}

/// V8's reading of a fraction's digits: whether any digit is nonzero, and
/// the milliseconds (see the module docs for the quirk).
fn v8_milliseconds(digits: &[u8]) -> (bool, i64) {
    let len = digits.len();
    let significant = &digits[digits.iter().take_while(|&&d| d == b'0').count()..];
    let n = significant
        .iter()
        .take(9)
        .fold(0i64, |n, &d| n * 10 + i64::from(d - b'0'));
    let ms = match len {
        0 => 0,
        1 => n * 100,
        2 => n * 10,
        3 => n,
        _ => n / 10i64.pow(len.min(9) as u32 - 3),
    };
    (n != 0, ms)
}

/// `new Date(ms).toISOString()`: `YYYY-MM-DDTHH:mm:ss.sssZ`, years outside
/// `0..=9999` as `+YYYYYY` / `-YYYYYY`. `None` where JavaScript throws
/// (`|ms| > 8.64e15`).
pub fn to_iso_string(ms: i64) -> Option<String> {
    if ms.checked_abs()? > MAX_TIME_MS {
        return None;
    }
    let days = ms.div_euclid(MS_PER_DAY);
    let rem = ms.rem_euclid(MS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let (hh, mm, ss, sss) = (
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    );
    let year = if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else if y < 0 {
        format!("-{:06}", -y)
    } else {
        format!("+{y:06}")
    };
    Some(format!(
        "{year}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{sss:03}Z"
    ))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`). `m` is 1..=12; `d` may exceed the month's length.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape() {
        assert!(is_iso_date_shaped("2026-01-01T00:00:00Z"));
        assert!(is_iso_date_shaped("2026-01-01T00:00:00.1Z"));
        assert!(!is_iso_date_shaped("2026-01-01T00:00:00.Z"));
        assert!(!is_iso_date_shaped("2026-01-01T00:00:00Z\n"));
        assert!(!is_iso_date_shaped("2026-01-01 00:00:00Z"));
        assert!(!is_iso_date_shaped("2026-01-01T00:00:00+00:00"));
        assert!(!is_iso_date_shaped("２026-01-01T00:00:00Z"));
    }

    #[test]
    fn parse_known() {
        assert_eq!(parse_iso_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_iso_ms("2026-02-30T00:00:00Z"),
            Some(1_772_409_600_000)
        );
        assert_eq!(
            parse_iso_ms("2026-01-01T24:00:00Z"),
            Some(1_767_312_000_000)
        );
        assert_eq!(parse_iso_ms("2026-01-01T24:00:00.0001Z"), None);
        assert_eq!(
            parse_iso_ms("2026-01-01T00:00:00.0123456789Z"),
            Some(1_767_225_600_123)
        );
        assert_eq!(
            parse_iso_ms("0000-01-01T00:00:00Z"),
            Some(-62_167_219_200_000)
        );
        assert_eq!(parse_iso_ms("2026-13-01T00:00:00Z"), None);
    }

    #[test]
    fn format_known() {
        assert_eq!(to_iso_string(0).unwrap(), "1970-01-01T00:00:00.000Z");
        assert_eq!(to_iso_string(-1).unwrap(), "1969-12-31T23:59:59.999Z");
        assert_eq!(
            to_iso_string(MAX_TIME_MS).unwrap(),
            "+275760-09-13T00:00:00.000Z"
        );
        assert_eq!(
            to_iso_string(-MAX_TIME_MS).unwrap(),
            "-271821-04-20T00:00:00.000Z"
        );
        assert_eq!(to_iso_string(MAX_TIME_MS + 1), None);
        assert_eq!(to_iso_string(i64::MIN), None);
        assert_eq!(to_iso_string(i64::MAX), None);
    }
}
