//! `tiendo check`: the data-quality findings of the inputs.

use clap::Args;

use super::args::{InputArgs, JudgingArgs, ProgressArgs};
use crate::config::Config;
use crate::model::Basis;
use crate::pipeline::Sources;

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    judging: JudgingArgs,
    #[command(flatten)]
    progress: ProgressArgs,
}

impl CheckArgs {
    pub fn job(&self, config: &Config) -> Sources {
        self.input
            .sources(&self.judging, Basis::Assigned, &self.progress, config)
    }
}
