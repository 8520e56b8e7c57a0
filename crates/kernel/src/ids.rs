//! Identifiers: UUIDv7 everywhere, so ids sort by creation time and make
//! good cursor keys and B-tree neighbours.

use uuid::Uuid;

/// A new time-ordered id.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// A UUIDv7 placed at `at` (millisecond precision), ordered within that
/// millisecond by `seq` (its 12 `rand_a` bits, RFC 9562 method 1), the rest
/// random: a record whose place is the time something was received and a
/// sender's sequence number, whatever order it is stored in.
pub fn placed_at(at: chrono::DateTime<chrono::Utc>, seq: u16) -> Uuid {
    let mut bytes: [u8; 10] = rand::random();
    let seq = seq.min(0x0fff);
    bytes[0] = (seq >> 8) as u8;
    bytes[1] = (seq & 0xff) as u8;
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_7_and_increase() {
        let a = new_id();
        let b = new_id();
        assert_eq!(a.get_version_num(), 7);
        assert!(b > a);
    }

    #[test]
    fn placed_ids_sort_by_time_then_sequence() {
        let t = chrono::Utc::now();
        let later = t + chrono::Duration::milliseconds(1);
        let (a, b, c) = (placed_at(t, 2), placed_at(t, 10), placed_at(later, 1));
        assert!(a < b && b < c, "{a} {b} {c}");
        assert_eq!(a.get_version_num(), 7);
        assert_eq!(a.get_timestamp().map(|ts| ts.to_unix().0), Some(t.timestamp() as u64));
    }
}
