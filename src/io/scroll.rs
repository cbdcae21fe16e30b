//! Keeping an item visible inside its own scroll box (the transcript list, the slide strip)
//! without scrolling the page, which `scrollIntoView` would do. Only the box's own scroll
//! offset moves, relative to where it is, so it works the same left to right and right to
//! left.

use web_sys::Element;

/// Which way a scroll box scrolls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScrollAxis {
    /// Up and down (a list).
    Block,
    /// Sideways (a strip).
    Inline,
}

/// How far to scroll a box so that an item is shown: zero when the item is already wholly
/// inside, otherwise the distance that centres it. `item` and `view` are `(start, end)`
/// edges on the same axis, in the same coordinates (CSS pixels on screen).
pub fn scroll_delta_to_show(item: (f64, f64), view: (f64, f64)) -> f64 {
    let (item_start, item_end) = item;
    let (view_start, view_end) = view;
    if item_start >= view_start && item_end <= view_end {
        return 0.0;
    }
    (item_start + item_end) / 2.0 - (view_start + view_end) / 2.0
}

/// Scrolls `container` (and nothing else) so that `item`, one of its descendants, is shown.
pub fn keep_in_view(container: &Element, item: &Element, axis: ScrollAxis) {
    let view = container.get_bounding_client_rect();
    let shown = item.get_bounding_client_rect();
    match axis {
        ScrollAxis::Block => {
            let delta =
                scroll_delta_to_show((shown.top(), shown.bottom()), (view.top(), view.bottom()));
            if delta != 0.0 {
                container.scroll_by_with_x_and_y(0.0, delta);
            }
        }
        ScrollAxis::Inline => {
            let delta =
                scroll_delta_to_show((shown.left(), shown.right()), (view.left(), view.right()));
            if delta != 0.0 {
                container.scroll_by_with_x_and_y(delta, 0.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn an_item_already_shown_needs_no_scroll() {
        assert_eq!(scroll_delta_to_show((10.0, 30.0), (0.0, 100.0)), 0.0);
        assert_eq!(scroll_delta_to_show((0.0, 100.0), (0.0, 100.0)), 0.0);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_item_below_or_above_is_centred() {
        // Item 200..220 (centre 210) in a view 0..100 (centre 50): scroll down by 160.
        assert_eq!(scroll_delta_to_show((200.0, 220.0), (0.0, 100.0)), 160.0);
        // Item -50..-30 (centre -40): scroll up by 90.
        assert_eq!(scroll_delta_to_show((-50.0, -30.0), (0.0, 100.0)), -90.0);
        // Partly cut off at the end: still centred.
        assert_eq!(scroll_delta_to_show((90.0, 110.0), (0.0, 100.0)), 50.0);
    }
}
