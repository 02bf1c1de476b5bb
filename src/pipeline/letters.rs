//! `letters`: one urging letter (công văn đôn đốc) per agency with open overdue or coming-due
//! tasks at the cut-off, as a Word document and a PDF, and every letter in one PDF for
//! printing. The letters list exactly the report's overdue and coming-due tasks of each agency
//! and give its figures at the cut-off (those `figures` prints for it).

use anyhow::{Context, Result, bail};
use chrono::{Duration, NaiveDate};

use super::{OutFile, Outcome, Sources, Title, exit_without_freeing, load};
use crate::model::{Letter, Letters, Period, Restating, Sender};
use crate::normalize::Texts;
use crate::resolve::agencies::name_key;
use crate::vn_number::{Rounding, count, date};
use crate::vn_text::fold;
use crate::{assemble, classify, render};

/// Days after the cut-off an agency has to complete or explain, unless a date is given.
pub const REPLY_DAYS: i64 = 7;

#[derive(Clone, Debug)]
pub struct LettersJob {
    pub sources: Sources,
    pub period: Period,
    pub restating: Restating,
    /// The issuing body and the letters' date (the cut-off unless given).
    pub title: Title,
    pub sender: Sender,
    /// The reply date; [`REPLY_DAYS`] after the cut-off when None.
    pub reply_by: Option<NaiveDate>,
}

pub fn letters(job: &LettersJob) -> Result<Outcome> {
    let basis = job.sources.judging.basis;
    let texts = Texts::of_period(&job.period, basis);
    let loaded = load(&job.sources, texts).context("không đọc được dữ liệu đầu vào")?;
    let cut_off = job.period.effective_end();
    let structure = job.restating.structure(cut_off);
    // No rate is printed in a letter: the rounding does not matter.
    let meta = job.title.meta(&job.period, basis, Rounding::default());
    let reply_by = job.reply_by.unwrap_or(cut_off + Duration::days(REPLY_DAYS));
    if reply_by <= meta.report_date {
        bail!(
            "--reply-by: hạn báo cáo giải trình {} phải sau ngày công văn {}",
            date(reply_by),
            date(meta.report_date)
        );
    }
    let current = classify::view(&loaded, &job.period, structure);
    let report = assemble::build(&loaded, &current, None, meta.clone())?;
    let (mut letters, unsent) = assemble::letters(&loaded, &report);
    let mut warnings: Vec<String> = unsent
        .iter()
        .map(|u| {
            format!(
                "«{}» đã kết thúc hoạt động{}: không gửi công văn ({} nhiệm vụ quá hạn hoặc sắp \
                 đến hạn vẫn có trong báo cáo)",
                u.agency,
                u.ended_on
                    .map(|d| format!(" từ {}", date(d)))
                    .unwrap_or_default(),
                count(u.tasks as u64)
            )
        })
        .collect();
    // The Office follows up its own tasks itself: it writes no letter to itself.
    let sender_key = name_key(&job.sender.name);
    letters.retain(|letter| {
        let is_sender = name_key(&letter.agency) == sender_key;
        if is_sender {
            warnings.push(format!(
                "«{}» là cơ quan gửi công văn: không gửi cho chính mình ({} nhiệm vụ quá hạn, {} \
                 nhiệm vụ sắp đến hạn)",
                letter.agency,
                count(letter.overdue.len() as u64),
                count(letter.due_soon.len() as u64)
            ));
        }
        !is_sender
    });
    exit_without_freeing(report);
    exit_without_freeing(loaded);
    let set = Letters {
        meta,
        sender: job.sender.clone(),
        reply_by,
        letters,
    };
    if set.letters.is_empty() {
        return Ok(Outcome {
            text: format!(
                "Đến hết ngày {} không có cơ quan nào có nhiệm vụ quá hạn hoặc sắp đến hạn: \
                 không có công văn đôn đốc.\n",
                date(cut_off)
            ),
            warnings,
            ..Outcome::default()
        });
    }
    let pdfs = render::pdf::letter::letters_pdf(&set).context("không tạo được công văn PDF")?;
    let mut files = Vec::new();
    for ((letter, stem), pdf) in set
        .letters
        .iter()
        .zip(file_stems(&set.letters))
        .zip(pdfs.each)
    {
        let docx = render::docx::letter_bytes(&set, letter)
            .with_context(|| format!("không tạo được công văn Word gửi «{}»", letter.agency))?;
        files.push(OutFile {
            name: format!("{stem}.docx"),
            bytes: docx,
        });
        files.push(OutFile {
            name: format!("{stem}.pdf"),
            bytes: pdf,
        });
    }
    files.push(OutFile {
        name: "cong-van-tat-ca.pdf".to_string(),
        bytes: pdfs.all,
    });
    Ok(Outcome {
        files,
        warnings,
        ..Outcome::default()
    })
}

/// `cong-van-STC`: each letter's file name without extension, from the agency's code, or a
/// readable ASCII slug of its name when it has none (`cong-van-so-ngoai-vu`); a name taken
/// twice gets `-2`, `-3`.
fn file_stems(letters: &[Letter]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    letters
        .iter()
        .map(|letter| {
            let base = format!("cong-van-{}", slug(letter));
            let mut stem = base.clone();
            let mut n = 1;
            while taken.iter().any(|t| t.eq_ignore_ascii_case(&stem)) {
                n += 1;
                stem = format!("{base}-{n}");
            }
            taken.push(stem.clone());
            stem
        })
        .collect()
}

fn slug(letter: &Letter) -> String {
    let plain = |text: &str| -> String {
        fold(text)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    };
    let code_is_plain = |c: &str| {
        c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
    };
    match letter.code.as_deref() {
        Some(code) if code_is_plain(code) => code.to_string(),
        Some(code) if !plain(code).is_empty() => plain(code).to_uppercase(),
        _ => match plain(&letter.agency) {
            s if s.is_empty() => "co-quan".to_string(),
            s => s,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Counts;

    fn letter(agency: &str, code: Option<&str>) -> Letter {
        Letter {
            agency: agency.to_string(),
            code: code.map(String::from),
            head_title: None,
            counts: Counts::default(),
            overdue: vec![],
            due_soon: vec![],
        }
    }

    #[test]
    fn file_names_carry_the_code_or_an_ascii_slug_and_never_repeat() {
        let letters = [
            letter("Sở Tài chính", Some("STC")),
            letter("Sở Kế hoạch và Đầu tư", Some("SKHĐT")),
            letter("Sở Ngoại vụ", None),
            letter("Ủy ban nhân dân xã Hòa Vang", None),
            letter("Sở Tài chính (cũ)", Some("stc")),
        ];
        assert_eq!(
            file_stems(&letters),
            [
                "cong-van-STC",
                "cong-van-SKHDT",
                "cong-van-so-ngoai-vu",
                "cong-van-uy-ban-nhan-dan-xa-hoa-vang",
                "cong-van-stc-2",
            ]
        );
    }
}
