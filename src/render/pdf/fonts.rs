//! The two vendored faces (Liberation Serif Regular and Bold, metric-compatible with the Times
//! New Roman that Nghị định 30/2020/NĐ-CP documents use) and text width measurement from their
//! `hmtx` advances. Italic is the regular face slanted at draw time, so it measures as regular.

use printpdf::ParsedFont;

use super::PdfError;

static REGULAR_TTF: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/LiberationSerif-Regular.ttf"
));
static BOLD_TTF: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/LiberationSerif-Bold.ttf"
));

/// Which face a text run is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    /// The regular face, slanted (the place-and-date line, notes).
    Italic,
}

/// The parsed faces, shared by the layout (widths) and the draw step (embedding).
pub struct Fonts {
    pub(super) regular: ParsedFont,
    pub(super) bold: ParsedFont,
}

impl Fonts {
    pub fn load() -> Result<Fonts, PdfError> {
        let parse = |bytes: &[u8], name: &'static str| {
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(PdfError::Font(name))
        };
        Ok(Fonts {
            regular: parse(REGULAR_TTF, "LiberationSerif-Regular.ttf")?,
            bold: parse(BOLD_TTF, "LiberationSerif-Bold.ttf")?,
        })
    }

    fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Bold => &self.bold,
            Face::Regular | Face::Italic => &self.regular,
        }
    }

    /// Advance width of `text` at `size_pt`, in points (no kerning, as the PDF draws it).
    pub fn width_pt(&self, face: Face, text: &str, size_pt: f32) -> f32 {
        let font = self.face(face);
        let units: usize = text
            .chars()
            .map(|c| {
                font.lookup_glyph_index(c as u32)
                    .and_then(|g| font.get_glyph_width_internal(g))
                    .unwrap_or(0)
            })
            .sum();
        let per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        units as f32 * size_pt / per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_times_metrics_and_cover_vietnamese_letters() {
        let fonts = Fonts::load().unwrap();
        // Times/Liberation Serif: "0" advances 1024/2048 em, so ten digits at 10 pt are 50 pt.
        let digits = fonts.width_pt(Face::Regular, "0123456789", 10.0);
        assert!((digits - 50.0).abs() < 0.01, "{digits}");
        // Every precomposed Vietnamese letter has a glyph of non-zero width.
        for c in "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐƠƯơư".chars()
        {
            assert!(
                fonts.width_pt(Face::Bold, &c.to_string(), 10.0) > 1.0,
                "{c}"
            );
        }
        assert!(
            fonts.width_pt(Face::Bold, "Hạnh phúc", 13.0)
                > fonts.width_pt(Face::Regular, "Hạnh phúc", 13.0)
        );
    }
}
