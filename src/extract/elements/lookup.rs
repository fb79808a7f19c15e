//! Finding an element by its name: a perfect hash of the names, found at
//! compile time. A name of up to [`MAX_NAME`] bytes is read as one number
//! (its key); the key's slot in a small table holds the one name that may
//! match, which one comparison confirms.

use super::NAMES;

/// Names longer than this are no element's.
const MAX_NAME: usize = 15;

/// A name of up to [`MAX_NAME`] bytes as one number: its bytes, then its
/// length in the top byte (so that a NUL byte cannot make two names one).
const fn key_of(name: &[u8]) -> u128 {
    let mut key = (name.len() as u128) << 120;
    let mut at = 0;
    while at < name.len() {
        key |= (name[at] as u128) << (8 * at);
        at += 1;
    }
    key
}

/// The index in [`NAMES`] of `name`, if it is one of them.
pub(super) fn index(name: &[u8]) -> Option<usize> {
    let key = key(name)?;
    let at = usize::from(LOOKUP.slots[slot(key, LOOKUP.seed)]).checked_sub(1)?;
    (KEYS[at] == key).then_some(at)
}

/// [`key_of`], at run time: a few overlapping loads, not a loop over the
/// bytes or a copy (both cost more than the rest of the lookup).
fn key(name: &[u8]) -> Option<u128> {
    let len = name.len();
    let bytes = match len {
        0 => 0,
        1..=3 => {
            // Bytes 0, len/2 and len - 1 cover every position.
            let at = |i: usize| u128::from(name[i]) << (8 * i);
            at(0) | at(len / 2) | at(len - 1)
        }
        4..=7 => {
            let word = |i: usize| {
                u128::from(u32::from_le_bytes([
                    name[i],
                    name[i + 1],
                    name[i + 2],
                    name[i + 3],
                ]))
            };
            word(0) | word(len - 4) << (8 * (len - 4))
        }
        8..=MAX_NAME => {
            let word = |i: usize| u64::from_le_bytes(name[i..i + 8].try_into().unwrap_or_default());
            // The last eight bytes, moved down so that byte 8 comes first.
            let high = word(len - 8).checked_shr(8 * (16 - len) as u32).unwrap_or(0);
            u128::from(word(0)) | u128::from(high) << 64
        }
        _ => return None,
    };
    Some(bytes | (len as u128) << 120)
}

const KEYS: [u128; NAMES.len()] = {
    let mut keys = [0; NAMES.len()];
    let mut at = 0;
    while at < NAMES.len() {
        assert!(NAMES[at].len() <= MAX_NAME);
        keys[at] = key_of(NAMES[at].as_bytes());
        at += 1;
    }
    keys
};

/// Slots of the lookup table: enough that a seed without collisions among
/// the names is found within a few tries.
const SLOT_BITS: u32 = 11;

const fn slot(key: u128, seed: u64) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(31);
    (folded.wrapping_mul(seed) >> (64 - SLOT_BITS)) as usize
}

/// A perfect hash of the names, found at compile time: each name's slot
/// holds its index plus one, and no two names share a slot.
struct Lookup {
    seed: u64,
    slots: [u8; 1 << SLOT_BITS],
}

const LOOKUP: Lookup = {
    assert!(NAMES.len() < u8::MAX as usize);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    loop {
        let mut slots = [0u8; 1 << SLOT_BITS];
        let mut at = 0;
        while at < KEYS.len() {
            let slot = slot(KEYS[at], seed);
            if slots[slot] != 0 {
                break;
            }
            slots[slot] = at as u8 + 1;
            at += 1;
        }
        if at == KEYS.len() {
            break Lookup { seed, slots };
        }
        seed = seed.wrapping_add(0x6A09_E667_F3BC_C908);
    }
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The run-time key is the compile-time one, at every length.
        #[test]
        fn the_quick_key_is_the_key(name in proptest::collection::vec(any::<u8>(), 0..20)) {
            let expected = (name.len() <= MAX_NAME).then(|| key_of(&name));
            prop_assert_eq!(key(&name), expected);
        }
    }
}
