//! Table layout shared by every command.

use comfy_table::{ContentArrangement, presets};

/// How tables are drawn: boxed on a terminal, plain aligned columns otherwise (so `grep` and
/// `awk` see one row per line and no box characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableStyle {
    Boxed { width: Option<u16> },
    Plain,
}

/// A table with a header row, laid out for `style`.
pub struct Table(comfy_table::Table);

impl Table {
    pub fn new(style: TableStyle, header: &[&str]) -> Table {
        let mut table = comfy_table::Table::new();
        match style {
            TableStyle::Boxed { width } => {
                table.load_style(presets::UTF8_FULL_CONDENSED);
                if let Some(width) = width {
                    table.set_width(width);
                    table.set_content_arrangement(ContentArrangement::Dynamic);
                }
            }
            TableStyle::Plain => {
                table.load_style(presets::NOTHING);
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table.set_header(header.to_vec());
        if style == TableStyle::Plain {
            for column in table.column_iter_mut() {
                column.set_padding((0, 2));
            }
        }
        Table(table)
    }

    pub fn row<I, S>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.0
            .add_row(cells.into_iter().map(Into::into).collect::<Vec<String>>());
        self
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Padding leaves spaces after the last column; they only get in the way of `cut`.
        for (i, line) in self.0.lines().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(line.trim_end())?;
        }
        Ok(())
    }
}
