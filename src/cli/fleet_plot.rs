//! `wusim fleet --plot FILE.svg`: the fleet report as one chart, readable with no other tool.
//!
//! The top panel shows, ring by ring, the share of PCs on the newest update at the end of
//! each simulated hour, with the release (a dashed grey line) and the 95 % mark; the bottom
//! panel shows the requests that reached the server each hour, those it throttled, and its
//! capacity when the fleet file sets one.
//!
//! It is drawn with plotters' SVG backend and no default features: the output is a plain
//! text file that any browser shows, nothing loads a font (text goes out as
//! `font-family="sans-serif"`, widths come from plotters' built-in estimate), and no system
//! library is linked. The chart depends only on the report, so a run's chart is
//! byte-for-byte the same each time.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use wusim::fleet::report::Report;

/// The chart's size in pixels.
const SIZE: (u32, u32) = (900, 640);

/// Ring colours (Tableau 10: distinct, and readable on white).
const RING_COLOURS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

const REQUESTS: RGBColor = RGBColor(31, 119, 180);
const THROTTLED: RGBColor = RGBColor(255, 127, 14);
const CAPACITY: RGBColor = RGBColor(214, 39, 40);
const MARK: RGBColor = RGBColor(128, 128, 128);
const BOLD_GRID: RGBColor = RGBColor(215, 215, 215);
const LIGHT_GRID: RGBColor = RGBColor(240, 240, 240);

const FONT: &str = "sans-serif";

/// The report's chart, as an SVG document.
pub(super) fn svg(report: &Report) -> Result<String, String> {
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(msg)?;
        let title = format!(
            "Fleet of {} PCs, {} days from {}",
            report.pcs, report.days, report.start
        );
        let body = root.titled(&title, (FONT, 20)).map_err(msg)?;
        let split = body.dim_in_pixel().1 * 3 / 5;
        let (top, bottom) = body.split_vertically(split);
        shares(&top, report)?;
        load(&bottom, report)?;
        root.present().map_err(msg)?;
    }
    Ok(s)
}

fn msg(e: impl std::fmt::Display) -> String {
    format!("cannot draw the chart: {e}")
}

/// The x range: the run's days (at least one, so the range is never empty).
fn days(report: &Report) -> f64 {
    f64::from(report.days.max(1))
}

/// An axis label: a whole number without decimals, anything else with one.
fn number(x: &f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// The top panel: the share on the newest update, one line per ring.
fn shares(area: &DrawingArea<SVGBackend<'_>, Shift>, report: &Report) -> Result<(), String> {
    let days = days(report);
    let mut chart = ChartBuilder::on(area)
        .caption("Share on the newest update, by ring", (FONT, 16))
        .margin(10)
        .margin_right(25)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0.0..days, 0.0..100.0)
        .map_err(msg)?;
    chart
        .configure_mesh()
        .bold_line_style(BOLD_GRID)
        .light_line_style(LIGHT_GRID)
        .max_light_lines(1)
        .x_labels(x_labels(report))
        .x_label_formatter(&number)
        .y_labels(11)
        .y_label_formatter(&|y| format!("{y:.0} %"))
        .x_desc("days since the start")
        .y_desc("PCs on the newest update")
        .axis_desc_style((FONT, 14))
        .label_style((FONT, 12))
        .draw()
        .map_err(msg)?;

    // The marks first, so that the rings' lines are drawn over them.
    chart
        .draw_series(LineSeries::new(
            [(0.0, 95.0), (days, 95.0)],
            MARK.stroke_width(1),
        ))
        .map_err(msg)?;
    let mark_text = TextStyle::from((FONT, 12).into_font())
        .color(&MARK)
        .pos(Pos::new(HPos::Left, VPos::Bottom));
    chart
        .draw_series(std::iter::once(Text::new(
            "95 %",
            (days * 0.005, 95.5),
            mark_text,
        )))
        .map_err(msg)?;
    if let Some(hour) = report.release_hour {
        let x = f64::from(hour) / 24.0;
        chart
            .draw_series(DashedLineSeries::new(
                [(x, 0.0), (x, 100.0)],
                6,
                4,
                MARK.stroke_width(1),
            ))
            .map_err(msg)?
            .label(format!("release (day {x:.1})"))
            .legend(|(x, y)| {
                DashedPathElement::new([(x, y), (x + 20, y)], 6, 4, MARK.stroke_width(1))
            });
    }

    let mut points = Vec::new();
    for (i, ring) in report.rings.iter().enumerate() {
        let colour = RING_COLOURS[i % RING_COLOURS.len()];
        // Each share is the one at the end of its hour.
        let line: Vec<(f64, f64)> = ring
            .hourly_latest_pct
            .iter()
            .enumerate()
            .map(|(h, &pct)| ((h + 1) as f64 / 24.0, pct))
            .collect();
        points.extend_from_slice(&line);
        chart
            .draw_series(LineSeries::new(line, colour.stroke_width(2)))
            .map_err(msg)?
            .label(format!("{} ({} PCs)", ring.name, ring.pcs))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2)));
    }
    let entries = report.rings.len() + usize::from(report.release_hour.is_some());
    chart
        .configure_series_labels()
        .position(corner(
            &points,
            (days, 100.0),
            entries,
            area.dim_in_pixel().1,
        ))
        .background_style(WHITE.mix(0.9))
        .border_style(BOLD_GRID)
        .label_font((FONT, 13))
        .draw()
        .map_err(msg)?;
    Ok(())
}

/// The bottom panel: the server's requests per hour, throttled, and its capacity.
fn load(area: &DrawingArea<SVGBackend<'_>, Shift>, report: &Report) -> Result<(), String> {
    let days = days(report);
    let capacity = report.server.capacity_requests;
    let highest = report
        .hours
        .iter()
        .map(|h| h.requests.max(h.throttled))
        .chain(capacity)
        .max()
        .unwrap_or(0);
    // Some headroom above the highest line, and a valid range when nothing was asked.
    let top = (f64::from(highest) * 1.1).ceil().max(1.0);
    let mut chart = ChartBuilder::on(area)
        .caption("Server load per hour", (FONT, 16))
        .margin(10)
        .margin_right(25)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(0.0..days, 0.0..top)
        .map_err(msg)?;
    chart
        .configure_mesh()
        .bold_line_style(BOLD_GRID)
        .light_line_style(LIGHT_GRID)
        .max_light_lines(1)
        .x_labels(x_labels(report))
        .x_label_formatter(&number)
        .y_labels(6)
        .y_label_formatter(&number)
        .x_desc("days since the start")
        .y_desc("requests per hour")
        .axis_desc_style((FONT, 14))
        .label_style((FONT, 12))
        .draw()
        .map_err(msg)?;

    if let Some(hour) = report.release_hour {
        let x = f64::from(hour) / 24.0;
        chart
            .draw_series(DashedLineSeries::new(
                [(x, 0.0), (x, top)],
                6,
                4,
                MARK.stroke_width(1),
            ))
            .map_err(msg)?;
    }
    // Each hour's count is drawn at the middle of its hour.
    let at = |h: usize| (h as f64 + 0.5) / 24.0;
    let requests: Vec<(f64, f64)> = report
        .hours
        .iter()
        .enumerate()
        .map(|(h, load)| (at(h), f64::from(load.requests)))
        .collect();
    let throttled: Vec<(f64, f64)> = report
        .hours
        .iter()
        .enumerate()
        .map(|(h, load)| (at(h), f64::from(load.throttled)))
        .collect();
    let mut points = requests.clone();
    points.extend_from_slice(&throttled);
    let mut entries = 2;
    if let Some(cap) = capacity {
        let y = f64::from(cap);
        points.extend([(0.0, y), (days, y)]);
        entries += 1;
        chart
            .draw_series(LineSeries::new(
                [(0.0, y), (days, y)],
                CAPACITY.stroke_width(2),
            ))
            .map_err(msg)?
            .label(format!("capacity ({cap} requests per hour)"))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], CAPACITY.stroke_width(2)));
    }
    chart
        .draw_series(LineSeries::new(requests, REQUESTS.stroke_width(2)))
        .map_err(msg)?
        .label("requests")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], REQUESTS.stroke_width(2)));
    chart
        .draw_series(LineSeries::new(throttled, THROTTLED.stroke_width(2)))
        .map_err(msg)?
        .label("throttled (HTTP 503)")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 20, y)], THROTTLED.stroke_width(2)));
    chart
        .configure_series_labels()
        .position(corner(&points, (days, top), entries, area.dim_in_pixel().1))
        .background_style(WHITE.mix(0.9))
        .border_style(BOLD_GRID)
        .label_font((FONT, 13))
        .draw()
        .map_err(msg)?;
    Ok(())
}

/// How many labels the x axis gets: one a day for short runs, fewer for long ones.
fn x_labels(report: &Report) -> usize {
    report.days.clamp(1, 15) as usize + 1
}

/// The corner for a legend of `entries` lines in a panel `height` pixels high whose plot
/// spans `0..x_max` and `0..y_max`: the one with the fewest of `points` under it (the upper
/// right on a tie).
fn corner(
    points: &[(f64, f64)],
    (x_max, y_max): (f64, f64),
    entries: usize,
    height: u32,
) -> SeriesLabelPosition {
    // The legend is about 35 % of the plot wide and 20 px a line high; the plot is the
    // panel less its caption and axis labels (about 90 px).
    let plot = f64::from(height.saturating_sub(90).max(1));
    let h = ((entries as f64 * 20.0 + 15.0) / plot).min(1.0) * y_max;
    let w = 0.35 * x_max;
    let corners = [
        (
            SeriesLabelPosition::UpperRight,
            x_max - w..=x_max,
            y_max - h..=y_max,
        ),
        (SeriesLabelPosition::LowerRight, x_max - w..=x_max, 0.0..=h),
        (SeriesLabelPosition::UpperLeft, 0.0..=w, y_max - h..=y_max),
        (SeriesLabelPosition::LowerLeft, 0.0..=w, 0.0..=h),
    ];
    let mut best = None;
    for (position, xs, ys) in corners {
        let under = points
            .iter()
            .filter(|(x, y)| xs.contains(x) && ys.contains(y))
            .count();
        if best.as_ref().is_none_or(|&(_, n)| under < n) {
            best = Some((position, under));
        }
    }
    best.map_or(SeriesLabelPosition::UpperRight, |(p, _)| p)
}

#[cfg(test)]
mod tests {
    use wusim::fleet::report::{Report, release_hour};
    use wusim::fleet::run::{Context, run};
    use wusim::fleet::spec::parse;

    fn report(toml: &str) -> Report {
        let spec = parse("t.toml", toml).unwrap();
        let ctx = Context::new(spec);
        let tally = run(&ctx, None, 1, &|_, _| {});
        let release = release_hour(ctx.spec(), &ctx.catalog);
        Report::new(ctx.spec(), &tally, release)
    }

    #[test]
    fn draws_a_deterministic_svg_with_the_rings_and_the_capacity_only_when_set() {
        let plain = report("[fleet]\npcs = 40\ndays = 3\n");
        let svg = super::svg(&plain).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(200)]);
        roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
        assert!(svg.contains("Fleet of 40 PCs, 3 days from "));
        assert!(svg.contains("All (40 PCs)"));
        assert!(svg.contains("Share on the newest update, by ring"));
        assert!(svg.contains("Server load per hour"));
        assert!(!svg.contains("capacity"));
        assert_eq!(plain.release_hour.is_some(), svg.contains("release (day "));
        assert_eq!(svg, super::svg(&plain).unwrap(), "two renders differ");

        let capped = report("[fleet]\npcs = 40\ndays = 3\n\n[server]\nrequests-per-hour = 5\n");
        assert_eq!(capped.server.capacity_requests, Some(5));
        let svg = super::svg(&capped).unwrap();
        roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
        assert!(svg.contains("capacity (5 requests per hour)"));
        assert_eq!(svg, super::svg(&capped).unwrap(), "two renders differ");
    }

    #[test]
    fn an_idle_server_and_odd_ring_names_still_give_a_valid_chart() {
        let mut idle = report("[fleet]\npcs = 40\ndays = 3\n");
        idle.hours.iter_mut().for_each(|h| *h = Default::default());
        idle.release_hour = None;
        idle.rings[0].name = "R&D <lab>".to_string();
        let svg = super::svg(&idle).unwrap();
        roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
        assert!(svg.contains("R&amp;D &lt;lab&gt; (40 PCs)"));
        assert!(!svg.contains("release"));
    }
}
