use super::*;

fn face<'a>(bullets: &'a [&'a str]) -> SlideFace<'a> {
    SlideFace {
        header: "Astronomy 101",
        title: "Finding the pole star",
        bullets,
        number: 2,
        count: 6,
    }
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-slide-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_line_is_drawn_from_its_own_text_file() {
    let dir = scratch("lines");
    let bullets = [
        "Big Dipper: follow its two Pointers",
        "About five gaps on: Polaris",
    ];
    let chain = filter(
        &face(&bullets),
        Canvas {
            width: 640,
            height: 360,
        },
        &dir,
        "s2",
    )
    .unwrap();
    // header, title, two bullet marks with one line each, slide number
    assert_eq!(chain.matches("drawtext=").count(), 7);
    assert_eq!(
        std::fs::read_to_string(dir.join("s2-02.txt")).unwrap(),
        "Finding the pole star"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("s2-04.txt")).unwrap(),
        bullets[0]
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("s2-07.txt")).unwrap(),
        "2 / 6"
    );
    assert!(
        !chain.contains("Polaris"),
        "text must not be inline: {chain}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn layout_scales_with_the_canvas() {
    let dir = scratch("scale");
    let small = filter(
        &face(&[]),
        Canvas {
            width: 640,
            height: 360,
        },
        &dir,
        "a",
    )
    .unwrap();
    let large = filter(
        &face(&[]),
        Canvas {
            width: 1280,
            height: 720,
        },
        &dir,
        "b",
    )
    .unwrap();
    assert!(
        small.contains("fontsize=30:fontcolor=0xffffff:x=40:y=50"),
        "{small}"
    );
    assert!(
        large.contains("fontsize=60:fontcolor=0xffffff:x=80:y=100"),
        "{large}"
    );
    assert!(large.contains("x=w-tw-80:y=664"), "{large}");
    assert_eq!(
        small.matches("drawbox=").count(),
        large.matches("drawbox=").count()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn stars_keep_clear_of_the_text() {
    let canvas = Canvas {
        width: 640,
        height: 360,
    };
    let everywhere = starfield(canvas, &[]);
    let around_text = starfield(canvas, &[(0.0, 0.0, 640.0, 180.0)]);
    assert!(around_text.len() < everywhere.len());
    for star in &around_text {
        let y: u32 = star
            .split(":y=")
            .nth(1)
            .unwrap()
            .split(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(y > 180, "{star}");
    }
}

#[test]
fn long_bullets_wrap_onto_lines_of_their_own() {
    let dir = scratch("wrap");
    let long = "A planetarium program such as Stellarium shows where each planet is tonight";
    let chain = filter(
        &face(&[long]),
        Canvas {
            width: 640,
            height: 360,
        },
        &dir,
        "w",
    )
    .unwrap();
    assert_eq!(chain.matches("drawtext=").count(), 6);
    std::fs::remove_dir_all(dir).unwrap();
}
