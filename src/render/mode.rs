//! `--render never|auto|always` (SPEC section 14).

use serde::Deserialize;

/// When a fetched page is also loaded in the browser.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RenderMode {
    /// Links are read from the fetched HTML only.
    #[default]
    Never,
    /// Only pages whose fetched HTML has no link to the target but runs scripts.
    Auto,
    /// Every HTML page fetched over HTTP.
    Always,
}

impl RenderMode {
    /// Whether a page whose fetched HTML has `static_links` links to the
    /// target and does (or does not) run scripts is rendered.
    pub fn wants(self, static_links: usize, runs_scripts: bool) -> bool {
        match self {
            RenderMode::Never => false,
            RenderMode::Auto => static_links == 0 && runs_scripts,
            RenderMode::Always => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RenderMode;

    #[test]
    fn auto_renders_only_scripted_pages_without_a_link() {
        assert!(RenderMode::Auto.wants(0, true));
        assert!(!RenderMode::Auto.wants(0, false));
        assert!(!RenderMode::Auto.wants(2, true));
        assert!(RenderMode::Always.wants(2, false));
        assert!(!RenderMode::Never.wants(0, true));
    }
}
