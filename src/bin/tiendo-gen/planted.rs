//! A tally of the quirks planted in the sample files, kind by kind, in the order first
//! planted: printed by the command and written into `sample-data/README.md`.

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

    pub fn entries(&self) -> &[(String, usize)] {
        &self.entries
    }
}
