//! Charts as plain SVG, written here rather than by a charting crate: the
//! reports need horizontal bars, columns and lines, a few dozen lines each,
//! and a crate (plotters and the like) would bring fonts, image codecs and
//! compile time for them. Each chart is a `<figure>` with a caption, an SVG
//! with `role="img"`, a `<title>` and a `<desc>` that says in words what the
//! picture shows (the text alternative screen readers and printouts keep).

use super::escape;
use std::fmt::Write;

const WIDTH: f64 = 440.0;
const LABEL_WIDTH: f64 = 150.0;
const ROW: f64 = 22.0;
/// Characters of a bar's label shown; the whole label is its tooltip.
const LABEL_CHARS: usize = 22;

/// One bar: its label, its length, and the figure written at its end.
pub(crate) struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    /// Drawn in the warning colour (toxic links, lost links).
    pub bad: bool,
}

impl Bar {
    pub fn count(label: impl Into<String>, count: usize) -> Bar {
        Bar {
            label: label.into(),
            value: count as f64,
            shown: count.to_string(),
            bad: false,
        }
    }

    pub fn bad(mut self) -> Bar {
        self.bad = true;
        self
    }
}

/// Horizontal bars, longest scale first as given; `axis` names what the
/// bars measure ("links").
pub(crate) fn bars(title: &str, axis: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0);
    let plot = WIDTH - LABEL_WIDTH - 80.0;
    let height = ROW * bars.len() as f64 + 40.0;
    let mut svg = String::new();
    for (i, bar) in bars.iter().enumerate() {
        let y = 8.0 + ROW * i as f64;
        let length = (bar.value / max * plot).max(if bar.value > 0.0 { 1.0 } else { 0.0 });
        let _ = write!(
            svg,
            r#"<g><title>{full}: {shown}</title><text x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect class="{class}" x="{LABEL_WIDTH}" y="{y}" width="{length:.1}" height="{h}"/><text x="{vx:.1}" y="{ty}">{shown}</text></g>"#,
            full = escape(&bar.label),
            shown = escape(&bar.shown),
            lx = LABEL_WIDTH - 6.0,
            ty = y + 14.0,
            label = escape(&shorten(&bar.label)),
            class = if bar.bad { "bar bad" } else { "bar" },
            h = ROW - 6.0,
            vx = LABEL_WIDTH + length + 4.0,
        );
    }
    let axis_y = 8.0 + ROW * bars.len() as f64 + 4.0;
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{x2}" y2="{axis_y}"/><text x="{cx}" y="{ly}" text-anchor="middle">{axis}</text>"#,
        x2 = LABEL_WIDTH + plot,
        cx = LABEL_WIDTH + plot / 2.0,
        ly = axis_y + 18.0,
        axis = escape(axis),
    );
    let words = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.shown))
        .collect::<Vec<_>>()
        .join("; ");
    figure(title, &format!("{axis} by bar. {words}."), height, &svg)
}

/// Vertical columns over an ordered axis (toxicity buckets), with a dashed
/// line before the column at `mark` labelled `mark_label`.
pub(crate) fn columns(
    title: &str,
    (x_axis, y_axis): (&str, &str),
    columns: &[Bar],
    mark: Option<(usize, &str)>,
) -> String {
    let max = columns.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0);
    let (left, top, plot_h) = (50.0, 20.0, 160.0);
    let step = (WIDTH - left - 10.0) / columns.len().max(1) as f64;
    let mut svg = String::new();
    for (i, column) in columns.iter().enumerate() {
        let h = column.value / max * plot_h;
        let x = left + step * i as f64;
        let _ = write!(
            svg,
            r#"<g><title>{label}: {shown}</title><rect class="{class}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}"/><text x="{cx:.1}" y="{ly:.1}" text-anchor="middle">{label}</text></g>"#,
            label = escape(&column.label),
            shown = escape(&column.shown),
            class = if column.bad { "bar bad" } else { "bar" },
            y = top + plot_h - h,
            w = step * 0.8,
            cx = x + step * 0.4,
            ly = top + plot_h + 14.0,
        );
    }
    if let Some((at, label)) = mark {
        let x = left + step * at as f64 - step * 0.1;
        let _ = write!(
            svg,
            r#"<line class="mark" x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{bottom}"/><text x="{tx:.1}" y="{ty}">{label}</text>"#,
            bottom = top + plot_h,
            tx = x + 4.0,
            ty = top - 6.0,
            label = escape(label),
        );
    }
    axes(&mut svg, (left, top, plot_h), (x_axis, y_axis), max);
    let words = columns
        .iter()
        .map(|b| format!("{}: {}", b.label, b.shown))
        .collect::<Vec<_>>()
        .join("; ");
    let marked = mark.map(|(_, label)| format!(" {label}.")).unwrap_or_default();
    figure(
        title,
        &format!("{y_axis} by {x_axis}. {words}.{marked}"),
        top + plot_h + 44.0,
        &svg,
    )
}

/// One line a series over labelled points in time, each its own colour
/// and named in the legend.
pub(crate) fn lines(
    title: &str,
    y_axis: &str,
    points: &[String],
    series: &[(&str, &str, Vec<f64>)],
) -> String {
    let max = series
        .iter()
        .flat_map(|(_, _, values)| values.iter().copied())
        .fold(0.0, f64::max)
        .max(1.0);
    let (left, top, plot_h) = (50.0, 20.0, 160.0);
    let span = (WIDTH - left - 20.0) / (points.len().max(2) - 1) as f64;
    let mut svg = String::new();
    for (i, (name, colour, values)) in series.iter().enumerate() {
        let path = values
            .iter()
            .enumerate()
            .map(|(j, v)| {
                format!(
                    "{:.1},{:.1}",
                    left + span * j as f64,
                    top + plot_h - v / max * plot_h
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            svg,
            r#"<polyline class="line" stroke="{colour}" points="{path}"><title>{name}</title></polyline><rect x="{lx:.1}" y="2" width="10" height="10" fill="{colour}"/><text x="{tx:.1}" y="11">{name}</text>"#,
            name = escape(name),
            lx = left + 150.0 * i as f64,
            tx = left + 150.0 * i as f64 + 14.0,
        );
        for (j, v) in values.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{colour}"><title>{name}, {point}: {v}</title></circle>"#,
                x = left + span * j as f64,
                y = top + plot_h - v / max * plot_h,
                name = escape(name),
                point = escape(points.get(j).map_or("", String::as_str)),
            );
        }
    }
    if let (Some(first), Some(last)) = (points.first(), points.last()) {
        let _ = write!(
            svg,
            r#"<text x="{left}" y="{y}">{first}</text><text x="{right}" y="{y}" text-anchor="end">{last}</text>"#,
            y = top + plot_h + 14.0,
            right = left + span * (points.len().max(1) - 1) as f64,
            first = escape(first),
            last = escape(last),
        );
    }
    axes(&mut svg, (left, top, plot_h), ("", y_axis), max);
    let words = series
        .iter()
        .map(|(name, _, values)| {
            let values = values
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            format!("{name}: {values}")
        })
        .collect::<Vec<_>>()
        .join("; ");
    figure(
        title,
        &format!(
            "{y_axis} at each of {} saved audits, oldest first. {words}.",
            points.len()
        ),
        top + plot_h + 44.0,
        &svg,
    )
}

/// The two axes, the largest value on the vertical one, and their names.
fn axes(svg: &mut String, (left, top, plot_h): (f64, f64, f64), (x_axis, y_axis): (&str, &str), max: f64) {
    let bottom = top + plot_h;
    let _ = write!(
        svg,
        r#"<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"/><line class="axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/><text x="{vx}" y="{vy}" text-anchor="end">{max}</text><text x="{vx}" y="{bottom}" text-anchor="end">0</text><text x="12" y="{my}" transform="rotate(-90 12 {my})" text-anchor="middle">{y_axis}</text><text x="{cx}" y="{xy}" text-anchor="middle">{x_axis}</text>"#,
        right = WIDTH - 10.0,
        vx = left - 4.0,
        vy = top + 4.0,
        max = max,
        my = top + plot_h / 2.0,
        cx = left + (WIDTH - left) / 2.0,
        xy = bottom + 30.0,
        y_axis = escape(y_axis),
        x_axis = escape(x_axis),
    );
}

fn figure(title: &str, description: &str, height: f64, svg: &str) -> String {
    let title = escape(title);
    format!(
        r#"<figure><figcaption>{title}</figcaption><svg role="img" viewBox="0 0 {WIDTH} {height:.0}"><title>{title}</title><desc>{desc}</desc>{svg}</svg></figure>"#,
        desc = escape(description),
    )
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{cut}…")
}
