//! Interning of the few dozen names a million rows repeat: display names keyed by their
//! folded form ([`Keyed`]), and a cache keyed by the address of a shared text
//! ([`SharedMap`]) so that the same spelling is looked up once, not once a row.

use std::collections::HashMap;

use crate::model::Text;
use crate::vn_text::fold;

/// First-seen display names keyed by their folded form. Lookups are cached by the raw text:
/// exports repeat the same few dozen spellings on every row, and folding is the costly part.
#[derive(Default)]
pub struct Keyed {
    pub names: Vec<String>,
    ids: HashMap<String, usize>,
    raw: HashMap<String, usize>,
}

impl Keyed {
    pub fn id(&mut self, name: &str) -> usize {
        if let Some(&id) = self.raw.get(name) {
            return id;
        }
        let key = fold(name);
        let id = match self.ids.get(&key) {
            Some(&id) => id,
            None => {
                self.names.push(name.to_string());
                self.ids.insert(key, self.names.len() - 1);
                self.names.len() - 1
            }
        };
        self.raw.insert(name.to_string(), id);
        id
    }
}

/// A cache keyed by the address of a shared text: the normaliser gives every distinct text of
/// a sheet one shared copy, so a million rows hit a few dozen addresses and no string is
/// hashed. The entry holds a clone of the text, so the address cannot be reused meanwhile.
pub struct SharedMap<V>(HashMap<usize, (Text, V), std::hash::BuildHasherDefault<AddressHasher>>);

impl<V: Copy> SharedMap<V> {
    pub fn new() -> Self {
        SharedMap(HashMap::default())
    }

    pub fn get_or_insert(&mut self, text: &Text, make: impl FnOnce(&str) -> V) -> V {
        let address = text.as_ptr() as usize;
        if let Some((_, v)) = self.0.get(&address) {
            return *v;
        }
        let v = make(text);
        self.0.insert(address, (text.clone(), v));
        v
    }
}

/// Addresses are unique already; a multiply spreads their aligned low bits.
#[derive(Default)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}
