//! A tally of the quirks planted in the sample files, kind by kind: printed by the command and
//! written into `sample-data/README.md`, sorted by kind so related quirks sit together.

#[derive(Clone, Debug, Default)]
pub struct Tally {
    entries: Vec<(String, usize)>,
}

impl Tally {
    pub fn add(&mut self, kind: &str) {
        self.add_n(kind, 1);
    }

    pub fn add_n(&mut self, kind: &str, n: usize) {
        match self.entries.iter_mut().find(|e| e.0 == kind) {
            Some(e) => e.1 += n,
            None => self.entries.push((kind.to_string(), n)),
        }
    }

    pub fn entries(&self) -> Vec<(String, usize)> {
        let mut sorted = self.entries.clone();
        sorted.sort();
        sorted
    }
}
