//! The player's entry point: mounts the app into `<body>`.

fn main() {
    leptos::mount::mount_to_body(lectern::app::App);
}
