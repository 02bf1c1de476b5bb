//! Benchmark files (issue 6): large, clean iOFFICE-like exports — two title rows, one header
//! row, real Excel dates, 14 columns — written with rust_xlsxwriter's constant-memory mode,
//! plus the directory they use and the expected figures for 2025.

use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, FormatAlign, Workbook};

use crate::directory::{self, Agency, ymd};
use crate::fixed_properties;
use crate::rng::SplitMix64;
use crate::tasks::{Due, Generator, Lead, Plan, Task, set_status_texts};
use crate::truth::{self, Basis, Expected, ReportSpec};
use crate::vocab::DocKind;

const COLUMNS: [&str; 14] = [
    "STT",
    "Mã nhiệm vụ",
    "Số ký hiệu",
    "Ngày văn bản",
    "Nội dung nhiệm vụ",
    "Lãnh đạo giao",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Ngày giao",
    "Hạn xử lý",
    "Hạn gia hạn",
    "Ngày hoàn thành",
    "Trạng thái",
    "Chuyên viên theo dõi",
];

pub struct BenchOutput {
    pub files: Vec<(String, usize)>,
    pub expected: Expected,
}

pub fn run(out: &Path, rows_per_file: usize, files: usize, seed: u64) -> Result<BenchOutput> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("không tạo được thư mục {}", out.display()))?;
    let dir = directory::province();
    directory::write_xlsx(&dir, &out.join("danh-muc-co-quan.xlsx"))?;
    let total = rows_per_file * files;
    let export_day = ymd(2025, 12, 31);
    let plan = Plan {
        first_year: 2024,
        tasks_per_year: vec![total / 2, total - total / 2],
        on_time_share: vec![0.88, 0.92],
        export_day,
        content_chars: (80, 200),
        allow_lists: false,
        unknown_share: 0.0,
        id_prefix: "NV-",
        kinds: DocKind::ALL.to_vec(),
    };
    let mut rng = SplitMix64::new(seed);
    let mut g = Generator {
        rng: rng.fork(),
        dir: &dir,
        plan,
        seen: None,
    };
    let mut tasks = g.generate();
    set_status_texts(&mut tasks, export_day, &mut rng.fork());
    let mut written = Vec::new();
    for k in 0..files {
        let name = format!("ioffice-bench-{:02}.xlsx", k + 1);
        let part: Vec<&Task> = tasks.iter().skip(k).step_by(files.max(1)).collect();
        write_file(&out.join(&name), &part, &dir, k + 1, files)?;
        written.push((name, part.len()));
    }
    let spec = ReportSpec {
        period: "2025",
        start: ymd(2025, 1, 1),
        end: ymd(2025, 12, 31),
        as_of: ymd(2025, 12, 31),
        basis: Basis::Assigned,
    };
    let expected = truth::expected(&tasks, &dir, &spec);
    let json = serde_json::to_string_pretty(&vec![&expected])? + "\n";
    std::fs::write(out.join("expected.json"), json)?;
    Ok(BenchOutput {
        files: written,
        expected,
    })
}

fn write_file(path: &Path, tasks: &[&Task], dir: &[Agency], k: usize, files: usize) -> Result<()> {
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties(
        "Danh sách nhiệm vụ (dữ liệu đo hiệu năng)",
    )?);
    let bold = Format::new().set_bold().set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name("Danh sách nhiệm vụ")?;
    let last = COLUMNS.len() as u16 - 1;
    ws.merge_range(0, 0, 0, last, "ỦY BAN NHÂN DÂN TỈNH BÌNH AN", &bold)?;
    let title = format!("DANH SÁCH NHIỆM VỤ DO UBND TỈNH GIAO NĂM 2024 - 2025 (tệp {k}/{files})");
    ws.merge_range(1, 0, 1, last, &title, &bold)?;
    for (c, h) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    let name = |i: usize| dir.get(i).map_or("", |a| a.name);
    for (n, t) in tasks.iter().enumerate() {
        let r = n as u32 + 3;
        ws.write_number(r, 0, (n + 1) as f64)?;
        ws.write_string(r, 1, t.id.as_deref().unwrap_or(""))?;
        ws.write_string(r, 2, &t.doc_number)?;
        if let Some(d) = t.doc_date {
            ws.write_with_format(r, 3, &d, &date)?;
        }
        ws.write_string(r, 4, &t.content)?;
        ws.write_string(r, 5, t.leader)?;
        if let Lead::Known(i) = t.lead {
            ws.write_string(r, 6, name(i))?;
        }
        let coop: Vec<&str> = t.cooperating.iter().map(|i| name(*i)).collect();
        ws.write_string(r, 7, coop.join("; "))?;
        if let Some(d) = t.assigned {
            ws.write_with_format(r, 8, &d, &date)?;
        }
        match t.due {
            Due::Date(d) => {
                ws.write_with_format(r, 9, &d, &date)?;
            }
            Due::Without("") => {}
            Due::Without(text) => {
                ws.write_string(r, 9, text)?;
            }
        }
        if let Some(d) = t.extended {
            ws.write_with_format(r, 10, &d, &date)?;
        }
        if let Some(d) = t.completed {
            ws.write_with_format(r, 11, &d, &date)?;
        }
        ws.write_string(r, 12, &t.status_text)?;
        ws.write_string(r, 13, t.officer)?;
    }
    wb.save(path)
        .with_context(|| format!("không ghi được {}", path.display()))?;
    Ok(())
}
