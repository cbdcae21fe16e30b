//! The player's entry point: reports panics to the console, then mounts the app into `<body>`.

fn main() {
    // Without a hook a panic in wasm shows only "unreachable"; with it, the console says where.
    std::panic::set_hook(Box::new(|info| leptos::logging::error!("{info}")));
    leptos::mount::mount_to_body(lectern::app::App);
}
